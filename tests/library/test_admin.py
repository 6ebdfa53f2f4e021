"""The library's entries in the admin: state only through the service's actions, status never a
field; another programme's coordinator sees none of programme A's."""

import pytest
from django.urls import reverse

from library.models import GoodPractice
from tests.library import make

pytestmark = pytest.mark.django_db
Status = GoodPractice.Status
CHANGELIST = reverse("admin:library_goodpractice_changelist")


def test_the_withdraw_action_goes_through_the_service(client, world):
    entry = make.published(world.city_a, world.coordinator_a)
    client.force_login(world.coordinator_a)
    response = client.post(
        CHANGELIST, {"action": "withdraw_entries", "_selected_action": [entry.pk]}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == Status.WITHDRAWN
    assert entry.changes.last().to_status == Status.WITHDRAWN  # the service's history row


def test_the_status_is_not_a_field(client, world):
    entry = make.published(world.city_a, world.coordinator_a)
    client.force_login(world.coordinator_a)
    url = reverse("admin:library_goodpractice_change", args=[entry.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="status"' not in page.text
    client.post(url, {"status": Status.WITHDRAWN, "summary_en": "Changed."})
    entry.refresh_from_db()
    assert entry.status == Status.PUBLISHED


def test_another_programmes_coordinator_sees_none(client, world):
    entry = make.published(world.city_a, world.coordinator_a)
    client.force_login(world.coordinator_b)
    assert "Play streets" not in client.get(CHANGELIST).text
    client.post(CHANGELIST, {"action": "withdraw_entries", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.status == Status.PUBLISHED
    url = reverse("admin:library_goodpractice_change", args=[entry.pk])
    assert client.get(url).status_code in (302, 403, 404)


def test_an_entry_keeps_its_citys_programme_and_the_list_shows_the_city(client, world):
    """`GoodPractice.programme` is the initiative's city's (filled on the first save), the
    programme the admin's list is scoped by; a city's programme is fixed once it is added."""
    entry = make.published(world.city_a, world.coordinator_a, title="Play streets")
    other = make.published(world.city_b, world.coordinator_b, title="Safe routes")
    for row in (entry, other):
        row.refresh_from_db()
        assert row.programme_id == row.initiative.progress.candidacy.city.programme_id
    client.force_login(world.coordinator_a)
    page = client.get(CHANGELIST)
    assert "Play streets" in page.text and "City A" in page.text
    assert "Safe routes" not in page.text
    client.cookies["django_language"] = "fa"
    world.city_a.name_fa = "شهر الف"
    world.city_a.save()
    assert "شهر الف" in client.get(CHANGELIST).text


def test_a_citys_programme_is_not_changed_in_the_admin(client, world, superuser):
    client.force_login(superuser)
    url = reverse("admin:cities_city_change", args=[world.city_a.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="programme"' not in page.text
    assert 'name="programme"' in client.get(reverse("admin:cities_city_add")).text
