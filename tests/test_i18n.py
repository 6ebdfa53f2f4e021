"""The Persian catalogue is complete and compiled, and Persian pages read right to left with
Solar Hijri dates."""

import datetime
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cities.templatetags.portal import cfc_date

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["fa", "ru", "kk", "lt"])
def test_catalogue_is_complete_and_compiled(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    in_po = {(e.msgid, e.msgstr) for e in po.translated_entries() if not e.msgid_plural}
    in_mo = {(e.msgid, e.msgstr) for e in compiled if not e.msgid_plural}
    assert in_po <= in_mo, "django.mo is older than django.po: recompile the catalogue"


def test_persian_dates_are_solar_hijri():
    with translation.override("fa"):
        # Isfahan's CFC office was established on 1398/05/28.
        assert cfc_date(datetime.date(2019, 8, 19)) == "۲۸ مرداد ۱۳۹۸"
    with translation.override("en"):
        assert cfc_date(datetime.date(2019, 8, 19)) == "19 August 2019"


@pytest.mark.django_db
def test_persian_pages_are_right_to_left(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    page = client.get(reverse("login"))
    assert 'lang="fa" dir="rtl"' in page.text
    assert "bootstrap.rtl.min.css" in page.text
    assert "ورود" in page.text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("login"))
    assert 'lang="en" dir="ltr"' in page.text
    assert "bootstrap.rtl.min.css" not in page.text


@pytest.mark.django_db
def test_language_switcher_sets_the_language(client):
    response = client.post(reverse("set_language"), {"language": "fa", "next": "/"})
    assert response.status_code == 302
    assert client.get("/").text.count('dir="rtl"') == 1


def test_a_status_field_is_not_called_the_candidacys_status():
    """Regression: msgid "status" read "candidacy status" in Persian, so every status field
    (plan action, proposal, commitment, condition) was mislabelled."""
    from django.utils import translation

    from candidacy.models import PlanAction

    with translation.override("fa"):
        assert str(PlanAction._meta.get_field("status").verbose_name) == "وضعیت"
        assert str(translation.gettext("Candidacy status")) == "وضعیت نامزدی"
