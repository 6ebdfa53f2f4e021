"""The Lithuanian interface: the catalogue is complete and compiled, its plurals take the right
one of Lithuanian's forms, the glossary's words are the catalogue's, Django's own gaps are filled,
and the pages people open read in Lithuanian."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

BASE = Path(settings.BASE_DIR)
CATALOGUE = BASE / "locale" / "lt" / "LC_MESSAGES"
DJANGO_GAPS = BASE / "locale_django" / "lt" / "LC_MESSAGES"


def _assert_complete_and_compiled(folder: Path, domain: str) -> polib.POFile:
    po = polib.pofile(str(folder / f"{domain}.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy
    compiled = polib.mofile(str(folder / f"{domain}.mo"))

    def pairs(catalogue):
        return {
            (e.msgctxt, e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in catalogue
            if e.msgid
        }

    assert pairs(po.translated_entries()) <= pairs(compiled), (
        f"{domain}.mo is older than {domain}.po: run compilemessages -l lt"
    )
    return po


def test_the_catalogue_is_complete_and_compiled():
    po = _assert_complete_and_compiled(CATALOGUE, "django")
    assert po.metadata["Language"] == "lt"
    # Django's own Lithuanian plural rule, so our plurals and Django's agree.
    django_lt = polib.pofile(
        str(Path(translation.__file__).parents[2] / "conf/locale/lt/LC_MESSAGES/django.po")
    )
    assert po.metadata["Plural-Forms"] == django_lt.metadata["Plural-Forms"]


def test_placeholders_survive_translation():
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
    po = polib.pofile(str(CATALOGUE / "django.po"))
    for entry in po:
        if entry.msgid_plural:
            wanted = set(placeholder.findall(entry.msgid_plural))
            for form in entry.msgstr_plural.values():
                assert set(placeholder.findall(form)) == wanted, entry.msgid
        else:
            assert sorted(placeholder.findall(entry.msgstr)) == sorted(
                placeholder.findall(entry.msgid)
            ), entry.msgid


# n: 1 and 21 take the first form, 2 and 5 the second, 11 the "many" form.
@pytest.mark.parametrize(
    "singular,plural,forms",
    [
        (
            "%(count)s district",
            "%(count)s districts",
            {1: "seniūnija", 2: "seniūnijos", 5: "seniūnijos", 11: "seniūnijų", 21: "seniūnija"},
        ),
        (
            "%(counter)s city",
            "%(counter)s cities",
            {1: "miestas", 2: "miestai", 5: "miestai", 11: "miestų", 21: "miestas"},
        ),
        (
            "%(number)s member",
            "%(number)s members",
            {1: "narys", 2: "nariai", 5: "nariai", 11: "narių", 21: "narys"},
        ),
        (
            # Django's own, supplied in locale_django/
            "%(num)d day",
            "%(num)d days",
            {1: "diena", 2: "dienos", 5: "dienos", 11: "dienų", 21: "diena"},
        ),
    ],
)
def test_plurals_take_the_lithuanian_form(singular, plural, forms):
    with translation.override("lt"):
        for n, word in forms.items():
            text = translation.ngettext(singular, plural, n)
            assert re.sub(r"%\(\w+\)[sd]", str(n), text) == f"{n} {word}"


def test_the_glossary_is_what_the_catalogue_says():
    """Rows of docs/glossary/lt.md whose English is a `msgid` give its exact translation."""
    po = {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUE / "django.po"))}
    row = re.compile(r"^\| `([^`]+)` \| `([^`]+)` \|", re.MULTILINE)
    rows = row.findall((BASE / "docs" / "glossary" / "lt.md").read_text(encoding="utf-8"))
    assert len(rows) >= 40
    disagree = [(en, lt, po.get(en)) for en, lt in rows if po.get(en) != lt]
    assert disagree == []


def test_django_gaps_are_filled_only_where_django_has_nothing():
    """locale_django/lt holds Django's msgids that its own lt catalogues leave untranslated,
    and none that they translate (a Django upgrade that adds one makes ours redundant)."""
    django_root = Path(translation.__file__).parents[2]
    ours = {}
    for domain in ("django", "djangojs"):
        po = _assert_complete_and_compiled(DJANGO_GAPS, domain)
        ours[domain] = {(e.msgctxt, e.msgid) for e in po}
    theirs = {"django": set(), "djangojs": set()}
    for path in django_root.glob("**/locale/lt/LC_MESSAGES/*.po"):
        domain = path.stem
        theirs.setdefault(domain, set()).update(
            (e.msgctxt, e.msgid) for e in polib.pofile(str(path)).translated_entries()
        )
    for domain, keys in ours.items():
        assert keys and not keys & theirs[domain], domain
    with translation.override("lt"):
        assert translation.gettext("Skip to main content") == "Pereiti prie pagrindinio turinio"
        assert translation.gettext("Enter a valid domain name.") == (
            "Įveskite tinkamą domeno vardą."
        )


def _in_lithuanian(client, url):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "lt"
    page = client.get(url)
    assert page.status_code == 200
    assert 'lang="lt" dir="ltr"' in page.text
    return page.text


@pytest.mark.django_db
def test_the_public_list_reads_in_lithuanian(client):
    text = _in_lithuanian(client, "/")
    assert "Vaikams draugiški miestai: kas kuriame etape" in text
    assert "Child-Friendly Cities: who is where" not in text


@pytest.mark.django_db
def test_the_login_page_reads_in_lithuanian(client):
    text = _in_lithuanian(client, reverse("login"))
    assert "Pamiršote slaptažodį?" in text
    assert "Forgotten your password?" not in text


@pytest.mark.django_db
def test_an_office_page_reads_in_lithuanian(client, world):
    client.force_login(world.office_a)
    text = _in_lithuanian(client, reverse("candidacy:city", args=[world.city_a.slug]))
    assert "Etapų eiga" in text and "Atsijungti" in text
    assert "Sign out" not in text and "Pipeline" not in text


def test_lithuanian_numbers_group_thousands_with_a_space():
    """As the budget table prints them (floatformat "g"): 1 250 000,5, never 1.250.000,5."""
    from django.template import Context, Template

    template = Template('{{ amount|floatformat:"-2g" }}')
    with translation.override("lt"):
        assert template.render(Context({"amount": 1250000.5})) == "1\xa0250\xa0000,50"
    with translation.override("en"):
        assert template.render(Context({"amount": 1250000.5})) == "1,250,000.50"
