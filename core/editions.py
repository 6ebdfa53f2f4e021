"""Editions: numbers that say how many times what a family of cached pages shows has changed.
A cache keyed on the number read from the database at each request never serves a page older
than the last change, whichever app server made it, with a cache per process (settings.CACHES)
and no cache server. `reporting.signals` raises the number when what the lists show changes.

The lists' edition (`LISTS`) covers the public list, the coordinator's overview, the sign-off
queue and the city page, and what signed-in requests keep (the user's row and scope, the city
or programme of a URL): cities, programmes, countries, candidacies, stage definitions, stages'
states, sign-offs, role assignments, commitments, evaluation conditions and users' rows. The
plans' edition (`PLANS`) covers the plans stage's record: the strategic plan, its goals, the
gaps they close, the operational plans, the plan actions and their yearly notes (the overview's
charts: budget by goal area; a city's public page; the plans stage's page). The proposals'
edition (`PROPOSALS`) covers the children's proposals and their answers (a city's public page
and its children's report). The atlases' edition (`ATLAS`) covers what an atlas page shows
beside the stage: districts, indicator definitions and their versions (a new version of a
programme's atlas indicators is what an atlas without values shows), indicator values and
district boundaries.
The stages' edition (`STAGES`) covers what a stage's page reads of its stage beside the lists:
the stage's row (its narrative, a draft saved), its history, its evidence and its comments
(`candidacy.lookups.visible_stage`, `candidacy.views`); a save or delete of any of these raises
it (`reporting.signals`), on commit.
The inbox's edition (`INBOX`) covers the navigation's unread counts: a notification sent, read
or all read (`notifications.services`) raises it; each user's count is kept under it.

A request reads each edition once, with its session (`core.sessions`) or at its first use
(`EditionMiddleware`), before it reads what it shows: whatever it keeps under that number is
at least as new as the number.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from cities.calendars import calendar_active

from .models import Edition

LISTS = "lists"
PLANS = "plans"
PROPOSALS = "proposals"
ATLAS = "atlas"
INBOX = "inbox"
STAGES = "stages"
#: The editions a signed-in request reads with its session, in one statement (`core.sessions`).
READ_WITH_SESSION = (LISTS, ATLAS, PLANS, INBOX, STAGES)
#: What a kept body holds in place of the reader's CSRF token (`edition_cached_with_token`).
TOKEN_MARK = "__csrf_token_of_the_reader__"  # noqa: S105 (a placeholder, no secret)
TIMEOUT = 60 * 60  # what is kept is rendered afresh at least hourly, whatever happens

_TABLE = connection.ops.quote_name(Edition._meta.db_table)

#: The editions the current request has read (None outside a request: read each time).
_read: ContextVar[dict | None] = ContextVar("editions_read", default=None)


def edition(name: str = LISTS) -> int:
    """The edition's number: read from the database, once per request."""
    read = _read.get()
    if read is not None and name in read:
        return read[name]
    number = _numbers([name])[name]
    if read is not None:
        read[name] = number
    return number


def _numbers(names: list[str]) -> dict[str, int]:
    """The editions' numbers (0: never raised), read at every request: one plain statement,
    without the ORM's query building (a thousand Python calls for these few rows)."""
    marks = ", ".join(["%s"] * len(names))
    sql = f"SELECT name, number FROM {_TABLE} WHERE name IN ({marks})"  # noqa: S608 (a name)
    with connection.cursor() as cursor:
        cursor.execute(sql, names)
        found = dict(cursor.fetchall())
    return {name: found.get(name, 0) for name in names}


def editions_read(*names: str) -> None:
    """Read the numbers of the editions `names` that the request has not read yet, in one
    statement (a public city page keys its cache on three: one round trip, not three).
    Outside a request, nothing: each is read at its use."""
    read = _read.get()
    if read is None:
        return
    missing = [name for name in names if name not in read]
    if not missing:
        return
    read.update(_numbers(missing))


def edition_seen(name: str, number: int) -> None:
    """The request read the edition's number with something else (`core.sessions`): that
    is the number it uses."""
    read = _read.get()
    if read is not None:
        read.setdefault(name, number)


class EditionMiddleware:
    """Each request reads an edition once, at its first use, and never inherits the number an
    earlier request read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _read.set({})
        try:
            return self.get_response(request)
        finally:
            _read.reset(token)


def edition_bump(name: str = LISTS) -> None:
    """Raise the edition once the current transaction commits (at once outside of one): a
    page rendered meanwhile from the data before the change is not kept under the new
    number. Never holds a lock inside the transaction that made the change."""

    def bump():
        if not Edition.objects.filter(name=name).update(number=F("number") + 1):
            Edition.objects.get_or_create(name=name, defaults={"number": 1})

    transaction.on_commit(bump)


def edition_key(request, *parts, name: str = LISTS) -> str:
    """A cache key for what `request` shows of the edition: its number, the reader's language
    and calendar, the hour (a badge lapses at midnight, days waiting grow), the URL and
    `parts`."""
    return ":".join(
        [
            name,
            str(edition(name)),
            translation.get_language() or "",
            calendar_active(),
            timezone.now().strftime("%Y-%m-%dT%H"),
            hashlib.sha256(request.get_full_path().encode()).hexdigest(),
            *(str(part) for part in parts),
        ]
    )


def edition_cached(key: str, render: Callable[[], str]) -> str:
    """What `render()` gives, kept in the cache under `key` (an `edition_key`)."""
    kept = cache.get(key)
    if kept is None:
        kept = render()
        cache.set(key, kept, TIMEOUT)
    return kept


def edition_cached_with_token(request, key: str, render: Callable[[], tuple]) -> tuple:
    """What `render()` gives, a tuple whose first item is HTML rendered with `TOKEN_MARK` as
    its `csrf_token` (its remove buttons' forms), kept in the cache under `key`; the reader's
    own token is put in on the way out, so a body kept for one editor serves another."""
    body, *rest = edition_cached(key, render)
    if TOKEN_MARK in body:
        body = body.replace(TOKEN_MARK, get_token(request))
    return (body, *rest)


def kept_key(kind: str, *parts, name: str = LISTS) -> str | None:
    """A key for a row a request keeps under the lists' edition (the signed-in user's, their
    two-factor device), or under edition `name` (a user's unread count): a change of it must
    raise the edition. Outside a request, none (read afresh)."""
    if _read.get() is None:
        return None
    prefix = [kind] if name == LISTS else [kind, name]
    return ":".join([*prefix, str(edition(name)), *(str(part) for part in parts)])


def user_key(user_id) -> str | None:
    """Where `core.auth` keeps a signed-in user's row between requests: under the lists'
    edition, which any change of a user's row but a sign-in raises. Outside a request, none."""
    return kept_key("user", user_id)


def scope_key(user) -> str | None:
    """Where `cities.permissions.scope_of` keeps the user's scope between requests: under the
    lists' edition, which a change of a role assignment, of a programme (its calendar) or of a
    city (its programme, its joint partner: `City.joint_with`) raises, and the user's
    superuser flag (read with the user). Outside a request (services, commands) scopes are read
    afresh."""
    if _read.get() is None:
        return None
    return f"scope:{user.pk}:{int(user.is_superuser)}:{edition()}"
