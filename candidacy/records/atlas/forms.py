"""The atlas's forms: the grid of one year's values, the CSV import and the boundaries upload.
They check what they can alone and keep what the user typed; writes go through `services`."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidacy.models import FIRST_YEAR
from cities.calendars import CalendarYearField

from . import csv_import, geojson


def cell_name(district_id: int, indicator_id: int) -> str:
    return f"v_{district_id}_{indicator_id}"


class AtlasVersionForm(forms.Form):
    """A form that carries the version of the atlas it was loaded with (`selectors.
    values_version` or `boundaries_version`, given as `initial["version"]`); the service
    refuses a save since (`services.AtlasChanged`)."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def loaded_version(self) -> str | None:
        return self.cleaned_data.get("version") or None

    def move_to(self, version: str) -> None:
        """After a refused stale save: the form now carries the stored version (keeping what
        was typed), so saving again keeps the user's values."""
        data = self.data.copy()
        data[self.add_prefix("version")] = version
        self.data = data


class GridForm(AtlasVersionForm):
    """One year's values for every district (rows) and indicator (columns)."""

    source = forms.CharField(
        label=_("Source"),
        max_length=csv_import.SOURCE_MAX_LENGTH,
        required=False,
        help_text=_("Where the new or changed values come from, e.g. the statistics office."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )

    def __init__(self, *args, districts, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = districts
        self.indicators = indicators
        this_year = timezone.localdate().year
        self.fields["year"] = CalendarYearField(
            label=_("Year"),
            first=FIRST_YEAR,
            last=this_year,
            help_text=_("The year the values describe; saving under another year keeps both."),
        )
        for district in districts:
            for indicator in indicators:
                self.fields[cell_name(district.pk, indicator.pk)] = forms.DecimalField(
                    label=f"{district.name} · {indicator.name}",
                    required=False,
                    min_value=0,
                    max_digits=14,
                    decimal_places=2,
                    error_messages={
                        "invalid": _("Enter a number."),
                        "min_value": _("A value cannot be negative."),
                    },
                    widget=forms.TextInput(
                        attrs={"inputmode": "decimal", "class": "form-control form-control-sm"}
                    ),
                )

    def rows(self):
        """For the template: each district with its cells' bound fields, in indicator order."""
        return [
            (district, [self[cell_name(district.pk, i.pk)] for i in self.indicators])
            for district in self.districts
        ]

    def cells(self) -> dict:
        return {
            (district.pk, indicator.pk): self.cleaned_data[cell_name(district.pk, indicator.pk)]
            for district in self.districts
            for indicator in self.indicators
        }


def _upload_check(upload, *, extensions: tuple[str, ...], limit: int):
    suffix = PurePath(upload.name).suffix.lower().lstrip(".")
    if suffix not in extensions:
        raise forms.ValidationError(
            _("Choose a .%(extensions)s file.") % {"extensions": " or .".join(extensions)}
        )
    if upload.size > limit:
        raise forms.ValidationError(
            _("The file is %(size)s; it may be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    return upload


class CsvImportForm(AtlasVersionForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, with the columns of the template. A file with any bad row is refused whole."
        ),
    )

    def clean_file(self):
        return _upload_check(
            self.cleaned_data["file"], extensions=("csv", "txt"), limit=csv_import.MAX_BYTES
        )


class BoundariesForm(AtlasVersionForm):
    file = forms.FileField(
        label=_("Boundaries (GeoJSON)"),
        help_text=_(
            "A FeatureCollection of Polygon or MultiPolygon features, each with a "
            "“district_number” property, in longitude and latitude (WGS 84)."
        ),
    )

    def clean_file(self):
        return _upload_check(
            self.cleaned_data["file"], extensions=("geojson", "json"), limit=geojson.MAX_BYTES
        )
