"""The demo's atlases, written through `services` like every atlas: the programme's indicator
set (seeded if missing), values for every district and indicator (imported as a CSV file, the
way a city would), and, for Isfahan, boundaries for its 15 districts.

Isfahan's boundaries are SCHEMATIC: rectangles on a 5 × 3 grid around the city's real centre
(about 32.65° N, 51.67° E), not the districts' real shapes. A city without districts gets four
("District 1" to "District 4") so that its atlas can be complete.
"""

from __future__ import annotations

import datetime
import io
import json
import random

from candidacy.models import IndicatorDefinition, StageProgress
from candidacy.records.atlas import selectors, services
from candidacy.records.atlas.csv_import import HEADER
from candidacy.records.atlas.indicators import indicators_seed
from cities.models import City, District
from cities.seed_names import district_names
from core.spreadsheets import csv_writer

ISFAHAN = "isfahan"
ISFAHAN_CENTRE = (51.67, 32.65)  # longitude, latitude
DEMO_DISTRICTS = 4

# Plausible ranges per district, by indicator key (fallback by unit below).
_RANGES = {
    "children-0-5": (9000, 26000),
    "children-6-11": (8500, 24000),
    "children-12-17": (8000, 22000),
    "children-with-disabilities": (150, 700),
    "kindergartens": (8, 45),
    "kindergarten-places": (350, 900),
    "kindergarten-waiting-list": (0, 260),
    "primary-schools": (12, 48),
    "secondary-schools": (8, 35),
    "schools": (15, 70),
    "health-centres": (2, 9),
    "polyclinics": (1, 5),
    "mother-child-rooms": (0, 4),
    "play-space-per-child": (0.4, 4.5),
    "green-space-per-child": (3, 28),
    "cycle-paths": (2, 25),
}
_UNIT_RANGES = {
    "%": (25, 95),
    "per 1,000 children": (1.5, 14),
    "sessions a year": (2, 12),
    "members": (8, 40),
}
_SOURCES = {
    ISFAHAN: "Isfahan Municipality, Deputy for Planning (from the Statistical Centre of Iran)",
}


def _value(rng: random.Random, indicator: IndicatorDefinition) -> str:
    unit = indicator.unit_en  # the seed's English unit, whatever the reader's language
    low, high = _RANGES.get(indicator.key) or _UNIT_RANGES.get(unit) or (1, 30)
    if isinstance(low, float) or isinstance(high, float) or unit in _UNIT_RANGES:
        return f"{rng.uniform(low, high):.1f}"
    return str(rng.randint(low, high))


def _districts(city: City) -> list[District]:
    districts = list(District.objects.filter(city=city).order_by("number"))
    if not districts:
        districts = District.objects.bulk_create(
            District(city=city, number=number, **district_names(number, city.programme.key))
            for number in range(1, DEMO_DISTRICTS + 1)
        )
    return districts


def values_csv(city: City, districts, indicators, *, year: int) -> bytes:
    """A complete CSV file of plausible values (the same for the same city)."""
    source = _SOURCES.get(city.slug, f"{city.name} municipality, statistics unit")
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(HEADER)
    for district in districts:
        for indicator in indicators:
            rng = random.Random(f"{city.slug}/{district.number}/{indicator.key}")  # noqa: S311
            writer.writerow(
                [
                    district.number,
                    district.name,
                    indicator.key,
                    _value(rng, indicator),
                    year,
                    source,
                ]
            )
    return out.getvalue().encode("utf-8")


def schematic_boundaries(numbers: list[int], *, centre=ISFAHAN_CENTRE, columns: int = 5) -> bytes:
    """A FeatureCollection of rectangles on a grid around `centre`, one per district number:
    schematic shapes for a demo, not real boundaries."""
    width, height = 0.045, 0.04  # degrees: about 4.2 km × 4.4 km at Isfahan's latitude
    rows = (len(numbers) + columns - 1) // columns
    west = centre[0] - columns * width / 2
    north = centre[1] + rows * height / 2
    features = []
    for index, number in enumerate(numbers):
        row, column = divmod(index, columns)
        x0, y1 = west + column * width, north - row * height
        x1, y0 = x0 + width, y1 - height
        ring = [[round(x, 5), round(y, 5)] for x, y in [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]]
        ring.append(ring[0])
        features.append(
            {
                "type": "Feature",
                "properties": {"district_number": number, "schematic": True},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def atlas_fill(progress: StageProgress, city: City, by, day: datetime.date) -> None:
    """The demo filler of `candidacy.records.demo`: a complete atlas for the stage."""
    indicators_seed(programme=city.programme)
    districts = _districts(city)
    indicators = selectors.indicators_of(progress)  # of the version the atlas keeps
    content = values_csv(city, districts, indicators, year=day.year - 1)
    services.values_import(progress=progress, by=by, content=content)
    if city.slug == ISFAHAN:
        services.boundaries_upload(
            progress=progress,
            by=by,
            content=schematic_boundaries([district.number for district in districts]),
            name="isfahan-districts-schematic.geojson",
        )
