"""In a real browser: the city's office records a proposal from its children's council, answers
it, and the city's "You said, we did" page shows the answer."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.stakeholders.factories import childrens_council

pytestmark = [pytest.mark.browser]


def test_office_records_and_answers_a_childrens_proposal(
    transactional_db, open_session, screenshot
):
    programme = f.make_programme(key="alpha", name="Alpha programme")
    city = f.make_city(programme, slug="city-a", name="City A")
    f.office_user(city, username="office.a")
    council = childrens_council(city, name="Children's city council")
    f.OrganisationFactory(city=city, name="Landscape and Green Space Organization")

    page = open_session("office.a")
    page.goto(f"/cities/city-a/stakeholders/councils/{council.pk}/participation/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Children's participation")
    page.get_by_role("link", name="Record a proposal").click()
    expect(page.locator("#child-data-notice")).to_contain_text("personal data does not belong")

    # A first try without a date is refused and keeps what was typed.
    title = page.get_by_label("What the children asked for")
    title.fill("A children's house in Ghalamestan park")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(title).to_have_value("A children's house in Ghalamestan park")
    page.get_by_label("Received on").fill("2024-05-02")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("The proposal was recorded.")
    expect(page).to_have_url(re.compile(r"/proposals/\d+/$"))
    screenshot(page, "proposal")

    page.get_by_role("link", name="Answer the proposal").click()
    page.get_by_label("Status").select_option(label="Implemented")
    page.get_by_label("The city's answer").fill("The children's house opened in the park.")
    page.get_by_label("Responsible organisation").select_option(
        label="Landscape and Green Space Organization"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("The answer was saved.")

    page.goto("/cities/city-a/you-said-we-did/")
    item = page.locator(".ysw-item").filter(has_text="A children's house in Ghalamestan park")
    expect(item).to_contain_text("The children's house opened in the park.")
    expect(item).to_contain_text("Implemented")
    expect(item).to_contain_text("Responsible: Landscape and Green Space Organization")
    expect(page.get_by_role("button", name="Print for the children's council")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.get_by_role("button", name="Print for the children's council")).to_be_hidden()
    screenshot(page, "you-said-we-did-print")
