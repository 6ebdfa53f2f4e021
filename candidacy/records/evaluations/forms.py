"""The forms of an evaluation. They validate and keep what the user typed; saving goes
through `services.evaluation_save` and, for conditions, `candidacy.records.services`."""

from __future__ import annotations

import re

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from candidacy.models import (
    ChildrenPanelVerdict,
    ConditionStatus,
    EvaluationCondition,
    EvaluationRecord,
    Judgement,
    StageProgress,
)
from cities.calendars import CalendarFormMixin
from cities.validators import DESCRIPTION_MAX_LENGTH, NOTE_MAX_LENGTH

from ..forms import TEXT_ATTRS, RecordForm

_CRITERION_FIELD = re.compile(r"^(?:judgement|finding)_(\d+)$")


class EvaluationForm(RecordForm):
    """The whole evaluation on one page: its date, the user's own judgement and finding for
    each of the programme's criteria (the other evaluators' beside it, read-only), the
    recommendation, the decision and the report."""

    document_label = _("Evaluation report")
    versions_new = True

    class Meta:
        model = EvaluationRecord
        fields = EvaluationRecord.editable_fields
        widgets = {
            "recommendation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(
        self,
        *args,
        progress: StageProgress,
        criteria,
        judgements=None,
        others=None,
        judgement_sets=None,
        **kwargs,
    ):
        """`judgements`: the user's own, {criterion id: CriterionJudgement}, what the form
        edits; `others`: {criterion id: [the other judges' judgements]}, shown beside each
        criterion, read-only; `judgement_sets`: `selectors.JudgementSets`, for the count of
        evaluators with a complete set."""
        self.criteria = list(criteria)
        self.others = others or {}
        self.judgement_sets = judgement_sets
        super().__init__(*args, progress=progress, **kwargs)
        self.fields["decision"].choices = [("", _("— not decided yet —"))] + [
            choice for choice in self.fields["decision"].choices if choice[0]
        ]
        judgements = judgements or {}
        for criterion in self.criteria:
            given = judgements.get(criterion.pk)
            self.fields[f"judgement_{criterion.pk}"] = forms.ChoiceField(
                label=_("Judgement"),
                choices=[("", _("— not judged yet —")), *Judgement.choices],
                required=False,
                initial=given.judgement if given else "",
            )
            self.fields[f"finding_{criterion.pk}"] = forms.CharField(
                label=_("Finding"),
                max_length=DESCRIPTION_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, **TEXT_ATTRS}),
                initial=given.finding if given else "",
                help_text=_("What the evaluators found, and the evidence they relied on."),
            )

    @property
    def criterion_rows(self) -> list:
        """(criterion, judgement field, finding field, the other judges' judgements) for the
        template, in order."""
        return [
            (
                criterion,
                self[f"judgement_{criterion.pk}"],
                self[f"finding_{criterion.pk}"],
                self.others.get(criterion.pk, []),
            )
            for criterion in self.criteria
        ]

    @property
    def record_fields(self) -> list:
        return [self[name] for name in ("evaluated_on",)]

    @property
    def closing_fields(self) -> list:
        return [self[name] for name in ("recommendation", "decision", "report", "document_upload")]

    def clean(self):
        cleaned = super().clean()
        ours = {criterion.pk for criterion in self.criteria}
        tampered = {
            int(match[1])
            for name in self.data
            if (match := _CRITERION_FIELD.match(name)) and int(match[1]) not in ours
        }
        if tampered:
            raise forms.ValidationError(
                _(
                    "The form judged a criterion that is not one of this programme's; nothing "
                    "was saved. Reload the page and judge the criteria shown."
                ),
                code="foreign_criterion",
            )
        for criterion in self.criteria:
            judgement = cleaned.get(f"judgement_{criterion.pk}")
            finding = (cleaned.get(f"finding_{criterion.pk}") or "").strip()
            if judgement and not finding:
                self.add_error(
                    f"finding_{criterion.pk}", gettext("Give the finding behind this judgement.")
                )
            elif finding and not judgement:
                self.add_error(
                    f"judgement_{criterion.pk}",
                    gettext("Choose met, partly met or not met for this finding."),
                )
        return cleaned

    @property
    def judgements(self) -> dict[int, tuple[str, str]]:
        return {
            criterion.pk: (
                self.cleaned_data.get(f"judgement_{criterion.pk}") or "",
                self.cleaned_data.get(f"finding_{criterion.pk}") or "",
            )
            for criterion in self.criteria
        }


class ConditionForm(RecordForm):
    class Meta:
        model = EvaluationCondition
        fields = EvaluationCondition.editable_fields
        help_texts = {
            "text": _("What the city must still do, e.g. “Publish the child-friendly budget”."),
            "due_on": _("On or after the evaluation's date."),
        }


class ConditionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ConditionStatus.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, **TEXT_ATTRS}),
        help_text=_("How the condition was met, or why it is waived or open again."),
    )


class PanelVerdictForm(CalendarFormMixin, forms.ModelForm):
    """The children's panel verdict: how many children sat, how they voted, what they said;
    never who."""

    notice = _(
        "Record only totals: never a child's name or anything that would tell who voted how. "
        "The vote counts of a small panel are not published."
    )

    class Meta:
        model = ChildrenPanelVerdict
        fields = (
            "recorded_on",
            "panel_size",
            "verdict",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "summary",
        )
        widgets = {"summary": forms.Textarea(attrs={"rows": 4, **TEXT_ATTRS})}

    def __init__(self, *args, progress, **kwargs):
        kwargs.setdefault("instance", getattr(progress, "children_panel_verdict_read", None))
        super().__init__(*args, **kwargs)
        self.instance.progress = progress
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    @property
    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
