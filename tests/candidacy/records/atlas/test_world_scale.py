"""The atlas at world scale (issue 10): a big atlas (more than `WHOLE_GRID_CELLS` cells) is
shown one indicator at a time, its districts in pages, chosen in the address; the grid shows
and saves only that part; the CSV template still holds every cell; bad choices in the address
give a sensible page or a 404; the query counts do not grow with the atlas."""

from __future__ import annotations

from decimal import Decimal

import pytest

from candidacy.models import IndicatorValue
from candidacy.records.atlas import selectors, services
from demo.records.atlas import schematic_boundaries
from tests import factories as f
from tests.navigation import NAV_TASKS_COUNTED
from tests.stale_edits import form_post

from .conftest import csv_bytes, full_rows, make_indicators

pytestmark = pytest.mark.django_db

#: (districts, indicators): both above WHOLE_GRID_CELLS, the second twice the first.
BIG = [(60, 10), (80, 15)]


def _grow(rw, progress, districts: int, indicators: int, *, boundaries: bool = True):
    """The atlas grown to `districts` x `indicators`, every cell filled (2023), with the
    districts' boundaries."""
    for number in range(len(rw.districts) + 1, districts + 1):
        rw.districts.append(f.DistrictFactory(city=rw.city, number=number))
    rw.indicators += make_indicators(
        rw.programme, indicators - len(rw.indicators), first=len(rw.indicators) + 1
    )
    services.values_import(
        progress=progress, by=rw.office, content=csv_bytes(full_rows(rw.districts, rw.indicators))
    )
    if boundaries:
        services.boundaries_upload(
            progress=progress,
            by=rw.office,
            content=schematic_boundaries([d.number for d in rw.districts]),
        )


def _stored() -> dict:
    return {
        (v.district_id, v.indicator_id, v.year): (v.value, v.source)
        for v in IndicatorValue.objects.all()
    }


def test_a_small_atlas_is_shown_whole_with_every_indicator_on_the_map(client, rw, atlas):
    _grow(rw, atlas, 3, 2)
    client.force_login(rw.coordinator)
    page = client.get(rw.url("atlas", "atlas"))
    part = page.context["part"]
    assert part.whole and part.indicator is None
    assert page.text.count('<th scope="row">') == 3
    assert '<option value="" selected>All indicators</option>' in page.text
    assert set(page.context["map_data"]["districts"]["1"]["values"]) == {
        "indicator-1",
        "indicator-2",
    }
    # One indicator of a small atlas can be chosen too.
    page = client.get(rw.url("atlas", "atlas"), {"indicator": "indicator-2"})
    assert page.context["part"].indicator.key == "indicator-2"
    assert page.text.count('<th scope="row">') == 3


def test_a_big_atlas_shows_its_first_indicator_for_a_page_of_districts(client, rw, atlas):
    _grow(rw, atlas, 60, 10)
    client.force_login(rw.office)
    page = client.get(rw.url("atlas", "atlas"))
    assert page.status_code == 200
    part = page.context["part"]
    assert not part.whole and part.indicator.key == "indicator-1"
    assert page.text.count('<th scope="row">') == selectors.PAGE_SIZE == 50
    assert "Indicator 1: districts 1–50 of 60, each with the latest year entered." in page.text
    assert "All indicators" not in page.text  # 600 cells are not shown at once
    assert '<option value="indicator-1" selected>Indicator 1 (children)</option>' in page.text
    assert 'href="?page=2"' in page.text and 'aria-current="page">1</a>' in page.text
    # The map colours every district (not only the page's) by the chosen indicator alone.
    data = page.context["map_data"]
    assert len(data["districts"]) == 60
    assert [i["key"] for i in data["indicators"]] == ["indicator-1"]
    assert data["districts"]["60"]["values"] == {"indicator-1": [601, 2023]}
    assert len(page.content) < 300_000


def test_the_address_chooses_the_indicator_the_page_and_its_size(client, rw, atlas):
    _grow(rw, atlas, 60, 10)
    client.force_login(rw.office)
    page = client.get(
        rw.url("atlas", "atlas"), {"indicator": "indicator-3", "per_page": "25", "page": "3"}
    )
    assert page.text.count('<th scope="row">') == 10
    assert "Indicator 3: districts 51–60 of 60" in page.text
    assert "<td>513</td><td>2023</td>" in page.text  # district 51: 51 * 10 + 3
    assert '<option value="25" selected>25</option>' in page.text
    assert 'href="?indicator=indicator-3&amp;per_page=25&amp;page=2"' in page.text
    assert page.context["map_data"]["districts"]["1"]["values"] == {"indicator-3": [13, 2023]}


@pytest.mark.parametrize(
    "params,rows,first",
    [
        ({"page": "abc"}, 50, 1),  # not a number: the first page
        ({"page": "99999"}, 10, 51),  # past the end: the last page
        ({"page": "-1"}, 10, 51),
        ({"per_page": "7"}, 50, 1),  # not one of the sizes offered: the default
        ({"per_page": "many", "page": "2"}, 10, 51),
        ({"indicator": ""}, 50, 1),
    ],
)
def test_bad_choices_in_the_address_give_a_sensible_page(client, rw, atlas, params, rows, first):
    _grow(rw, atlas, 60, 10, boundaries=False)
    client.force_login(rw.office)
    for name in ("atlas", "atlas-grid"):
        page = client.get(rw.url(name, "atlas"), params)
        assert page.status_code == 200
        assert page.context["part"].page.start_index() == first
        assert len(page.context["part"].shown_districts) == rows


@pytest.mark.parametrize("name", ["atlas", "atlas-grid"])
@pytest.mark.parametrize("key", ["nope", "far-only", "<script>"])
def test_an_unknown_indicator_is_not_found(client, rw, atlas, name, key):
    _grow(rw, atlas, 60, 10, boundaries=False)
    client.force_login(rw.office)
    assert client.get(rw.url(name, "atlas"), {"indicator": key}).status_code == 404


@pytest.mark.parametrize("year", ["abc", "99999999999", "-3", "0"])
def test_a_bad_year_on_the_grid_gives_a_page(client, rw, atlas, year):
    _grow(rw, atlas, 60, 10, boundaries=False)
    client.force_login(rw.office)
    assert client.get(rw.url("atlas-grid", "atlas"), {"year": year}).status_code == 200


def test_the_grid_of_a_big_atlas_saves_only_the_cells_it_shows(client, rw, atlas):
    _grow(rw, atlas, 60, 10, boundaries=False)
    before = _stored()
    client.force_login(rw.office)
    url = rw.url("atlas-grid", "atlas") + "?indicator=indicator-2&page=2"
    grid = client.get(url + "&year=2023")
    form = grid.context["form"]
    assert grid.text.count('inputmode="decimal"') == 10  # districts 51-60, one indicator
    assert "saving changes only the cells shown, never the others" in grid.text
    shown = [d for d in rw.districts if d.number > 50]
    indicator = rw.indicators[1]
    changes = {f"v_{d.pk}_{indicator.pk}": "7" for d in shown}
    changes[f"v_{shown[0].pk}_{indicator.pk}"] = ""  # emptied: that value alone is removed
    response = client.post(url, form_post(form, source="Survey", **changes))
    assert response.status_code == 302
    assert response["Location"] == rw.url("atlas", "atlas") + "?indicator=indicator-2&page=2"
    after = _stored()
    assert len(after) == len(before) - 1 == 599
    changed = {cell for cell in after if after[cell] != before[cell]}
    assert changed == {(d.pk, indicator.pk, 2023) for d in shown[1:]}
    assert {after[cell] for cell in changed} == {(Decimal("7"), "Survey")}


def test_the_csv_template_of_a_big_atlas_holds_every_cell(client, rw, atlas):
    _grow(rw, atlas, 60, 10, boundaries=False)
    client.force_login(rw.evaluator)
    response = client.get(rw.url("atlas-template", "atlas"))
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 1 + 60 * 10
    assert lines[-1] == "60,District 60,indicator-10,610,2023,Statistics office"


@pytest.mark.parametrize("districts,indicators", BIG)
@pytest.mark.parametrize("reader", ["office", "coordinator"])
def test_big_atlas_page_queries_do_not_grow(
    client, rw, atlas, django_assert_max_num_queries, districts, indicators, reader
):
    _grow(rw, atlas, districts, indicators)
    client.force_login(getattr(rw, reader))
    # measured: 14 at both sizes (session, user, scope, the stage and its sign-offs, districts,
    # indicators, the indicator's values, boundaries, the completeness rule's counts, the
    # inbox's unread count)
    with django_assert_max_num_queries(14 + NAV_TASKS_COUNTED):
        page = client.get(rw.url("atlas", "atlas"), {"indicator": "indicator-2", "page": "2"})
    assert page.status_code == 200
    assert len(page.context["map_data"]["districts"]) == districts


@pytest.mark.parametrize("districts,indicators", BIG)
def test_big_grid_page_queries_do_not_grow(
    client, rw, atlas, django_assert_max_num_queries, districts, indicators
):
    _grow(rw, atlas, districts, indicators, boundaries=False)
    client.force_login(rw.office)
    # measured: 11 at both sizes (session, user, scope, city, stage and its sign-offs,
    # districts, indicators, the years, the shown indicator's values of the year, the version,
    # the inbox's unread count)
    with django_assert_max_num_queries(12 + NAV_TASKS_COUNTED):
        page = client.get(rw.url("atlas-grid", "atlas"), {"indicator": "indicator-2"})
    assert page.status_code == 200
    assert page.text.count('inputmode="decimal"') == 50


@pytest.mark.parametrize("districts,indicators", BIG)
def test_csv_template_queries_do_not_grow(
    client, rw, atlas, django_assert_max_num_queries, districts, indicators
):
    _grow(rw, atlas, districts, indicators, boundaries=False)
    client.force_login(rw.coordinator)
    # measured: 9 at both sizes (session, user, scope, city, stage and its sign-offs,
    # districts, indicators, the values as tuples)
    with django_assert_max_num_queries(9):
        response = client.get(rw.url("atlas-template", "atlas"))
        lines = b"".join(response.streaming_content).splitlines()
    assert len(lines) == 1 + districts * indicators
