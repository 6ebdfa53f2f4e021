"""Editions: numbers that say how many times what a family of cached pages shows has changed.
A cache keyed on the number read from the database at each request never serves a page older
than the last change, whichever app server made it, with a cache per process (settings.CACHES)
and no cache server. `reporting.signals` raises the number when what the lists show changes.

The lists' edition (`LISTS`) covers the public list and the coordinator's overview: cities,
programmes, countries, candidacies, stage definitions, stages' states and commitments. The
plans' edition (`PLANS`) covers the plan actions (the overview's charts: budget by goal area).
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from cities.calendars import calendar_active

from .models import Edition

LISTS = "lists"
PLANS = "plans"


def edition(name: str = LISTS) -> int:
    return Edition.objects.filter(name=name).values_list("number", flat=True).first() or 0


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
