"""The services on their own: who may write, on which kind of stage, and the models' rules
applied to values that never went through a form."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from candidacy.models import PlanAction, ReviewRound, StrategicPlan
from candidacy.records.plans import services
from candidacy.services import WorkflowError

from .conftest import action_values, approve_situation, gap_values, make_plan, plan_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(pw):
    approve_situation(pw)
    plans = pw.stage("plans")
    _, goal, (operational,) = make_plan(pw, plans)
    return plans, goal, operational


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"ends_on": datetime.date(2022, 1, 1)}, "ends_on"),
        ({"budget": -1}, "budget"),
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "irr"}, "currency"),
        ({"completion": 101}, "completion"),
        ({"status": "forgotten"}, "status"),
    ],
)
def test_an_action_with_bad_values_is_refused_on_its_field(pw, plans, changes, field):
    progress, goal, operational = plans
    with pytest.raises(ValidationError) as refused:
        services.action_add(
            progress=progress, by=pw.office, values=action_values(operational, goal, **changes)
        )
    assert field in refused.value.message_dict
    assert not PlanAction.objects.exists()


def test_an_operational_plan_outside_the_period_is_refused(pw, plans):
    progress, _, _ = plans
    with pytest.raises(ValidationError) as refused:
        services.operational_plan_add(
            progress=progress, by=pw.office, values={"year": 2021, "title": ""}
        )
    assert refused.value.message_dict["year"] == [
        "The year must fall within the strategic plan's period (2022 to 2026)."
    ]


def test_the_period_cannot_shrink_past_an_operational_plan(pw, plans):
    progress, _, _ = plans
    with pytest.raises(ValidationError) as refused:
        services.strategic_plan_save(
            progress=progress, by=pw.office, values=plan_values(start_year=2023, end_year=2027)
        )
    assert "2022" in refused.value.message_dict["start_year"][0]
    assert StrategicPlan.objects.get().start_year == 2022


def test_goals_and_plans_in_use_cannot_be_removed(pw, plans):
    progress, goal, operational = plans
    services.action_add(progress=progress, by=pw.office, values=action_values(operational, goal))
    with pytest.raises(WorkflowError, match="Actions serve this goal"):
        services.goal_remove(goal=goal, by=pw.office)
    with pytest.raises(WorkflowError, match="Remove the plan's actions first"):
        services.operational_plan_remove(operational=operational, by=pw.office)


def test_only_the_preparer_writes_and_only_on_the_right_kind_of_stage(pw, plans):
    progress, goal, operational = plans
    with pytest.raises(PermissionDenied):
        services.action_add(
            progress=progress, by=pw.coordinator, values=action_values(operational, goal)
        )
    with pytest.raises(WorkflowError, match="no such record"):
        services.gap_add(progress=progress, by=pw.office, values=gap_values("voice"))
    with pytest.raises(WorkflowError, match="no such record"):
        services.strategic_plan_save(
            progress=pw.stage("situation"), by=pw.office, values=plan_values()
        )


def test_an_approved_stage_refuses_every_write(pw):
    approve_situation(pw)
    with pytest.raises(WorkflowError, match="A coordinator must reopen it"):
        services.gap_add(progress=pw.stage("situation"), by=pw.office, values=gap_values("voice"))


def test_a_goal_needs_the_strategic_plan_first(pw):
    approve_situation(pw)
    with pytest.raises(WorkflowError, match="Write the strategic plan"):
        services.goal_add(
            progress=pw.stage("plans"),
            by=pw.office,
            values={"title": "Goal", "description": "", "gaps": []},
        )


def test_a_review_round_record_belongs_to_the_current_round(pw):
    review = pw.open("review")
    values = dict(
        period_from=datetime.date(2024, 1, 1),
        period_to=datetime.date(2024, 1, 1),
        summary="Same day.",
        indicators_updated=False,
        indicators_note="",
        issues="",
    )
    with pytest.raises(ValidationError) as refused:
        services.review_round_save(progress=review, by=pw.office, values=values)
    assert "period_to" in refused.value.message_dict
    values["period_to"] = datetime.date(2024, 12, 31)
    record = services.review_round_save(progress=review, by=pw.office, values=values)
    assert record.round == 1
    again = services.review_round_save(
        progress=review, by=pw.office, values={**values, "summary": "Changed."}
    )
    assert again.pk == record.pk and ReviewRound.objects.get().summary == "Changed."
