"""The public pages' cache. The public list of 5,000 cities is read far more often than it
changes, so its pages are kept whole, per language, calendar, day and URL, in the cache of
each app server (settings.CACHES, per process by default) under the number of the lists'
edition (`core.editions`). A change to what they show (a stage's state, a candidacy, a city's or
a programme's name, a stage's title: `reporting.signals` listens) raises the number once its
transaction has committed, so every server's next request reads the new edition and renders
afresh: no server serves a page older than a change made through another one.

Only anonymous requests without messages are served from the cache: the page of a signed-in
reader carries their name and menu. The CSRF token of the language menu is put in on the way
out, so each visitor gets their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from core.editions import edition, edition_key

TIMEOUT = 60 * 60  # a page is rendered afresh at least hourly, whatever happens
_TOKEN_MARK = "__csrf_token_of_the_reader__"  # noqa: S105 (a placeholder, no secret)
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def _cacheable(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def public_page(
    request, render: Callable[[], HttpResponse], *, editions: tuple[str, ...] = ()
) -> HttpResponse:
    """`render()`'s response, from the cache when an anonymous reader asks for a page of the
    current edition in the same language, calendar and day (the status of a badge lapses
    at midnight). `editions`: the other editions (`core.editions`) of what the page shows
    besides the lists' (a city's page: its plan actions, its children's proposals)."""
    if not _cacheable(request):
        return render()
    key = edition_key(request, "public-page", *(f"{name}{edition(name)}" for name in editions))
    stored = cache.get(key)
    if stored is None:
        response = render()
        if response.status_code == 200:
            content = _TOKEN.sub(rf"\g<1>{_TOKEN_MARK}\g<2>", response.content.decode())
            cache.set(key, (content, response["Content-Type"]), TIMEOUT)
        return response
    content, content_type = stored
    return HttpResponse(content.replace(_TOKEN_MARK, get_token(request)), content_type=content_type)
