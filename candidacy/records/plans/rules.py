"""The completeness rules of the situation analysis, the plans and the ongoing review,
registered in `candidacy.records.rules.RULES` (the one place the rules of every kind are
listed). Each returns, in the user's language, every thing still missing."""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext as _

from candidacy.models import (
    Gap,
    GoalArea,
    OperationalPlan,
    PlanAction,
    Priority,
    ReviewRound,
    StageProgress,
    StrategicGoal,
)

from . import selectors


def _areas(areas) -> str:
    return "; ".join(str(area.label) for area in areas)


def situation_analysis(progress: StageProgress) -> list[str]:
    """A gap recorded for every goal area, and every criterion of the programme self-assessed
    in the current version of the self-assessment."""
    problems = []
    recorded = set(Gap.objects.filter(progress=progress).values_list("goal_area", flat=True))
    missing_areas = [area for area in GoalArea if area not in recorded]
    if missing_areas:
        problems.append(
            _("Record the gap for each goal area (none yet for: %(areas)s).")
            % {"areas": _areas(missing_areas)}
        )
    criteria = list(selectors.criteria_of(progress).values_list("pk", "order"))
    if criteria:
        latest = selectors.latest_self_assessments(progress, count=1)
        assessed = {score.criterion_id for score in latest[0].scores.all()} if latest else set()
        unassessed = [
            str(number)
            for number, (pk, _order) in enumerate(criteria, start=1)
            if pk not in assessed
        ]
        if unassessed:
            problems.append(
                _(
                    "Assess the city against every criterion of the programme, on levels 1 to 4 "
                    "(not yet assessed: criteria %(numbers)s)."
                )
                % {"numbers": ", ".join(unassessed)}
            )
    return problems


def plans(progress: StageProgress) -> list[str]:
    """A strategic plan with at least one goal, a goal for every high-priority gap of the
    city's situation analysis, and an operational plan with at least one action."""
    problems = []
    plan = selectors.strategic_plan_of(progress)
    if plan is None:
        problems.append(_("Write the five-year strategic plan: its period and vision."))
    if plan is None or not StrategicGoal.objects.filter(plan=plan).exists():
        problems.append(_("Add at least one goal to the strategic plan."))
    uncovered = set(
        selectors.city_gaps(progress)
        .filter(priority=Priority.HIGH)
        .exclude(goals__plan__progress=progress)
        .values_list("goal_area", flat=True)
    )
    uncovered_areas = [area for area in GoalArea if area in uncovered]
    if uncovered_areas:
        problems.append(
            _(
                "Every high-priority gap needs a goal in the strategic plan (none yet for: "
                "%(areas)s)."
            )
            % {"areas": _areas(uncovered_areas)}
        )
    has_action = PlanAction.objects.filter(operational_plan__plan__progress=progress).exists()
    if not has_action:
        if OperationalPlan.objects.filter(plan__progress=progress).exists():
            problems.append(_("Add at least one action to an operational plan."))
        else:
            problems.append(_("Add at least one one-year operational plan with its actions."))
    return problems


def ongoing_review(progress: StageProgress) -> list[str]:
    """This round's record: the period it covers and a summary of progress (the model requires
    both, so a record of this round is a filled one)."""
    # The round as stored: a caller may hold the stage from before its last approval.
    if ReviewRound.objects.filter(progress=progress, round=F("progress__round")).exists():
        return []
    return [
        _("Fill in this review round's record: the period it covers and a summary of progress.")
    ]
