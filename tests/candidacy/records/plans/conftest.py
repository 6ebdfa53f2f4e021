"""A programme with a CFC database, a situation analysis, plans and an ongoing review (all
prepared by the city, signed by the coordinator), its self-assessment criteria and atlas
indicators; two of its cities with districts, a city of another programme, one person per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse

from candidacy import services as workflow
from candidacy.models import (
    AssessmentCriterion,
    GoalArea,
    IndicatorDefinition,
    Preparer,
    Priority,
    StageKind,
    StageProgress,
    StageState,
)
from candidacy.records.plans import services
from candidacy.records.plans.criteria import criteria_load
from demo.testing import complete_record
from tests import factories as f

STEPS = [
    ("database", StageKind.CFC_DATABASE),
    ("situation", StageKind.SITUATION_ANALYSIS),
    ("plans", StageKind.PLANS),
    ("review", StageKind.ONGOING_REVIEW),
]
KEYS = [key for key, _kind in STEPS]


def steps():
    return [
        dict(key=key, kind=kind, prepared_by=Preparer.CITY, signed_by_coordinator=True)
        for key, kind in STEPS
    ]


@dataclass
class PlansWorld:
    programme: object
    city: object
    other_city: object  # same programme
    far_city: object  # another programme
    office: object
    other_office: object
    far_office: object
    coordinator: object
    evaluator: object
    far_coordinator: object
    districts: list
    other_districts: list
    criteria: list
    indicators: list
    far_indicator: object

    def stage(self, key, city=None) -> StageProgress:
        return StageProgress.objects.select_related(
            "definition", "candidacy__city__programme__country"
        ).get(candidacy__city=city or self.city, definition__key=key)

    def submit(self, key, *, city=None, fill=True) -> StageProgress:
        progress = self.stage(key, city)
        by = self.office if (city or self.city) == self.city else self.other_office
        workflow.stage_save_draft(progress=progress, by=by, narrative="See the record.")
        if fill:
            complete_record(progress, by=by)
        workflow.stage_submit(progress=progress, by=by)
        return self.stage(key, city)

    def approve(self, key, *, city=None) -> StageProgress:
        progress = self.stage(key, city)
        if progress.state != StageState.SUBMITTED:
            progress = self.submit(key, city=city)
        workflow.stage_approve(progress=progress, by=self.coordinator)
        return self.stage(key, city)

    def open(self, key, *, city=None) -> StageProgress:
        """Approve every stage before `key` (with demo records); `key` is then open."""
        for earlier in KEYS[: KEYS.index(key)]:
            if self.stage(earlier, city).state != StageState.APPROVED:
                self.approve(earlier, city=city)
        progress = self.stage(key, city)
        assert progress.state == StageState.OPEN
        return progress

    def url(self, name, key, *args, city=None):
        return reverse(f"candidacy:{name}", args=[(city or self.city).slug, key, *args])


@pytest.fixture
def pw(db):
    programme = f.make_programme(key="plans-programme", name="Plans programme", steps=steps())
    far_programme = f.make_programme(key="far-plans", name="Far programme", steps=steps())
    criteria_load(programme=programme)
    criteria_load(programme=far_programme)
    city = f.make_city(programme, slug="plan-city", name="Plan City")
    other_city = f.make_city(programme, slug="plan-other", name="Other City")
    far_city = f.make_city(far_programme, slug="plan-far", name="Far City")
    indicators = [
        IndicatorDefinition.objects.create(
            programme=programme, key=f"ind-{area}", name=f"Indicator {area}", unit="children",
            goal_area=area, order=number,
        )
        for number, area in enumerate(GoalArea.values)
    ]  # fmt: skip
    far_indicator = IndicatorDefinition.objects.create(
        programme=far_programme, key="far", name="Far indicator", unit="m²", goal_area="voice"
    )
    return PlansWorld(
        programme=programme,
        city=city,
        other_city=other_city,
        far_city=far_city,
        office=f.office_user(city, username="plan.office"),
        other_office=f.office_user(other_city, username="plan.other.office"),
        far_office=f.office_user(far_city, username="plan.far.office"),
        coordinator=f.coordinator_user(programme, username="plan.coord"),
        evaluator=f.evaluator_user(programme, username="plan.eval"),
        far_coordinator=f.coordinator_user(far_programme, username="plan.far.coord"),
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
    return {
        area: services.gap_add(
            progress=progress,
            by=pw.office,
            values=gap_values(area, priority=Priority.HIGH if area in high else Priority.LOW),
        )
        for area in GoalArea.values
    }


def assess_all(pw, progress, level=3, comment="Largely in place."):
    return services.self_assessment_save(
        progress=progress,
        by=pw.office,
        scores={criterion.pk: (level, comment) for criterion in pw.criteria},
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
    )
    return {**values, **changes}


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
    by = pw.office if city in (None, pw.city) else pw.other_office
    gaps = {
        area: services.gap_add(
            progress=situation,
            by=by,
            values=gap_values(area, priority=Priority.HIGH if area in high else Priority.LOW),
        )
        for area in GoalArea.values
    }
    services.self_assessment_save(
        progress=situation, by=by, scores={c.pk: (2, "") for c in pw.criteria}
    )
    pw.approve("situation", city=city)
    return gaps
