from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from candidacy.models import GoalArea
from cities.models import City, Country
from core.listing import ListForm

from .models import SUMMARY_MAX_LENGTH, GoodPractice, Theme

Status = GoodPractice.Status


class CurationForm(forms.Form):
    """A coordinator's decision on a marked initiative: publish it with a curated summary and
    themes, or withdraw it (a rejection, or taking a published entry out). The service
    decides what may be written (`library.services.good_practice_curate`)."""

    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Status.PUBLISHED, _("Publish in the library")),
            (Status.WITHDRAWN, _("Do not publish (withdraw)")),
        ],
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label=_("Curated summary"),
        required=False,
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_(
            "What other cities can learn from it, in a few sentences. Never name a child or "
            "a person; required to publish."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, entry: GoodPractice | None = None, **kwargs):
        if entry is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "status": entry.status if entry.status != Status.PROPOSED else Status.PUBLISHED,
                "summary": entry.summary,
                "themes": list(entry.themes.all()),
            }
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class LibraryFilterForm(ListForm):
    """The public library's controls: the list's (search, order, page size) and its filters,
    each offering only values some published entry has."""

    goal_area = forms.ChoiceField(
        label=_("Goal area"),
        required=False,
        choices=[("", _("Any goal area")), *GoalArea.choices],
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        required=False,
        queryset=Country.objects.none(),
        to_field_name="code",
        empty_label=_("Any country"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.none(),
        to_field_name="slug",
        empty_label=_("Any theme"),
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=City.objects.none(),
        to_field_name="slug",
        empty_label=_("Any city"),
    )
    field_order = ["q", "goal_area", "country", "theme", "city", "sort", "per_page"]

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        cities = "initiative__progress__candidacy__city_id"
        self.fields["country"].queryset = Country.objects.filter(
            programmes__cities__in=entries.values(cities)
        ).distinct()
        self.fields["theme"].queryset = Theme.objects.filter(
            entries__in=entries.values("pk")
        ).distinct()
        self.fields["city"].queryset = City.objects.filter(pk__in=entries.values(cities))

    def filtered(self, entries):
        """`entries` narrowed by the filters understood; a value that is not is no filter."""
        goal_area = self.value("goal_area", "")
        if goal_area:
            entries = entries.filter(initiative__goal_area=goal_area)
        country = self.value("country", None)
        if country is not None:
            entries = entries.filter(
                initiative__progress__candidacy__city__programme__country=country
            )
        theme = self.value("theme", None)
        if theme is not None:
            entries = entries.filter(pk__in=theme.entries.values("pk"))
        city = self.value("city", None)
        if city is not None:
            entries = entries.filter(initiative__progress__candidacy__city=city)
        return entries
