"""The overdue rule (`candidacy.deadlines`) in its two forms, the query and the one loaded
stage, agree over a table of cases at a fixed `now`."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from candidacy import deadlines
from candidacy.models import StageDefinition, StageProgress, StageState
from cities.models import City
from tests import factories as f

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


def ago(days, hours=0):
    return NOW - datetime.timedelta(days=days, hours=hours)


OPEN, RETURNED, SUBMITTED = StageState.OPEN, StageState.RETURNED, StageState.SUBMITTED
LOCKED, APPROVED = StageState.LOCKED, StageState.APPROVED

# state, opened_at, submitted_at, preparation_days, signoff_days -> overdue, clock, days
CASES = [
    (OPEN, ago(11), None, 10, 5, True, "preparation", 11),
    (OPEN, ago(9, 23), None, 10, 5, False, "preparation", 9),
    (OPEN, ago(10), None, 10, 5, False, "preparation", 10),  # due now: not yet past
    (OPEN, ago(10, 1), None, 10, 5, True, "preparation", 10),
    (RETURNED, ago(11), ago(20), 10, 5, True, "preparation", 11),
    (RETURNED, ago(2), ago(20), 10, 5, False, "preparation", 2),
    (SUBMITTED, ago(100), ago(6), 10, 5, True, "signoff", 6),
    (SUBMITTED, ago(100), ago(4), 10, 5, False, "signoff", 4),  # preparation time not counted
    (OPEN, ago(1000), None, None, 5, False, "preparation", 1000),  # no deadline
    (SUBMITTED, ago(1000), ago(999), 10, None, False, "signoff", 999),
    (LOCKED, None, None, 10, 5, False, None, None),
    (APPROVED, ago(300), ago(200), 10, 5, False, None, None),
    (OPEN, None, None, 10, 5, False, None, None),
]


@pytest.fixture
def stage(db):
    programme = f.make_programme(key="clocks", name="Clocks")
    city = f.make_city(programme, slug="clock-city", name="Clock city")
    return f.stage_of(city, "office")


@pytest.mark.parametrize("case", CASES, ids=[str(n) for n in range(len(CASES))])
def test_both_forms_agree(stage, case):
    state, opened, submitted, preparation, signoff, overdue, clock, days = case
    StageDefinition.objects.filter(pk=stage.definition_id).update(
        preparation_days=preparation, signoff_days=signoff
    )
    StageProgress.objects.filter(pk=stage.pk).update(
        state=state, opened_at=opened, submitted_at=submitted
    )
    loaded = StageProgress.objects.select_related("definition").get(pk=stage.pk)
    in_query = StageProgress.objects.filter(deadlines.overdue_q(now=NOW), pk=stage.pk).exists()
    due_in_query = (
        StageProgress.objects.annotate(due=deadlines.due_at_expression())
        .values_list("due", flat=True)
        .get(pk=stage.pk)
    )
    assert deadlines.is_overdue(loaded, now=NOW) is overdue
    assert in_query is overdue
    assert due_in_query == deadlines.due_at(loaded)
    waiting = deadlines.waiting(loaded, now=NOW)
    assert (waiting and waiting.clock.key, waiting and waiting.days) == (clock, days)
    assert (waiting is not None and waiting.overdue) is overdue
    # the same rule over a lookup prefix: the city's current stage
    cities = City.objects.filter(deadlines.overdue_q("candidacy__current_stage", now=NOW))
    assert cities.filter(pk=loaded.candidacy.city_id).exists() is overdue


def test_waiting_says_which_clock(stage):
    StageDefinition.objects.filter(pk=stage.definition_id).update(preparation_days=10)
    StageProgress.objects.filter(pk=stage.pk).update(state=SUBMITTED, submitted_at=ago(3))
    loaded = StageProgress.objects.select_related("definition").get(pk=stage.pk)
    assert str(deadlines.waiting(loaded, now=NOW)) == "waiting for sign-off, 3 days"
    with translation.override("ru"):
        assert str(deadlines.waiting(loaded, now=NOW + 2 * deadlines.DAY)) == (
            "ожидает подписания 5 дней"
        )


@pytest.mark.parametrize("days", [0, 3651])
def test_durations_are_bounded(stage, days):
    definition = stage.definition
    definition.preparation_days = days
    with pytest.raises(ValidationError) as error:
        definition.full_clean()
    assert "preparation_days" in error.value.message_dict
