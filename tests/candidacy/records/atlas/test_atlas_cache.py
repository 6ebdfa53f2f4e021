"""The atlas page's content is kept in the cache (issue 10, "world scale"): under the lists'
edition, the atlases' (`core.editions.ATLAS`, read with the session) and whether the reader may
edit the atlas. A warm page reads neither districts, indicators, values nor boundaries; every
change of what it shows is on the next page: values (grid, CSV import), an indicator's name,
a district's name, the boundaries, the stage's state (the editor's buttons)."""

from __future__ import annotations

import re

import pytest

from candidacy import services as workflow
from candidacy.records.atlas import services
from demo.records.atlas import schematic_boundaries
from tests import factories as f
from tests.navigation import NAV_TASKS_COUNTED
from tests.stale_edits import form_post

from .conftest import csv_bytes, full_rows, make_indicators

pytestmark = pytest.mark.django_db

GRID_BUTTON = "Enter values in the grid"


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _grow(rw, progress, districts: int, indicators: int, commit):
    """Every cell filled (2023, value district x 10 + indicator), with boundaries."""
    for number in range(len(rw.districts) + 1, districts + 1):
        rw.districts.append(f.DistrictFactory(city=rw.city, number=number))
    rw.indicators += make_indicators(
        rw.programme, indicators - len(rw.indicators), first=len(rw.indicators) + 1
    )
    with commit(execute=True):
        services.values_import(
            progress=progress,
            by=rw.office,
            content=csv_bytes(full_rows(rw.districts, rw.indicators)),
        )
        services.boundaries_upload(
            progress=progress,
            by=rw.office,
            content=schematic_boundaries([d.number for d in rw.districts]),
        )


@pytest.mark.parametrize("districts,indicators", [(60, 10), (120, 20)])
def test_a_warm_atlas_page_reads_nothing_of_the_atlas(
    client,
    rw,
    atlas,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
    districts,
    indicators,
):
    _grow(rw, atlas, districts, indicators, django_capture_on_commit_callbacks)
    client.force_login(rw.office)
    url = rw.url("atlas", "atlas") + "?indicator=indicator-2&page=2"
    first = client.get(url)
    # measured: 6 at both sizes (session with the editions, user, scope, the stage and its
    # sign-offs, the inbox's unread count)
    with django_assert_max_num_queries(6 + NAV_TASKS_COUNTED):
        again = client.get(url)
    assert again.status_code == 200
    assert _without_tokens(again.text) == _without_tokens(first.text)


def test_the_next_page_shows_new_values_from_the_grid_and_the_import(
    client, rw, atlas, django_capture_on_commit_callbacks
):
    _grow(rw, atlas, 3, 2, django_capture_on_commit_callbacks)
    client.force_login(rw.office)
    url = rw.url("atlas", "atlas")
    assert "<td>11 " in client.get(url).text  # district 1, indicator 1: 1 x 10 + 1
    grid = client.get(rw.url("atlas-grid", "atlas"), {"year": 2023})
    cell = f"v_{rw.districts[0].pk}_{rw.indicators[0].pk}"
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            rw.url("atlas-grid", "atlas"),
            form_post(grid.context["form"], source="Survey", **{cell: "4321"}),
        )
    assert saved.status_code == 302
    page = client.get(url).text
    assert "<td>4,321 " in page and "<td>11 " not in page
    rows = full_rows(rw.districts, rw.indicators, value=lambda d, i: 900 + d.number)
    with django_capture_on_commit_callbacks(execute=True):
        services.values_import(progress=atlas, by=rw.office, content=csv_bytes(rows))
    page = client.get(url).text
    assert "<td>901 " in page and "4,321" not in page


def test_the_next_page_shows_a_renamed_indicator_and_district_and_new_boundaries(
    client, rw, atlas, django_capture_on_commit_callbacks
):
    _grow(rw, atlas, 3, 2, django_capture_on_commit_callbacks)
    client.force_login(rw.coordinator)
    url = rw.url("atlas", "atlas")
    page = client.get(url).text
    assert "Indicator 1" in page and "District 1" in page and 'id="atlas-map"' in page
    indicator, district = rw.indicators[0], rw.districts[0]
    with django_capture_on_commit_callbacks(execute=True):
        indicator.name = "Playgrounds"
        indicator.save()
        district.name = "Riverside"
        district.save()
    page = client.get(url).text
    assert "Playgrounds" in page and "Riverside" in page
    with django_capture_on_commit_callbacks(execute=True):
        services.boundaries_remove(progress=atlas, by=rw.office)
    page = client.get(url)
    assert 'id="atlas-map"' not in page.text and "leaflet" not in page.text


def test_the_editor_and_a_reader_each_see_their_own_page_and_a_submission_ends_editing(
    client, rw, atlas, django_capture_on_commit_callbacks
):
    _grow(rw, atlas, 3, 2, django_capture_on_commit_callbacks)
    url = rw.url("atlas", "atlas")
    client.force_login(rw.office)
    assert GRID_BUTTON in client.get(url).text
    client.force_login(rw.coordinator)
    assert GRID_BUTTON not in client.get(url).text
    client.force_login(rw.office)
    assert GRID_BUTTON in client.get(url).text
    atlas.narrative = "The atlas of every district."
    atlas.save(update_fields=["narrative"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.stage_submit(progress=atlas, by=rw.office)
    assert GRID_BUTTON not in client.get(url).text


def test_another_citys_office_still_finds_no_atlas(
    client, rw, atlas, django_capture_on_commit_callbacks
):
    _grow(rw, atlas, 3, 2, django_capture_on_commit_callbacks)
    client.force_login(rw.office)
    url = rw.url("atlas", "atlas")
    assert client.get(url).status_code == 200  # kept in the cache now
    client.force_login(rw.other_office)
    assert client.get(url).status_code == 404
