"""For the URL sweeps (tests/test_url_sweeps.py): the path segments before the id parameters
of the situation analysis and plans pages, and one object of each in a city's stage."""

from __future__ import annotations

import datetime

from candidacy.models import (
    ActionYearNote,
    Gap,
    OperationalPlan,
    PlanAction,
    StrategicGoal,
    StrategicPlan,
)

SEGMENTS = {
    "gaps": Gap,
    "plan-goals": StrategicGoal,
    "operational-plans": OperationalPlan,
    "plan-actions": PlanAction,
    "plan-action-notes": ActionYearNote,
}


def sweep_objects(progress) -> dict:
    """One gap, goal, operational plan and action on `progress`, written directly (the sweep's
    stage is of another kind: the pages answer outsiders before they look a row up)."""
    gap = Gap.objects.create(
        progress=progress,
        goal_area="voice",
        current_situation="Today",
        requirement="Required",
        description="Gap",
        priority="high",
    )
    plan = StrategicPlan.objects.create(
        progress=progress, start_year=2022, end_year=2026, vision="Vision"
    )
    goal = StrategicGoal.objects.create(plan=plan, title="Goal")
    operational = OperationalPlan.objects.create(plan=plan, year=2022)
    action = PlanAction.objects.create(
        operational_plan=operational,
        title="Action",
        goal=goal,
        goal_area="voice",
        responsible_organisation="Office",
        starts_on=datetime.date(2022, 1, 1),
        ends_on=datetime.date(2022, 12, 31),
        budget=1,
        currency="EUR",
        children_participation="Council",
        indicator="Indicator",
        target="Target",
    )
    note = ActionYearNote.objects.create(action=action, year=2022, progress_text="Progress")
    return {
        Gap: gap,
        StrategicGoal: goal,
        OperationalPlan: operational,
        PlanAction: action,
        ActionYearNote: note,
    }
