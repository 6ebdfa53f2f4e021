"""The atlas's completeness rule, in the service that submits and on the page."""

from __future__ import annotations

import pytest

from candidacy import services as workflow
from candidacy.models import IndicatorDefinition, StageState
from candidacy.records import registry
from candidacy.records.atlas import services
from candidacy.services import WorkflowError
from cities.models import District
from demo.testing import complete_record

from .conftest import csv_bytes, full_rows, make_indicators

pytestmark = pytest.mark.django_db


def _import(rw, progress, districts, indicators):
    services.values_import(
        progress=progress, by=rw.office, content=csv_bytes(full_rows(districts, indicators))
    )


def test_every_district_and_indicator_needs_a_value(rw, atlas):
    rw.indicators += make_indicators(rw.programme, 2, first=3)  # 3 districts × 4 indicators
    assert registry.missing(atlas) == [
        "Enter the 12 missing indicator values (3 districts × 4 indicators): in the grid or "
        "by importing a CSV file."
    ]
    _import(rw, atlas, rw.districts[:1], rw.indicators)  # district 1 complete
    _import(rw, atlas, rw.districts[1:], rw.indicators[:3])  # districts 2, 3 lack indicator 4
    assert registry.missing(atlas) == [
        "Enter the 2 missing indicator values (2 districts × 1 indicator): in the grid or by "
        "importing a CSV file."
    ]
    _import(rw, atlas, rw.districts[1:2], rw.indicators[3:])
    assert registry.missing(atlas) == [
        "Enter the 1 missing indicator value (1 district × 1 indicator): in the grid or by "
        "importing a CSV file."
    ]
    _import(rw, atlas, rw.districts[2:], rw.indicators[3:])
    assert registry.missing(atlas) == []


def test_a_value_of_any_year_counts_and_scattered_gaps_are_described(rw, atlas):
    rw.indicators += make_indicators(rw.programme, 1, first=3)
    _import(rw, atlas, rw.districts[:2], rw.indicators[:1])
    _import(rw, atlas, rw.districts[2:], rw.indicators[1:])
    # Missing: d1 × (i2, i3), d2 × (i2, i3), d3 × i1 = 5, over 3 districts and 3 indicators.
    assert registry.missing(atlas) == [
        "Enter the 5 missing indicator values (in 3 districts, for 3 indicators): in the grid "
        "or by importing a CSV file."
    ]


def test_the_city_needs_districts(rw, atlas):
    District.objects.filter(city=rw.city).delete()
    problems = registry.missing(atlas)
    assert len(problems) == 1
    assert problems[0].startswith("The city has no districts yet")


def test_the_programme_needs_indicators(rw, atlas):
    IndicatorDefinition.objects.filter(programme=rw.programme).delete()
    assert registry.missing(atlas) == [
        "The programme defines no atlas indicators yet: ask the portal's administrators."
    ]


def test_submission_is_refused_until_complete(rw, atlas):
    workflow.stage_save_draft(progress=atlas, by=rw.office, narrative="Our atlas.")
    with pytest.raises(WorkflowError) as refused:
        workflow.stage_submit(progress=atlas, by=rw.office)
    assert "Enter the 6 missing indicator values" in refused.value.messages[0]
    _import(rw, atlas, rw.districts, rw.indicators)
    workflow.stage_submit(progress=rw.stage("atlas"), by=rw.office)
    assert rw.stage("atlas").state == StageState.SUBMITTED


def test_complete_record_fills_an_atlas_without_districts_or_indicators(rw):
    atlas = rw.open("atlas")
    District.objects.filter(city=rw.city).delete()
    complete_record(atlas, by=rw.office)
    assert registry.missing(atlas) == []
    assert District.objects.filter(city=rw.city).count() == 4
    assert IndicatorDefinition.objects.filter(programme=rw.programme).count() >= 20
