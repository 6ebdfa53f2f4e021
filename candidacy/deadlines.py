"""Deadlines: how long a stage has been waiting, and whether it is overdue. The one place of
the rule.

A stage runs on one of two clocks (`CLOCKS`):

- *in preparation* (open or returned): from its opening, or its return (`opened_at`), for its
  definition's `preparation_days`;
- *awaiting sign-off* (submitted): from its submission (`submitted_at`), for its definition's
  `signoff_days`.

A locked or approved stage runs on no clock; a definition without the duration sets no
deadline. A stage is **overdue** when its clock's start plus the duration is before now.

The rule is written once, as the data of `CLOCKS`, and read two ways from it: as a query
(`overdue_q`, `due_at_expression`, over a lookup prefix, for lists, filters and the admin) and
for one loaded stage (`waiting`, `due_at`, `is_overdue`). `tests/candidacy/test_deadlines.py`
asserts that both agree over a table of cases at a fixed `now`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Case,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cities.templatetags.portal import format_number

from .models import StageState

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Clock:
    key: str
    states: tuple[str, ...]
    since: str  # the StageProgress field the clock starts from
    days: str  # the StageDefinition field of its expected duration
    label: Callable[[int], str]  # "in preparation, %(days)s days", in the number's form
    short: Promise  # the export's column: what the days count


CLOCKS = (
    Clock(
        key="preparation",
        states=(StageState.OPEN, StageState.RETURNED),
        since="opened_at",
        days="preparation_days",
        label=lambda days: ngettext(
            "in preparation, %(days)s day", "in preparation, %(days)s days", days
        ),
        short=_("in preparation"),
    ),
    Clock(
        key="signoff",
        states=(StageState.SUBMITTED,),
        since="submitted_at",
        days="signoff_days",
        label=lambda days: ngettext(
            "waiting for sign-off, %(days)s day", "waiting for sign-off, %(days)s days", days
        ),
        short=_("waiting for sign-off"),
    ),
)


def _prefix(stage: str) -> str:
    return f"{stage}__" if stage else ""


def clock_of(state: str) -> Clock | None:
    return next((clock for clock in CLOCKS if state in clock.states), None)


# --- the query form -------------------------------------------------------------------------


def _duration(days: str):
    """The field of days `days` as a duration (an integer times a day, on every database)."""
    as_integer = ExpressionWrapper(F(days), output_field=IntegerField())
    return ExpressionWrapper(as_integer * Value(DAY), output_field=DurationField())


def due_at_expression(stage: str = ""):
    """When the stage at lookup `stage` (e.g. "candidacy__current_stage"; "" on StageProgress)
    is due: its clock's start plus its definition's duration; NULL with no clock or no
    duration."""
    p = _prefix(stage)
    return Case(
        *(
            When(
                **{
                    f"{p}state__in": list(clock.states),
                    f"{p}{clock.since}__isnull": False,
                    f"{p}definition__{clock.days}__isnull": False,
                },
                then=ExpressionWrapper(
                    F(f"{p}{clock.since}") + _duration(f"{p}definition__{clock.days}"),
                    output_field=DateTimeField(),
                ),
            )
            for clock in CLOCKS
        ),
        default=None,
        output_field=DateTimeField(),
    )


def overdue_q(stage: str = "", *, now: datetime.datetime | None = None) -> Q:
    """The stages (at lookup `stage`) overdue at `now`: past their clock's due time."""
    now = now or timezone.now()
    p = _prefix(stage)
    overdue = Q()
    for clock in CLOCKS:
        # since + days < now, written as since < now - days, per clock
        overdue |= Q(
            **{
                f"{p}state__in": list(clock.states),
                f"{p}definition__{clock.days}__isnull": False,
                f"{p}{clock.since}__lt": ExpressionWrapper(
                    Value(now, output_field=DateTimeField())
                    - _duration(f"{p}definition__{clock.days}"),
                    output_field=DateTimeField(),
                ),
            }
        )
    return overdue


def waiting_since_expression(stage: str = ""):
    """When the stage's clock started (for sorting by days waiting); NULL with no clock."""
    p = _prefix(stage)
    return Case(
        *(
            When(**{f"{p}state__in": list(clock.states)}, then=F(f"{p}{clock.since}"))
            for clock in CLOCKS
        ),
        default=None,
        output_field=DateTimeField(),
    )


# --- one loaded stage -----------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    clock: Clock
    days: int
    overdue: bool

    def __str__(self):
        return self.clock.label(self.days) % {"days": format_number(self.days)}


def due_at(progress) -> datetime.datetime | None:
    """The same as `due_at_expression`, for one stage with its definition loaded."""
    clock = clock_of(progress.state)
    if clock is None:
        return None
    since = getattr(progress, clock.since)
    days = getattr(progress.definition, clock.days)
    if since is None or days is None:
        return None
    return since + days * DAY


def is_overdue(progress, *, now: datetime.datetime | None = None) -> bool:
    due = due_at(progress)
    return due is not None and due < (now or timezone.now())


def waiting(progress, *, now: datetime.datetime | None = None) -> Waiting | None:
    """Which clock the stage runs on, for how many whole days, and whether it is overdue."""
    clock = clock_of(progress.state)
    since = clock and getattr(progress, clock.since)
    if since is None:
        return None
    now = now or timezone.now()
    return Waiting(clock, (now - since).days, is_overdue(progress, now=now))
