"""Bounds on the atlas's files, through the pages: a boundaries file nested 100,000 deep, a
superscript digit as a district number, a NUL character, too many positions, and CSV cells a
spreadsheet would run as formulas, are all refused with a message (status 400, never a 500)
and nothing is written; the template never writes a cell that a spreadsheet would run."""

from __future__ import annotations

import json
import pathlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from candidacy.models import DistrictBoundaries, IndicatorValue
from candidacy.records.atlas import geojson, services
from candidacy.records.atlas.csv_import import template_csv
from candidacy.records.atlas.selectors import latest_values
from core.spreadsheets import safe_cell

from .conftest import csv_bytes, full_rows
from .test_boundaries import SQUARE, collection, feature

pytestmark = pytest.mark.django_db


def _boundaries_post(client, rw, content):
    client.force_login(rw.office)
    upload = SimpleUploadedFile("d.geojson", content, content_type="application/geo+json")
    response = client.post(rw.url("atlas-boundaries", "atlas"), {"file": upload})
    assert response.status_code == 400
    assert not DistrictBoundaries.objects.exists()
    return response.text


def _import_post(client, rw, content):
    client.force_login(rw.office)
    upload = SimpleUploadedFile("atlas.csv", content, content_type="text/csv")
    response = client.post(rw.url("atlas-import", "atlas"), {"file": upload})
    assert response.status_code == 400
    assert IndicatorValue.objects.count() == 0
    return response.text


# --- GeoJSON -----------------------------------------------------------------------------------


@pytest.mark.parametrize("opening,closing", [(b"[", b"]"), (b'{"a":', b"}")])
def test_a_file_nested_100000_deep_is_refused(client, rw, atlas, opening, closing):
    content = opening * 100_000 + b"1" + closing * 100_000
    text = _boundaries_post(client, rw, content)
    assert "The file nests lists more than 20 deep" in text


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert geojson.nesting_depth('{"name": "[[[[[[[[[[[[[[[[[[[[[[[[\\"]]"}') == 1


@pytest.mark.parametrize("number", ["\u00b9", "\u00b2", "1\u00b2", "\u2460"])
def test_a_superscript_or_circled_digit_is_not_a_district_number(client, rw, atlas, number):
    text = _boundaries_post(client, rw, collection(feature(number)))
    assert "Feature 1 has no “district_number” property" in text


def test_persian_digits_are_the_numbers_they_are(rw, atlas):
    services.boundaries_upload(progress=atlas, by=rw.office, content=collection(feature("۲")))
    stored = DistrictBoundaries.objects.get().geojson
    assert stored["features"][0]["properties"] == {"district_number": 2}


@pytest.mark.parametrize(
    "content",
    [
        collection(feature(1, note="a\u0000b")),
        collection(feature(1)).replace(b'"Feature"', b'"Feature\\u0000"', 1),
        collection(feature(1)) + b"\x00",
    ],
)
def test_a_nul_character_is_refused(client, rw, atlas, content):
    text = _boundaries_post(client, rw, content)
    assert "The file contains a NUL character" in text


def test_too_many_positions_are_refused(client, rw, atlas):
    ring = [[0, 0]] * (geojson.MAX_POSITIONS + 1)
    content = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [feature(1, {"type": "Polygon", "coordinates": [ring]})],
        },
        separators=(",", ":"),
    ).encode()
    assert len(content) < geojson.MAX_BYTES
    text = _boundaries_post(client, rw, content)
    assert "at most 100,000 are accepted: simplify them." in text


def test_only_the_checked_geometry_is_stored(rw, atlas):
    """Extra members of a geometry or of a position are not drawn and not checked: they are
    not stored either."""
    square = [[*position, "extra", {"deep": [1]}] for position in SQUARE[0]]
    geometry = {"type": "Polygon", "coordinates": [square], "crs": {"name": "x"}}
    services.boundaries_upload(
        progress=atlas, by=rw.office, content=collection(feature(1, geometry))
    )
    stored = DistrictBoundaries.objects.get().geojson["features"][0]["geometry"]
    assert stored == {"type": "Polygon", "coordinates": SQUARE}


# --- CSV ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("column,typed", [(0, "\u00b9"), (0, "1\u00b2"), (4, "202\u00b3")])
def test_a_superscript_digit_in_the_csv_is_refused(client, rw, atlas, column, typed):
    rows = full_rows(rw.districts, rw.indicators)
    rows[0][column] = typed
    text = _import_post(client, rw, csv_bytes(rows))
    assert "Nothing was imported: 1 problem in the file." in text
    assert typed in text


def test_persian_digits_in_the_csv_are_read(rw, atlas):
    rows = full_rows(rw.districts, rw.indicators)
    rows[0][0], rows[0][4] = "۱", "۲۰۲۳"
    result = services.values_import(progress=atlas, by=rw.office, content=csv_bytes(rows))
    assert result.created == 6


@pytest.mark.parametrize("column", [1, 2, 3, 5])
def test_a_nul_character_in_the_csv_is_refused(client, rw, atlas, column):
    rows = full_rows(rw.districts, rw.indicators)
    rows[2][column] = f"{rows[2][column]}\x00"
    text = _import_post(client, rw, csv_bytes(rows))
    assert "The file contains a NUL character" in text


@pytest.mark.parametrize(
    "source", ['=HYPERLINK("http://evil.example","x")', "@SUM(A1:A2)", "+1+1", "-2+3", "=1"]
)
def test_a_formula_as_source_is_refused(client, rw, atlas, source):
    rows = full_rows(rw.districts, rw.indicators)
    rows[1][5] = source
    text = _import_post(client, rw, csv_bytes(rows))
    assert "A source cannot start with =, +, - or @" in text


def test_the_template_neutralises_formula_cells(rw, atlas):
    services.values_import(
        progress=atlas, by=rw.office, content=csv_bytes(full_rows(rw.districts, rw.indicators))
    )
    # Written past the import's checks (the grid, the admin, an older version).
    IndicatorValue.objects.filter(district=rw.districts[0]).update(source="=HYPERLINK(1)")
    IndicatorValue.objects.filter(district=rw.districts[1]).update(source="@SUM(A1)")
    rw.districts[2].name = "-2+3"
    rw.districts[2].save()
    text = template_csv(
        districts=rw.districts, indicators=rw.indicators, latest=latest_values(atlas)
    )
    cells = [cell for line in text.splitlines() for cell in line.split(",")]
    assert "'=HYPERLINK(1)" in cells and "'@SUM(A1)" in cells and "'-2+3" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    # The template imports as it is: a district's name it quoted is still that district's.
    values = text.replace("'=HYPERLINK(1)", "Census").replace("'@SUM(A1)", "Census")
    result = services.values_import(progress=atlas, by=rw.office, content=values.encode())
    assert (result.created, result.updated) == (0, 4)  # the four sources replaced


@pytest.mark.parametrize(
    "value,written",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("District 1", "District 1"),
        (-5, -5),
        ("", ""),
        (None, ""),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


# --- the map's script --------------------------------------------------------------------------


def test_the_map_script_puts_text_on_the_page_as_text():
    """District names are typed by users: the script never hands Leaflet a string tooltip
    (inserted as HTML) nor writes HTML itself."""
    script = (pathlib.Path(settings.BASE_DIR) / "static/js/atlas.js").read_text()
    for html_sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert html_sink not in script
    for call in ("setTooltipContent(", "bindTooltip(", "bindPopup(", "setContent("):
        for after in script.split(call)[1:]:
            argument = after.split(")")[0]
            assert not argument.lstrip().startswith(('"', "'")), call
            assert "+" not in argument, call
