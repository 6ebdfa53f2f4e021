"""The public list's filters (country, candidacy status, current stage: in the URL, kept by the
pages' links) and its map's markers (`/public/map.json`): only cities with valid coordinates,
only a marker's fields, the list's filters, a bounded number of queries."""

import json
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import clear_url_caches, get_resolver, reverse

from candidacy.models import CandidacyStatus
from cities.models import City
from reporting import selectors
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = reverse("public-cities")
MAP = reverse("public-map")


def _place(city, latitude, longitude):
    City.objects.filter(pk=city.pk).update(latitude=latitude, longitude=longitude)


def _names(page):
    return [city.name for city in page.context["listing"].rows]


def _markers(client, url=MAP, headers=None, **query):
    response = client.get(url, query, headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)["markers"]


@pytest.fixture
def placed(world):
    _place(world.city_a, "32.65246", "51.67462")
    _place(world.city_a2, "35.6892", "51.389")
    _place(world.city_b, "54.68916", "25.2798")
    return world


# --- the list's filters -------------------------------------------------------------------------


def test_the_list_filters_by_country(client, placed):
    code = placed.programme_b.country.code
    assert placed.programme_a.country.code != code
    assert _names(client.get(URL, {"country": code})) == ["City B"]
    page = client.get(URL, {"country": placed.programme_a.country.code})
    assert sorted(_names(page)) == ["City A", "City A2"]


def test_the_list_filters_by_status_and_stage(client, placed):
    placed.stages.approve("office")  # city A reaches the joint stage
    page = client.get(URL, {"stage": "joint"})
    assert _names(page) == ["City A"]
    assert _names(client.get(URL, {"stage": "office", "sort": "name"})) == ["City A2", "City B"]
    preparing = client.get(URL, {"status": CandidacyStatus.PREPARING})
    assert len(_names(preparing)) == 3
    none = client.get(URL, {"status": CandidacyStatus.RECOGNISED})
    assert _names(none) == [] and "No city matches this search." in none.text


def test_the_programme_page_filters_by_its_stages_and_offers_no_country(client, placed):
    placed.stages.approve("office")
    url = reverse("public-programme", args=[placed.programme_a.key])
    page = client.get(url, {"stage": "joint", "country": placed.programme_b.country.code})
    assert _names(page) == ["City A"]  # the country is no choice here
    assert 'name="country"' not in page.text
    assert 'name="stage"' in page.text


@pytest.mark.parametrize(
    "query", [{"country": "ZZ"}, {"status": "<script>"}, {"stage": "x" * 500}, {"country": ""}]
)
def test_a_filter_typed_by_hand_falls_back_to_none(client, placed, query):
    page = client.get(URL, query)
    assert page.status_code == 200
    assert len(_names(page)) == 3
    assert client.get(MAP, query).status_code == 200


def test_the_pages_links_keep_the_filters(client, placed):
    for number in range(30):
        f.make_city(placed.programme_a, slug=f"grown-{number:02}", name=f"Grown {number:02}")
    code = placed.programme_a.country.code
    page = client.get(URL, {"country": code, "status": "preparing", "per_page": 25})
    assert page.context["listing"].page.paginator.count == 32
    assert f'href="?country={code}&amp;status=preparing&amp;per_page=25&amp;page=2"' in page.text
    second = client.get(URL, {"country": code, "status": "preparing", "per_page": 25, "page": 2})
    assert len(_names(second)) == 7
    # the form shows the filters in use
    assert f'<option value="{code}" selected>' in second.text


# --- the map ------------------------------------------------------------------------------------


def test_the_page_asks_the_map_for_its_filters_not_its_order_or_page(client, placed):
    page = client.get(URL, {"country": "AA", "q": "City", "sort": "name", "page": 2})
    assert f'data-markers-url="{MAP}?country=AA&amp;q=City"' not in page.text  # order of URL
    assert f'data-markers-url="{MAP}?q=City&amp;country=AA"' in page.text
    assert 'role="region" aria-label="Map of the cities"' in page.text
    assert "the list is its text alternative" in page.text
    assert 'src="/static/js/public-map.js"' in page.text
    programme = reverse("public-programme", args=[placed.programme_a.key])
    assert (
        f'data-markers-url="{reverse("public-programme-map", args=[placed.programme_a.key])}"'
        in client.get(programme).text
    )


def test_markers_are_the_cities_with_valid_coordinates_and_only_their_public_fields(client, placed):
    City.objects.filter(pk=placed.city_a2.pk).update(latitude=None, longitude=None)
    grown = f.make_city(placed.programme_a, slug="half", name="Half")
    _place(grown, "10", None)
    wrong = f.make_city(placed.programme_a, slug="wrong", name="Wrong")
    _place(wrong, "120.5", "10")  # out of range: written around the model's validators
    markers = _markers(client)
    assert sorted(markers) == sorted(
        [
            [32.65246, 51.67462, "City A", selectors.public_city_url(placed.city_a)],
            [54.68916, 25.2798, "City B", selectors.public_city_url(placed.city_b)],
        ]
    )
    assert all(len(marker) == 4 for marker in markers)


def test_markers_follow_the_lists_filters_and_search(client, placed):
    placed.stages.approve("office")
    assert [m[2] for m in _markers(client, stage="joint")] == ["City A"]
    code = placed.programme_b.country.code
    assert [m[2] for m in _markers(client, country=code)] == ["City B"]
    assert [m[2] for m in _markers(client, q="City A2")] == ["City A2"]
    assert _markers(client, status=CandidacyStatus.RECOGNISED) == []
    url = reverse("public-programme-map", args=[placed.programme_b.key])
    assert [m[2] for m in _markers(client, url)] == ["City B"]
    assert client.get(reverse("public-programme-map", args=["nowhere"])).status_code == 404


def test_a_marker_links_to_its_programmes_page_until_cities_have_their_own(client, placed):
    programme = reverse("public-programme", args=[placed.programme_a.key])
    if "public-city" not in get_resolver().reverse_dict:
        assert selectors.public_city_url(placed.city_a) == programme
    with override_settings(ROOT_URLCONF="tests.reporting.urls_with_city_pages"):
        clear_url_caches()
        url = f"/public/{placed.programme_a.key}/city-a/"
        assert selectors.public_city_url(placed.city_a) == url
        assert [m[3] for m in _markers(client, q="City A2")] == [
            f"/public/{placed.programme_a.key}/city-a2/"
        ]
    clear_url_caches()


def test_the_map_reads_names_in_the_readers_language(client, placed):
    City.objects.filter(pk=placed.city_b.pk).update(name_fa="شهر ب")
    names = [m[2] for m in _markers(client, headers={"accept-language": "fa"})]
    assert "شهر ب" in names


def test_the_map_is_cached_until_a_city_changes(
    client, placed, django_capture_on_commit_callbacks, django_assert_num_queries
):
    _markers(client)
    with django_assert_num_queries(1):  # the edition
        _markers(client)
    with django_capture_on_commit_callbacks(execute=True):
        city = City.objects.get(pk=placed.city_b.pk)
        city.latitude, city.longitude = Decimal("1"), Decimal("2")
        city.save()
    assert [1.0, 2.0] in [m[:2] for m in _markers(client)]


@pytest.mark.parametrize("size", [0, 40])
def test_queries_do_not_grow(client, placed, size, django_assert_max_num_queries):
    for number in range(size):
        city = f.make_city(placed.programme_a, slug=f"grown-{number:02}", name=f"G {number:02}")
        _place(city, number, number)
    query = {"country": placed.programme_a.country.code, "status": "preparing", "per_page": 200}
    with django_assert_max_num_queries(6):  # edition, countries, stages, count, page
        client.get(URL, query)
    with django_assert_max_num_queries(4):  # edition, countries, stages (the form), markers
        assert len(_markers(client, **query)) == 2 + size
