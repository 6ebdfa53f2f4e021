"""The settings of the two app servers of tests/core/test_scale_out.py: production's, as each
server of a deployment runs them (one database, one MEDIA_ROOT and one SECRET_KEY, from the
environment), with two changes that have nothing to do with scale-out: the test suite's fast
password hasher, and static files served unhashed (no collectstatic in a test)."""

from cfc_portal.settings.production import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
