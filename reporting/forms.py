"""Forms of the reporting pages. The public list's controls: the list's own (search, order,
page size) and its filters, all in the URL, so the map (`reporting.views.public_map`) reads
the same filters from its own."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from candidacy.models import CandidacyStatus, StageDefinition
from cities.models import City, Country, Programme
from core.listing import ListForm

from .selectors import PublicFilters

#: The parameters of the URL that choose which cities (the map's too), not how they are listed.
FILTER_PARAMETERS = ("q", "country", "programme_status", "status", "stage")


class PublicListForm(ListForm):
    """`programme`: the programme's own page (its stages, no choice of country or of
    programme status)."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    status = forms.ChoiceField(
        label=_("Candidacy status"),
        required=False,
        choices=[("", _("Any status")), *CandidacyStatus.choices],
    )
    stage = forms.ChoiceField(label=_("Current stage"), required=False)
    programme_status = forms.ChoiceField(
        label=_("Programme status"),
        required=False,
        choices=[("", _("Any programme status")), *Programme.Status.choices],
    )
    field_order = ["q", "country", "programme_status", "status", "stage", "sort", "per_page"]

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programme is None:
            countries = Country.objects.filter(programmes__isnull=False).distinct()
            self.fields["country"].choices = [("", _("Any country"))] + sorted(
                ((country.code, country.name) for country in countries),
                key=lambda choice: choice[1],
            )
            definitions = StageDefinition.objects.order_by("position", "programme_id")
        else:
            self.fields.pop("country")
            self.fields.pop("programme_status")
            definitions = programme.stage_definitions.order_by("position")
        stages = {}  # a key once, as its first programme names it: the seeds share their keys
        for key, title in definitions.values_list("key", "title"):
            stages.setdefault(key, title)
        self.fields["stage"].choices = [("", _("Any stage")), *stages.items()]

    def filters(self) -> PublicFilters:
        """The filters understood; a value that is not falls back to no filter."""
        return PublicFilters(
            country=self.value("country", "") if "country" in self.fields else "",
            status=self.value("status", ""),
            stage=self.value("stage", ""),
            programme_status=(
                self.value("programme_status", "") if "programme_status" in self.fields else ""
            ),
        )


SHOWN = "yes"
HIDDEN = "no"
CHOICES = [(SHOWN, _("Show it on the public page")), (HIDDEN, _("Do not show it"))]


def _choice(model_field: str) -> forms.TypedChoiceField:
    field = City._meta.get_field(model_field)
    return forms.TypedChoiceField(
        label=capfirst(field.verbose_name),
        help_text=field.help_text,
        choices=CHOICES,
        coerce=lambda value: value == SHOWN,
        widget=forms.RadioSelect,
    )


class PublicationForm(forms.Form):
    """What the city's public page shows besides its status and the stages passed (yes or
    no each; anything else is refused)."""

    publish_plan = _choice("publish_plan")
    publish_proposals = _choice("publish_proposals")

    def __init__(self, *args, city: City, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "publish_plan": SHOWN if city.publish_plan else HIDDEN,
                "publish_proposals": SHOWN if city.publish_proposals else HIDDEN,
            },
        )
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
