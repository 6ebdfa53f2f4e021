"""Production: PostgreSQL, HTTPS behind a reverse proxy. Requires SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL in the environment; passes `manage.py check --deploy --fail-level WARNING`."""

from .base import *

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": database(env.db("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

# Superusers must have two-factor sign-in, whatever the environment says.
OTP_REQUIRED_FOR_SUPERUSERS = True
# Sign-in throttling counts failures per username and client address. Behind nginx every
# request comes from 127.0.0.1, so the client's address is read from X-Forwarded-For: the
# entry appended by the outermost of SIGNIN_TRUSTED_PROXIES proxies (default 1: nginx with
# `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`), never a client-written one.
SIGNIN_TRUSTED_PROXIES = env.int("SIGNIN_TRUSTED_PROXIES", default=1)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The proxy's health check may ask gunicorn directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")
