"""Reads of the situation analysis, the plans and the review rounds, shaped for the stage page:
a fixed number of queries whatever the number of gaps, goals, plans and actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from candidacy.models import (
    ActionStatus,
    AssessmentCriterion,
    CriterionScore,
    DataSet,
    Gap,
    GoalArea,
    IndicatorDefinition,
    OperationalPlan,
    PlanAction,
    ReviewRound,
    SelfAssessment,
    StageKind,
    StageProgress,
    StrategicGoal,
    StrategicPlan,
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
    """The atlas indicators of the city's programme."""
    return IndicatorDefinition.objects.filter(
        programme_id=progress.candidacy.city.programme_id
    ).order_by("order", "key")


def city_gaps(progress: StageProgress) -> QuerySet[Gap]:
    """The gaps of the city's situation analysis."""
    return Gap.objects.filter(
        progress__candidacy_id=progress.candidacy_id,
        progress__definition__kind=StageKind.SITUATION_ANALYSIS,
    ).order_by("goal_area", "pk")


def criteria_of(progress: StageProgress) -> QuerySet[AssessmentCriterion]:
    return AssessmentCriterion.objects.filter(
        programme_id=progress.candidacy.city.programme_id
    ).order_by("order", "pk")


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
        for criterion in criteria_of(progress)
    ]
    return {
        "gap_rows": [(area, gaps.get(area.value)) for area in GoalArea],
        "gaps_recorded": len(gaps),
        "criterion_rows": rows,
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


def plans_context(progress: StageProgress) -> dict:
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
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=PlanAction.objects.select_related("goal", "district").order_by(
                    "starts_on", "title", "pk"
                ),
                to_attr="action_list",
            )
        )
        .order_by("year")
    )
    return {
        "strategic_plan": plan,
        "goals": goals,
        "operational": operational,
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
