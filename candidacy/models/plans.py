"""The situation analysis, the plans and the ongoing review rounds (issue 3).

- Situation analysis: one `Gap` per goal area (the current situation, what a child-friendly city
  requires, the gap and its priority, linked to the city's data sets and atlas indicators that
  show it) and a self-assessment against the programme's `AssessmentCriterion`s. Every save of
  the self-assessment is a new `SelfAssessment` version, so the previous one stays readable.
- Plans: a five-year `StrategicPlan` (one-to-one with the stage) with its `StrategicGoal`s, each
  tied to the gaps it closes, and one-year `OperationalPlan`s within its period, whose
  `PlanAction`s carry the budget, the children's part, the indicator and the progress.
- Ongoing review: a `ReviewRound` record per round of the stage (`StageProgress.round`), so the
  records of earlier rounds stay readable after the stage opens the next one.

Everything here is written only through `candidacy.records.plans.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cities.calendars import calendar_year, date_year, year_format
from cities.models import District, Programme
from cities.validators import (
    DESCRIPTION_MAX_LENGTH,
    NARRATIVE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    capped_text,
    plausible_date,
)
from core.versions import Versioned

from .frameworks import FrameworkCriterion, FrameworkKind, FrameworkVersion
from .pipeline import StageProgress
from .records import ConstraintOnField, DataSet, GoalArea, not_in_future

#: The longest strategic plan, in calendar years.
STRATEGIC_PLAN_YEARS = 5
FIRST_PLAN_YEAR, LAST_PLAN_YEAR = 1990, 2100


def _last_changed_by():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )


def _plan_year(verbose_name):
    """A year, stored Gregorian and counted in the programme's calendar (`calendar_year`)."""
    return calendar_year(
        models.SmallIntegerField(
            verbose_name,
            validators=[
                MinValueValidator(FIRST_PLAN_YEAR, message=_("Give the year in full, e.g. 2022.")),
                MaxValueValidator(LAST_PLAN_YEAR, message=_("Give a year before 2100.")),
            ],
        )
    )


# --- situation analysis -----------------------------------------------------------------------


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Gap(ConstraintOnField, Versioned):
    """Situation analysis: for one goal area, where the city's children stand today, what a
    child-friendly city requires, and the gap between the two."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "goal_area",
        "current_situation",
        "requirement",
        "description",
        "priority",
        "data_sets",
        "indicators",
    )

    document_field = ""  # requires no document (see candidacy.records.forms)

    progress = models.ForeignKey(
        StageProgress, on_delete=models.CASCADE, related_name="gaps", verbose_name=_("stage")
    )
    goal_area = models.CharField(_("goal area"), max_length=30, choices=GoalArea.choices)
    current_situation = capped_text(_("current situation"), max_length=DESCRIPTION_MAX_LENGTH)
    requirement = capped_text(
        _("what a child-friendly city requires"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("The standard the city measures itself against in this goal area."),
    )
    description = capped_text(_("the gap"), max_length=DESCRIPTION_MAX_LENGTH)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices)
    data_sets = models.ManyToManyField(
        DataSet,
        blank=True,
        related_name="gaps",
        verbose_name=_("data sets that show it"),
        help_text=_("Data sets of this city's CFC database."),
    )
    indicators = models.ManyToManyField(
        "candidacy.IndicatorDefinition",
        blank=True,
        related_name="gaps",
        verbose_name=_("atlas indicators that show it"),
        help_text=_("Indicators of the programme's children's atlas."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["progress", "goal_area", "pk"]
        verbose_name = _("gap")
        verbose_name_plural = _("gaps")
        constraints = [
            models.UniqueConstraint(fields=["progress", "goal_area"], name="one_gap_per_goal_area")
        ]

    def __str__(self):
        return str(self.get_goal_area_display())

    constraint_error = (
        "goal_area",
        _("The gap of this goal area is recorded already: edit it instead."),
    )


class AssessmentCriterion(FrameworkCriterion):
    """One criterion of a programme's self-assessment (data: loaded by
    `manage.py load_assessment_criteria`, edited by superusers in the admin)."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="assessment_criteria",
        verbose_name=_("programme"),
    )
    framework = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        blank=True,
        related_name="assessment_criteria",
        limit_choices_to={"kind": FrameworkKind.SELF_ASSESSMENT},
        verbose_name=_("framework version"),
    )
    key = models.SlugField(_("key"), max_length=60, help_text=_("Stable identifier."))
    text = models.CharField(_("criterion"), max_length=500)
    guidance = capped_text(
        _("guidance"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        default="",
        help_text=_("What to look for when judging this criterion; shown beside it on the forms."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name = _("self-assessment criterion")
        verbose_name_plural = _("self-assessment criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "key"], name="assessment_criterion_key_per_version"
            )
        ]

    framework_kind = FrameworkKind.SELF_ASSESSMENT

    def __str__(self):
        return self.text


class AssessmentLevel(models.IntegerChoices):
    NOT_IN_PLACE = 1, _("1 – not yet in place")
    BEGINNING = 2, _("2 – beginning")
    LARGELY = 3, _("3 – largely in place")
    FULLY = 4, _("4 – fully in place")


class SelfAssessment(models.Model):
    """One saved version of the stage's self-assessment. A save never changes a version: it
    adds the next one, so the page can show the previous version beside the current."""

    progress = models.ForeignKey(
        StageProgress,
        on_delete=models.CASCADE,
        related_name="self_assessments",
        verbose_name=_("stage"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    framework = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="self_assessments",
        editable=False,
        verbose_name=_("framework version"),
        help_text=_("The criteria in force when the self-assessment was opened."),
    )
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )

    class Meta:
        ordering = ["progress", "-version"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["progress", "version"], name="one_self_assessment_per_version"
            )
        ]

    def __str__(self):
        return f"{self.progress} · {self.version}"


class CriterionScore(models.Model):
    """The level (1 to 4) a version of the self-assessment gives one criterion, and why."""

    assessment = models.ForeignKey(
        SelfAssessment,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("self-assessment"),
    )
    criterion = models.ForeignKey(
        AssessmentCriterion,
        on_delete=models.PROTECT,
        related_name="scores",
        verbose_name=_("criterion"),
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=AssessmentLevel.choices)
    comment = capped_text(_("comment"), max_length=NOTE_MAX_LENGTH, blank=True)
    #: Why this level: required on every new save (`services.self_assessment_save` and the
    #: form); blank only on scores saved before it was asked.
    justification = capped_text(
        _("justification"), max_length=NOTE_MAX_LENGTH, blank=True, default=""
    )

    class Meta:
        ordering = ["assessment", "criterion__order", "criterion_id"]
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="one_score_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="score_level_1_to_4"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.level}"


# --- plans -------------------------------------------------------------------------------------


class StrategicPlan(Versioned):
    """Plans: the city's five-year strategic plan (one per plans stage). Years are Gregorian
    calendar years, also for programmes that date in the Solar Hijri calendar."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "start_year",
        "end_year",
        "vision",
    )

    document_field = ""  # requires no document (see candidacy.records.forms)

    progress = models.OneToOneField(
        StageProgress,
        on_delete=models.CASCADE,
        related_name="strategic_plan",
        verbose_name=_("stage"),
    )
    start_year = _plan_year(_("first year"))
    end_year = _plan_year(_("last year"))
    vision = capped_text(_("vision"), max_length=DESCRIPTION_MAX_LENGTH)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = _last_changed_by()

    class Meta:
        verbose_name = _("strategic plan")
        verbose_name_plural = _("strategic plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="strategic_plan_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{year_format(self.start_year)}–{year_format(self.end_year)}"

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def clean(self):
        super().clean()
        if self.start_year is None or self.end_year is None:
            return
        if self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The last year cannot come before the first year.")}
            )
        if self.end_year - self.start_year + 1 > STRATEGIC_PLAN_YEARS:
            raise ValidationError(
                {
                    "end_year": _(
                        "A strategic plan covers at most %(years)s years (%(start)s to %(end)s)."
                    )
                    % {
                        "years": STRATEGIC_PLAN_YEARS,
                        "start": year_format(self.start_year),
                        "end": year_format(self.start_year + STRATEGIC_PLAN_YEARS - 1),
                    }
                }
            )


class StrategicGoal(Versioned):
    """A goal of the strategic plan, tied to the gaps of the situation analysis it closes."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "title",
        "description",
        "gaps",
    )

    document_field = ""  # requires no document (see candidacy.records.forms)

    plan = models.ForeignKey(
        StrategicPlan,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("strategic plan"),
    )
    title = models.CharField(_("goal"), max_length=300)
    description = capped_text(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    gaps = models.ManyToManyField(
        Gap,
        blank=True,
        related_name="goals",
        verbose_name=_("gaps it closes"),
        help_text=_("Gaps of this city's situation analysis."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["plan", "pk"]
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")

    def __str__(self):
        return self.title


class OperationalPlan(ConstraintOnField, Versioned):
    """A one-year operational plan within the strategic plan's period."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "year",
        "title",
    )

    document_field = ""  # requires no document (see candidacy.records.forms)

    plan = models.ForeignKey(
        StrategicPlan,
        on_delete=models.CASCADE,
        related_name="operational_plans",
        verbose_name=_("strategic plan"),
    )
    year = _plan_year(_("year"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["plan", "year"]
        verbose_name = _("operational plan")
        verbose_name_plural = _("operational plans")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="one_operational_plan_a_year")
        ]

    def __str__(self):
        return self.title or str(_("Operational plan %(year)s") % {"year": year_format(self.year)})

    def clean(self):
        super().clean()
        if self.year is None or self.plan_id is None:
            return
        plan = self.plan
        if not plan.start_year <= self.year <= plan.end_year:
            raise ValidationError(
                {
                    "year": _(
                        "The year must fall within the strategic plan's period "
                        "(%(start)s to %(end)s)."
                    )
                    % {"start": year_format(plan.start_year), "end": year_format(plan.end_year)}
                }
            )

    constraint_error = ("year", _("There is an operational plan for this year already."))


class Currency(models.TextChoices):
    """The currencies a budget may be given in (ISO 4217 codes)."""

    IRR = "IRR", _("IRR – Iranian rial")
    KZT = "KZT", _("KZT – Kazakhstani tenge")
    EUR = "EUR", _("EUR – euro")
    USD = "USD", _("USD – US dollar")
    GBP = "GBP", _("GBP – pound sterling")
    CHF = "CHF", _("CHF – Swiss franc")


#: Each currency's name for a reader, agreeing with a count where the language inflects it.
CURRENCY_NAMES = {
    Currency.IRR: lambda n: ngettext("Iranian rial", "Iranian rials", n),
    Currency.KZT: lambda n: ngettext("Kazakhstani tenge", "Kazakhstani tenge", n),
    Currency.EUR: lambda n: ngettext("euro", "euros", n),
    Currency.USD: lambda n: ngettext("US dollar", "US dollars", n),
    Currency.GBP: lambda n: ngettext("pound sterling", "pounds sterling", n),
    Currency.CHF: lambda n: ngettext("Swiss franc", "Swiss francs", n),
}


def currency_name(code: str, amount=None) -> str:
    """A currency's name in the active language, for a reader (an amount's unit, a heading):
    "Iranian rials", "ریال", "тенге". It agrees with `amount` (its whole part) where the
    language inflects it; without an amount, the plural. ISO codes stay in the exports and in
    the form's choices; an unknown code is shown as it is."""
    name = CURRENCY_NAMES.get(code)
    if name is None:
        return code
    return name(2 if amount is None else int(abs(amount)))


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    DELAYED = "delayed", _("Delayed")
    DONE = "done", _("Done")
    FAILED = "failed", _("Not achieved")
    DROPPED = "dropped", _("Dropped")


#: The statuses of an action that is over: it can no longer be late.
ACTION_CLOSED = (ActionStatus.DONE, ActionStatus.FAILED, ActionStatus.DROPPED)
#: The statuses of an action that has ended: it has an actual end.
ACTION_ENDED = (ActionStatus.DONE, ActionStatus.FAILED)


def late_actions(today) -> models.Q:
    """The actions that are late on `today`: their planned end has passed and they are not
    over (`ACTION_CLOSED`). The one rule; `PlanAction.late_on` asks it of one action."""
    return models.Q(ends_on__lt=today) & ~models.Q(status__in=ACTION_CLOSED)


class PlanAction(Versioned):
    """An action of an operational plan: who does what, where, when, at what cost, how
    children take part, how it is measured and how far it has come."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "operational_plan",
        "title",
        "goal",
        "goal_area",
        "responsible_organisation",
        "partners",
        "district",
        "starts_on",
        "ends_on",
        "started_on",
        "ended_on",
        "budget",
        "currency",
        "children_participation",
        "indicator",
        "target",
        "status",
        "completion",
    )

    document_field = ""  # requires no document (see candidacy.records.forms)

    operational_plan = models.ForeignKey(
        OperationalPlan,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("operational plan"),
    )
    title = models.CharField(_("action"), max_length=300)
    goal = models.ForeignKey(
        StrategicGoal,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("strategic goal"),
    )
    goal_area = models.CharField(_("goal area"), max_length=30, choices=GoalArea.choices)
    # Free text on purpose: the candidacy app does not depend on the stakeholders app.
    responsible_organisation = models.CharField(_("responsible organisation"), max_length=300)
    partners = models.CharField(_("partners"), max_length=500, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
        help_text=_("Leave empty if the action serves the whole city."),
    )
    starts_on = models.DateField(_("planned start"), validators=[plausible_date])
    ends_on = models.DateField(_("planned end"), validators=[plausible_date])
    started_on = models.DateField(
        _("actual start"),
        null=True,
        blank=True,
        validators=[plausible_date, not_in_future],
        help_text=_("Leave empty until the action has started."),
    )
    ended_on = models.DateField(
        _("actual end"),
        null=True,
        blank=True,
        validators=[plausible_date, not_in_future],
        help_text=_("Required once the action is done or not achieved."),
    )
    budget = models.DecimalField(
        _("budget"),
        max_digits=18,
        decimal_places=2,
        validators=[MinValueValidator(0, message=_("A budget cannot be negative."))],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    children_participation = capped_text(
        _("how children take part"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("In aggregate (e.g. “the children's council chose the equipment”)."),
    )
    indicator = models.CharField(_("indicator"), max_length=300)
    target = models.CharField(_("target"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    completion = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[
            MaxValueValidator(100, message=_("Give the progress as a percentage, 0 to 100."))
        ],
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["operational_plan", "starts_on", "title", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="action_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=False, ended_on__gte=models.F("started_on")),
                name="action_actually_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0), name="action_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(completion__lte=100), name="action_completion_at_most_100"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def currency_name(self) -> str:
        """The budget's currency by name in the reader's language (see `currency_name`)."""
        return currency_name(self.currency, self.budget)

    def late_on(self, today) -> bool:
        """Whether the action is late on `today` (the rule of `late_actions`)."""
        return self.ends_on < today and self.status not in ACTION_CLOSED

    @property
    def last_day(self):
        """The action's last day as far as it is known: its actual end, else its planned end."""
        return self.ended_on or self.ends_on

    def years(self, calendar: str) -> range:
        """The stored years of `calendar` the action spans, from its (planned or actual) start
        to its (planned or actual) end, or to today while it runs on after its planned end
        (started, not ended, not over): the years a yearly note may be written for."""
        first = min(day for day in (self.starts_on, self.started_on) if day)
        last = max(day for day in (self.ends_on, self.ended_on) if day)
        if self.started_on and not self.ended_on and self.status not in ACTION_CLOSED:
            last = max(last, timezone.localdate())
        return range(date_year(first, calendar), date_year(last, calendar) + 1)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The planned end cannot come before the planned start.")
        if self.ended_on and not self.started_on:
            errors["started_on"] = _("Give the actual start of an action that has ended.")
        elif self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("The actual end cannot come before the actual start.")
        if self.status in ACTION_ENDED and not self.ended_on and "ended_on" not in errors:
            errors["ended_on"] = _("Give the actual end of an action that is done or not achieved.")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # Each constraint is checked on its field by the validators and clean() above.
        pass


class ActionYearNote(ConstraintOnField, Versioned):
    """A yearly progress note on an action that runs over several years: what it achieved that
    year (counted in the programme's calendar, stored as its Gregorian year like every plan
    year) and how far it had come by then. One a year; written only through
    `candidacy.records.plans.services` by whoever may edit the plan's actions."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "year",
        "progress_text",
        "completion",
    )

    document_field = ""  # requires no document (see candidacy.records.forms)

    action = models.ForeignKey(
        PlanAction,
        on_delete=models.CASCADE,
        related_name="year_notes",
        verbose_name=_("action"),
    )
    year = _plan_year(_("year"))
    progress_text = capped_text(_("progress that year"), max_length=NOTE_MAX_LENGTH)
    completion = models.PositiveSmallIntegerField(
        _("progress by then (%)"),
        default=0,
        validators=[
            MaxValueValidator(100, message=_("Give the progress as a percentage, 0 to 100."))
        ],
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["action", "year"]
        verbose_name = _("yearly progress note")
        verbose_name_plural = _("yearly progress notes")
        constraints = [
            models.UniqueConstraint(fields=["action", "year"], name="one_action_note_a_year"),
            models.CheckConstraint(
                condition=models.Q(completion__lte=100), name="action_note_completion_at_most_100"
            ),
        ]

    def __str__(self):
        return str(_("Progress in %(year)s") % {"year": year_format(self.year)})

    constraint_error = ("year", _("There is a note for this year already: edit it instead."))

    def clean(self):
        super().clean()
        if self.year is None or self.action_id is None:
            return
        action = self.action
        calendar = action.operational_plan.plan.progress.candidacy.city.programme.calendar
        years = action.years(calendar)
        if self.year not in years:
            raise ValidationError(
                {
                    "year": _(
                        "The year must fall within the action's years (%(start)s to %(end)s)."
                    )
                    % {"start": year_format(years[0]), "end": year_format(years[-1])}
                }
            )


# --- ongoing review ----------------------------------------------------------------------------


class ReviewRound(Versioned):
    """Ongoing review: the record of one review round of the stage. Keyed by the round, so the
    records of earlier rounds stay as they were approved."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "period_from",
        "period_to",
        "summary",
        "indicators_updated",
        "indicators_note",
        "issues",
    )

    document_field = ""  # requires no document (see candidacy.records.forms)

    progress = models.ForeignKey(
        StageProgress,
        on_delete=models.CASCADE,
        related_name="review_rounds",
        verbose_name=_("stage"),
    )
    round = models.PositiveSmallIntegerField(_("round"))
    period_from = models.DateField(_("period covered: from"), validators=[plausible_date])
    period_to = models.DateField(
        _("period covered: to"), validators=[plausible_date, not_in_future]
    )
    summary = capped_text(_("progress summary"), max_length=NARRATIVE_MAX_LENGTH)
    indicators_updated = models.BooleanField(_("indicators updated"), default=False)
    indicators_note = capped_text(
        _("about the indicators"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("Which indicators were updated, or why not."),
    )
    issues = capped_text(_("issues"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = _last_changed_by()

    class Meta:
        ordering = ["progress", "-round"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        constraints = [
            models.UniqueConstraint(fields=["progress", "round"], name="one_record_per_round"),
            models.CheckConstraint(
                condition=models.Q(period_to__gt=models.F("period_from")),
                name="review_period_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.progress} · {self.round}"

    def clean(self):
        super().clean()
        if self.period_from and self.period_to and self.period_to <= self.period_from:
            raise ValidationError(
                {"period_to": _("The end of the period must come after its start.")}
            )

    def validate_constraints(self, exclude=None):
        # Checked on its field by clean(); the round is set by the service, never typed.
        pass
