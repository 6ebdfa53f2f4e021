"""Reads of the situation analysis, the plans and the review rounds, shaped for the stage page:
a fixed number of queries whatever the number of gaps, goals, plans and actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from candidacy.models import (
    ActionStatus,
    ActionYearNote,
    AssessmentCriterion,
    CriterionScore,
    DataSet,
    FrameworkKind,
    FrameworkVersion,
    Gap,
    GoalArea,
    IndicatorDefinition,
    IndicatorValue,
    OperationalPlan,
    PlanAction,
    ReviewRound,
    SelfAssessment,
    StageKind,
    StageProgress,
    StrategicGoal,
    StrategicPlan,
    atlas_indicators,
    currency_name,
)

# --- what a form may offer -----------------------------------------------------------------------


def city_data_sets(progress: StageProgress) -> QuerySet[DataSet]:
    """The data sets of the city's CFC database stage."""
    return DataSet.objects.filter(
        progress__candidacy_id=progress.candidacy_id,
        progress__definition__kind=StageKind.CFC_DATABASE,
    ).order_by("goal_area", "name", "pk")


def programme_indicators(progress: StageProgress) -> QuerySet[IndicatorDefinition]:
    """The atlas indicators of the city's programme: of the version the city's atlas keeps
    (else the one in force)."""
    return atlas_indicators(
        progress.candidacy.city.programme_id,
        IndicatorValue.objects.filter(
            progress__candidacy_id=progress.candidacy_id,
            progress__definition__kind=StageKind.CHILDRENS_ATLAS,
        ),
    ).order_by("order", "key")


def city_gaps(progress: StageProgress) -> QuerySet[Gap]:
    """The gaps of the city's situation analysis."""
    return Gap.objects.filter(
        progress__candidacy_id=progress.candidacy_id,
        progress__definition__kind=StageKind.SITUATION_ANALYSIS,
    ).order_by("goal_area", "pk")


def assessment_framework_q(progress: StageProgress):
    """The framework version of the stage's self-assessment, as an expression: the one its
    versions keep (the one in force when it was first saved), else the one in force now."""
    kept = (
        SelfAssessment.objects.filter(progress=progress)
        .order_by("-version")
        .values("framework_id")[:1]
    )
    in_force = (
        FrameworkVersion.objects.filter(
            programme_id=progress.candidacy.city.programme_id,
            kind=FrameworkKind.SELF_ASSESSMENT,
            in_force_from__lte=timezone.now(),
        )
        .order_by("-number")
        .values("pk")[:1]
    )
    return Coalesce(Subquery(kept), Subquery(in_force))


def criteria_of(progress: StageProgress) -> QuerySet[AssessmentCriterion]:
    """The criteria of the stage's self-assessment's framework version: one query."""
    return (
        AssessmentCriterion.objects.alias(kept=assessment_framework_q(progress))
        .filter(framework_id=F("kept"))
        .order_by("order", "pk")
    )


def latest_self_assessments(progress: StageProgress, count: int = 2) -> list[SelfAssessment]:
    """The current version of the self-assessment first, then the ones before it."""
    return list(
        SelfAssessment.objects.filter(progress=progress)
        .select_related("saved_by")
        .prefetch_related(
            Prefetch("scores", queryset=CriterionScore.objects.order_by("criterion_id"))
        )
        .order_by("-version")[:count]
    )


def strategic_plan_of(progress: StageProgress) -> StrategicPlan | None:
    return StrategicPlan.objects.filter(progress=progress).first()


def strategic_goals(progress: StageProgress) -> QuerySet[StrategicGoal]:
    return StrategicGoal.objects.filter(plan__progress=progress).order_by("pk")


def operational_plans(progress: StageProgress) -> QuerySet[OperationalPlan]:
    return OperationalPlan.objects.filter(plan__progress=progress).order_by("year")


# --- the situation analysis ----------------------------------------------------------------------


@dataclass
class CriterionRow:
    criterion: AssessmentCriterion
    current: CriterionScore | None
    previous: CriterionScore | None

    @property
    def changed(self) -> bool:
        if self.current is None or self.previous is None:
            return False
        return (self.current.level, self.current.comment) != (
            self.previous.level,
            self.previous.comment,
        )


def situation_analysis_context(progress: StageProgress) -> dict:
    gaps = {
        gap.goal_area: gap
        for gap in Gap.objects.filter(progress=progress).prefetch_related(
            Prefetch(
                "data_sets", queryset=DataSet.objects.order_by("name"), to_attr="data_set_list"
            ),
            Prefetch(
                "indicators",
                queryset=IndicatorDefinition.objects.order_by("order", "key"),
                to_attr="indicator_list",
            ),
        )
    }
    versions = latest_self_assessments(progress)
    current = versions[0] if versions else None
    previous = versions[1] if len(versions) > 1 else None

    def scores(version):
        return {score.criterion_id: score for score in version.scores.all()} if version else {}

    now, before = scores(current), scores(previous)
    rows = [
        CriterionRow(criterion, now.get(criterion.pk), before.get(criterion.pk))
        for criterion in criteria_of(progress).select_related("framework")
    ]
    return {
        "gap_rows": [(area, gaps.get(area.value)) for area in GoalArea],
        "gaps_recorded": len(gaps),
        "criterion_rows": rows,
        "framework_number": rows[0].criterion.framework.number if rows else None,
        "assessment": current,
        "previous_assessment": previous,
    }


# --- the plans ---------------------------------------------------------------------------------


@dataclass
class CurrencyTotals:
    """The budget of one currency by goal area and year (never mixed with another currency)."""

    currency: str
    years: list[int]
    cells: dict = field(default_factory=dict)  # (goal area, year) -> Decimal
    by_area: dict = field(default_factory=dict)  # goal area -> Decimal
    by_year: dict = field(default_factory=dict)  # year -> Decimal
    total: Decimal = Decimal(0)

    @property
    def rows(self) -> list[dict]:
        rows = []
        for area in GoalArea:
            amount = self.by_area.get(area.value, Decimal(0))
            share = float(amount * 100 / self.total) if self.total else 0.0
            rows.append(
                {
                    "area": area,
                    "cells": [self.cells.get((area.value, year)) for year in self.years],
                    "total": amount,
                    "share": round(share, 1),
                    "share_width": f"{share:.2f}",
                    "share_offset": f"{100 - share:.2f}",  # where the bar starts, right to left
                }
            )
        return rows

    @property
    def name(self) -> str:
        """The currency's name in the reader's language, for headings."""
        return currency_name(self.currency)

    @property
    def total_unit(self) -> str:
        """The currency's name as the unit of the grand total."""
        return currency_name(self.currency, self.total)

    @property
    def year_totals(self) -> list:
        return [self.by_year.get(year, Decimal(0)) for year in self.years]


def budget_totals(progress: StageProgress) -> list[CurrencyTotals]:
    """Totals of the actions' budgets by goal area and year, one table per currency, from one
    aggregate query."""
    rows = (
        PlanAction.objects.filter(operational_plan__plan__progress=progress)
        .values("currency", "goal_area", "operational_plan__year")
        .annotate(amount=Sum("budget"))
        .order_by("currency", "operational_plan__year")
    )
    by_currency: dict[str, CurrencyTotals] = {}
    for row in rows:
        year = row["operational_plan__year"]
        totals = by_currency.setdefault(row["currency"], CurrencyTotals(row["currency"], []))
        if year not in totals.years:
            totals.years.append(year)
        key = (row["goal_area"], year)
        amount = row["amount"] or Decimal(0)
        totals.cells[key] = totals.cells.get(key, Decimal(0)) + amount
        totals.by_area[row["goal_area"]] = totals.by_area.get(row["goal_area"], Decimal(0)) + amount
        totals.by_year[year] = totals.by_year.get(year, Decimal(0)) + amount
        totals.total += amount
    return [by_currency[currency] for currency in sorted(by_currency)]


#: How many actions the plans stage page lists at once: the default, and the most it will
#: list whatever the address asks (a plan may hold hundreds).
ACTIONS_PER_PAGE = 25
ACTIONS_PER_PAGE_MAX = 100

#: The district filter's value for the actions that serve the whole city (no district).
WHOLE_CITY = "city"


def district_filter(district: str) -> Q:
    """The actions of one district (its number, as text) or, for `WHOLE_CITY`, those that
    serve the whole city: the plans page's district filter and the district page read it."""
    if district == WHOLE_CITY:
        return Q(district__isnull=True)
    return Q(district__number=int(district))


#: The orders the actions can be listed in, by the key the address gives.
ACTION_ORDERS = {
    "plan": ("operational_plan__year", "starts_on", "title", "pk"),
    "title": ("title", "operational_plan__year", "pk"),
    "progress": ("completion", "operational_plan__year", "starts_on", "pk"),
}


@dataclass(frozen=True)
class ActionFilters:
    """Which actions the plans stage page lists, in which order, how many at once and which
    page of them (from the page's address, `forms.ActionListForm`)."""

    year: int | None = None  # the operational plan's (stored) year
    goal_area: str = ""
    district: str = ""  # "": every action; WHOLE_CITY: the whole city's; else a district number
    status: str = ""
    order: str = "plan"
    per_page: int = ACTIONS_PER_PAGE
    page: str | int | None = 1

    @property
    def narrowed(self) -> bool:
        """Whether some actions of the plan may be left out."""
        return self.year is not None or bool(self.goal_area or self.status or self.district)

    @property
    def initial(self) -> dict:
        """The list form's values for these filters (`forms.ActionListForm`)."""
        return {
            "year": self.year,
            "area": self.goal_area,
            "district": self.district,
            "status": self.status,
            "order": self.order,
            "per_page": self.per_page,
        }


def plan_actions_page(
    plan: StrategicPlan,
    filters: ActionFilters,
    *,
    operational: list[OperationalPlan],
    goals: list[StrategicGoal],
) -> Page:
    """One page of the plan's actions as `filters` ask (a page out of range: the last), each
    with its district; its operational plan and goal are taken from `operational` and `goals`,
    already read for the page; `numbers`: the page numbers to offer, elided far from this one.
    Each action carries its yearly notes (`note_list`, by year) and whether it is `late`.
    Three queries: the count (none when the operational plans' counts give it), the rows and
    their notes."""
    actions = PlanAction.objects.filter(operational_plan__plan=plan)
    if filters.year is not None:
        actions = actions.filter(operational_plan__year=filters.year)
    if filters.goal_area:
        actions = actions.filter(goal_area=filters.goal_area)
    if filters.status:
        actions = actions.filter(status=filters.status)
    if filters.district:
        actions = actions.filter(district_filter(filters.district))
    actions = (
        actions.select_related("district")
        .prefetch_related(
            Prefetch(
                "year_notes",
                queryset=ActionYearNote.objects.order_by("year"),
                to_attr="note_list",
            )
        )
        .order_by(*ACTION_ORDERS[filters.order])
    )
    known = None
    if not (filters.goal_area or filters.status or filters.district):
        known = sum(
            row.action_count
            for row in operational
            if filters.year is None or row.year == filters.year
        )
    paginator = _CountedPaginator(actions, filters.per_page, count=known)
    page = paginator.get_page(filters.page)
    page.numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    plans_by_id = {row.pk: row for row in operational}
    goals_by_id = {goal.pk: goal for goal in goals}
    # The choices' labels, translated once for the page rather than once a row.
    area_labels = {value: str(label) for value, label in GoalArea.choices}
    status_labels = {value: str(label) for value, label in ActionStatus.choices}
    today = timezone.localdate()
    for action in page.object_list:
        action.late = action.late_on(today)
        action.operational_plan = plans_by_id[action.operational_plan_id]
        action.goal = goals_by_id[action.goal_id]
        action.goal_area_label = area_labels.get(action.goal_area, action.goal_area)
        action.status_label = status_labels.get(action.status, action.status)
    return page


class _CountedPaginator(Paginator):
    """A paginator told its count when it is known already (no COUNT query)."""

    def __init__(self, object_list, per_page, *, count: int | None):
        super().__init__(object_list, per_page)
        if count is not None:
            self.__dict__["count"] = count  # `count` is a cached property


def plans_context(progress: StageProgress) -> dict:
    """The strategic plan, its goals, its operational plans (each with its number of actions)
    and the budget totals: a fixed number of queries however many actions the plan holds. The
    actions themselves are listed a page at a time (`plan_actions_page`)."""
    plan = strategic_plan_of(progress)
    if plan is None:
        return {"strategic_plan": None, "goals": [], "operational": [], "budget_totals": []}
    goals = list(
        StrategicGoal.objects.filter(plan=plan)
        .prefetch_related(
            Prefetch("gaps", queryset=Gap.objects.order_by("goal_area"), to_attr="gap_list")
        )
        .order_by("pk")
    )
    operational = list(
        OperationalPlan.objects.filter(plan=plan)
        .annotate(action_count=Count("actions"))
        .order_by("year")
    )
    for row in operational:
        row.plan = plan
    return {
        "strategic_plan": plan,
        "goals": goals,
        "operational": operational,
        "action_count": sum(row.action_count for row in operational),
        "budget_totals": budget_totals(progress),
    }


# --- the ongoing review ------------------------------------------------------------------------


@dataclass
class Completion:
    """How far an operational plan has come: done / (all − dropped) of its actions."""

    year: int | None
    title: str
    actions: int
    done: int
    dropped: int

    @property
    def counted(self) -> int:
        return self.actions - self.dropped

    @property
    def percent(self) -> int | None:
        return round(self.done * 100 / self.counted) if self.counted else None


def plan_completion(progress: StageProgress) -> list[Completion]:
    """The completion of each operational plan of the city's plans stage, and of all of them
    together (last, with `year` None). Computed from the actions, never stored."""
    rows = (
        PlanAction.objects.filter(
            operational_plan__plan__progress__candidacy_id=progress.candidacy_id,
            operational_plan__plan__progress__definition__kind=StageKind.PLANS,
        )
        .values("operational_plan_id", "operational_plan__year", "operational_plan__title")
        .annotate(
            actions=Count("pk"),
            done=Count("pk", filter=Q(status=ActionStatus.DONE)),
            dropped=Count("pk", filter=Q(status=ActionStatus.DROPPED)),
        )
        .order_by("operational_plan__year", "operational_plan_id")
    )
    plans = [
        Completion(
            row["operational_plan__year"],
            row["operational_plan__title"],
            row["actions"],
            row["done"],
            row["dropped"],
        )
        for row in rows
    ]
    if plans:
        plans.append(
            Completion(
                None,
                "",
                sum(plan.actions for plan in plans),
                sum(plan.done for plan in plans),
                sum(plan.dropped for plan in plans),
            )
        )
    return plans


def review_context(progress: StageProgress) -> dict:
    records = list(ReviewRound.objects.filter(progress=progress).select_related("updated_by"))
    current = next((record for record in records if record.round == progress.round), None)
    return {
        "review_record": current,
        "earlier_reviews": [record for record in records if record.round < progress.round],
        "completion": plan_completion(progress),
    }
