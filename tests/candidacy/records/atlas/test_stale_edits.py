"""No lost edits on the atlas's pages: the grid, the CSV import and the boundaries upload carry
the version of the atlas they were loaded with (the values' count and last change; the
boundaries' upload time), and a save from a page someone else's save overtook is refused
(409) with a message, nothing written; the grid keeps what was typed and lists what is stored
now where it differs. Saving again from the refused page is accepted."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from candidacy.models import DistrictBoundaries, IndicatorValue
from candidacy.records.atlas import services
from demo.records.atlas import schematic_boundaries
from tests.stale_edits import form_post

from .conftest import csv_bytes, full_rows

pytestmark = pytest.mark.django_db

CHANGED = "Someone else changed the atlas's values after you opened this page"
UPLOADED = "Someone else uploaded the districts' boundaries after you opened this page"


def _two(rw):
    a, b = Client(), Client()
    a.force_login(rw.office)
    b.force_login(rw.office)
    return a, b


def _cell(rw, district=0, indicator=0) -> str:
    return f"v_{rw.districts[district].pk}_{rw.indicators[indicator].pk}"


def _grid(client, rw):
    page = client.get(rw.url("atlas-grid", "atlas") + "?year=2023")
    assert page.status_code == 200
    return page.context["form"]


def _upload(rw, value) -> SimpleUploadedFile:
    rows = full_rows(rw.districts, rw.indicators, value=lambda d, i: value)
    return SimpleUploadedFile("atlas.csv", csv_bytes(rows), content_type="text/csv")


def test_a_stale_grid_save_is_refused_keeping_what_was_typed(rw, atlas):
    a, b = _two(rw)
    grid_a, grid_b = _grid(a, rw), _grid(b, rw)
    assert "version" in grid_a.fields
    cell = _cell(rw)
    saved = a.post(
        rw.url("atlas-grid", "atlas"),
        form_post(grid_a, year="2023", source="Census", **{cell: "5"}),
    )
    assert saved.status_code == 302
    refused = b.post(
        rw.url("atlas-grid", "atlas"),
        form_post(grid_b, year="2023", source="Survey by B", **{cell: "7"}),
    )
    assert refused.status_code == 409
    assert CHANGED in unescape(refused.text)
    form = refused.context["form"]
    assert form[cell].value() == "7" and form["source"].value() == "Survey by B"
    label = form.fields[cell].label
    assert [(str(lbl), v) for lbl, v in refused.context["stored"]] == [(label, 5)]
    assert 'id="stored-version"' in refused.text
    assert list(IndicatorValue.objects.values_list("value", "source")) == [(5, "Census")]
    # B compares and saves again from the refused page: accepted.
    again = b.post(rw.url("atlas-grid", "atlas"), form_post(form))
    assert again.status_code == 302
    assert list(IndicatorValue.objects.values_list("value", "source")) == [(7, "Survey by B")]


def test_a_grid_loaded_before_a_removal_is_stale(rw, atlas):
    """A removal alone (no value added or changed) moves the version too."""
    a, b = _two(rw)
    first = _grid(a, rw)
    a.post(
        rw.url("atlas-grid", "atlas"),
        form_post(first, year="2023", source="Census", **{_cell(rw): "5", _cell(rw, 1): "6"}),
    )
    grid_a, grid_b = _grid(a, rw), _grid(b, rw)
    assert (
        a.post(rw.url("atlas-grid", "atlas"), form_post(grid_a, **{_cell(rw, 1): ""})).status_code
        == 302
    )
    refused = b.post(rw.url("atlas-grid", "atlas"), form_post(grid_b, source="B"))
    assert refused.status_code == 409
    assert IndicatorValue.objects.count() == 1


def test_an_import_from_a_page_loaded_before_a_grid_save_is_refused(rw, atlas):
    a, b = _two(rw)
    import_page = b.get(rw.url("atlas-import", "atlas"))
    assert "version" in import_page.context["form"].fields
    version = import_page.context["form"]["version"].value()
    grid = _grid(a, rw)
    a.post(rw.url("atlas-grid", "atlas"), form_post(grid, source="Census", **{_cell(rw): "5"}))
    refused = b.post(rw.url("atlas-import", "atlas"), {"version": version, "file": _upload(rw, 9)})
    assert refused.status_code == 409
    assert CHANGED in unescape(refused.text)
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [5]
    # Uploading again from the refused page imports the file over the grid's values.
    moved = refused.context["form"]["version"].value()
    assert moved != version
    again = b.post(rw.url("atlas-import", "atlas"), {"version": moved, "file": _upload(rw, 9)})
    assert again.status_code == 302
    assert set(IndicatorValue.objects.values_list("value", flat=True)) == {9}


def test_a_stale_boundaries_upload_is_refused(rw, atlas):
    a, b = _two(rw)
    url = rw.url("atlas-boundaries", "atlas")
    version_a = a.get(url).context["form"]["version"].value()
    version_b = b.get(url).context["form"]["version"].value()

    def upload(client, version, name):
        content = schematic_boundaries([district.number for district in rw.districts])
        file = SimpleUploadedFile(name, content, content_type="application/geo+json")
        return client.post(url, {"version": version, "file": file})

    assert upload(a, version_a, "by-a.geojson").status_code == 302
    refused = upload(b, version_b, "by-b.geojson")
    assert refused.status_code == 409
    assert UPLOADED in unescape(refused.text)
    assert DistrictBoundaries.objects.get().original_name == "by-a.geojson"
    again = upload(b, refused.context["form"]["version"].value(), "by-b.geojson")
    assert again.status_code == 302
    assert DistrictBoundaries.objects.get().original_name == "by-b.geojson"


def test_the_services_refuse_a_stale_version_and_count_none(rw, atlas):
    """A script (no page, `version=None`) is never refused; a stale version always is."""
    services.values_import(
        progress=atlas, by=rw.office, content=csv_bytes(full_rows(rw.districts, rw.indicators))
    )
    with pytest.raises(services.AtlasChanged):
        services.values_import(
            progress=atlas,
            by=rw.office,
            content=csv_bytes(full_rows(rw.districts, rw.indicators)),
            version="0@-",
        )
