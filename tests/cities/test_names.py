"""Names people create are data in several languages (django-modeltranslation): stored per
language, shown in the reader's language with a fallback, edited per language in the admin,
typed on the portal into the typist's language; never run through gettext at run time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cities.models import City, District, Organisation
from cities.names import (
    fill_district_columns,
    fill_language_columns,
    language_of_text,
    names_per_language,
)
from cities.seed_names import district_names, localized
from tests import factories as f

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _reader(client, user, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _shown(client, url, language) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.text


# --- reading: the reader's language, else the fallback ----------------------------------------


def test_a_name_is_read_in_the_readers_language_with_a_fallback(world):
    city = world.city_a
    city.name_en, city.name_fa, city.name_ru = "Isfahan", "اصفهان", ""
    city.name_kk = "Исфахан"
    city.save()
    city.refresh_from_db()
    shown = {}
    for language in LANGUAGES:
        with translation.override(language):
            shown[language] = city.name
    # Kazakh readers fall back to Russian first, then English: the Kazakh name is there.
    assert shown == {
        "en": "Isfahan",
        "fa": "اصفهان",
        "ru": "Isfahan",
        "kk": "Исфахан",
        "lt": "Isfahan",
    }


def test_a_name_given_in_persian_alone_is_what_every_reader_sees(world):
    district = District.objects.create(city=world.city_a, number=7, **{"name_fa": "منطقهٔ ۷"})
    for language in LANGUAGES:
        with translation.override(language):
            assert District.objects.get(pk=district.pk).name == "منطقهٔ ۷"


def test_kazakh_readers_see_the_russian_name_before_the_english_one(world):
    city = City.objects.get(pk=world.city_a.pk)
    city.name_en, city.name_ru, city.name_kk = "Ust-Kamenogorsk", "Усть-Каменогорск", ""
    city.save()
    with translation.override("kk"):
        assert City.objects.get(pk=city.pk).name == "Усть-Каменогорск"


# --- the admin: a field per language ------------------------------------------------------------


def _city_post(world, **names):
    return {
        "slug": "new-town",
        "programme": world.programme_a.pk,
        "entity_type": "municipality",
        "districts-TOTAL_FORMS": "0",
        "districts-INITIAL_FORMS": "0",
        **names,
    }


def test_a_city_added_in_the_admin_in_persian_and_english_reads_in_each(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("admin:cities_city_add"),
        _city_post(world, name_fa="شهر نو", name_en="New Town", region_fa="استان نو"),
    )
    assert response.status_code == 302, response.text
    city = City.objects.get(slug="new-town")
    assert (city.name_fa, city.name_en, city.name_lt) == ("شهر نو", "New Town", None)
    url = reverse("candidacy:city", args=[city.slug])
    reader = _reader(client, world.coordinator_a, "fa")
    persian = _shown(reader, url, "fa")
    assert "<h1" in persian and "شهر نو" in persian and "استان نو" in persian
    english = _shown(reader, url, "en")
    assert "New Town" in english and "شهر نو" not in english
    assert "استان نو" in english  # no English region: the Persian one
    lithuanian = _shown(reader, url, "lt")
    assert "New Town" in lithuanian and "شهر نو" not in lithuanian


def test_the_admin_change_form_has_a_field_per_language(client, world, superuser):
    client.force_login(superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    page = client.get(reverse("admin:cities_city_change", args=[world.city_a.pk])).text
    for language in LANGUAGES:
        field = re.search(rf'<input[^>]*name="name_{language}"[^>]*>', page)
        assert field, language
        assert f'lang="{language}"' in field[0]
        assert ('dir="rtl"' if language == "fa" else 'dir="ltr"') in field[0]
    assert 'name="name"' not in page
    assert "نام (فارسی)" in page  # the label, in the reader's language
    assert "googleapis" not in page and "jquery-ui" not in page  # nothing from a CDN
    # District rows too, in the inline.
    assert 'name="districts-__prefix__-name_fa"' in page


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:cities_programme_change",
        "admin:candidacy_stagedefinition_change",
        "admin:candidacy_indicatordefinition_change",
        "admin:candidacy_evaluationcriterion_change",
        "admin:candidacy_assessmentcriterion_change",
        "admin:stakeholders_counciltype_change",
        "admin:cities_organisation_change",
        "admin:cities_country_change",
    ],
)
def test_every_named_model_is_edited_per_language_in_the_admin(client, superuser, url_name):
    from modeltranslation.translator import translator

    from candidacy.records.atlas.indicators import indicators_seed
    from candidacy.records.evaluations.criteria import criteria_seed
    from candidacy.records.plans.criteria import criteria_load

    programme = f.make_programme()
    indicators_seed(programme=programme)
    criteria_seed(programme)
    criteria_load(programme=programme)
    city = f.make_city(programme)
    f.OrganisationFactory(city=city)
    f.CouncilTypeFactory(programme=programme)
    app_model = url_name.split(":")[1].rsplit("_", 1)[0]
    app, model_name = app_model.split("_", 1)
    from django.apps import apps

    model = apps.get_model(app, model_name)
    obj = model.objects.order_by("pk").first()
    client.force_login(superuser)
    page = client.get(reverse(url_name, args=[obj.pk])).text
    # Read-only after creation by design: the body changes only through the hand-over (its
    # history row), so its page shows each language's value as text, not as an input.
    written_by_services = {("cities", "programme"): {"coordinating_body"}}
    for field in translator.get_options_for_model(model).fields:
        for language in LANGUAGES:
            if field in written_by_services.get((app, model_name), set()):
                assert f"field-{field}_{language}" in page, (field, language)
                assert f'name="{field}_{language}"' not in page, (field, language)
            else:
                assert f'name="{field}_{language}"' in page, (field, language)


def test_a_city_with_no_name_in_any_language_is_refused_on_the_form(client, world):
    client.force_login(world.coordinator_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    response = client.post(
        reverse("admin:cities_city_add"), _city_post(world, region_fa="استان نو")
    )
    assert response.status_code == 200
    assert not City.objects.filter(slug="new-town").exists()
    form = response.context["adminform"].form
    with translation.override("fa"):
        message = translation.gettext("Give this in at least one language.")
    assert form.errors["name_fa"] == [message]  # beside the reader's own language
    assert form["region_fa"].value() == "استان نو"  # what was typed is kept


def test_the_admin_search_finds_a_name_in_any_language(client, world, superuser):
    city = world.city_a
    city.name_fa = "اصفهان"
    city.save()
    client.force_login(superuser)
    found = client.get(reverse("admin:cities_city_changelist"), {"q": "اصفهان"})
    assert list(found.context["cl"].result_list) == [city]


def test_the_admin_region_filter_offers_regions_in_the_readers_language(client, world):
    city = world.city_a
    city.region_en, city.region_fa = "Isfahan Province", "استان اصفهان"
    city.save()
    client.force_login(world.coordinator_a)
    url = reverse("admin:cities_city_changelist")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    page = client.get(url)
    assert "استان اصفهان" in page.text
    chosen = client.get(url, {"region": "استان اصفهان"})
    assert list(chosen.context["cl"].result_list) == [city]


# --- typing on the portal -----------------------------------------------------------------------


def test_an_organisation_typed_in_persian_is_stored_in_persian(client, world):
    reader = _reader(client, world.office_a, "fa")
    url = reverse("stakeholders:organisation-add", args=[world.city_a.slug])
    response = reader.post(url, {"name": "ادارهٔ آموزش و پرورش", "sector": "government"})
    assert response.status_code == 302, response.text
    organisation = Organisation.objects.get(city=world.city_a)
    assert organisation.name_fa == "ادارهٔ آموزش و پرورش"
    assert organisation.name_en is None
    # An English reader sees the Persian name: the only one there is.
    english = _shown(reader, reverse("stakeholders:city", args=[world.city_a.slug]), "en")
    assert "ادارهٔ آموزش و پرورش" in english
    # A second organisation of the same Persian name is refused on the form, not a 500.
    again = reader.post(url, {"name": "ادارهٔ آموزش و پرورش", "sector": "ngo"})
    assert again.status_code == 400
    assert Organisation.objects.filter(city=world.city_a).count() == 1


# --- a programme's language ---------------------------------------------------------------------


def test_people_invited_into_a_programme_read_its_language(client, world):
    from cities.services import language_of

    world.programme_a.language = "fa"
    world.programme_a.save()
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("people-invite", args=[world.programme_a.key]),
        {"email": "new.person@example.org", "role": "office", "city": world.city_a2.pk},
    )
    assert response.status_code == 302
    from django.contrib.auth import get_user_model

    person = get_user_model().objects.get(email="new.person@example.org")
    assert language_of(person) == "fa"


def test_a_chosen_language_is_kept_when_invited_into_another_programme(client, world):
    from cities.services import language_of, profile_of

    profile = profile_of(world.office_b)
    profile.language = "lt"
    profile.save()
    world.programme_a.language = "fa"
    world.programme_a.save()
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("people-invite", args=[world.programme_a.key]),
        {"email": world.office_b.email, "role": "office", "city": world.city_a2.pk},
    )
    assert response.status_code == 302
    assert language_of(world.office_b) == "lt"


@pytest.mark.parametrize(
    ("headers", "cookie", "expected"),
    [
        ({}, None, "fa"),  # asks for nothing: the programme's language
        ({"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}, None, "fa"),  # none of ours
        ({"HTTP_ACCEPT_LANGUAGE": "ru-RU,ru;q=0.9"}, None, "ru"),  # the browser's
        ({"HTTP_ACCEPT_LANGUAGE": "de"}, "lt", "lt"),  # the reader's choice
    ],
)
def test_a_programmes_public_page_reads_in_its_language_by_default(
    client, world, headers, cookie, expected
):
    programme = world.programme_a
    programme.language = "fa"
    programme.name_fa = "برنامهٔ آلفا"
    programme.save()
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get(reverse("public-programme", args=[programme.key]), **headers)
    assert response.status_code == 200
    assert f'<html lang="{expected}"' in response.text
    assert ("برنامهٔ آلفا" in response.text) == (expected == "fa")
    assert world.city_b.name not in response.text  # one programme's cities only


def test_the_public_list_keeps_the_default_language(client, world):
    world.programme_a.language = "fa"
    world.programme_a.save()
    response = client.get(reverse("public-cities"))
    assert '<html lang="en"' in response.text


# --- seeds and migrations -----------------------------------------------------------------------


def test_the_seeds_name_stages_in_every_language():
    from candidacy.programmes import KAZAKHSTAN, LITHUANIA, programme_load

    programme = programme_load(KAZAKHSTAN)
    assert programme.language == "kk"
    accreditation = programme.stage_definitions.get(key="accreditation")
    assert accreditation.title_ru == "Аккредитация"
    assert all(getattr(accreditation, f"title_{language}") for language in LANGUAGES)
    lithuania = programme_load(LITHUANIA)
    assert "Vaikams draugiški miestai" in lithuania.name_lt
    assert localized("name", "Almaty", ("en", "kk", "ru")) == {
        "name_en": "Almaty",
        "name_kk": "Алматы",
        "name_ru": "Алматы",
    }
    assert district_names(3, "iran") == {"name_en": "District 3", "name_fa": "منطقهٔ ۳"}


def test_the_migration_puts_each_stored_name_in_its_language():
    assert language_of_text("اصفهان") == "fa"
    assert language_of_text("Өскемен") == "kk"
    assert language_of_text("Усть-Каменогорск") == "ru"
    assert language_of_text("Šiauliai") == "lt"
    assert language_of_text("Isfahan") == "en"
    # What the Persian catalogue translated at run time until now lands in the Persian column.
    assert names_per_language("Office formation", ["fa"]) == {
        "en": "Office formation",
        "fa": "تشکیل دفتر",
    }
    # On the migration's own (historical) models, as the migration runs.
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    state = MigrationLoader(connection).project_state(("cities", "0006_names_per_language"))
    HistoricalCity = state.apps.get_model("cities", "City")
    HistoricalDistrict = state.apps.get_model("cities", "District")
    city = f.make_city(f.make_programme(), name="Isfahan")
    district = f.DistrictFactory(city=city)
    # As before the migration: one column, the name as it was typed (a historical model's
    # manager does not translate `name`).
    HistoricalDistrict.objects.filter(pk=district.pk).update(
        name="منطقهٔ ۲", name_en=None, name_fa=None
    )
    HistoricalCity.objects.filter(pk=city.pk).update(name="Isfahan", name_en=None)
    fill_language_columns(HistoricalCity, ("name", "region"), ["fa"])
    fill_language_columns(HistoricalDistrict, ("name",), ["fa"])
    city.refresh_from_db()
    assert (city.name_en, city.name_fa) == ("Isfahan", "اصفهان")
    district.refresh_from_db()
    assert (district.name_en, district.name_fa) == (None, "منطقهٔ ۲")
    # The seeds' "District 3" in its programme's place languages; seeds in every language.
    iranian = f.make_city(f.make_programme(key="iran"))
    seeded = f.DistrictFactory(city=iranian, number=3)
    HistoricalDistrict.objects.filter(pk=seeded.pk).update(
        name="District 3", name_en=None, name_fa=None
    )
    fill_district_columns(HistoricalDistrict, ["fa", "ru", "kk", "lt"])
    seeded.refresh_from_db()
    assert (seeded.name_en, seeded.name_fa, seeded.name_ru) == ("District 3", "منطقهٔ ۳", None)
    assert names_per_language("Playgrounds", ["kk", "lt"]) == {
        "en": "Playgrounds",
        "kk": "Балалар алаңдары",
        "lt": "Žaidimų aikštelės",
    }


# --- no gettext of data -------------------------------------------------------------------------

#: `{% translate city.name %}`, `{% translate definition.title %}`...: a variable, not a string.
TEMPLATE_GETTEXT_OF_DATA = re.compile(r"\{%\s*(translate|trans)\s+[a-z_][\w.]*(\s+as\s+\w+)?\s*%\}")
#: gettext(city.name), _(indicator.unit), gettext(obj.definition.title)...
PYTHON_GETTEXT_OF_DATA = re.compile(
    r"\b(gettext|gettext_lazy|_)\(\s*[a-z_][\w.]*\.(name|title|text|unit|region|description|"
    r"coordinating_body)\s*\)"
)


def _sources(*patterns):
    for pattern in patterns:
        for path in ROOT.glob(pattern):
            parts = path.relative_to(ROOT).parts
            if parts[0] in ("node_modules", ".venv", "tests") or "migrations" in parts:
                continue
            yield path


def test_no_template_runs_data_through_gettext():
    found = [
        f"{path.relative_to(ROOT)}: {match[0]}"
        for path in _sources("**/*.html", "**/*.txt")
        for match in TEMPLATE_GETTEXT_OF_DATA.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_python_runs_data_through_gettext():
    found = [
        f"{path.relative_to(ROOT)}: {match[0]}"
        for path in _sources("**/*.py")
        for match in PYTHON_GETTEXT_OF_DATA.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
