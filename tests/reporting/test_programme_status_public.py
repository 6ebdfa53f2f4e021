"""A programme's status on the public pages and in the open data (issues 12 and 13): a closed
programme's cities stay listed, with their recognition on record and the day it closed; a
suspended one says since when, dated in the programme's own calendar, in every language; the
public list finds them by programme status and shows a change at the next request."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import translation

from candidacy.models import Candidacy
from cities import calendars
from cities.models import Programme
from cities.services import programme_hand_over, programme_status_change
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = reverse("public-cities")
CLOSED_ON = datetime.date(2024, 4, 30)  # 11 Ordibehesht 1403, were it dated in Solar Hijri
SUSPENDED_ON = datetime.date(2024, 7, 31)  # 10 Mordad 1403


def _main(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _gregorian(day, language) -> str:
    with translation.override(language):
        return calendars.date_format(day, calendars.GREGORIAN)


@pytest.fixture
def closed(db, superuser):
    """The demo's closed programme as it stands: Lithuania's 2018 programme, closed on 30 April
    2024, with a recognised city (Panevėžys) and a candidate (Šiauliai) kept on record."""
    programme = f.make_programme(
        key="lt-2018",
        name="Child-Friendly Municipality (2018–2024)",
        country=f.CountryFactory(code="LT", name="Lithuania"),
    )
    panevezys = f.make_city(programme, slug="panevezys", name="Panevėžys")
    siauliai = f.make_city(programme, slug="siauliai", name="Šiauliai")
    Candidacy.objects.filter(city=panevezys).update(
        candidate_since=datetime.date(2019, 5, 1),
        recognised_since=datetime.date(2021, 5, 17),
        recognised_until=datetime.date(2025, 5, 16),
    )
    Candidacy.objects.filter(city=siauliai).update(candidate_since=datetime.date(2020, 3, 2))
    programme_status_change(programme=programme, by=superuser, status="closed", on=CLOSED_ON)
    programme.refresh_from_db()
    return programme, panevezys, siauliai


@pytest.fixture
def iranian(db, superuser):
    """An Iranian (Solar Hijri) programme suspended on 31 July 2024, with one city."""
    programme = f.make_programme(key="ir", name="Iran CFC", calendar=Programme.Calendar.SOLAR_HIJRI)
    city = f.make_city(programme, slug="isfahan", name="Isfahan")
    programme_status_change(programme=programme, by=superuser, status="suspended", on=SUSPENDED_ON)
    return programme, city


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_closed_programmes_cities_say_closed_on_the_list_and_their_pages(
    client, closed, world, language
):
    programme, panevezys, siauliai = closed
    day = _gregorian(CLOSED_ON, language)
    with translation.override(language):
        closed_on = f"Closed on {day}" if language == "en" else f"بسته‌شده در {day}"
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    # the public list, found by the programme's status: both cities, nobody else's
    listed = _main(client.get(LIST, {"programme_status": "closed"}, **headers))
    assert "Panevėžys" in listed and "Šiauliai" in listed
    assert world.city_a.name not in listed and world.city_b.name not in listed
    assert listed.count(closed_on) == 2
    # the other programmes stay active
    everyone = _main(client.get(LIST, **headers))
    assert world.city_a.name in everyone and "Panevėžys" in everyone
    # the programme's own page and each city's page and report
    assert closed_on in _main(
        client.get(reverse("public-programme", args=[programme.key]), **headers)
    )
    page = _main(client.get(reverse("public-city", args=["lt-2018", "panevezys"]), **headers))
    assert closed_on in page
    if language == "en":
        assert "Recognised until 16 May 2025; programme closed on 30 April 2024." in page
    else:  # a Gregorian programme is never converted: Persian digits, the Gregorian year
        assert "۲۰۲۴" in page and "۱۴۰۳" not in page
    assert closed_on in _main(
        client.get(reverse("public-city", args=["lt-2018", "siauliai"]), **headers)
    )


def test_the_report_for_children_says_the_programme_closed(client, closed):
    _programme, panevezys, _siauliai = closed
    type(panevezys).objects.filter(pk=panevezys.pk).update(publish_proposals=True)
    report = _main(client.get(reverse("public-city-report", args=["lt-2018", "panevezys"])))
    assert "Closed on 30 April 2024" in report


def test_an_iranian_programmes_suspension_is_dated_in_solar_hijri(client, iranian, world):
    programme, city = iranian
    english = _main(client.get(LIST, {"programme_status": "suspended"}))
    assert "Suspended since 10 Mordad 1403 (31 July 2024)" in english
    assert city.name in english and world.city_a.name not in english
    persian = _main(client.get(LIST, HTTP_ACCEPT_LANGUAGE="fa"))
    assert "معلق از ۱۰ مرداد ۱۴۰۳" in persian
    page = _main(
        client.get(
            reverse("public-city", args=[programme.key, city.slug]), HTTP_ACCEPT_LANGUAGE="fa"
        )
    )
    assert "معلق از ۱۰ مرداد ۱۴۰۳" in page


def test_every_status_reads_in_every_language(world, superuser):
    programme = world.programme_a
    assert programme.status_text() == "Active"
    programme_hand_over(programme=programme, by=superuser, to_body="New Body", on=CLOSED_ON)
    programme.refresh_from_db()
    assert programme.status_text() == "Handed over to New Body on 30 April 2024."
    for language in ("fa", "ru", "kk", "lt"):
        with translation.override(language):
            text = programme.status_text()
        assert "New Body" in text and not text.startswith("Handed over")


def test_an_unknown_programme_status_in_the_address_is_no_filter(client, closed, world):
    listed = _main(client.get(LIST, {"programme_status": "<b>nonsense</b>"}))
    assert "Panevėžys" in listed and world.city_a.name in listed
    assert "<b>nonsense" not in listed


def test_open_data_carries_the_programmes_status_and_dates(client, closed):
    response = client.get(reverse("open-data-cities-json"))
    rows = json.loads(b"".join(response.streaming_content))["cities"]
    panevezys = next(row for row in rows if row["city"] == "panevezys")
    assert panevezys["programme_status"] == "closed"
    assert panevezys["programme_closed_on"] == panevezys["programme_status_since"] == "2024-04-30"
    assert panevezys["recognised_until"] == "2025-05-16"
    csv = b"".join(client.get(reverse("open-data-cities-csv")).streaming_content).decode()
    assert "programme_closed_on" in csv.splitlines()[0] and ",closed,2024-04-30," in csv
    programmes = client.get(reverse("open-data-programmes-json")).json()["programmes"]
    lt = next(row for row in programmes if row["programme"] == "lt-2018")
    assert (lt["status"], lt["status_since"], lt["closed_on"], lt["handed_over_to"]) == (
        "closed",
        "2024-04-30",
        "2024-04-30",
        "",
    )
    documented = _main(client.get(reverse("open-data")))
    for key in ("programme_status", "programme_closed_on", "status_since", "handed_over_to"):
        assert f'<code dir="ltr">{key}</code>' in documented


def test_a_status_change_shows_at_the_next_request(
    client, world, superuser, django_capture_on_commit_callbacks
):
    programme_url = reverse("public-programme", args=[world.programme_a.key])
    city_url = reverse("public-city", args=[world.programme_a.key, world.city_a.slug])
    for url in (LIST, programme_url, city_url):
        assert "Closed on" not in _main(client.get(url))  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        programme_status_change(
            programme=world.programme_a, by=superuser, status="closed", on=CLOSED_ON
        )
    for url in (LIST, programme_url, city_url):
        assert "Closed on 30 April 2024" in _main(client.get(url))
    assert "Closed on 30 April 2024" in _main(client.get(LIST, {"programme_status": "closed"}))


@pytest.mark.parametrize("size", [0, 40])
def test_the_list_by_programme_status_costs_the_same_queries_at_two_sizes(
    client, closed, size, django_assert_max_num_queries
):
    programme, _panevezys, _siauliai = closed
    for number in range(size):
        f.CityFactory(programme=programme, slug=f"grown-{number:02}", name=f"G {number:02}")
    with django_assert_max_num_queries(5):  # edition, countries, stages (the form), count, page
        listed = client.get(LIST, {"programme_status": "closed", "per_page": 200})
    assert listed.content.decode().count("Closed on 30 April 2024") == 2 + size


def _in(day, calendar, language) -> str:
    with translation.override(language):
        return calendars.date_format(day, calendar)


def test_a_programmes_dates_are_in_its_own_calendar_for_every_reader(client, closed, iranian):
    """One rule on the public pages of several programmes and of one: a programme's dates (its
    status, a candidacy's recognition, its stages) are in the programme's calendar, whatever the
    reader's language: a Persian reader of a Gregorian programme, an English reader of Iran's."""
    lithuanian, panevezys, _ = closed
    programme, isfahan = iranian
    until = datetime.date(2027, 3, 20)
    Candidacy.objects.filter(city=isfahan).update(
        candidate_since=datetime.date(2022, 1, 5),
        recognised_since=datetime.date(2023, 3, 21),
        recognised_until=until,
    )
    lapsed_after = datetime.date(2025, 5, 16)  # Panevėžys's recognition (the fixture)
    pages = [
        LIST,
        reverse("public-programme", args=[lithuanian.key]),
        reverse("public-programme", args=[programme.key]),
        reverse("public-city", args=[lithuanian.key, panevezys.slug]),
        reverse("public-city", args=[programme.key, isfahan.slug]),
    ]
    for language in ("fa", "en"):
        persian = language == "fa"
        for url in pages:
            page = _main(client.get(url, HTTP_ACCEPT_LANGUAGE=language))
            if "panevezys" in url or url in (LIST, pages[1]):
                gregorian = _in(lapsed_after, calendars.GREGORIAN, language)
                solar = _in(lapsed_after, calendars.SOLAR_HIJRI, language)
                assert gregorian in page, (language, url)
                assert solar not in page, (language, url)
                if persian:
                    assert _in(CLOSED_ON, calendars.GREGORIAN, "fa") in page  # its status
            if "isfahan" in url or url in (LIST, pages[2]):
                solar = _in(until, calendars.SOLAR_HIJRI, language)
                assert solar in page, (language, url)
                if not persian:  # with the Gregorian date beside it, never alone
                    assert "(" + _in(until, calendars.GREGORIAN, "en") + ")" in solar
                assert _in(SUSPENDED_ON, calendars.SOLAR_HIJRI, language) in page  # its status
