"""Switching to Persian turns the page right to left, with Bootstrap's RTL stylesheet and dates
in the Solar Hijri calendar; switching back restores English."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cities.templatetags.portal import solar_hijri
from tests import factories as f

pytestmark = [pytest.mark.browser]

RTL_STYLESHEET_LOADED = """() => [...document.styleSheets].some(
    (sheet) => sheet.href && sheet.href.endsWith("bootstrap.rtl.min.css")
        && sheet.cssRules.length > 0
)"""


def test_persian_is_right_to_left(transactional_db, open_session, screenshot):
    # Iran's programme: it dates in the Solar Hijri calendar.
    programme = f.make_programme(key="alpha", name="Alpha programme", calendar="solar_hijri")
    city = f.make_city(programme, slug="city-a", name="City A")
    f.office_user(city, username="office.a")
    opened = city.candidacy.stages.get(definition__key="office").opened_at

    # An anonymous visitor on the public page.
    visitor = open_session()
    visitor.goto("/")
    html = visitor.locator("html")
    expect(html).to_have_attribute("dir", "ltr")
    expect(visitor.get_by_role("row").filter(has_text="City A")).to_be_visible()
    screenshot(visitor, "public-english")

    visitor.get_by_role("button", name="فارسی").click()
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "fa")
    expect(visitor.get_by_role("button", name="فارسی")).to_have_attribute("aria-current", "true")
    visitor.wait_for_load_state("load")  # the stylesheets of the new page, not only its markup
    assert visitor.evaluate(RTL_STYLESHEET_LOADED), "Bootstrap's RTL stylesheet did not load"
    assert visitor.locator("body").evaluate("body => getComputedStyle(body).direction") == "rtl"
    screenshot(visitor, "public-persian")

    # Office staff see their pipeline in Persian, dated in the Solar Hijri calendar.
    office = open_session("office.a")
    expect(office.locator("html")).to_have_attribute("dir", "ltr")
    office.get_by_role("button", name="فارسی").click()
    expect(office.locator("html")).to_have_attribute("dir", "rtl")
    expect(office.locator("ol.timeline > li").first).to_contain_text(
        solar_hijri(timezone.localtime(opened).date())
    )
    screenshot(office, "city-persian")

    # And back to English.
    office.get_by_role("button", name="English").click()
    expect(office.locator("html")).to_have_attribute("dir", "ltr")
    expect(office.locator("html")).to_have_attribute("lang", "en")
    expect(office.get_by_role("heading", level=1)).to_have_text("City A")
