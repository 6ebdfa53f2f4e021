"""The atlas's pages: reading (table, map data), the grid, the import, the boundaries upload;
who reaches them; an approved atlas is read-only; query counts do not grow with the atlas."""

from __future__ import annotations

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from candidacy.models import DistrictBoundaries, IndicatorValue
from candidacy.records.atlas import services
from cities.calendars import SOLAR_HIJRI
from cities.models import Programme
from demo.records.atlas import schematic_boundaries
from tests import factories as f
from tests.navigation import NAV_TASKS_COUNTED

from .conftest import csv_bytes, full_rows, make_indicators

pytestmark = pytest.mark.django_db


def _fill(rw, progress):
    services.values_import(
        progress=progress,
        by=rw.office,
        content=csv_bytes(full_rows(rw.districts, rw.indicators)),
    )


def _grid_post(rw, year="2023", source="Census", **cells):
    data = {"year": year, "source": source}
    for district in rw.districts:
        for indicator in rw.indicators:
            data[f"v_{district.pk}_{indicator.pk}"] = "5"
    data.update(cells)
    return data


def test_the_stage_page_summarises_the_atlas_and_links_its_pages(client, rw, atlas):
    client.force_login(rw.office)
    page = client.get(rw.url("stage", "atlas")).text
    assert "The atlas holds 0 values for 3 districts and 2 indicators." in page
    for name in ("atlas", "atlas-grid", "atlas-import", "atlas-template", "atlas-boundaries"):
        assert rw.url(name, "atlas") in page
    assert "Enter the 6 missing indicator values" in page


def test_the_atlas_page_shows_the_table_and_no_map_without_boundaries(client, rw, atlas):
    _fill(rw, atlas)
    client.force_login(rw.coordinator)
    page = client.get(rw.url("atlas", "atlas"))
    assert page.status_code == 200
    text = page.text
    assert "Indicator 1 <span" in text and "(children)" in text
    assert "32 <small" in text and "2023" in text
    assert 'id="atlas-data"' not in text
    assert "leaflet" not in text
    assert "No boundaries have been uploaded" in text
    assert rw.url("atlas-grid", "atlas") not in text  # the coordinator reads only


@override_settings(ATLAS_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png")
def test_with_boundaries_the_page_draws_a_map_from_its_own_script(client, rw, atlas):
    _fill(rw, atlas)
    services.boundaries_upload(
        progress=atlas, by=rw.office, content=schematic_boundaries([1, 2, 3])
    )
    client.force_login(rw.office)
    page = client.get(rw.url("atlas", "atlas"))
    text = page.text
    assert "vendor/leaflet/leaflet.css" in text and "vendor/leaflet/leaflet.js" in text
    assert "js/atlas.js" in text
    assert "<script>" not in text.replace('<script id="atlas-data" type="application/json">', "")
    data = page.context["map_data"]
    assert len(data["boundaries"]["features"]) == 3
    assert data["districts"]["3"]["values"]["indicator-2"] == [32, 2023]
    assert data["tiles"]["url"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert 'id="atlas-indicator"' in text


def test_the_template_downloads(client, rw, atlas):
    client.force_login(rw.evaluator)
    response = client.get(rw.url("atlas-template", "atlas"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "district_number,district_name,indicator_key,value,year,source"
    assert len(lines) == 1 + 3 * 2


def test_the_grid_saves_every_cell(client, rw, atlas):
    client.force_login(rw.office)
    response = client.post(rw.url("atlas-grid", "atlas"), _grid_post(rw))
    assert response.status_code == 302
    assert IndicatorValue.objects.filter(year=2023, source="Census").count() == 6
    # Shown again for that year; emptying a cell removes its value, changing one keeps others.
    page = client.get(rw.url("atlas-grid", "atlas") + "?year=2023")
    cell = f"v_{rw.districts[0].pk}_{rw.indicators[0].pk}"
    assert f'name="{cell}" id="id_{cell}" value="5' in page.text
    post = _grid_post(rw, source="Survey", **{cell: ""})
    post[f"v_{rw.districts[1].pk}_{rw.indicators[0].pk}"] = "6"
    client.post(rw.url("atlas-grid", "atlas"), post)
    assert IndicatorValue.objects.count() == 5
    assert IndicatorValue.objects.filter(source="Survey").count() == 1


def test_bad_cells_are_shown_on_each_cell_and_nothing_is_saved(client, rw, atlas):
    client.force_login(rw.office)
    bad = f"v_{rw.districts[0].pk}_{rw.indicators[0].pk}"
    negative = f"v_{rw.districts[2].pk}_{rw.indicators[1].pk}"
    response = client.post(
        rw.url("atlas-grid", "atlas"), _grid_post(rw, **{bad: "many", negative: "-1"})
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[bad] == ["Enter a number."]
    assert form.errors[negative] == ["A value cannot be negative."]
    assert 'value="many" class="form-control form-control-sm is-invalid"' in response.text
    assert IndicatorValue.objects.count() == 0


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"year": "1800"}, "year", "Give a year from 1950 to "),
        ({"year": "3000"}, "year", "Give a year from 1950 to "),
        ({"year": "soon"}, "year", "Give the year as a number, e.g. 2024."),
        ({"source": ""}, "source", "Give the source of the new or changed values."),
    ],
)
def test_the_grid_checks_its_year_and_source(client, rw, atlas, changes, field, message):
    client.force_login(rw.office)
    response = client.post(rw.url("atlas-grid", "atlas"), {**_grid_post(rw), **changes})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert IndicatorValue.objects.count() == 0


def test_a_district_of_another_city_is_refused_in_the_grid(rw, atlas):
    from django.core.exceptions import ValidationError

    other = rw.other_districts[0]
    with pytest.raises(ValidationError) as refused:
        services.values_save_grid(
            progress=atlas,
            by=rw.office,
            year=2023,
            source="x",
            cells={
                (other.pk, rw.indicators[0].pk): 1,
                (rw.districts[0].pk, rw.indicators[0].pk): 1,
            },
        )
    assert refused.value.message_dict == {
        f"v_{other.pk}_{rw.indicators[0].pk}": ["Choose a district of this city."]
    }
    assert IndicatorValue.objects.count() == 0


def test_the_import_page_lists_every_bad_row_and_imports_nothing(client, rw, atlas):
    rows = full_rows(rw.districts, rw.indicators)
    rows[0][3] = "-1"
    rows[4][0] = "12"
    client.force_login(rw.office)
    upload = SimpleUploadedFile("atlas.csv", csv_bytes(rows), content_type="text/csv")
    response = client.post(rw.url("atlas-import", "atlas"), {"file": upload})
    assert response.status_code == 400
    assert "Nothing was imported: 2 problems in the file." in response.text
    assert "<td>2</td><td><code>value</code></td>" in response.text
    assert "<td>6</td><td><code>district_number</code></td>" in response.text
    assert IndicatorValue.objects.count() == 0


def test_the_import_page_imports_a_good_file(client, rw, atlas):
    client.force_login(rw.office)
    upload = SimpleUploadedFile(
        "atlas.csv", csv_bytes(full_rows(rw.districts, rw.indicators)), content_type="text/csv"
    )
    response = client.post(rw.url("atlas-import", "atlas"), {"file": upload}, follow=True)
    assert "The file was imported: 6 values added, 0 changed." in response.text
    assert IndicatorValue.objects.count() == 6


def test_the_import_page_wants_a_csv_file(client, rw, atlas):
    client.force_login(rw.office)
    upload = SimpleUploadedFile("atlas.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(rw.url("atlas-import", "atlas"), {"file": upload})
    assert response.status_code == 400
    assert "Choose a .csv or .txt file." in response.text


def test_the_boundaries_page_lists_every_problem(client, rw, atlas):
    client.force_login(rw.office)
    content = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"district_number": 8}, "geometry": None}
            ],
        }
    ).encode()
    upload = SimpleUploadedFile("d.geojson", content, content_type="application/geo+json")
    response = client.post(rw.url("atlas-boundaries", "atlas"), {"file": upload})
    assert response.status_code == 400
    assert "Feature 1: district 8 is not a district of this city." in response.text
    assert "Feature 1 has no geometry." in response.text
    assert not DistrictBoundaries.objects.exists()
    good = SimpleUploadedFile("d.geojson", schematic_boundaries([1, 2, 3]))
    response = client.post(rw.url("atlas-boundaries", "atlas"), {"file": good})
    assert response.status_code == 302
    assert DistrictBoundaries.objects.get().original_name == "d.geojson"


EDIT_PAGES = ["atlas-grid", "atlas-import", "atlas-boundaries"]


@pytest.mark.parametrize(
    "user,read,edit",
    [
        ("office", 200, 200),
        ("coordinator", 200, 403),
        ("evaluator", 200, 403),
        ("other_office", 404, 404),
        ("far_coordinator", 404, 404),
        ("far_evaluator", 404, 404),
    ],
)
def test_who_reaches_the_atlas_pages(client, rw, atlas, user, read, edit):
    client.force_login(getattr(rw, user))
    assert client.get(rw.url("atlas", "atlas")).status_code == read
    assert client.get(rw.url("atlas-template", "atlas")).status_code == read
    for name in EDIT_PAGES:
        assert client.get(rw.url(name, "atlas")).status_code == edit
        upload = SimpleUploadedFile("a.csv", csv_bytes(full_rows(rw.districts, rw.indicators)))
        response = client.post(rw.url(name, "atlas"), {**_grid_post(rw), "file": upload})
        assert response.status_code in ({edit} if edit != 200 else {302, 400})
    if edit != 200:
        assert IndicatorValue.objects.count() == 0


def test_anonymous_visitors_are_sent_to_sign_in(client, rw, atlas):
    for name in ["atlas", "atlas-template", *EDIT_PAGES]:
        response = client.get(rw.url(name, "atlas"))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_another_kind_of_stage_has_no_atlas(client, rw, atlas):
    client.force_login(rw.office)
    response = client.get(rw.url("atlas", "network"))
    assert response.status_code == 302
    assert response["Location"] == rw.url("stage", "network")


def test_an_approved_atlas_is_read_only_until_reopened(
    client, rw, atlas, django_capture_on_commit_callbacks
):
    from candidacy import services as workflow

    rw.approve("atlas")
    client.force_login(rw.office)
    page = client.get(rw.url("atlas", "atlas")).text
    assert rw.url("atlas-grid", "atlas") not in page
    for name in EDIT_PAGES:
        response = client.get(rw.url(name, "atlas"))
        assert response.status_code == 302
        assert response["Location"] == rw.url("stage", "atlas")
    before = IndicatorValue.objects.count()
    client.post(rw.url("atlas-grid", "atlas"), _grid_post(rw, source="Changed"))
    assert IndicatorValue.objects.filter(source="Changed").count() == 0
    assert IndicatorValue.objects.count() == before
    with django_capture_on_commit_callbacks(execute=True):  # the stage is kept (STAGES)
        workflow.stage_reopen(progress=rw.stage("atlas"), by=rw.coordinator, reason="Update 2024.")
    assert client.get(rw.url("atlas-grid", "atlas")).status_code == 200


@pytest.mark.parametrize("districts,indicators", [(3, 5), (15, 20)])
@pytest.mark.parametrize("reader", ["office", "coordinator"])
def test_atlas_page_queries_do_not_grow_with_the_atlas(
    client, rw, atlas, django_assert_max_num_queries, districts, indicators, reader
):
    for number in range(4, districts + 1):
        rw.districts.append(f.DistrictFactory(city=rw.city, number=number))
    rw.indicators += make_indicators(rw.programme, indicators - 2, first=3)
    _fill(rw, atlas)
    services.boundaries_upload(
        progress=atlas,
        by=rw.office,
        content=schematic_boundaries([d.number for d in rw.districts]),
    )
    client.force_login(getattr(rw, reader))
    # measured: 13 at both sizes (session, user, scope, the stage, districts, indicators,
    # values, boundaries, the completeness rule's three, the page's context; the inbox's
    # unread count)
    with django_assert_max_num_queries(14 + NAV_TASKS_COUNTED):
        page = client.get(rw.url("atlas", "atlas"))
    assert page.status_code == 200
    assert len(page.context["map_data"]["districts"]) == districts
    assert page.text.count('<th scope="row">') == districts


@pytest.mark.parametrize("districts,indicators", [(3, 5), (15, 20)])
def test_grid_page_queries_do_not_grow_with_the_atlas(
    client, rw, atlas, django_assert_max_num_queries, districts, indicators
):
    for number in range(4, districts + 1):
        rw.districts.append(f.DistrictFactory(city=rw.city, number=number))
    rw.indicators += make_indicators(rw.programme, indicators - 2, first=3)
    _fill(rw, atlas)
    client.force_login(rw.office)
    with django_assert_max_num_queries(
        12 + NAV_TASKS_COUNTED
    ):  # the atlas's version (no lost edits), the inbox
        page = client.get(rw.url("atlas-grid", "atlas") + "?year=2023")
    assert page.status_code == 200
    assert page.text.count('inputmode="decimal"') == districts * indicators


# --- the calendar of the year column ------------------------------------------------------------


@pytest.fixture
def solar_hijri(rw, atlas):
    Programme.objects.filter(pk=rw.programme.pk).update(calendar=SOLAR_HIJRI)
    return atlas


def test_the_csv_counts_gregorian_years_on_a_solar_hijri_programme(client, rw, solar_hijri):
    """The file's year column is Gregorian whatever the pages' calendar (the page says so); a
    Solar Hijri year in it is refused, never read as the Gregorian year 1402."""
    client.force_login(rw.office)
    page = client.get(rw.url("atlas-import", "atlas")).text
    assert "The year column counts Gregorian years" in page
    rows = full_rows(rw.districts, rw.indicators, year=1402)
    upload = SimpleUploadedFile("atlas.csv", csv_bytes(rows), content_type="text/csv")
    response = client.post(rw.url("atlas-import", "atlas"), {"file": upload})
    assert response.status_code == 400
    assert (
        "1402 is a Solar Hijri year: the file's year column counts Gregorian years "
        "(write 1402 as 2023)." in html.unescape(response.text)
    )
    assert IndicatorValue.objects.count() == 0
    upload = SimpleUploadedFile(
        "atlas.csv", csv_bytes(full_rows(rw.districts, rw.indicators)), content_type="text/csv"
    )
    client.post(rw.url("atlas-import", "atlas"), {"file": upload})
    assert set(IndicatorValue.objects.values_list("year", flat=True)) == {2023}
    # The pages count the same values in the programme's calendar.
    assert ">1402</small>" in client.get(rw.url("atlas", "atlas")).text


def test_the_grid_takes_a_solar_hijri_year(client, rw, solar_hijri):
    client.force_login(rw.office)
    response = client.post(rw.url("atlas-grid", "atlas"), _grid_post(rw, year="۱۴۰۲"))
    assert response.status_code == 302
    assert set(IndicatorValue.objects.values_list("year", flat=True)) == {2023}
    refused = client.post(rw.url("atlas-grid", "atlas"), _grid_post(rw, year="2023"))
    assert refused.status_code == 400
    assert refused.context["form"].errors["year"] == [
        "2023 is not a Solar Hijri year here; give the year in the Solar Hijri calendar, e.g. 1403."
    ]
