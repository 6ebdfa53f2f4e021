"""Fast settings for the test suite: SQLite by default, PostgreSQL when DATABASE_URL says so."""

from .base import *

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # the demo loader and record fillers the tests use

DEBUG = False
SECRET_KEY = "test-only-not-a-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The admin tests sign a superuser in without a device; tests of the requirement turn it on.
OTP_REQUIRED_FOR_SUPERUSERS = False
