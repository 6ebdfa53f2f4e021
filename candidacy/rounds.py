"""What a call round's dates mean for a submission, in one place.

- **Late.** A round is a call for applications, so only a candidacy's application (its
  first stage, in the programme's order) can be late: it is when it was submitted (its current
  `submitted_at`, in the portal's time zone) after the day the round closed. Later stages,
  which follow the programme's own deadlines (`candidacy.deadlines`) and may come years after
  the round, are never late for it. As a filter on
  `StageProgress`, `late_q` (the round's report, the queue, the overview, through
  `late_expression`); for one stage, `is_late` (the stage page).
  `tests/candidacy/test_rounds.py` holds the two to one answer.
- **Refused.** In a round that refuses applications after closing (`applications_close`), a
  city's application, its first stage, cannot be submitted once the round has closed
  (`closed_round_refusal`, which `candidacy.services.stage_submit` raises); later stages are
  only flagged late.
"""

from __future__ import annotations

import datetime

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.calendars import date_format

from .models import StageProgress


def late_q(prefix: str = "", closes_on: str = "") -> Q:
    """`is_late`, as a filter on `StageProgress` (`prefix`: the lookup to the stage, e.g.
    "candidacy__current_stage__" from `City`; `closes_on`: the lookup to its round's closing
    day, when a shorter path than through the stage's candidacy is at hand)."""
    closes_on = closes_on or f"{prefix}candidacy__call_round__closes_on"
    return Q(
        **{
            f"{prefix}submitted_at__isnull": False,
            f"{prefix}submitted_at__date__gt": F(closes_on),
        }
    ) & application_q(prefix)


def application_q(prefix: str = "") -> Q:
    """`_is_application`, as a filter on `StageProgress` at lookup `prefix`: no stage of the
    same candidacy comes before it."""
    earlier = StageProgress.objects.filter(
        candidacy_id=OuterRef(f"{prefix}candidacy_id"),
        definition__position__lt=OuterRef(f"{prefix}definition__position"),
    )
    return ~Q(Exists(earlier))


def late_expression(prefix: str = "", closes_on: str = "") -> ExpressionWrapper:
    """`late_q` as a value to annotate a list's rows with (their "Late" badge)."""
    return ExpressionWrapper(late_q(prefix, closes_on), output_field=BooleanField())


def is_late(progress: StageProgress) -> bool:
    """Whether the stage is its candidacy's application and was submitted after the
    candidacy's call round closed."""
    call_round = progress.candidacy.call_round
    if call_round is None or progress.submitted_at is None:
        return False
    return timezone.localdate(progress.submitted_at) > call_round.closes_on and (
        _is_application(progress)
    )


def _is_application(progress: StageProgress) -> bool:
    """The candidacy's first stage, in the programme's order: its application."""
    return not StageProgress.objects.filter(
        candidacy_id=progress.candidacy_id,
        definition__position__lt=progress.definition.position,
    ).exists()


def closed_round_refusal(progress: StageProgress, day: datetime.date | None = None) -> str:
    """Why the stage cannot be submitted on `day` (today) because of its call round, or "":
    the application of a candidacy whose round refuses applications after it closed."""
    call_round = progress.candidacy.call_round
    day = day or timezone.localdate()
    if (
        call_round is None
        or not call_round.applications_close
        or not call_round.closed_on(day)
        or not _is_application(progress)
    ):
        return ""
    return _(
        "This call round closed on %(date)s: ask the coordinator to reopen it or move the "
        "candidacy to an open round."
    ) % {"date": date_format(call_round.closes_on, progress.candidacy.city.programme.calendar)}
