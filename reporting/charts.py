"""The country overview's charts: the figures of a programme (a funnel by stage, the time in
each stage, the budget of its plans by goal area) read in three aggregate queries whatever the
number of cities, and their drawing as SVG bars (geometry here, markup in
`reporting/charts.html`), mirrored for a right-to-left reader. No children's figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum

from candidacy.models import (
    GoalArea,
    PlanAction,
    StageDefinition,
    StageProgress,
    StageState,
    currency_name,
)
from cities.models import Programme
from cities.templatetags.portal import format_digits, format_number

#: The states of a stage someone is working on or deciding (not yet approved, not locked).
UNDER_WAY = (StageState.OPEN, StageState.SUBMITTED, StageState.RETURNED)

_TIME_TO_APPROVAL = ExpressionWrapper(
    F("approved_at") - F("opened_at"), output_field=DurationField()
)
_MEASURED = Q(state=StageState.APPROVED, opened_at__isnull=False, approved_at__isnull=False)


@dataclass(frozen=True)
class StageFigures:
    """One stage of the programme across its cities: how many cities have reached it (opened
    it at least once: any state but locked) and have it approved; how many approved stages
    were measured and their mean days from (last) opening to approval; how many stages are
    under way now (in preparation, awaiting sign-off or returned, candidacy not withdrawn)."""

    definition: StageDefinition
    reached: int = 0
    approved: int = 0
    measured: int = 0
    mean_days: Decimal | None = None
    under_way: int = 0


def stage_figures(programme: Programme, definitions: list[StageDefinition]) -> list[StageFigures]:
    """Each of `definitions` (the programme's stages, in order) with its figures, in one
    grouped query. The mean, not the median: a median needs every duration (or window
    functions per stage), a mean is one aggregate on SQLite and PostgreSQL alike."""
    rows = (
        StageProgress.objects.filter(candidacy__city__programme=programme)
        .order_by()
        .values("definition_id")
        .annotate(
            reached=Count("pk", filter=~Q(state=StageState.LOCKED)),
            approved=Count("pk", filter=Q(state=StageState.APPROVED)),
            measured=Count("pk", filter=_MEASURED),
            mean=Avg(_TIME_TO_APPROVAL, filter=_MEASURED),
            under_way=Count(
                "pk", filter=Q(state__in=UNDER_WAY, candidacy__withdrawn_on__isnull=True)
            ),
        )
    )
    by_definition = {row["definition_id"]: row for row in rows}
    figures = []
    for definition in definitions:
        row = by_definition.get(definition.pk)
        if row is None:
            figures.append(StageFigures(definition))
            continue
        figures.append(
            StageFigures(
                definition,
                reached=row["reached"],
                approved=row["approved"],
                measured=row["measured"],
                mean_days=_days(row["mean"]),
                under_way=row["under_way"],
            )
        )
    return figures


def _days(mean) -> Decimal | None:
    """A mean duration in days, to a tenth (a timedelta, or microseconds where the database
    gives a number)."""
    if mean is None:
        return None
    if not isinstance(mean, datetime.timedelta):
        mean = datetime.timedelta(microseconds=float(mean))
    return (Decimal(mean.total_seconds()) / 86400).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Budget:
    """The plan actions' budgets of the programme in one currency, by goal area (every goal
    area, in `GoalArea`'s order, 0 where none)."""

    currency: str
    by_area: list[tuple[str, Decimal]]  # (goal area's label, total)

    @property
    def name(self) -> str:
        """The currency's name as a unit in a heading ("Iranian rials", "ریال"): the form it
        takes after ten, the genitive plural where the language inflects it ("иранских
        риалов", "eurų"), as units are written in brackets."""
        return currency_name(self.currency, 10)

    @property
    def total(self) -> Decimal:
        return sum((amount for _label, amount in self.by_area), Decimal(0))


def budgets(programme: Programme) -> list[Budget]:
    """The sum of the budgets of the plan actions of the programme's cities per goal area, one
    `Budget` per currency in use (never adding different currencies), in one grouped query."""
    rows = (
        PlanAction.objects.filter(
            operational_plan__plan__progress__candidacy__city__programme=programme
        )
        .order_by()
        .values("currency", "goal_area")
        .annotate(total=Sum("budget"))
    )
    totals: dict[str, dict[str, Decimal]] = {}
    for row in rows:
        totals.setdefault(row["currency"], {})[row["goal_area"]] = row["total"] or Decimal(0)
    return [
        Budget(
            currency,
            [(area.label, totals[currency].get(area.value, Decimal(0))) for area in GoalArea],
        )
        for currency in sorted(totals)
    ]


# --- drawing ------------------------------------------------------------------------------

#: The drawing's width in SVG units; it scales to its box (viewBox, width 100%).
WIDTH = 320
LABEL_HEIGHT = 16  # a row's text line (label at the start, value at the end)
BAR_HEIGHT = 10
ROW_GAP = 8
LABEL_CHARACTERS = 28  # a longer label is shortened in the drawing (whole in the table)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str  # the class of static/css/portal.css that colours it


@dataclass(frozen=True)
class Row:
    label: str  # as drawn (perhaps shortened)
    full_label: str
    value: str  # as drawn, in the reader's digits
    label_x: float
    value_x: float
    text_y: float
    bars: list[Bar]


@dataclass(frozen=True)
class Drawing:
    rows: list[Row]
    height: int
    rtl: bool
    width: int = WIDTH


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def draw(rows, *, rtl: bool) -> Drawing:
    """Horizontal bars, a row per item: `rows` are (label, value text, [(fraction, class)]),
    each fraction of the full width (0 to 1), bars stacked under the row's text. For a
    right-to-left reader the bars grow from the right and the label stands on the right (the
    text anchors, "start" and "end", follow the drawing's direction)."""
    drawn = []
    y = 0
    for label, value, series in rows:
        bars = []
        bar_y = y + LABEL_HEIGHT
        for fraction, css in series:
            length = round(WIDTH * max(0.0, min(1.0, float(fraction))), 1)
            x = WIDTH - length if rtl else 0
            bars.append(Bar(x, bar_y, length, BAR_HEIGHT, css))
            bar_y += BAR_HEIGHT + 2
        drawn.append(
            Row(
                label=_short(label),
                full_label=label,
                value=value,
                label_x=WIDTH if rtl else 0,
                value_x=0 if rtl else WIDTH,
                text_y=y + LABEL_HEIGHT - 4,
                bars=bars,
            )
        )
        y = bar_y + ROW_GAP
    return Drawing(drawn, height=max(y, 1), rtl=rtl)


def _fraction(value, largest) -> float:
    return float(value) / float(largest) if largest else 0.0


def funnel_drawing(figures: list[StageFigures], *, rtl: bool, approved_of) -> Drawing:
    """Per stage, two bars: the cities that reached it and those that have it approved, on
    the scale of the most reached stage; `approved_of(approved, reached)` writes the value."""
    largest = max((figure.reached for figure in figures), default=0)
    return draw(
        [
            (
                _stage_label(figure.definition),
                approved_of(format_number(figure.approved), format_number(figure.reached)),
                [
                    (_fraction(figure.reached, largest), "chart-bar-reached"),
                    (_fraction(figure.approved, largest), "chart-bar-approved"),
                ],
            )
            for figure in figures
        ],
        rtl=rtl,
    )


def time_drawing(figures: list[StageFigures], *, rtl: bool) -> Drawing:
    """Per stage, a bar of its mean days to approval (none where nothing was measured)."""
    largest = max((figure.mean_days or 0 for figure in figures), default=0)
    return draw(
        [
            (
                _stage_label(figure.definition),
                "–" if figure.mean_days is None else format_number(figure.mean_days, 1),
                [(_fraction(figure.mean_days or 0, largest), "chart-bar-time")],
            )
            for figure in figures
        ],
        rtl=rtl,
    )


def budget_drawing(budget: Budget, *, rtl: bool) -> Drawing:
    """Per goal area, a bar of its budget in one currency."""
    largest = max((amount for _label, amount in budget.by_area), default=0)
    return draw(
        [
            (label, format_number(amount), [(_fraction(amount, largest), "chart-bar-budget")])
            for label, amount in budget.by_area
        ],
        rtl=rtl,
    )


def _stage_label(definition: StageDefinition) -> str:
    return f"{format_digits(definition.position)}. {definition.title}"
