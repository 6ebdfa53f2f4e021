"""The project's own pages: the server-error and refused-form answers, and the proxy's health
check."""

from __future__ import annotations

import logging
import sys
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .middleware import DATABASE_UNAVAILABLE, database_unavailable_response

logger = logging.getLogger(__name__)


def server_error(request):
    """handler500: the translated 500 page, rendered without the database or the context
    processors; the 503 page when the error being handled is the database's being unreachable
    (raised where `DatabaseUnavailableMiddleware` cannot catch it, e.g. saving the session)."""
    if isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        return database_unavailable_response(request)
    with translation.override(translation.get_language_from_request(request)):
        return HttpResponseServerError(render_to_string("500.html"))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form whose security token is missing or stale (a page left open
    too long, or signed in elsewhere since) gets the portal's own translated 403 page, with
    what to do, instead of Django's English one."""
    message = _(
        "This form had expired, so nothing was saved. Go back, reload the page and send it again."
    )
    return render(request, "403.html", {"exception": message}, status=403)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database does not answer")
        return False


def _media_writable() -> bool:
    name = f"healthz/probe-{uuid.uuid4().hex}.txt"
    try:
        stored = default_storage.save(name, ContentFile(b"ok"))
        default_storage.delete(stored)
    except Exception:
        logger.exception("Health check: the document storage (MEDIA_ROOT) is not writable")
        return False
    return True


@never_cache
@require_safe
def healthz(request):
    """For the proxy: 200 "ok" when the database answers and the document storage takes a
    small file (written and deleted), 503 otherwise. Public, sets no session, tells no details
    (they go to the log)."""
    database, media = _database_answers(), _media_writable()  # both, so both are logged
    healthy = database and media
    return HttpResponse(
        "ok" if healthy else "unavailable",
        status=200 if healthy else 503,
        content_type="text/plain; charset=utf-8",
    )
