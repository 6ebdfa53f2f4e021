"""The forms of the situation analysis, the plans and the review rounds. They validate, offer
only this city's data sets, districts, gaps and goals, and keep what the user typed; saving goes
through `candidacy.records.plans.services`."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from candidacy.models import (
    ActionStatus,
    ActionYearNote,
    AssessmentLevel,
    Currency,
    Gap,
    GoalArea,
    OperationalPlan,
    PlanAction,
    ReviewRound,
    StageProgress,
    StrategicGoal,
    StrategicPlan,
)
from cities.calendars import year_format
from cities.templatetags.portal import format_digits, format_number
from cities.validators import NOTE_MAX_LENGTH

from ..forms import RecordForm, city_districts
from . import selectors

_CURRENCIES = ", ".join(Currency.values)


class GapForm(RecordForm):
    class Meta:
        model = Gap
        fields = Gap.editable_fields
        widgets = {
            "current_situation": forms.Textarea(attrs={"rows": 3}),
            "requirement": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "data_sets": forms.CheckboxSelectMultiple,
            "indicators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, progress: StageProgress, **kwargs):
        super().__init__(*args, progress=progress, **kwargs)
        data_sets = self.fields["data_sets"]
        data_sets.queryset = selectors.city_data_sets(progress)
        data_sets.error_messages["invalid_choice"] = _(
            "Choose data sets of this city's CFC database only (“%(value)s” is not one of them)."
        )
        indicators = self.fields["indicators"]
        indicators.queryset = selectors.programme_indicators(progress)
        indicators.error_messages["invalid_choice"] = _(
            "Choose indicators of this programme's atlas only (“%(value)s” is not one of them)."
        )


class SelfAssessmentForm(forms.Form):
    """A level (1 to 4) and a comment for every criterion of the programme."""

    def __init__(self, *args, progress: StageProgress, criteria, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.progress = progress
        self.criteria = list(criteria)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        scores = {score.criterion_id: score for score in (current.scores.all() if current else [])}
        for number, criterion in enumerate(self.criteria, start=1):
            score = scores.get(criterion.pk)
            self.fields[f"level_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{format_digits(number)}. {criterion.text}",
                help_text=criterion.guidance,
                choices=[("", _("— choose a level —")), *AssessmentLevel.choices],
                coerce=int,
                initial=score.level if score else None,
                error_messages={
                    "required": _("Choose a level from 1 to 4."),
                    "invalid_choice": _("Choose a level from 1 to 4."),
                },
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on criterion %(number)s") % {"number": format_digits(number)},
                max_length=NOTE_MAX_LENGTH,
                required=False,
                initial=score.comment if score else "",
                widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            )
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=_("Justification of criterion %(number)s")
                % {"number": format_digits(number)},
                max_length=NOTE_MAX_LENGTH,
                initial=score.justification if score else "",
                widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
                error_messages={"required": _("Say why you chose this level.")},
            )

    @property
    def values(self) -> dict:
        """{criterion id: (level, comment, justification)} for the service."""
        return {
            criterion.pk: (
                self.cleaned_data[f"level_{criterion.pk}"],
                self.cleaned_data[f"comment_{criterion.pk}"],
                self.cleaned_data[f"justification_{criterion.pk}"],
            )
            for criterion in self.criteria
        }


class StrategicPlanForm(RecordForm):
    versions_new = True

    class Meta:
        model = StrategicPlan
        fields = StrategicPlan.editable_fields
        widgets = {
            "vision": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "end_year": _("At most five years after the first, counting both."),
        }


class StrategicGoalForm(RecordForm):
    class Meta:
        model = StrategicGoal
        fields = StrategicGoal.editable_fields
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "gaps": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, progress: StageProgress, **kwargs):
        super().__init__(*args, progress=progress, **kwargs)
        gaps = self.fields["gaps"]
        gaps.queryset = selectors.city_gaps(progress)
        gaps.error_messages["invalid_choice"] = _(
            "Choose gaps of this city's situation analysis only (“%(value)s” is not one of them)."
        )


class OperationalPlanForm(RecordForm):
    class Meta:
        model = OperationalPlan
        fields = OperationalPlan.editable_fields
        help_texts = {"year": _("A year within the strategic plan's period.")}

    def __init__(self, *args, progress: StageProgress, plan: StrategicPlan, **kwargs):
        super().__init__(*args, progress=progress, **kwargs)
        self.instance.plan = plan


class PlanActionForm(RecordForm):
    class Meta:
        model = PlanAction
        fields = PlanAction.editable_fields
        widgets = {
            "children_participation": forms.Textarea(attrs={"rows": 2}),
            "budget": forms.NumberInput(attrs={"min": 0, "step": "0.01"}),
            "completion": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }

    def __init__(self, *args, progress: StageProgress, **kwargs):
        super().__init__(*args, progress=progress, **kwargs)
        plans = self.fields["operational_plan"]
        plans.queryset = selectors.operational_plans(progress)
        plans.error_messages["invalid_choice"] = _("Choose one of this stage's operational plans.")
        goal = self.fields["goal"]
        goal.queryset = selectors.strategic_goals(progress)
        goal.error_messages["invalid_choice"] = _("Choose a goal of this strategic plan.")
        district = self.fields["district"]
        district.queryset = city_districts(progress)
        district.empty_label = _("The whole city")
        district.error_messages["invalid_choice"] = _("Choose a district of this city.")
        self.fields["currency"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not a currency the portal knows: choose one of %(codes)s (ISO 4217)."
        ) % {"value": "%(value)s", "codes": _CURRENCIES}
        self.fields["completion"].error_messages["min_value"] = _(
            "Give the progress as a percentage, 0 to 100."
        )
        self.fields["budget"].error_messages["min_value"] = _("A budget cannot be negative.")


class ActionYearNoteForm(RecordForm):
    """A yearly progress note of one action; its year is typed in the programme's calendar."""

    class Meta:
        model = ActionYearNote
        fields = ActionYearNote.editable_fields
        widgets = {
            "progress_text": forms.Textarea(attrs={"rows": 4}),
            "completion": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }

    def __init__(self, *args, progress: StageProgress, action: PlanAction | None = None, **kwargs):
        super().__init__(*args, progress=progress, **kwargs)
        if action is not None:
            self.instance.action = action
        self.fields["completion"].error_messages["min_value"] = _(
            "Give the progress as a percentage, 0 to 100."
        )


class ActionListForm(forms.Form):
    """Which of a plan's actions the plans stage page lists, in which order and how many at
    once: the page's address (GET). A value it cannot use (a year without an operational plan,
    an unknown status, a page size that is no number) is ignored, never an error page; a page
    size beyond the most is that most."""

    year = forms.TypedChoiceField(
        label=_("Operational plan"), required=False, coerce=int, empty_value=None
    )
    area = forms.ChoiceField(
        label=_("Goal area"),
        required=False,
        choices=[("", _("Any goal area")), *GoalArea.choices],
    )
    district = forms.ChoiceField(label=_("District"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ActionStatus.choices]
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("plan", _("By operational plan and start")),
            ("title", _("By title")),
            ("progress", _("By progress, least first")),
        ],
    )
    per_page = forms.IntegerField(label=_("Actions per page"), required=False)

    PAGE_SIZES = (10, selectors.ACTIONS_PER_PAGE, 50, selectors.ACTIONS_PER_PAGE_MAX)

    def __init__(self, data=None, *, operational=(), districts=(), **kwargs):
        super().__init__(data, auto_id="actions-%s", **kwargs)
        if districts:
            self.fields["district"].choices = [
                ("", _("All districts and the whole city")),
                (selectors.WHOLE_CITY, _("The whole city")),
                *((str(d.number), f"{format_digits(d.number)}. {d.name}") for d in districts),
            ]
        else:  # a city without districts: every action serves the whole city
            del self.fields["district"]
        self.fields["year"].choices = [("", _("Any operational plan"))] + [
            (
                str(row.year),
                year_format(row.year) + (f" · {row.title}" if row.title else ""),
            )
            for row in operational
        ]
        sizes = set(self.PAGE_SIZES)
        if isinstance(self.initial.get("per_page"), int):
            sizes.add(self.initial["per_page"])  # a size the address gave, within the bounds
        self.fields["per_page"].widget = forms.Select(
            choices=[(size, format_number(size)) for size in sorted(sizes)]
        )

    def selects(self) -> list[tuple]:
        """Each field with its options as (value, label, chosen), for the list's selects,
        written out by the page (a widget renders a template per option)."""
        shown = []
        for field in self:
            chosen = "" if field.value() is None else str(field.value())
            options = [
                (str(value), label, str(value) == chosen)
                for value, label in field.field.widget.choices
            ]
            shown.append((field, options))
        return shown

    def clean_per_page(self):
        size = self.cleaned_data["per_page"]
        if size is None:
            return selectors.ACTIONS_PER_PAGE
        return min(max(size, 1), selectors.ACTIONS_PER_PAGE_MAX)

    def filters(self, page=None) -> selectors.ActionFilters:
        """What the address asks, each value the form could not use left at its default."""
        if not self.is_bound:
            return selectors.ActionFilters(page=page)
        self.is_valid()
        data = self.cleaned_data
        return selectors.ActionFilters(
            year=data.get("year"),
            goal_area=data.get("area") or "",
            district=data.get("district") or "",
            status=data.get("status") or "",
            order=data.get("order") or "plan",
            per_page=data.get("per_page") or selectors.ACTIONS_PER_PAGE,
            page=page,
        )


class ReviewRoundForm(RecordForm):
    versions_new = True

    class Meta:
        model = ReviewRound
        fields = ReviewRound.editable_fields
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "indicators_note": forms.Textarea(attrs={"rows": 2}),
            "issues": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, progress: StageProgress, **kwargs):
        super().__init__(*args, progress=progress, **kwargs)
        self.instance.round = progress.round
