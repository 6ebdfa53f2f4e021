"""The plans stage: the five-year strategic plan with its goals, and the one-year operational
plans with their actions and budgets; its pages are in `candidacy.records.plans`."""

from __future__ import annotations

from django.http import QueryDict
from django.urls import path
from django.utils.translation import gettext as _

from candidacy.models import (
    GoalArea,
    OperationalPlan,
    PlanAction,
    Priority,
    StageKind,
    StageProgress,
    StrategicGoal,
)
from candidacy.records.forms import city_districts
from candidacy.records.plans import selectors, views
from candidacy.records.plans.forms import ActionListForm
from candidacy.records.registry import RecordKind
from core.editions import PLANS

from .common import goal_areas_text


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
            % {"areas": goal_areas_text(uncovered_areas)}
        )
    has_action = PlanAction.objects.filter(operational_plan__plan__progress=progress).exists()
    if not has_action:
        if OperationalPlan.objects.filter(plan__progress=progress).exists():
            problems.append(_("Add at least one action to an operational plan."))
        else:
            problems.append(_("Add at least one one-year operational plan with its actions."))
    return problems


def context(progress: StageProgress, query: QueryDict) -> dict:
    """The plans, and one page of their actions as the page's address asks (filters, order,
    district, page size and page: `ActionListForm`), with the form that changes them."""
    record = selectors.plans_context(progress)
    plan = record["strategic_plan"]
    if plan is not None:
        operational = record["operational"]
        districts = list(city_districts(progress))
        asked = ActionListForm(query or None, operational=operational, districts=districts)
        filters = asked.filters(page=query.get("page"))
        record["filters"] = filters
        record["actions"] = selectors.plan_actions_page(
            plan, filters, operational=operational, goals=record["goals"]
        )
        record["action_form"] = ActionListForm(
            initial=filters.initial, operational=operational, districts=districts
        )
    return {"rec": record}


KIND = RecordKind(
    stage_kinds=(StageKind.PLANS,),
    template="candidacy/records/plans/plans.html",
    rule=plans,
    query_context=context,
    edition=PLANS,  # a city's 300 actions: the page keeps them (issue 10)
    urlpatterns=(
        path("strategic-plan/", views.strategic_plan_edit, name="record-strategic-plan"),
        path("plan-goals/add/", views.goal_add, name="record-goal-add"),
        path("plan-goals/<int:pk>/", views.goal_edit, name="record-goal-edit"),
        path("plan-goals/<int:pk>/delete/", views.goal_delete, name="record-goal-delete"),
        path(
            "operational-plans/add/",
            views.operational_plan_add,
            name="record-operational-plan-add",
        ),
        path(
            "operational-plans/<int:pk>/",
            views.operational_plan_edit,
            name="record-operational-plan-edit",
        ),
        path(
            "operational-plans/<int:pk>/delete/",
            views.operational_plan_delete,
            name="record-operational-plan-delete",
        ),
        path("plan-actions/add/", views.action_add, name="record-action-add"),
        path("plan-actions/<int:pk>/", views.action_edit, name="record-action-edit"),
        path("plan-actions/<int:pk>/delete/", views.action_delete, name="record-action-delete"),
        path(
            "plan-actions/<int:pk>/notes/add/",
            views.action_note_add,
            name="record-action-note-add",
        ),
        path("plan-action-notes/<int:pk>/", views.action_note_edit, name="record-action-note-edit"),
        path(
            "plan-action-notes/<int:pk>/delete/",
            views.action_note_delete,
            name="record-action-note-delete",
        ),
    ),
)
