"""Open data (issue 12): the public information as CSV and JSON, documented on /open-data/;
only public fields, formula-safe cells, streamed from one query whatever the number of cities,
for anyone without signing in."""

from __future__ import annotations

import csv
import datetime
import inspect
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from candidacy.models import Candidacy, StageComment
from cities.models import City
from reporting import open_data
from tests import factories as f

pytestmark = pytest.mark.django_db

PAGE = reverse("open-data")
CSV = reverse("open-data-cities-csv")
JSON = reverse("open-data-cities-json")
PROGRAMMES = reverse("open-data-programmes-json")


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_body(response).removeprefix("\ufeff"))))


def _json(response) -> dict:
    if response.streaming:
        return json.loads(_body(response))
    return json.loads(response.content)


def _grow(programme, count, prefix="grown"):
    for number in range(count):
        f.make_city(programme, slug=f"{prefix}-{number:03}", name=f"Grown {number:03}")


KEYS = [column.key for column in open_data.city_columns()]


def test_the_page_documents_every_column_the_licence_and_the_frequency(client, world):
    page = client.get(PAGE)
    assert page.status_code == 200
    for key in KEYS:
        assert f'<code dir="ltr">{key}</code>' in page.text
    for column in open_data.programme_fields():
        assert f'<code dir="ltr">{column.key}</code>' in page.text
    assert "CC BY 4.0" in page.text
    assert "each file is made from the portal" in page.text
    for url in (CSV, JSON, PROGRAMMES):
        assert f'href="{url}"' in page.text


@override_settings(OPEN_DATA_LICENCE="ODbL 1.0")
def test_the_licence_is_a_setting(client, world):
    assert "ODbL 1.0" in client.get(PAGE).text
    assert _json(client.get(JSON))["licence"] == "ODbL 1.0"
    assert _json(client.get(PROGRAMMES))["licence"] == "ODbL 1.0"


def test_every_page_links_the_open_data_from_its_footer(client, world):
    assert f'<a href="{PAGE}">Open data</a>' in client.get(reverse("public-cities")).text


def test_cities_csv_has_the_documented_columns_and_a_row_per_city(client, world):
    response = client.get(CSV)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv(response)
    assert list(rows[0]) == KEYS
    assert sorted(row["city"] for row in rows) == sorted(
        City.objects.values_list("slug", flat=True)
    )
    city_a = next(row for row in rows if row["city"] == "city-a")
    assert city_a["programme"] == "alpha"
    assert city_a["name"] == "City A" and city_a["name_en"] == "City A"
    assert city_a["status"] == "preparing"
    assert city_a["current_stage"] == "office" and city_a["current_stage_position"] == "1"


def test_cities_json_rows_have_the_documented_fields_and_types(client, world):
    Candidacy.objects.filter(city=world.city_a).update(
        candidate_since=datetime.date(2021, 1, 1), recognised_until=datetime.date(2099, 1, 1)
    )
    City.objects.filter(pk=world.city_a.pk).update(joined_on=datetime.date(2018, 5, 1))
    document = _json(client.get(JSON))
    assert document["licence"] == "CC BY 4.0" and document["language"] == "en"
    cities = document["cities"]
    assert len(cities) == City.objects.count()
    for city in cities:
        assert list(city) == KEYS
        assert isinstance(city["current_stage_position"], int)
    city_a = next(city for city in cities if city["city"] == "city-a")
    assert city_a["status"] == "recognised"
    assert city_a["recognised_until"] == "2099-01-01" and city_a["joined_on"] == "2018-05-01"


def test_only_public_fields_no_people_contacts_or_comments(client, world):
    office = world.stages.stage("office")
    office.narrative = "A private narrative of the office"
    office.save(update_fields=["narrative"])
    StageComment.objects.create(
        progress=office, author=world.office_a, body="An internal comment", visibility="internal"
    )
    texts = [_body(client.get(CSV)), _body(client.get(JSON)), client.get(PROGRAMMES).text]
    for text in texts:
        for user in (world.office_a, world.coordinator_a, world.evaluator_a):
            assert user.username not in text
            assert user.email not in text
        assert "private narrative" not in text and "internal comment" not in text
    allowed = {"programme", "country", "country_code", "city", "name", "region", "entity_type",
               "joint_with", "status", "current_stage", "current_stage_title",
               "current_stage_position",
               "recognised_until", "joined_on", "programme_status", "programme_status_since",
               "programme_closed_on", "latitude", "longitude"}  # fmt: skip
    assert set(KEYS) - allowed == {f"name_{code}" for code in ("en", "fa", "ru", "kk", "lt")}


def test_who_holds_the_candidacy_and_with_whom(client, world):
    """Issue 13's entity types and joint candidacies are public facts of a city."""
    rayon = f.CityFactory(
        slug="rayon-a",
        programme=world.city_a.programme,
        entity_type=City.EntityType.DISTRICT_RAYON,
        joint_with=world.city_a,
    )
    rows = {row["city"]: row for row in _csv(client.get(CSV))}
    assert rows[rayon.slug]["entity_type"] == "district_rayon"
    assert rows[rayon.slug]["joint_with"] == "city-a"
    assert rows["city-a"]["entity_type"] == "municipality" and rows["city-a"]["joint_with"] == ""
    cities = {c["city"]: c for c in _json(client.get(JSON))["cities"]}
    assert cities[rayon.slug]["joint_with"] == "city-a" and cities["city-a"]["joint_with"] is None


def test_csv_cells_are_formula_safe(client, world):
    City.objects.filter(pk=world.city_a.pk).update(
        name_en='=HYPERLINK("http://evil.example","x")', region_en="+1 region"
    )
    rows = _csv(client.get(CSV))
    city_a = next(row for row in rows if row["city"] == "city-a")
    assert city_a["name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert city_a["name_en"].startswith("'=") and city_a["region"] == "'+1 region"
    # JSON is not a spreadsheet: the name as stored.
    cities = _json(client.get(JSON))["cities"]
    assert next(c for c in cities if c["city"] == "city-a")["name"].startswith("=HYPERLINK")


def test_names_in_the_readers_language_and_in_every_stored_one(client, world):
    City.objects.filter(pk=world.city_a.pk).update(name_fa="شهر الف")
    client.cookies["django_language"] = "fa"
    city_a = next(c for c in _json(client.get(JSON))["cities"] if c["city"] == "city-a")
    assert city_a["name"] == "شهر الف" and city_a["name_en"] == "City A"
    assert city_a["name_fa"] == "شهر الف"
    client.cookies["django_language"] = "ru"
    city_a = next(c for c in _json(client.get(JSON))["cities"] if c["city"] == "city-a")
    assert city_a["name"] == "City A"  # Russian falls back to English


def test_coordinates_are_published_only_if_cities_have_them(client, world):
    fields = {field.name for field in City._meta.get_fields()}
    has = {"latitude", "longitude"} <= fields
    assert ("latitude" in KEYS) == has and ("longitude" in KEYS) == has


def test_programmes_json_counts_cities_by_status(client, world):
    Candidacy.objects.filter(city=world.city_a).update(candidate_since=datetime.date(2021, 1, 1))
    Candidacy.objects.filter(city=world.city_a2).update(withdrawn_on=datetime.date(2022, 1, 1))
    document = _json(client.get(PROGRAMMES))
    alpha = next(p for p in document["programmes"] if p["programme"] == "alpha")
    assert list(alpha) == [field.key for field in open_data.programme_fields()]
    assert alpha["cities"] == 2
    assert alpha["cities_by_status"] == {
        "preparing": 0, "candidate": 1, "recognised": 0, "lapsed": 0, "ended": 0, "withdrawn": 1
    }  # fmt: skip
    beta = next(p for p in document["programmes"] if p["programme"] == "beta")
    assert beta["cities"] == 1 and beta["cities_by_status"]["preparing"] == 1


def test_programmes_json_is_kept_until_what_it_counts_changes(
    client, world, django_capture_on_commit_callbacks
):
    client.get(PROGRAMMES)
    with CaptureQueriesContext(connection) as queries:
        client.get(PROGRAMMES)
    assert len(queries) == 1  # the edition
    with django_capture_on_commit_callbacks(execute=True):
        _grow(world.programme_a, 1)
    alpha = next(
        p for p in _json(client.get(PROGRAMMES))["programmes"] if p["programme"] == "alpha"
    )
    assert alpha["cities"] == 3


@pytest.mark.parametrize("url", [PAGE, CSV, JSON, PROGRAMMES])
def test_anyone_reads_them_and_nobody_posts(client, world, url):
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405
    client.force_login(world.office_a)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", [CSV, JSON, PROGRAMMES, PAGE])
def test_the_queries_do_not_grow_with_the_cities(client, world, url, monkeypatch):
    monkeypatch.setattr(open_data, "CHUNK", 7)  # several chunks of the cursor at 60 cities

    def measured():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.streaming:
                _body(response)
        return len(queries)

    small = measured()
    _grow(world.programme_a, 60)
    from django.core.cache import cache

    cache.clear()
    big = measured()
    assert big == small <= 2  # the edition (cached pages), the one query of the rows


def test_the_csv_is_written_a_row_at_a_time(world):
    """The file is a generator of lines: nothing holds every city at once."""
    lines = open_data.cities_csv_lines()
    assert inspect.isgenerator(lines)
    assert next(lines).startswith("\ufeffprogramme,country,")
    assert len(list(lines)) == City.objects.count()
