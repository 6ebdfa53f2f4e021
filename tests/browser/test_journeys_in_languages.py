"""Two journeys in the languages of two programmes, made as their users make them: an office
user in Kazakh corrects a refused record, a coordinator in Persian returns a stage from the
sign-off queue. Each refused submit puts the focus on the error summary, and the form keeps
what was typed. Fields and buttons are found by name or id, not by their (translated) labels;
the journeys type no date (the calendar of each programme is another test's concern)."""

import re

import pytest
from playwright.sync_api import expect

from candidacy import services
from candidacy.models import OfficeRecord, StageState
from demo.testing import complete_record
from tests import factories as f
from tests.browser.chromium import sign_in_form
from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser]

FOCUSED_ID = "() => document.activeElement && document.activeElement.id"


def _in_language(page, live_server, language: str, username: str) -> None:
    """Choose the language before signing in, as the language cookie does, then sign in."""
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in_form(page, username, PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("form[action='/accounts/logout/']")).to_be_visible()


@pytest.fixture
def pipeline(transactional_db):
    programme = f.make_programme(key="alpha", name="Alpha programme")
    city = f.make_city(programme, slug="city-a", name="City A")
    office = f.office_user(city, username="office.a")
    f.coordinator_user(programme, username="coord.a")
    return city, office


def test_kazakh_office_user_corrects_a_refused_record(
    pipeline, open_session, live_server, screenshot
):
    city, office = pipeline
    stage = f.stage_of(city, "office")
    complete_record(stage, by=office)  # the record as saved earlier, its date among it

    page = open_session()
    _in_language(page, live_server, "kk", "office.a")
    expect(page).to_have_url(re.compile(r"/cities/city-a/$"))

    # From the city's pipeline to the office stage, and on to its record.
    page.locator("main a[href='/cities/city-a/stages/office/']").first.click()
    expect(page).to_have_url(re.compile(r"/stages/office/$"))
    page.locator("main a[href='/cities/city-a/stages/office/record/']").first.click()
    staff = page.locator("#id_staff_count")
    expect(staff).to_be_visible()

    # A negative head count is refused: the summary takes the focus, the value stays.
    staff.fill("-4")
    staff.evaluate("field => field.form.requestSubmit()")
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#form-errors")).to_be_focused()
    assert page.evaluate(FOCUSED_ID) == "form-errors"
    expect(staff).to_have_value("-4")
    expect(page.locator("#form-errors a[href='#id_staff_count']")).to_be_visible()
    screenshot(page, "kazakh-refused")
    assert OfficeRecord.objects.get(progress=stage).staff_count != -4

    # The summary's link leads to the field; corrected, the record saves.
    page.locator("#form-errors a[href='#id_staff_count']").click()
    expect(staff).to_be_focused()
    staff.fill("6")
    staff.evaluate("field => field.form.requestSubmit()")
    expect(page).to_have_url(re.compile(r"/stages/office/(#.*)?$"))  # a fragment stays
    expect(page.locator("main [role=status]")).to_be_visible()
    assert OfficeRecord.objects.get(progress=stage).staff_count == 6
    screenshot(page, "kazakh-saved")


def test_persian_coordinator_returns_a_stage_from_the_queue(
    pipeline, open_session, live_server, screenshot
):
    city, office = pipeline
    stage = f.stage_of(city, "office")
    services.stage_save_draft(progress=stage, by=office, narrative="The office is formed.")
    complete_record(stage, by=office)
    services.stage_submit(progress=stage, by=office)

    page = open_session()
    _in_language(page, live_server, "fa", "coord.a")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # The sign-off queue, from the navigation, lists the stage; its link opens it.
    page.locator("nav a[href='/queue/']").click()
    expect(page).to_have_url(re.compile(r"/queue/$"))
    queue = page.get_by_role("region", name="صف تأیید")
    expect(queue).to_be_visible()
    screenshot(page, "persian-queue")
    queue.locator("a[href='/cities/city-a/stages/office/']").click()
    expect(page).to_have_url(re.compile(r"/stages/office/$"))

    # A return without a comment is refused; the summary takes the focus.
    decide = page.locator("form[action$='/decide/']")
    decide.locator("input[name=decision][value=return]").check()
    decide.locator("button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator("input[name=decision][value=return]")).to_be_checked()

    # With the comment, the stage goes back to the office.
    comment = "لطفاً نام رئیس دفتر را کامل بنویسید."
    page.locator("form[action$='/decide/'] textarea[name=comment]").fill(comment)
    page.locator("form[action$='/decide/'] button[type=submit]").click()
    expect(page.locator("main [role=status]")).to_be_visible()
    stage.refresh_from_db()
    assert stage.state == StageState.RETURNED
    expect(page.locator("main")).to_contain_text(comment)
    screenshot(page, "persian-returned")
