"""The Russian catalogue is complete and compiled, its plurals take the right one of Russian's
forms for each number, and the main pages read in Russian when the language cookie asks for it."""

import datetime
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from signin.lockout import lockout_message

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_russian_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(LOCALE / "ru" / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == "ru"
    assert po.metadata["Plural-Forms"].startswith("nplurals=4;")
    plurals = [entry for entry in po if entry.msgid_plural]
    assert plurals, "the catalogue should hold the portal's plural messages"
    assert all(len(entry.msgstr_plural) == 4 for entry in plurals)
    compiled = polib.mofile(str(LOCALE / "ru" / "LC_MESSAGES" / "django.mo"))
    in_po = {(e.msgid, e.msgstr) for e in po.translated_entries() if not e.msgid_plural}
    in_mo = {(e.msgid, e.msgstr) for e in compiled if not e.msgid_plural}
    assert in_po <= in_mo, "django.mo is older than django.po: recompile the catalogue"
    plural_po = {(e.msgid, tuple(sorted(e.msgstr_plural.items()))) for e in plurals}
    plural_mo = {
        (e.msgid, tuple(sorted(e.msgstr_plural.items()))) for e in compiled if e.msgid_plural
    }
    assert plural_po <= plural_mo, "django.mo is older than django.po: recompile the catalogue"


def _ru(singular, plural, number):
    with translation.override("ru"):
        return translation.ngettext(singular, plural, number) % {"count": number}


@pytest.mark.parametrize(
    "number,districts,indicators",
    [
        (1, "1 район", "1 показатель"),
        (2, "2 района", "2 показателя"),
        (5, "5 районов", "5 показателей"),
        (11, "11 районов", "11 показателей"),
        (21, "21 район", "21 показатель"),
    ],
)
def test_russian_plurals_take_the_form_of_each_number(number, districts, indicators):
    assert _ru("%(count)s district", "%(count)s districts", number) == districts
    assert _ru("%(count)s indicator", "%(count)s indicators", number) == indicators


@pytest.mark.parametrize(
    "minutes,words",
    [(1, "1 минуту"), (2, "2 минуты"), (5, "5 минут"), (11, "11 минут"), (21, "21 минуту")],
)
def test_the_lockout_message_counts_minutes_in_russian(settings, minutes, words):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=minutes)
    with translation.override("ru"):
        message = lockout_message()
    assert f"через {words} " in message


def _in_russian(client, url):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(url)
    assert page.status_code == 200
    assert 'lang="ru" dir="ltr"' in page.text
    return page.text


@pytest.mark.django_db
def test_the_public_list_reads_in_russian(client, world):
    text = _in_russian(client, "/")
    assert "Города, доброжелательные к детям: кто на каком этапе" in text
    assert "Child-Friendly Cities: who is where" not in text


@pytest.mark.django_db
def test_the_login_page_reads_in_russian(client):
    text = _in_russian(client, reverse("login"))
    assert "Войти" in text
    assert "Забыли пароль?" in text
    assert "Forgotten your password?" not in text


@pytest.mark.django_db
def test_an_office_page_reads_in_russian(client, world):
    client.force_login(world.office_a)
    text = _in_russian(client, reverse("candidacy:city", args=[world.city_a.slug]))
    assert "Моя работа" in text
    assert "Этапы" in text
    assert "Выйти" in text
    assert "Sign out" not in text
