"""The public list's map in a real browser, with no tiles (the default): it draws a marker per
city of the list that has coordinates, a keyboard reaches a marker and follows it to the city's
public page, and the page passes axe (the accessibility sweep's rules) with the map drawn, in
English and Persian, without scrolling sideways at 320 px."""

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cities.models import City
from reporting.selectors import public_city_url
from tests import factories as f
from tests.browser.test_accessibility import AXE_RUN, NARROW, SIDEWAYS, WCAG

pytestmark = [pytest.mark.browser]


def test_the_map_draws_its_markers_without_tiles_and_a_keyboard_follows_one(
    transactional_db, open_session, screenshot
):
    programme = f.make_programme(key="map-programme", name="Map programme")
    places = {
        "Isfahan": (32.65246, 51.67462),
        "Tehran": (35.6892, 51.389),
        "Shiraz": (29.61, 52.53),
    }
    for name, (latitude, longitude) in places.items():
        city = f.make_city(programme, slug=name.lower(), name=name)
        City.objects.filter(pk=city.pk).update(latitude=latitude, longitude=longitude)
    f.make_city(programme, slug="nowhere", name="Nowhere")  # no coordinates: in the list only
    page = open_session()
    page.context.add_init_script(Axe().axe_script)
    page.goto("/")
    map_element = page.locator("#public-map")
    expect(map_element).to_have_attribute("data-markers", "3")
    expect(page.locator(".public-map-marker")).to_have_count(3)
    expect(page.locator(".leaflet-tile")).to_have_count(0)  # no tiles: a plain background
    expect(page.get_by_role("button", name="Isfahan")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Nowhere")
    screenshot(page, "map-en")

    results = AxeResults(page.evaluate(AXE_RUN, WCAG))
    assert not results.violations_count, results.generate_report()

    # a filter of the list is the map's too
    page.goto("/?q=Tehran")
    expect(map_element).to_have_attribute("data-markers", "1")

    # the keyboard: Tab reaches the marker, Enter follows it
    marker = page.get_by_role("button", name="Tehran")
    marker.focus()
    page.keyboard.press("Enter")
    tehran = City.objects.get(slug="tehran")
    page.wait_for_url(f"**{public_city_url(tehran)}*")

    page.context.add_cookies(
        [{"name": "django_language", "value": "fa", "url": page.url.split("/public")[0]}]
    )
    page.goto("/")
    expect(map_element).to_have_attribute("data-markers", "3")
    results = AxeResults(page.evaluate(AXE_RUN, WCAG))
    assert not results.violations_count, results.generate_report()
    page.set_viewport_size(NARROW)
    scroll_width, client_width = page.evaluate(SIDEWAYS)
    assert scroll_width <= client_width
    screenshot(page, "map-fa-320")
