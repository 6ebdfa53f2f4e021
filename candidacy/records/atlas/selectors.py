"""Reads of the atlas, shaped for its pages: a fixed number of queries whatever the number of
districts, indicators and values.

A big atlas (a city of 100 districts and a programme of 100 indicators holds 10,000 cells) is
shown one indicator at a time, its districts in pages (`atlas_part`); a small one (at most
`WHOLE_GRID_CELLS` cells) whole, as a user expects of a short table. The CSV template holds
every cell whatever the size."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Max
from django.http import Http404
from django.utils.translation import gettext as _

from candidacy.models import (
    DistrictBoundaries,
    IndicatorDefinition,
    IndicatorValue,
    StageProgress,
    atlas_indicators,
)
from candidacy.records import registry
from cities.calendars import year_format
from cities.models import District
from cities.templatetags.portal import format_digits, format_number


@dataclass
class AtlasRow:
    district: District
    cells: list  # the latest IndicatorValue per indicator, or None, in indicator order


@dataclass(frozen=True)
class IndicatorRow:
    """A district's line in the table of one indicator, its texts as the reader reads them
    (the `number`, `digits` and `cfc_year` filters' functions): a page of districts is then
    printed without a filter or a lookup per cell."""

    district: str
    value: str  # "": no value yet
    year: str
    source: str
    number: int  # the district's, for the link to its page

    @classmethod
    def of(cls, district: District, value: IndicatorValue | None) -> IndicatorRow:
        label = f"{format_digits(district.number)}. {district.name}"
        if value is None:
            return cls(label, "", "", "", district.number)
        return cls(
            label,
            format_number(value.value),
            year_format(value.year),
            value.source,
            district.number,
        )


#: The most cells (districts x indicators) a page shows at once: a bigger atlas is shown one
#: indicator at a time.
WHOLE_GRID_CELLS = 500
#: The choices of districts per page (of one indicator), and the default.
PAGE_SIZES = (25, 50, 100, 200)
PAGE_SIZE = 50


@dataclass(frozen=True)
class AtlasPart:
    """The part of the atlas a page shows, chosen in its address: `?indicator=<key>` (one
    indicator; none given: every indicator of a small atlas, the first of a big one),
    `?page=<n>` and `?per_page=<n>` (its districts, in pages)."""

    districts: list[District]  # every district of the city
    indicators: list[IndicatorDefinition]  # every indicator of the atlas's version
    indicator: IndicatorDefinition | None  # the one shown; None: every indicator
    page: Page  # of the districts shown
    per_page: int

    @property
    def whole(self) -> bool:
        """Whether the atlas is small enough to be shown whole."""
        return len(self.districts) * len(self.indicators) <= WHOLE_GRID_CELLS

    @property
    def shown_indicators(self) -> list[IndicatorDefinition]:
        return [self.indicator] if self.indicator else self.indicators

    @property
    def shown_districts(self) -> list[District]:
        return list(self.page.object_list)

    @property
    def page_sizes(self) -> list[int]:
        """The page sizes worth offering: up to the first that holds every district."""
        sizes = []
        for size in PAGE_SIZES:
            sizes.append(size)
            if size >= len(self.districts):
                break
        return sizes

    def query(self, **changes) -> str:
        """The query string of this part with `changes` (None drops a parameter); `page`
        counts from 1 and the defaults are left out, so addresses stay short."""
        default = self.indicator is None or (
            not self.whole and self.indicator == self.indicators[0]
        )
        params = {
            "indicator": None if default else self.indicator.key,
            "per_page": self.per_page if self.per_page != PAGE_SIZE else None,
            "page": self.page.number if self.page.number > 1 else None,
        }
        params.update(changes)
        return urlencode({name: value for name, value in params.items() if value is not None})

    def options(self) -> list[tuple[str, str, bool]]:
        """The navigator's indicators as (key, "name (unit)", whether shown), made once here
        rather than by a template loop over a hundred indicators."""
        shown = self.indicator.pk if self.indicator else None
        return [
            (indicator.key, f"{indicator.name} ({indicator.unit})", indicator.pk == shown)
            for indicator in self.indicators
        ]

    def pages(self) -> Iterator[tuple[int, str]]:
        """(number, query string) of each page of districts."""
        for number in self.page.paginator.page_range:
            yield number, self.query(page=number if number > 1 else None)


def _page_size(text: str) -> int:
    try:
        size = int(text)
    except ValueError:
        return PAGE_SIZE
    return size if size in PAGE_SIZES else PAGE_SIZE


def atlas_part(progress: StageProgress, params) -> AtlasPart:
    """The part of the atlas that the query string `params` chooses: an unknown indicator
    is a 404; a page that is not a number is the first, one past the last is the last, and an
    unknown page size is the default. Two queries (the districts, the indicators)."""
    districts = districts_of(progress)
    indicators = indicators_of(progress)
    key = params.get("indicator", "")
    if key:
        indicator = next((i for i in indicators if i.key == key), None)
        if indicator is None:
            raise Http404(_("This atlas has no such indicator."))
    elif len(districts) * len(indicators) <= WHOLE_GRID_CELLS:
        indicator = None
    else:
        indicator = indicators[0]
    per_page = _page_size(params.get("per_page", ""))
    if indicator is None:
        per_page = max(len(districts), 1)  # a small atlas: every district on one page
    page = Paginator(districts, per_page).get_page(params.get("page"))
    return AtlasPart(districts, indicators, indicator, page, per_page)


def districts_of(progress: StageProgress) -> list[District]:
    return list(District.objects.filter(city_id=progress.candidacy.city_id).order_by("number"))


def indicators_of(progress: StageProgress) -> list[IndicatorDefinition]:
    """The indicators of the version the atlas keeps (the one of its values, else the one in
    force): one query."""
    return list(
        atlas_indicators(
            progress.candidacy.city.programme_id, IndicatorValue.objects.filter(progress=progress)
        )
        .select_related("framework")
        .order_by("order", "key")
    )


def latest_values(progress: StageProgress) -> dict[tuple[int, int], IndicatorValue]:
    """The most recent value of each district and indicator, keyed by their ids."""
    latest = {}
    for value in IndicatorValue.objects.filter(progress=progress).order_by("year", "pk"):
        latest[(value.district_id, value.indicator_id)] = value  # later years win
    return latest


def year_values(
    progress: StageProgress, year: int, *, indicators=None
) -> dict[tuple[int, int], IndicatorValue]:
    """The values of one year, keyed by (district id, indicator id); `indicators`: only
    theirs."""
    values = IndicatorValue.objects.filter(progress=progress, year=year)
    if indicators is not None:
        values = values.filter(indicator__in=indicators)
    return {(value.district_id, value.indicator_id): value for value in values}


def latest_of_indicator(
    progress: StageProgress, indicator: IndicatorDefinition
) -> dict[int, IndicatorValue]:
    """The most recent value of one indicator in each district, keyed by the district's id."""
    latest = {}
    for value in IndicatorValue.objects.filter(progress=progress, indicator=indicator).order_by(
        "year", "pk"
    ):
        latest[value.district_id] = value  # later years win
    return latest


def template_rows(progress: StageProgress) -> Iterator[list]:
    """The CSV template's rows after its header: every district and indicator of the atlas,
    with the latest value (value, year, source) or empty cells. Three queries, whatever the
    size, made before the rows are; the values are read as tuples, not model instances."""
    districts = districts_of(progress)
    indicators = indicators_of(progress)
    latest = {}
    for district_id, indicator_id, value, year, source in (
        IndicatorValue.objects.filter(progress=progress)
        .order_by("year", "pk")
        .values_list("district_id", "indicator_id", "value", "year", "source")
    ):
        latest[(district_id, indicator_id)] = (format(value.normalize(), "f"), year, source)
    empty = ("", "", "")
    return (
        [district.number, district.name, key, *latest.get((district.pk, indicator_id), empty)]
        for district in districts
        for indicator_id, key in [(indicator.pk, indicator.key) for indicator in indicators]
    )


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


def atlas_context(progress: StageProgress, part: AtlasPart, can_edit: bool) -> dict:
    """What the atlas page shows of `part`: the table of the latest values (every indicator of
    a small atlas, or one indicator for a page of districts) and the map's data (the shown
    indicators' values in every district, so the whole map is coloured); `can_edit`: whether
    the reader may edit the atlas (`candidacy.permissions.can_edit_stage`)."""
    districts, indicators = part.districts, part.shown_indicators
    if part.indicator is None:
        latest = latest_values(progress)
    else:
        latest = {
            (district_id, part.indicator.pk): value
            for district_id, value in latest_of_indicator(progress, part.indicator).items()
        }
    boundaries = boundaries_of(progress)
    if part.indicator is None:
        rows = [
            AtlasRow(district, [latest.get((district.pk, i.pk)) for i in indicators])
            for district in part.shown_districts
        ]
    else:
        rows = [
            IndicatorRow.of(district, latest.get((district.pk, part.indicator.pk)))
            for district in part.shown_districts
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
                        for i in indicators
                        if (cell := latest.get((district.pk, i.pk))) is not None
                    },
                }
                for district in districts
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
    return {
        "part": part,
        "districts": districts,
        "indicators": indicators,
        "atlas_rows": rows,
        "boundaries": boundaries,
        "map_data": map_data,
        "can_edit_atlas": can_edit,
        "atlas_missing": registry.missing(progress) if progress.is_editable_state else [],
        "value_count": len(latest),
    }
