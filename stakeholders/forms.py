"""Forms for a city's councils, members and organisations. The choices offered are the city's
own (its organisations, its programme's council types), so a tampered POST naming another
city's organisation or another programme's council type is refused as an invalid choice."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import City

from . import selectors
from .models import Council, CouncilMember, Organisation


class NativeDateInput(forms.DateInput):
    """The browser's own date picker; values travel as ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class _CrispyModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


def _same_name_exists(city: City, name: str, *, exclude_pk=None) -> bool:
    organisations = Organisation.objects.filter(city=city, name__iexact=name.strip())
    if exclude_pk is not None:
        organisations = organisations.exclude(pk=exclude_pk)
    return organisations.exists()


class OrganisationForm(_CrispyModelForm):
    """Add or edit one of the city's organisations. Pass an instance with its city set."""

    class Meta:
        model = Organisation
        fields = ["name", "inside_municipality"]
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
        widgets = {"established_on": NativeDateInput()}
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

    class Meta:
        model = CouncilMember
        fields = [
            "organisation",
            "new_organisation_name",
            "new_organisation_inside",
            "representative",
            "position",
            "contact",
            "seat_role",
            "term_start",
            "term_end",
        ]
        widgets = {"term_start": NativeDateInput(), "term_end": NativeDateInput()}

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
        self.helper.layout = Layout(
            "organisation",
            Fieldset(
                _("Or add a new organisation"), "new_organisation_name", "new_organisation_inside"
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
