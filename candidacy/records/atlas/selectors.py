"""Reads of the atlas, shaped for its pages: a fixed number of queries whatever the number of
districts, indicators and values."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from candidacy import permissions
from candidacy.models import DistrictBoundaries, IndicatorDefinition, IndicatorValue, StageProgress
from candidacy.records import registry
from cities.models import District


@dataclass
class AtlasRow:
    district: District
    cells: list  # the latest IndicatorValue per indicator, or None, in indicator order


def districts_of(progress: StageProgress) -> list[District]:
    return list(District.objects.filter(city_id=progress.candidacy.city_id).order_by("number"))


def indicators_of(progress: StageProgress) -> list[IndicatorDefinition]:
    return list(
        IndicatorDefinition.objects.filter(programme_id=progress.candidacy.city.programme_id)
    )


def latest_values(progress: StageProgress) -> dict[tuple[int, int], IndicatorValue]:
    """The most recent value of each district and indicator, keyed by their ids."""
    latest = {}
    for value in IndicatorValue.objects.filter(progress=progress).order_by("year", "pk"):
        latest[(value.district_id, value.indicator_id)] = value  # later years win
    return latest


def year_values(progress: StageProgress, year: int) -> dict[tuple[int, int], IndicatorValue]:
    return {
        (value.district_id, value.indicator_id): value
        for value in IndicatorValue.objects.filter(progress=progress, year=year)
    }


def years_of(progress: StageProgress) -> list[int]:
    return list(
        IndicatorValue.objects.filter(progress=progress)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def boundaries_of(progress: StageProgress) -> DistrictBoundaries | None:
    return DistrictBoundaries.objects.filter(city_id=progress.candidacy.city_id).first()


def values_version(progress: StageProgress) -> str:
    """The version of the atlas's values that a page carries (the grid, the CSV import): how
    many values there are and when the last one changed. Every write changes it (an added or
    changed value moves the last change, a removal lowers the count), whichever page made it;
    derived from the values themselves, it needs no counter kept beside them. One query."""
    summary = IndicatorValue.objects.filter(progress=progress).aggregate(
        count=Count("pk"), last=Max("updated_at")
    )
    last = summary["last"].isoformat() if summary["last"] else "-"
    return f"{summary['count']}@{last}"


def boundaries_version(progress: StageProgress) -> str:
    """The version of the city's boundaries that the upload page carries: when they were last
    uploaded ("-": none yet)."""
    uploaded = (
        DistrictBoundaries.objects.filter(city_id=progress.candidacy.city_id)
        .values_list("uploaded_at", flat=True)
        .first()
    )
    return uploaded.isoformat() if uploaded else "-"


def _number(value) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def atlas_context(user, progress: StageProgress) -> dict:
    """What the atlas page shows: the table of the latest values and the map's data."""
    districts = districts_of(progress)
    indicators = indicators_of(progress)
    latest = latest_values(progress)
    boundaries = boundaries_of(progress)
    rows = [
        AtlasRow(district, [latest.get((district.pk, i.pk)) for i in indicators])
        for district in districts
    ]
    map_data = None
    if boundaries is not None:
        map_data = {
            "boundaries": boundaries.geojson,
            "indicators": [{"key": i.key, "name": i.name, "unit": i.unit} for i in indicators],
            "districts": {
                str(district.number): {
                    "name": district.name,
                    "values": {
                        i.key: [_number(cell.value), cell.year]
                        for i, cell in zip(indicators, row.cells, strict=True)
                        if cell is not None
                    },
                }
                for district, row in zip(districts, rows, strict=True)
            },
            "tiles": {
                "url": settings.ATLAS_TILE_URL,
                "attribution": settings.ATLAS_TILE_ATTRIBUTION,
            },
            "labels": {
                "noValue": _("no value"),
                "legend": _("Legend"),
                "map": _("Map of the districts"),
            },
        }
    can_edit = permissions.can_edit_stage(user, progress)
    return {
        "districts": districts,
        "indicators": indicators,
        "atlas_rows": rows,
        "boundaries": boundaries,
        "map_data": map_data,
        "can_edit_atlas": can_edit,
        "atlas_missing": registry.missing(progress) if progress.is_editable_state else [],
        "value_count": len(latest),
    }
