"""The public list at world scale: a page of cities at a time, searched and sorted from the URL,
served from the cache while nothing it shows has changed, and afresh, on every app server,
once something has."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from candidacy import services
from cities.models import City
from core.editions import edition
from tests import factories as f
from tests.stakeholders.factories import CommitmentFactory, MemorandumFactory

pytestmark = pytest.mark.django_db

URL = reverse("public-cities")


def _grow(world, count):
    for number in range(count):
        f.make_city(world.programme_a, slug=f"grown-{number:03}", name=f"Grown {number:03}")


def _names(page):
    return [city.name for city in page.context["listing"].rows]


def test_one_page_at_a_time_with_the_page_size_in_the_url(client, world):
    _grow(world, 60)  # 63 cities in all
    first = client.get(URL)
    assert len(_names(first)) == 50
    assert "Page 1 of 2" in first.text and "Rows 1–50 of 63" in first.text
    second = client.get(URL, {"page": 2})
    assert len(_names(second)) == 13
    small = client.get(URL, {"per_page": 25, "page": 3})
    assert len(_names(small)) == 13
    assert 'href="?per_page=25&amp;page=2"' in small.text  # the links keep the page size


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"per_page": "100000"},
        {"per_page": "x"},
        {"sort": "password"},
        {"q": "x" * 500},
    ],
)
def test_a_url_typed_by_hand_still_shows_a_list(client, world, query):
    _grow(world, 60)
    page = client.get(URL, query)
    assert page.status_code == 200
    assert 1 <= len(_names(page)) <= 50


def test_search_finds_a_city_by_its_name_in_any_language(client, world):
    City.objects.filter(pk=world.city_a.pk).update(name_fa="شهر الف")
    page = client.get(URL, {"q": "الف"})
    assert _names(page) == ["City A"]
    assert client.get(URL, {"q": "city a"}).context["listing"].page.paginator.count == 2
    empty = client.get(URL, {"q": "Atlantis"})
    assert "No city matches this search." in empty.text


def test_sorts(client, world):
    by_name = _names(client.get(URL, {"sort": "name"}))
    assert by_name == sorted(by_name)
    world.stages.approve("office")  # city A is furthest along
    assert _names(client.get(URL, {"sort": "stage"}))[0] == "City A"


def test_a_cached_page_costs_one_query_and_carries_the_readers_own_csrf_token(client, world):
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL)
    assert len(queries) == 1  # the edition
    assert "__csrf_token_of_the_reader__" not in again.text
    assert 'name="csrfmiddlewaretoken" value="' in again.text
    # the language menu still works from a cached page
    token = again.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    client.handler.enforce_csrf_checks = True
    changed = client.post(
        reverse("set_language"), {"language": "fa", "next": URL, "csrfmiddlewaretoken": token}
    )
    assert changed.status_code == 302


def test_a_change_made_through_another_server_is_never_hidden(
    client, world, django_capture_on_commit_callbacks
):
    """Two app servers, each with its own per-process cache: server 2 has cached the page;
    a stage approved through server 1 raises the edition in the shared database, so server 2's
    next request renders afresh."""
    two_caches = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "2"}
    }
    with override_settings(CACHES=two_caches):
        caches["default"].clear()
        before = client.get(URL, {"sort": "stage"})
        number = edition()
    with django_capture_on_commit_callbacks(execute=True):
        world.stages.approve("office")  # through "server 1": the services, the database
    assert edition() > number
    with override_settings(CACHES=two_caches):
        after = client.get(URL, {"sort": "stage"})
    assert after.text != before.text
    assert _names(after)[0] == "City A"


def test_a_signed_in_reader_gets_their_own_page(client, world):
    client.get(URL)  # cached for anonymous readers
    client.force_login(world.office_a)
    page = client.get(URL)
    assert "My work" in page.text and "Sign out" in page.text


def test_the_programme_page_is_cached_per_language(client, world):
    url = reverse("public-programme", args=[world.programme_a.key])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    persian = client.get(url, HTTP_ACCEPT_LANGUAGE="fa")
    assert english.text != persian.text
    assert 'lang="fa"' in client.get(url, HTTP_ACCEPT_LANGUAGE="fa").text
    assert 'lang="en"' in client.get(url, HTTP_ACCEPT_LANGUAGE="en").text


def test_the_overview_table_is_cached_until_what_it_shows_changes(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.coordinator_a)
    url = reverse("candidacy:overview", args=[world.programme_a.key])
    before = client.get(url)
    assert "Awaiting sign-off</span>" not in before.text
    with django_capture_on_commit_callbacks(execute=True):
        world.stages.submit("office")
    after = client.get(url)
    assert "Awaiting sign-off</span>" in after.text
    # the other coordinator's view of the same programme shares the cached table, and a
    # reader of another language gets their own
    client.force_login(world.evaluator_a)
    assert "Awaiting sign-off</span>" in client.get(url).text
    assert "Awaiting sign-off</span>" not in client.get(url, HTTP_ACCEPT_LANGUAGE="fa").text


def test_a_commitment_changes_the_overview(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.coordinator_a)
    url = reverse("candidacy:overview", args=[world.programme_a.key])
    assert "1 open" not in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        CommitmentFactory(memorandum=MemorandumFactory(city=world.city_a))
    assert "1 open" in client.get(url).text


def test_the_queue_table_is_the_users_own_and_fresh_after_a_sign_off(
    client, world, django_capture_on_commit_callbacks
):
    url = reverse("candidacy:queue")
    with django_capture_on_commit_callbacks(execute=True):
        world.stages.bring("joint", "submitted")  # the coordinator and the evaluator sign it
    client.force_login(world.coordinator_a)
    assert "City A" in client.get(url).text
    client.force_login(world.coordinator_b)
    assert "City A" not in client.get(url).text  # another user: their own table
    client.force_login(world.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.stage_approve(progress=world.stages.stage("joint"), by=world.coordinator_a)
    assert "City A" not in client.get(url).text  # signed: no longer theirs to sign
