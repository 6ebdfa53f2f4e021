"""The children's atlas in a real browser: the office imports its values from a CSV file
(a bad file first, refused whole), uploads the districts' boundaries, sees the map draw its
districts as shapes coloured by the chosen indicator, and submits the stage."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from candidacy import services
from candidacy.models import IndicatorValue, Preparer, StageKind
from candidacy.records.atlas import services as atlas_services
from demo.records.atlas import schematic_boundaries
from demo.testing import complete_record
from tests import factories as f

from ..candidacy.records.atlas.conftest import make_indicators

pytestmark = [pytest.mark.browser]

STEPS = [
    dict(key="office", kind=StageKind.OFFICE_FORMATION, prepared_by=Preparer.CITY),
    dict(key="atlas", kind=StageKind.CHILDRENS_ATLAS, prepared_by=Preparer.CITY),
]


def _csv(path, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["district_number", "district_name", "indicator_key", "value", "year", "source"]
    )
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_office_fills_the_atlas_by_csv_sees_the_map_and_submits(
    transactional_db, open_session, screenshot, tmp_path
):
    programme = f.make_programme(key="atlas-programme", name="Atlas programme", steps=STEPS)
    city = f.make_city(programme, slug="atlas-city", name="Atlas City")
    office_user = f.office_user(city, username="office.atlas")
    coordinator = f.coordinator_user(programme, username="coord.atlas")
    districts = [f.DistrictFactory(city=city, number=n, name=f"District {n}") for n in (1, 2, 3)]
    indicators = make_indicators(programme, 2)
    office_stage = city.candidacy.stages.get(definition__key="office")
    services.stage_save_draft(progress=office_stage, by=office_user, narrative="Formed.")
    complete_record(office_stage, by=office_user)
    services.stage_submit(progress=office_stage, by=office_user)
    services.stage_approve(
        progress=city.candidacy.stages.get(definition__key="office"), by=coordinator
    )

    page = open_session("office.atlas")
    page.goto("/cities/atlas-city/stages/atlas/")
    expect(page.locator("#record-missing")).to_contain_text("Enter the 6 missing indicator values")

    # A file with a bad row is refused whole, naming the row and the column.
    rows = [
        [d.number, d.name, i.key, 100 * d.number + i.order, 2023, "Statistics office"]
        for d in districts
        for i in indicators
    ]
    bad = [row[:] for row in rows]
    bad[2][3] = "-5"
    page.get_by_role("link", name="Import a CSV file").click()
    page.get_by_label("CSV file").set_input_files(_csv(tmp_path / "bad.csv", bad))
    page.get_by_role("button", name="Import", exact=True).click()
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("Nothing was imported: 1 problem in the file.")
    expect(problems.get_by_role("row").nth(1)).to_contain_text(re.compile(r"4\s*value"))
    assert IndicatorValue.objects.count() == 0
    screenshot(page, "import-refused")

    # The corrected file is imported.
    page.get_by_label("CSV file").set_input_files(_csv(tmp_path / "atlas.csv", rows))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("6 values added")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Children's atlas of Atlas City")
    expect(page.locator("#atlas-map")).to_have_count(0)  # no boundaries yet: the table alone
    expect(page.get_by_role("rowheader", name="3. District 3")).to_be_visible()

    # The boundaries: the map draws the three districts as SVG paths.
    geojson = tmp_path / "districts.geojson"
    geojson.write_bytes(schematic_boundaries([1, 2, 3]))
    page.get_by_role("link", name="Upload the districts' boundaries").click()
    page.get_by_label("Boundaries (GeoJSON)").set_input_files(geojson)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status")).to_contain_text("The districts' boundaries were saved.")
    shapes = page.locator(".leaflet-overlay-pane path")
    expect(shapes).to_have_count(3)
    legend = page.locator("#atlas-legend")
    expect(legend).to_contain_text("Indicator 1 (children)")
    fills = [shapes.nth(n).get_attribute("fill") for n in range(3)]
    assert len(set(fills)) == 3  # 101, 201, 301: three classes
    page.get_by_label("Indicator", exact=True).select_option("indicator-2")
    expect(legend).to_contain_text("Indicator 2 (children)")
    screenshot(page, "atlas-map")

    # Complete: the stage is submitted.
    page.goto("/cities/atlas-city/stages/atlas/")
    missing = page.locator("#record-missing li")  # the record is complete; the narrative is not
    expect(missing).to_have_count(1)
    expect(missing).to_contain_text("Write the stage's narrative")
    page.get_by_role("textbox", name="Narrative").fill("Our atlas, by district.")
    page.get_by_role("button", name="Submit for sign-off").click()
    expect(page.get_by_role("status")).to_contain_text("The stage was submitted for sign-off.")


@pytest.mark.parametrize(
    "language,zoom_in,zoom_out,side",
    [("en", "Zoom in", "Zoom out", "left"), ("fa", "بزرگ‌نمایی", "کوچک‌نمایی", "right")],
)
def test_the_maps_zoom_buttons_are_reached_by_keyboard_in_the_readers_language(
    transactional_db, open_session, live_server, language, zoom_in, zoom_out, side
):
    programme = f.make_programme(key="atlas-programme", name="Atlas programme", steps=STEPS)
    city = f.make_city(programme, slug="atlas-city", name="Atlas City")
    office_user = f.office_user(city, username="office.atlas")
    for number in (1, 2, 3):
        f.DistrictFactory(city=city, number=number, name=f"District {number}")
    make_indicators(programme, 1)
    coordinator = f.coordinator_user(programme, username="coord.atlas")
    office_stage = city.candidacy.stages.get(definition__key="office")
    services.stage_save_draft(progress=office_stage, by=office_user, narrative="Formed.")
    complete_record(office_stage, by=office_user)
    services.stage_submit(progress=office_stage, by=office_user)
    services.stage_approve(progress=office_stage, by=coordinator)
    atlas = city.candidacy.stages.get(definition__key="atlas")
    atlas_services.boundaries_upload(
        progress=atlas, by=office_user, content=schematic_boundaries([1, 2, 3])
    )

    page = open_session("office.atlas")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto("/cities/atlas-city/stages/atlas/record/atlas/")
    expect(page.locator(".leaflet-overlay-pane path")).to_have_count(3)
    # A named region (not an image: it holds controls), with the buttons labelled.
    expect(page.locator("#atlas-map")).to_have_attribute("role", "region")
    button_in = page.get_by_role("button", name=zoom_in, exact=True)
    button_out = page.get_by_role("button", name=zoom_out, exact=True)
    expect(button_in).to_be_visible()
    expect(button_out).to_be_visible()

    # Tab from the indicator's menu reaches the zoom-in button (after the navigator's Show
    # button, the map and its three shapes), and Enter zooms.
    page.locator("#atlas-indicator").focus()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate(
            "() => document.activeElement.classList.contains('leaflet-control-zoom-in')"
        ):
            break
    expect(button_in).to_be_focused()
    before = page.evaluate("() => document.querySelector('.leaflet-proxy').style.transform")
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-proxy")).not_to_have_attribute(
        "style", re.compile(re.escape(before))
    )

    # On the reading side: the left in English, the right in Persian.
    box, button = page.locator("#atlas-map").bounding_box(), button_in.bounding_box()
    middle = box["x"] + box["width"] / 2
    assert (button["x"] < middle) == (side == "left")
