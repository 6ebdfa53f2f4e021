"""Every stakeholders URL, walked as each kind of user: outsiders get 403 or 404 and change
nothing, the programme's coordinators and evaluators read but may not write, anonymous users
are sent to the login page."""

from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from stakeholders.models import Council, CouncilMember, Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@dataclass
class Endpoint:
    name: str
    writes: bool  # POST writes (and GET, if allowed, shows the form)
    get_allowed: bool = True  # False for POST-only actions, which answer GET with 405


ENDPOINTS = [
    Endpoint("city", writes=False),
    Endpoint("council", writes=False),
    Endpoint("council-add", writes=True),
    Endpoint("council-edit", writes=True),
    Endpoint("member-add", writes=True),
    Endpoint("member-edit", writes=True),
    Endpoint("member-remove", writes=True, get_allowed=False),
    Endpoint("organisation-add", writes=True),
    Endpoint("organisation-edit", writes=True),
]


_ON_A_COUNCIL = ("council", "council-edit", "member-add", "member-edit", "member-remove")


def endpoint_url(endpoint: Endpoint, data, *, city="city-a") -> str:
    kwargs = {"city": city}
    if endpoint.name in _ON_A_COUNCIL:
        kwargs["pk"] = data.council.pk
    if endpoint.name in ("member-edit", "member-remove"):
        kwargs["member"] = data.member.pk
    if endpoint.name == "organisation-edit":
        kwargs["pk"] = data.organisation.pk
    return reverse(f"stakeholders:{endpoint.name}", kwargs=kwargs)


def valid_post(endpoint: Endpoint, data, spare_organisation) -> dict:
    """Data that the city's own office could save, so a missing check would show as a change."""
    council = {"council_type": data.council_type.pk, "name": "Renamed", "established_on": ""}
    member = {
        "organisation": spare_organisation.pk,
        "representative": "Intruder",
        "seat_role": "chair",
    }
    return {
        "council-add": council,
        "council-edit": council,
        "member-add": member,
        "member-edit": member,
        "member-remove": {},
        "organisation-add": {"name": "Intruder body"},
        "organisation-edit": {"name": "Renamed body"},
    }[endpoint.name]


def get_status(client, endpoint, address) -> int:
    """The status of a GET; for POST-only actions, check the 405 and answer 'not tried'."""
    response = client.get(address)
    if not endpoint.get_allowed:
        assert response.status_code == 405
        return 0
    return response.status_code


def snapshot():
    return (
        list(Council.objects.order_by("pk").values_list()),
        list(CouncilMember.objects.order_by("pk").values_list()),
        list(Organisation.objects.order_by("pk").values_list()),
    )


@pytest.fixture
def spare_organisation(world):
    return OrganisationFactory(city=world.city_a, name="Spare body")


def test_every_endpoint_is_listed():
    from stakeholders.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == {e.name for e in ENDPOINTS}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("user", ["office_a2", "office_b", "coordinator_b", "evaluator_b"])
def test_outsiders_get_403_or_404_and_change_nothing(
    client, world, stakeholders_a, spare_organisation, endpoint, user
):
    client.force_login(getattr(world, user))
    address = endpoint_url(endpoint, stakeholders_a)
    before = snapshot()
    assert get_status(client, endpoint, address) in (403, 404, 0)
    if endpoint.writes:
        response = client.post(address, valid_post(endpoint, stakeholders_a, spare_organisation))
        assert response.status_code in (403, 404)
    assert snapshot() == before


@pytest.mark.parametrize(
    "endpoint",
    [e for e in ENDPOINTS if e.name not in ("city", "council-add", "organisation-add")],
    ids=lambda e: e.name,
)
def test_another_citys_office_cannot_reach_objects_through_its_own_city(
    client, world, stakeholders_a, spare_organisation, endpoint
):
    """Office B puts city A's council, member or organisation id under its own city's URL."""
    client.force_login(world.office_b)
    address = endpoint_url(endpoint, stakeholders_a, city="city-b")
    before = snapshot()
    assert get_status(client, endpoint, address) in (404, 0)
    if endpoint.writes:
        response = client.post(address, valid_post(endpoint, stakeholders_a, spare_organisation))
        assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("user", ["coordinator_a", "evaluator_a"])
def test_programme_readers_read_but_cannot_write(
    client, world, stakeholders_a, spare_organisation, endpoint, user
):
    client.force_login(getattr(world, user))
    address = endpoint_url(endpoint, stakeholders_a)
    before = snapshot()
    status = get_status(client, endpoint, address)
    if endpoint.writes:
        assert status in (403, 0)
        response = client.post(address, valid_post(endpoint, stakeholders_a, spare_organisation))
        assert response.status_code == 403
    else:
        response = client.get(address)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Ms Example" in page or "Deputy for Planning" in page
        assert "/edit/" not in page and "/add/" not in page and "/remove/" not in page
    assert snapshot() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_anonymous_users_are_sent_to_login(client, stakeholders_a, spare_organisation, endpoint):
    address = endpoint_url(endpoint, stakeholders_a)
    login = resolve_url(settings.LOGIN_URL)
    before = snapshot()
    for response in (
        client.get(address),
        client.post(
            address,
            valid_post(endpoint, stakeholders_a, spare_organisation) if endpoint.writes else {},
        ),
    ):
        assert response.status_code == 302
        target = urlparse(response.url)
        assert target.path == login
        assert address in target.query
    assert snapshot() == before


@pytest.mark.parametrize("name", ["city", "council"])
def test_read_pages_do_not_accept_post(client, world, stakeholders_a, name):
    client.force_login(world.office_a)
    endpoint = next(e for e in ENDPOINTS if e.name == name)
    assert client.post(endpoint_url(endpoint, stakeholders_a)).status_code == 405


def test_member_remove_is_post_only(client, world, stakeholders_a):
    client.force_login(world.office_a)
    endpoint = next(e for e in ENDPOINTS if e.name == "member-remove")
    assert client.get(endpoint_url(endpoint, stakeholders_a)).status_code == 405
    assert CouncilMember.objects.filter(pk=stakeholders_a.member.pk).exists()
