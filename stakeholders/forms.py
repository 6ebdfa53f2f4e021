"""Forms for a city's stakeholders: organisations, councils and members, children's
participation, memoranda and commitments, comments. The choices offered are the city's own (its
organisations, its programme's council types), so a tampered POST naming another city's
organisation or another programme's council type is refused as an invalid choice.

Model forms run the model's own rules (`clean` and constraints), so a refused value is shown
beside its field; the services check the same rules again when they write."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.calendars import CalendarFormMixin, date_format, year_format
from cities.models import City, District, Organisation
from cities.validators import NOTE_MAX_LENGTH, plausible_date
from core.uploads import evidence_file_type
from core.versions import VersionedForm

from . import selectors
from .models import (
    CHILD_DATA_WARNING,
    MAKEUP_FIELDS,
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilMember,
    Memorandum,
)

DOCUMENT_HELP = _("PDF, PNG, JPEG or an office document, at most 10 MB.")


class _CrispyHelperMixin:
    #: A notice shown above the form (e.g. that a child's personal data does not belong here).
    notice = ""

    def _helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.render_hidden_fields = True  # the version, whatever the layout names


class _CrispyModelForm(CalendarFormMixin, VersionedForm, _CrispyHelperMixin, forms.ModelForm):
    """An add or edit form; an edit carries the version it was loaded with
    (`core.versions.VersionedForm`), which the update service checks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class _CrispyForm(CalendarFormMixin, _CrispyHelperMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class DocumentField(forms.FileField):
    """An optional document, checked like stage evidence (size, extension, content)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", DOCUMENT_HELP)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            evidence_file_type(upload)
        return upload


def _limit_organisations(field, city: City) -> None:
    field.queryset = selectors.organisations_of(city)
    field.error_messages["invalid_choice"] = _("Choose one of this city's organisations.")


def _same_name_exists(city: City, name: str, *, exclude_pk=None) -> bool:
    in_any_language = Q()
    for code, _language in settings.LANGUAGES:
        in_any_language |= Q(**{f"name_{code}__iexact": name.strip()})
    organisations = Organisation.objects.filter(in_any_language, city=city)
    if exclude_pk is not None:
        organisations = organisations.exclude(pk=exclude_pk)
    return organisations.exists()


class OrganisationForm(_CrispyModelForm):
    """Add or edit one of the city's organisations. Pass an instance with its city set."""

    class Meta:
        model = Organisation
        fields = ["name", "sector", "inside_municipality"]
        help_texts = {
            "name": _("The body's official name, e.g. the Provincial Education Office."),
            "inside_municipality": _(
                "Tick for a municipal department or organisation; leave unticked for provincial "
                "and national agencies, universities, NGOs and private bodies."
            ),
        }

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if _same_name_exists(self.instance.city, name, exclude_pk=self.instance.pk):
            raise forms.ValidationError(
                _("The city already has an organisation with this name."), code="duplicate"
            )
        return name


class CouncilForm(_CrispyModelForm):
    """Add or edit one of the city's councils. Pass an instance with its city set."""

    class Meta:
        model = Council
        fields = ["council_type", "name", "established_on"]
        help_texts = {
            "council_type": _("The kinds of council your country's programme recognises."),
            "name": _("E.g. the city's CFC policy council."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council_type"].queryset = selectors.council_types_for(self.instance.city)
        self.fields["council_type"].error_messages["invalid_choice"] = _(
            "Choose a council type of the city's own programme."
        )


class CouncilMemberForm(_CrispyModelForm):
    """Seat an organisation on a council: one of the city's organisations, or a new one typed
    in by name. Pass an instance with its council (and the council's city) set."""

    new_organisation_name = forms.CharField(
        label=_("Name of the new organisation"),
        max_length=Organisation._meta.get_field("name").max_length,
        required=False,
        help_text=_("Only if the organisation is not in the list above."),
    )
    new_organisation_inside = forms.BooleanField(
        label=_("The new organisation is inside the municipality"),
        required=False,
    )
    new_organisation_sector = forms.ChoiceField(
        label=_("Sector of the new organisation"),
        choices=Organisation.Sector.choices,
        initial=Organisation.Sector.OTHER,
        required=False,
    )

    class Meta:
        model = CouncilMember
        fields = [
            "organisation",
            "new_organisation_name",
            "new_organisation_inside",
            "new_organisation_sector",
            "representative",
            "position",
            "contact",
            "seat_role",
            "term_start",
            "term_end",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        city = self.instance.council.city
        organisation = self.fields["organisation"]
        organisation.queryset = selectors.organisations_of(city)
        organisation.required = False
        organisation.empty_label = _("(a new organisation, named below)")
        organisation.help_text = _("One of the city's organisations.")
        organisation.error_messages["invalid_choice"] = _(
            "Choose one of this city's organisations."
        )
        self.fields["seat_role"].help_text = _(
            "A council has one chair and one secretary at a time."
        )
        self.helper.layout = Layout(
            "organisation",
            Fieldset(
                _("Or add a new organisation"),
                "new_organisation_name",
                "new_organisation_sector",
                "new_organisation_inside",
            ),
            "representative",
            "position",
            "contact",
            "seat_role",
            "term_start",
            "term_end",
        )

    def clean(self):
        data = super().clean()
        organisation = data.get("organisation")
        new_name = (data.get("new_organisation_name") or "").strip()
        if "organisation" in self.errors:
            return data
        if organisation is not None and new_name:
            self.add_error(
                "new_organisation_name",
                _("Either choose an organisation from the list or type a new one, not both."),
            )
        elif organisation is None and not new_name:
            self.add_error(
                "organisation",
                _("Choose one of the city's organisations or type the name of a new one."),
            )
        elif new_name and _same_name_exists(self.instance.council.city, new_name):
            self.add_error(
                "new_organisation_name",
                _("The city already has an organisation with this name: choose it in the list."),
            )
        return data


class MemberReplaceForm(VersionedForm, _CrispyForm):
    """Someone else now represents the organisation: the current representative leaves the
    council (and stays in its history), the new one takes the same seat and role. Carries the
    version of the member row it was loaded with: a replacement decided on a row someone
    corrected since is refused (`core.versions.VersionedForm`)."""

    representative = forms.CharField(
        label=_("New representative"),
        max_length=200,
        help_text=_(
            "The adult who now represents the organisation. A child's name or other personal "
            "data does not belong here."
        ),
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        required=False,
        help_text=_(
            "The representative's job title. A child's personal data does not belong here."
        ),
    )
    contact = forms.CharField(
        label=_("Contact"),
        max_length=200,
        required=False,
        help_text=_(
            "A work e-mail or telephone of the adult representative. A child's contact or "
            "other personal data does not belong here."
        ),
    )
    replaced_on = forms.DateField(
        label=_("Takes the seat on"),
        validators=[plausible_date],
        help_text=_("The previous representative leaves the council on this day."),
    )
    term_end = forms.DateField(
        label=_("Term ends"),
        validators=[plausible_date],
        required=False,
        help_text=_("Leave empty to keep the end of the current term."),
    )

    def __init__(self, *args, member: CouncilMember, **kwargs):
        kwargs.setdefault("initial", {"replaced_on": timezone.localdate()})
        super().__init__(*args, versioned=member, **kwargs)
        self.member = member

    def clean(self):
        data = super().clean()
        start, end = data.get("replaced_on"), data.get("term_end")
        if start and self.member.term_start and start < self.member.term_start:
            self.add_error(
                "replaced_on",
                _("The replacement cannot come before the current term started (%(start)s).")
                % {"start": date_format(self.member.term_start)},
            )
        if start and end and end < start:
            self.add_error("term_end", _("The term cannot end before it starts."))
        return data


# --- children's participation -------------------------------------------------------------------


class MakeUpForm(_CrispyModelForm):
    """A children's council's make-up, in numbers only. Pass an instance with its council set."""

    versions_new = True  # one per council: two first saves clash too

    notice = _(
        "Record the council's make-up in numbers only. A child's name, contact or other "
        "personal data does not belong anywhere in this form."
    )

    class Meta:
        model = ChildrenCouncilMakeUp
        fields = list(MAKEUP_FIELDS)
        widgets = {
            "selection_note": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "recorded_on",
            Fieldset(
                _("Members by age band and sex"),
                *(
                    Div(
                        Div(girls, css_class="col-sm-6"),
                        Div(boys, css_class="col-sm-6"),
                        css_class="row",
                    )
                    for _label, girls, boys in ChildrenCouncilMakeUp.AGE_BANDS
                ),
            ),
            "selection",
            "selection_note",
            "children_with_disabilities",
            "minority_children",
        )


class SessionForm(_CrispyModelForm):
    """A session of a children's council. Pass an instance with its council set."""

    notice = _(
        "Sessions are recorded by topic and number of children. A child's name, contact or "
        "other personal data does not belong here, nor in the minutes you attach."
    )
    upload = DocumentField(label=_("Minutes"))

    class Meta:
        model = ChildrenCouncilSession
        fields = ["held_on", "topic", "attendance"]
        widgets = {"topic": forms.TextInput(attrs={"dir": "auto"})}


class ProposalForm(_CrispyModelForm):
    """What a children's council asked for, and who put it forward in numbers only (girls and
    boys per age band) with the district it came from. Pass an instance with its council (and
    city) set."""

    notice = _(
        "Record what the children asked for, not who asked: a child's name, contact or other "
        "personal data does not belong here."
    )

    class Meta:
        model = ChildrenProposal
        fields = [
            "title",
            "details",
            "received_on",
            "responsible_organisation",
            "district",
            *ChildrenProposal.COUNT_FIELDS,
        ]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "details": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        city = self.instance.council.city
        _limit_organisations(self.fields["responsible_organisation"], city)
        self.fields["responsible_organisation"].help_text = _(
            "The body that answers for it, if known."
        )
        district = self.fields["district"]
        district.queryset = District.objects.filter(city=city)
        district.empty_label = _("— none —")
        district.error_messages["invalid_choice"] = _("Choose one of this city's districts.")
        for name in ChildrenProposal.COUNT_FIELDS:
            count = self.fields[name]
            count.required = False  # left empty: none
            count.error_messages["min_value"] = _("Give a number of children: zero or more.")
        self.helper.layout = Layout(
            "title",
            "details",
            "received_on",
            "responsible_organisation",
            "district",
            Fieldset(
                _("Children who put it forward, by age band and sex"),
                *(
                    Div(
                        Div(girls, css_class="col-sm-6"),
                        Div(boys, css_class="col-sm-6"),
                        css_class="row",
                    )
                    for _label, girls, boys in ChildrenProposal.AGE_BANDS
                ),
            ),
        )

    def clean(self):
        data = super().clean()
        for name in ChildrenProposal.COUNT_FIELDS:
            if name in data and data[name] is None:
                data[name] = 0
        return data


def _plan_action_label(action) -> str:
    return _("%(title)s (%(year)s)") % {
        "title": action.title,
        "year": year_format(action.operational_plan.year),
    }


class ProposalAnswerForm(_CrispyModelForm):
    """The city's answer to a proposal and its status. Pass a copy of the proposal."""

    notice = _(
        "The answer is shown on the city's “You said, we did” page. A child's name, contact or "
        "other personal data does not belong here."
    )

    class Meta:
        model = ChildrenProposal
        fields = ["status", "answer", "answered_on", "responsible_organisation", "plan_action"]
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        city = self.instance.council.city
        _limit_organisations(self.fields["responsible_organisation"], city)
        self.fields["answered_on"].help_text = _("Today, if left empty.")
        action = self.fields["plan_action"]
        action.queryset = selectors.plan_actions_of(city)
        action.label_from_instance = _plan_action_label
        action.empty_label = _("— none —")
        action.error_messages["invalid_choice"] = _("Choose an action of this city's own plans.")

    def clean(self):
        data = super().clean()
        if (data.get("answer") or "").strip() and not data.get("answered_on"):
            data["answered_on"] = timezone.localdate()
        return data


# --- memoranda and commitments ------------------------------------------------------------------


class MemorandumForm(_CrispyModelForm):
    """A memorandum of the city. Pass an instance with its city set."""

    upload = DocumentField(label=_("Document"))

    class Meta:
        model = Memorandum
        fields = ["title", "parties", "signed_on", "summary"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }


class CommitmentForm(_CrispyModelForm):
    """One party's commitment. Pass an instance with its memorandum set, and the parties the
    user may choose (coordinators: the ministry's only)."""

    class Meta:
        model = Commitment
        fields = ["party", "party_name", "description", "due_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }

    def __init__(self, *args, parties: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        party = self.fields["party"]
        party.choices = [(v, label) for v, label in Commitment.Party.choices if v in parties]
        party.error_messages["invalid_choice"] = _(
            "You manage only the commitments of the ministry or national coordinator."
        )
        self.fields["due_on"].help_text = _("Not before the memorandum was signed.")


class CommitmentStatusForm(_CrispyModelForm):
    """Whether a commitment was kept, with its evidence."""

    upload = DocumentField(label=_("Evidence document"))

    class Meta:
        model = Commitment
        fields = ["status", "evidence_note"]
        widgets = {"evidence_note": forms.Textarea(attrs={"rows": 3, "dir": "auto"})}


# --- comments -----------------------------------------------------------------------------------


class CommentForm(_CrispyForm):
    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=CHILD_DATA_WARNING,
        max_length=NOTE_MAX_LENGTH,
    )
