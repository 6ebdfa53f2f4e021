"""A Persian office of an Iranian city types a Solar Hijri date by keyboard, in Persian digits,
and reads it back in Persian; in English the page shows it with the Gregorian date beside it."""

import pytest
from playwright.sync_api import expect

from candidacy.models import OfficeRecord
from tests import factories as f

pytestmark = [pytest.mark.browser]


def test_a_solar_hijri_date_typed_by_keyboard(transactional_db, open_session, screenshot):
    programme = f.make_programme(key="iran", name="Iran programme", calendar="solar_hijri")
    city = f.make_city(programme, slug="isfahan", name="Isfahan")
    f.office_user(city, username="office.isfahan")

    office = open_session("office.isfahan")
    office.get_by_role("button", name="فارسی").click()
    expect(office.locator("html")).to_have_attribute("lang", "fa")
    office.goto("/cities/isfahan/stages/office/record/")
    office.locator("#id_office_name").fill("دفتر شهر دوستدار کودک")
    office.locator("#id_parent_department").fill("معاونت شهرسازی")
    office.locator("#id_reference_number").fill("12/4")
    office.locator("#id_head_name").fill("مریم احمدی")
    office.locator("#id_head_title").fill("سرپرست دفتر")
    office.locator("#id_staff_count").fill("4")

    date = office.locator("#id_established_on")
    expect(date).to_have_attribute("placeholder", "1403/05/10")
    expect(date).to_have_attribute("dir", "ltr")
    hint = office.locator(f"#{date.get_attribute('aria-describedby').split()[0]}")
    expect(hint).to_contain_text("هجری شمسی")
    date.focus()
    office.keyboard.type("۱۴۰۲/۱۲/۳۰")  # Esfand 1402 has 29 days
    office.keyboard.press("Enter")
    expect(office.locator("#id_established_on")).to_have_value("۱۴۰۲/۱۲/۳۰")
    expect(office.locator(".invalid-feedback").first).to_contain_text("اسفند ۱۴۰۲ فقط ۲۹ روز دارد.")
    screenshot(office, "refused-persian")
    assert not OfficeRecord.objects.exists()

    office.locator("#id_established_on").fill("")
    office.locator("#id_established_on").focus()
    office.keyboard.type("۱۴۰۳/۰۵/۱۰")
    office.keyboard.press("Enter")
    expect(office.get_by_text("۱۰ مرداد ۱۴۰۳")).to_be_visible()
    screenshot(office, "saved-persian")
    assert OfficeRecord.objects.get().established_on.isoformat() == "2024-07-31"

    office.get_by_role("button", name="English").click()
    expect(office.get_by_text("10 Mordad 1403 (31 July 2024)")).to_be_visible()
    screenshot(office, "saved-english")
