from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cities.calendars import CalendarFormMixin
from cities.templatetags.portal import format_digits
from cities.validators import NARRATIVE_MAX_LENGTH, NOTE_MAX_LENGTH, plausible_date
from core.listing import ListForm
from core.uploads import evidence_file_type
from core.versions import VersionedForm

from .models import CallRound, CandidacyStatus, StageComment, StageState
from .models.pipeline import COMMENT_CHILD_DATA_WARNING
from .selectors import OverviewFilters


class _CrispyForm(forms.Form):
    #: Its fields differ between instances only in their widgets' kinds and initial values: an
    #: unbound one renders once per process (`core.templatetags.kept_forms`).
    kept_render = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class NarrativeForm(VersionedForm, _CrispyForm):
    """The stage's narrative; `versioned=progress` carries the version it was loaded with."""

    narrative = forms.CharField(
        label=_("Narrative"),
        max_length=NARRATIVE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        required=False,
        help_text=_(
            "What the city has done for this stage. Never name a child or give a "
            "child's contact: describe children's participation in aggregate."
        ),
    )


class EvidenceForm(_CrispyForm):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, PNG, JPEG or an office document, at most 10 MB."),
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        evidence_file_type(upload)
        return upload


class DecisionForm(CalendarFormMixin, _CrispyForm):
    """A signatory's decision on the submission the page showed (`submission`, hidden). For a
    stage that recognises the city (`recognises=True`), the recognition's first day, in the
    programme's calendar (empty: the day of the approval); the service checks it and computes
    the last day."""

    APPROVE, RETURN = "approve", "return"
    submission = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (RETURN, _("Return to the preparer"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        required=False,
        help_text=_("Required when you return the stage: say what needs to change."),
    )
    starts_on = forms.DateField(
        label=_("Recognised from"),
        required=False,
        validators=[plausible_date],
        help_text=_(
            "When you approve: the first day of the city's recognition, if not today. Its last "
            "day follows from the validity period."
        ),
    )

    def __init__(self, *args, recognises: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not recognises:
            del self.fields["starts_on"]

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error(
                "comment",
                ValidationError(
                    _("Say what needs to change: a return needs a comment."), code="required"
                ),
            )
        return data


class ReopenForm(_CrispyForm):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class RecallForm(_CrispyForm):
    """The preparer takes back the submission the page showed (`submission`, hidden)."""

    submission = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    reason = forms.CharField(
        label=_("Why you recall it (optional)"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        required=False,
    )


class WithdrawForm(_CrispyForm):
    reason = forms.CharField(
        label=_("Reason for withdrawing"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Recorded in the history and shown on the city's page."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm: the city leaves the programme and none of its stages can change any more."
        ),
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )


class StageCommentForm(_CrispyForm):
    """A comment in the stage's thread. Who may choose "internal" sees the choice
    (`visibilities`, from `permissions.comment_visibilities`); for the others it is a hidden
    "to the city", and the service refuses anything else."""

    body = forms.CharField(
        label=_("Your comment"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=COMMENT_CHILD_DATA_WARNING,
    )
    visibility = forms.ChoiceField(
        label=_("Who reads it"),
        choices=StageComment.Visibility.choices,
        initial=StageComment.Visibility.CITY,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, visibilities=(), **kwargs):
        super().__init__(*args, **kwargs)
        if len(visibilities) < 2:
            self.fields["visibility"].widget = forms.HiddenInput()


class OverviewFilterForm(ListForm):
    """The overview's controls: the list's (search, order, page size) and its filters."""

    stage = forms.ChoiceField(label=_("Stage"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any state")), *StageState.choices]
    )
    status = forms.ChoiceField(
        label=_("Candidacy status"),
        required=False,
        choices=[("", _("Any status")), *CandidacyStatus.choices],
    )
    overdue = forms.ChoiceField(
        label=_("Overdue"),
        required=False,
        choices=[("", _("Overdue or not")), ("yes", _("Overdue only"))],
    )
    field_order = ["q", "stage", "state", "status", "overdue", "sort", "per_page"]

    def __init__(self, *args, definitions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("Any stage"))] + [
            (definition.key, f"{format_digits(definition.position)}. {definition.title}")
            for definition in definitions
        ]

    def filters(self) -> OverviewFilters:
        """The filters understood; a value that is not falls back to no filter."""
        return OverviewFilters(
            stage=self.value("stage", ""),
            state=self.value("state", ""),
            status=self.value("status", ""),
            overdue=self.value("overdue", "") == "yes",
        )


class ConflictDeclarationForm(_CrispyForm):
    """The evaluator's declaration of a conflict of interest with a city, before its dossier."""

    notice = _(
        "Before you see this city's dossier, declare whether you have a conflict of interest "
        "with it. A conflict recuses you: you will not see its dossier or sign its stages."
    )

    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this city?"),
        choices=[("no", _("No conflict of interest")), ("yes", _("I have a conflict of interest"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you have a conflict of interest.")},
    )
    statement = forms.CharField(
        label=_("Statement"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("For a conflict: what it is (a relative, a contract, a former post...)."),
    )


class CallRoundForm(CalendarFormMixin, VersionedForm, forms.ModelForm):
    """A call round's name, dates (in the programme's calendar) and notes; the model checks
    them (dates in order, bounded), the service writes them (`services.round_open` /
    `round_update`). An edit carries the version it was loaded with."""

    class Meta:
        model = CallRound
        fields = ["name", "opens_on", "closes_on", "decision_by", "applications_close", "notes"]
        widgets = {
            "name": forms.TextInput(attrs={"dir": "auto"}),
            "notes": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def written(self) -> dict:
        """The fields the service writes, from the cleaned form."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class RecognitionCorrectionForm(CalendarFormMixin, forms.Form):
    """The admin's correction of a recognition cycle's dates, in the programme's calendar (the
    admin's view activates it), and the reason. It only reads what was typed: the rules are
    `services.recognition_dates_correct`'s, whose refusals the admin puts back on the form."""

    starts_on = forms.DateField(label=_("First day"))
    ends_on = forms.DateField(label=_("Last day"), help_text=_("The last day is included."))
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Required: why the dates on the record were wrong."),
    )
