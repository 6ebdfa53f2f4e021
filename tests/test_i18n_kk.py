"""Kazakh: our catalogue is complete and compiled; Django's own strings, which Django's kk
catalogues lack for a good part (locale_django/kk/), are all there, so the admin shows no English
from Django, its JavaScript included; dates and numbers follow the Kazakh formats module; the
portal's pages are in Kazakh when the reader chose it."""

import datetime
import html
import json
import re
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import trans_real

from cfc_portal.formats.kk import formats as kk_formats
from cities.templatetags.portal import cfc_date

BASE = Path(settings.BASE_DIR)
OURS = BASE / "locale" / "kk" / "LC_MESSAGES"
DJANGO_STRINGS = BASE / "locale_django" / "kk" / "LC_MESSAGES"
DJANGO_EN = Path(django.__file__).parent
# Django's English catalogues of the parts our users see.
DJANGO_CATALOGUES = {
    "django": [
        DJANGO_EN / "conf/locale/en/LC_MESSAGES/django.po",
        DJANGO_EN / "contrib/admin/locale/en/LC_MESSAGES/django.po",
        DJANGO_EN / "contrib/auth/locale/en/LC_MESSAGES/django.po",
        DJANGO_EN / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    ],
    "djangojs": [DJANGO_EN / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"],
}


def _visible_text(response) -> str:
    """What a reader sees: the page without scripts and tags, entities decoded."""
    page = response.content.decode()
    page = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", "\n", page)
    return html.unescape(page)


def _phrases(paths) -> set[str]:
    """Msgids that are phrases a reader would notice (several words, no placeholder)."""
    found = set()
    for path in paths:
        for entry in polib.pofile(str(path)):
            text = entry.msgid
            if " " in text.strip() and len(text) >= 8 and not re.search(r"[%{<]", text):
                found.add(text.strip())
    return found


def _english_left(text: str, phrases: set[str]) -> list[str]:
    lines = {line.strip() for line in text.splitlines()}
    return sorted(p for p in phrases if p in lines or f" {p} " in f" {text} ")


@pytest.mark.parametrize(
    "po_path",
    [OURS / "django.po", DJANGO_STRINGS / "django.po", DJANGO_STRINGS / "djangojs.po"],
    ids=["locale", "locale_django", "locale_django-js"],
)
def test_catalogue_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    assert po.metadata["Language"] == "kk"
    # Django's own Kazakh catalogue says so; a catalogue with other plural forms would not merge.
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n!=1);"
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == [] and not po.metadata_is_fuzzy
    plural_entries = [e for e in po if e.msgid_plural]
    assert all(len(e.msgstr_plural) == 2 and all(e.msgstr_plural.values()) for e in plural_entries)
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    in_mo = {(e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural)) for e in compiled}
    stale = [
        e.msgid
        for e in po.translated_entries()
        if in_mo.get((e.msgctxt, e.msgid)) != (e.msgstr, dict(e.msgstr_plural))
    ]
    assert stale == [], "the .mo is older than the .po: run compilemessages -l kk"


def test_our_catalogue_comes_first_and_djangos_strings_last():
    assert settings.LOCALE_PATHS[0] == BASE / "locale"
    assert settings.LOCALE_PATHS[-1] == BASE / "locale_django"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_django_string_our_users_can_see_is_in_kazakh(domain):
    """Every msgid of Django 5.2's core, admin (and its JavaScript), auth and contenttypes
    catalogues has a Kazakh translation, ours or Django's. Django's kk lacks about 40% of them."""
    catalog = trans_real.DjangoTranslation("kk", domain=domain)._catalog
    missing = []
    for path in DJANGO_CATALOGUES[domain]:
        for entry in polib.pofile(str(path)):
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            found = catalog.get((key, 0)) if entry.msgid_plural else catalog.get(key)
            if not found:
                missing.append(entry.msgid)
    assert missing == []


def test_djangos_strings_that_kazakh_lacked_read_in_kazakh():
    with translation.override("kk"):
        assert translation.gettext("Model name") == "Модель атауы"
        assert translation.gettext("Save and continue editing") == "Сақтап, өңдеуді жалғастыру"
        assert translation.gettext("Enter a valid email address.") == (
            "Жарамды электрондық пошта мекенжайын енгізіңіз."
        )
        assert translation.ngettext(
            "Please correct the error below.", "Please correct the errors below.", 2
        ) == ("Төмендегі қателерді түзетіңіз.")
        # Django's kk had "Өшіру/Уақыт" ("Delete/Time") here; ours corrects it.
        assert translation.gettext("Date/time") == "Күні/уақыты"
        # django-axes, whose admin superusers see, has no Kazakh catalogue either.
        assert translation.gettext("access attempts") == "кіру әрекеттері"
        # Our own catalogue keeps precedence over Django's strings.
        assert translation.gettext("Kazakh") == "Қазақ тілі"


def test_dates_and_numbers_follow_the_kazakh_formats_module():
    day = datetime.date(2019, 8, 19)
    moment = datetime.datetime(2019, 8, 19, 9, 5)
    with translation.override("kk"):
        assert formats.get_format("DATE_FORMAT") == kk_formats.DATE_FORMAT
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%d.%m.%Y"
        assert formats.date_format(day) == "2019 ж. 19 тамыз"
        assert cfc_date(day) == "2019 ж. 19 тамыз"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "2019 ж. 19 тамыз, 09:05"
        assert formats.date_format(day, "YEAR_MONTH_FORMAT") == "2019 ж. тамыз"
        assert formats.date_format(day, "MONTH_DAY_FORMAT") == "19 тамыз"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "19.08.2019"
        # 'F' is the month named on its own, 'E' the month after a day number.
        assert formats.date_format(day, "F") == "Тамыз"
        assert formats.date_format(day, "E") == "тамыз"
        assert formats.number_format(1234567.5, 1, force_grouping=True) == "1\xa0234\xa0567,5"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


@pytest.fixture
def in_kazakh(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    return client


@pytest.mark.django_db
def test_the_admin_shows_no_english_from_django(in_kazakh, world, superuser):
    city = world.city_a
    city.joined_on = datetime.date(2019, 8, 19)
    city.save()
    in_kazakh.force_login(superuser)
    change_url = reverse("admin:cities_city_change", args=[city.pk])
    pages = {
        "index": in_kazakh.get(reverse("admin:index")),
        "changelist": in_kazakh.get(reverse("admin:cities_city_changelist")),
        "change form": in_kazakh.get(change_url),
        # A failed save: the change form again, with Django's error summary.
        "refused save": in_kazakh.post(change_url, {"name": ""}),
    }
    django_phrases = _phrases(DJANGO_CATALOGUES["django"])
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert 'lang="kk"' in response.text, name
        text = _visible_text(response)
        assert _english_left(text, django_phrases) == [], name
    assert "Модель атауы" in pages["index"].text  # the table caption's header, once "Model name"
    assert "Сақтап, өңдеуді жалғастыру" in pages["change form"].text
    assert "Төмендегі қатені түзетіңіз." in pages["refused save"].text or (
        "Төмендегі қателерді түзетіңіз." in pages["refused save"].text
    )
    for english in ("Please correct the error", "Save and continue editing", "Model name"):
        assert all(english not in response.text for response in pages.values()), english
    # The date field is the calendar's field: on a Gregorian programme's page it shows the date as
    # year-month-day, the one form it asks for in every language (cities/calendars.py).
    assert 'value="2019-08-19"' in pages["change form"].text


@pytest.mark.django_db
def test_the_admins_javascript_catalogue_is_in_kazakh(in_kazakh, superuser):
    """The calendar, the clock and the actions of the admin: djangojs from LOCALE_PATHS."""
    in_kazakh.force_login(superuser)
    response = in_kazakh.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    script = response.content.decode()
    for kazakh in ("Уақытты таңдаңыз", "Күнді таңдаңыз", "Қаңтар", "Дүйсенбі", "Қолжетімді %s"):
        assert json.dumps(kazakh) in script or kazakh in script, kazakh
    assert '"Choose a Time": "' in script  # the msgid is there, with its translation
    assert '"FIRST_DAY_OF_WEEK": 1' in script
    assert '"DECIMAL_SEPARATOR": ","' in script
    # Every msgid of the admin's JavaScript catalogue has a Kazakh translation in the page.
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    english = polib.pofile(str(DJANGO_CATALOGUES["djangojs"][0]))
    untranslated = [
        e.msgid
        for e in english
        if not e.msgctxt and (catalogue.get(e.msgid) in (None, e.msgid, [e.msgid, e.msgid_plural]))
    ]
    assert untranslated == []


def _our_phrases() -> set[str]:
    return _phrases([OURS / "django.po"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page, who, kazakh",
    [
        ("public", None, "Балаларға қолайлы қалалар: кім қай кезеңде"),
        ("login", None, "Кіру"),
        ("city", "office_a", "Кезеңдер"),
    ],
)
def test_pages_read_in_kazakh(in_kazakh, world, page, who, kazakh):
    url = {
        "public": reverse("public-cities"),
        "login": reverse("login"),
        "city": reverse("candidacy:city", args=[world.city_a.slug]),
    }[page]
    if who:
        in_kazakh.force_login(getattr(world, who))
    response = in_kazakh.get(url)
    assert response.status_code == 200
    assert 'lang="kk" dir="ltr"' in response.text
    assert kazakh in response.text
    text = _visible_text(response)
    assert _english_left(text, _our_phrases() | _phrases(DJANGO_CATALOGUES["django"])) == []
