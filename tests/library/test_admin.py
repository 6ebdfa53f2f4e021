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
