"""WSGI entry point: `gunicorn cfc_portal.wsgi` (production settings unless told otherwise)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cfc_portal.settings.production")

application = get_wsgi_application()
