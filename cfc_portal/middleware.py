"""Site-wide response headers that Django 5.2 does not set itself, and the answer given while the
database cannot be reached."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

#: The errors that mean the database cannot be reached (down, restarting, connection lost).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
#: How long a browser or the proxy should wait before asking again, in seconds.
RETRY_AFTER_SECONDS = 30


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy of settings.CONTENT_SECURITY_POLICY and the
    Permissions-Policy of settings.PERMISSIONS_POLICY to every response.

    Every script and stylesheet is served from our own origin, so no inline code is allowed; the
    portal uses no camera, microphone, location, payment or USB, so no page may ask for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        permissions = getattr(settings, "PERMISSIONS_POLICY", "")
        if permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions
        return response


def database_unavailable_response(request):
    """The 503 page (translated, no database needed) with a Retry-After header."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        body = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 with Retry-After, instead of a bare 500, when the database cannot be reached.

    Place it early: it catches the error raised by a view or a template (`process_exception`),
    and, for an error raised in a middleware after it (loading or saving the session, the signed-in
    user), `cfc_portal.views.server_error` gives the same answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.error(
            "Database unavailable on %s %s: %s",
            request.method,
            request.path,
            exception,
            exc_info=exception,
        )
        return database_unavailable_response(request)
