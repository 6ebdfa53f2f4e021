"""The atlas's fixtures, on top of the records' world (`rw`): its atlas stage open, the
programme's indicators and helpers to build CSV files."""

from __future__ import annotations

import csv
import io

import pytest

from candidacy.models import FrameworkKind, IndicatorDefinition, framework_for_opening
from candidacy.records.atlas.csv_import import HEADER
from tests import factories as f


def make_indicators(programme, count: int, *, first: int = 1) -> list[IndicatorDefinition]:
    return IndicatorDefinition.objects.bulk_create(
        IndicatorDefinition(
            programme=programme,
            framework=framework_for_opening(programme.pk, FrameworkKind.ATLAS),
            key=f"indicator-{number}",
            name=f"Indicator {number}",
            unit="children",
            goal_area="essential_services",
            order=number,
        )
        for number in range(first, first + count)
    )


def csv_bytes(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def full_rows(districts, indicators, *, year=2023, value=lambda d, i: d.number * 10 + i.order):
    return [
        [d.number, d.name, i.key, value(d, i), year, "Statistics office"]
        for d in districts
        for i in indicators
    ]


@pytest.fixture
def atlas(rw):
    """The atlas stage, open, in a city with 3 districts, and 2 indicators in the programme."""
    progress = rw.open("atlas")
    rw.indicators = make_indicators(rw.programme, 2)
    # An indicator of another programme, whose key must not be accepted here.
    far = f.ProgrammeFactory(key="far-indicators")
    IndicatorDefinition.objects.create(
        programme=far, key="far-only", name="Far", unit="x", goal_area="voice", order=1
    )
    return progress
