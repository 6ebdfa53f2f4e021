"""A programme with a CFC database, a situation analysis, plans and an ongoing review (all
prepared by the city, signed by the coordinator), its self-assessment criteria and atlas
indicators; two of its cities with districts, a city of another programme, one person per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from candidacy.models import (
    AssessmentCriterion,
    GoalArea,
    IndicatorDefinition,
    Priority,
    StageKind,
)
from candidacy.records.plans import services
from candidacy.records.plans.criteria import criteria_load
from tests import factories as f
from tests.candidacy.workflow import StageWorld

STEPS = [
    ("database", StageKind.CFC_DATABASE),
    ("situation", StageKind.SITUATION_ANALYSIS),
    ("plans", StageKind.PLANS),
    ("review", StageKind.ONGOING_REVIEW),
]
KEYS = [key for key, _kind in STEPS]


def steps():
    return [f.step(key, kind) for key, kind in STEPS]


@dataclass
class PlansWorld(StageWorld):
    districts: list
    other_districts: list
    criteria: list
    indicators: list
    far_indicator: object


@pytest.fixture
def pw(db):
    made = f.make_two_programmes(
        programmes=[("plans-programme", "Plans programme"), ("far-plans", "Far programme")],
        cities=[("plan-city", "Plan City"), ("plan-other", "Other City"), ("plan-far", "Far City")],
        scopes=["plan", "plan.other", "plan.far"],
        steps=steps(),
    )
    programme, city, other_city = made["programme"], made["city"], made["other_city"]
    criteria_load(programme=programme)
    criteria_load(programme=made["far_programme"])
    indicators = [
        IndicatorDefinition.objects.create(
            programme=programme, key=f"ind-{area}", name=f"Indicator {area}", unit="children",
            goal_area=area, order=number,
        )
        for number, area in enumerate(GoalArea.values)
    ]  # fmt: skip
    far_indicator = IndicatorDefinition.objects.create(
        programme=made["far_programme"], key="far", name="Far indicator", unit="m²",
        goal_area="voice",
    )  # fmt: skip
    return PlansWorld(
        **made,
        keys=KEYS,
        districts=[f.DistrictFactory(city=city, number=n, name=f"District {n}") for n in (1, 2)],
        other_districts=[f.DistrictFactory(city=other_city, number=1, name="Other district")],
        criteria=list(AssessmentCriterion.objects.filter(programme=programme)),
        indicators=indicators,
        far_indicator=far_indicator,
    )


def gap_values(area, **changes):
    values = dict(
        goal_area=area,
        current_situation=f"Today in {area}.",
        requirement="What a child-friendly city requires.",
        description=f"The gap in {area}.",
        priority=Priority.MEDIUM,
        data_sets=[],
        indicators=[],
    )
    return {**values, **changes}


def add_all_gaps(pw, progress, *, high=()):
    """A gap in every goal area of the situation analysis, of high priority in the areas
    named in `high`, low elsewhere; returned by goal area."""
    return {
        area: services.gap_add(
            progress=progress,
            by=pw.preparer(progress),
            values=gap_values(area, priority=Priority.HIGH if area in high else Priority.LOW),
        )
        for area in GoalArea.values
    }


def assess_all(pw, progress, level=3, comment="Largely in place."):
    return services.self_assessment_save(
        progress=progress,
        by=pw.preparer(progress),
        scores={criterion.pk: (level, comment, "Seen in the plans.") for criterion in pw.criteria},
    )


def plan_values(**changes):
    return {**dict(start_year=2022, end_year=2026, vision="Every child safe and heard."), **changes}


def action_values(operational, goal, **changes):
    values = dict(
        operational_plan=operational,
        title="Children's house in the park",
        goal=goal,
        goal_area=GoalArea.FAMILY_PLAY_LEISURE,
        responsible_organisation="Cultural Organization",
        partners="Libraries",
        district=None,
        starts_on=datetime.date(2022, 3, 21),
        ends_on=datetime.date(2023, 3, 20),
        budget=Decimal("1000"),
        currency="IRR",
        children_participation="The children's council chose the workshops.",
        indicator="Visits a year",
        target="120,000",
        status="planned",
        completion=0,
        started_on=None,
        ended_on=None,
    )
    values = {**values, **changes}
    if values["status"] in ("done", "failed") and "ended_on" not in changes:
        # An action that has ended has its actual dates.
        values.update(started_on=datetime.date(2022, 4, 1), ended_on=datetime.date(2023, 3, 1))
    return values


def make_plan(pw, progress, *, gaps=(), years=(2022,), by=None):
    """A strategic plan 2022–2026 with one goal (closing `gaps`) and operational plans."""
    by = by or pw.office
    plan = services.strategic_plan_save(progress=progress, by=by, values=plan_values())
    goal = services.goal_add(
        progress=progress,
        by=by,
        values=dict(title="Safe and heard", description="", gaps=list(gaps)),
    )
    operationals = [
        services.operational_plan_add(progress=progress, by=by, values=dict(year=year, title=""))
        for year in years
    ]
    return plan, goal, operationals


def data_set(pw, area="voice", city=None):
    """A data set in the city's CFC database stage (written directly: the stage may be
    approved already)."""
    from candidacy.models import DataSet

    return DataSet.objects.create(
        progress=pw.stage("database", city),
        name=f"Data on {area}",
        goal_area=area,
        source_agency="Statistics office",
        age_groups="0–17",
        update_frequency="yearly",
        last_updated=datetime.date(2020, 1, 1),
    )


def approve_situation(pw, *, high=(), city=None):
    """Approve the stages up to the situation analysis with a gap of `high` priority in the
    goal areas named, low elsewhere; return the gaps by goal area."""
    situation = pw.open("situation", city=city)
    gaps = add_all_gaps(pw, situation, high=high)
    assess_all(pw, situation, level=2, comment="")
    pw.approve("situation", city=city)
    return gaps
