"""System checks of the deployment (`manage.py check --deploy`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 - names, not a bind


@register(Tags.security, deploy=True)
def portal_base_url_check(app_configs, **kwargs):
    """Workflow e-mail links to PORTAL_BASE_URL: in production (DEBUG off) it must be the
    portal's public HTTPS address, not the development default http://127.0.0.1:8000."""
    if settings.DEBUG:
        return []
    url = getattr(settings, "PORTAL_BASE_URL", "") or ""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname and parts.hostname not in LOCAL_HOSTS:
        return []
    return [
        Error(
            f"PORTAL_BASE_URL is {url!r}: the links in workflow e-mail would not reach the portal.",
            hint="Set PORTAL_BASE_URL to the portal's public HTTPS address, e.g. "
            "https://cfc.example.org.",
            id="core.E001",
        )
    ]
