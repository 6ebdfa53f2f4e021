"""Bounds on the stakeholders' inputs: a date outside 1900–2100 (0001-01-01) is refused on
every form with a message beside the field, nothing written; a date stored before the bounds
existed still shows on every Persian page; free text is capped by the model itself."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from cities.calendars import GREGORIAN, SOLAR_HIJRI
from cities.validators import DESCRIPTION_MAX_LENGTH
from stakeholders import services
from stakeholders.models import (
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Memorandum,
)

from .test_access import data as one_of_everything  # noqa: F401 (the `data` fixture)
from .test_access import endpoint_url, snapshot, valid_post

pytestmark = pytest.mark.django_db

DATE_MESSAGE = "Give a date between 1900 and 2100."
FAR_PAST = datetime.date(1, 1, 1)


@pytest.fixture
def data(one_of_everything):  # noqa: F811
    """One of everything in city A (test_access's `data`)."""
    return one_of_everything


@pytest.mark.parametrize(
    "endpoint,field",
    [
        ("memorandum-add", "signed_on"),
        ("memorandum-edit", "signed_on"),
        ("session-add", "held_on"),
        ("session-edit", "held_on"),
        ("makeup", "recorded_on"),
        ("proposal-add", "received_on"),
        ("proposal-edit", "received_on"),
        ("commitment-add", "due_on"),
        ("council-add", "established_on"),
        ("member-replace", "replaced_on"),
    ],
)
@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_an_implausible_date_is_refused_on_every_form(client, world, data, endpoint, field, typed):
    client.force_login(world.office_a)
    before = snapshot()
    posted = {**valid_post(endpoint, data), field: typed}
    response = client.post(endpoint_url(endpoint, data), posted)
    assert response.status_code == 400
    assert DATE_MESSAGE in response.text
    assert f'value="{typed}"' in response.text  # what was typed is kept
    assert snapshot() == before


def test_the_bounds_themselves_are_accepted(client, world, data):
    client.force_login(world.office_a)
    for endpoint, field, day in (
        ("memorandum-add", "signed_on", "1900-01-01"),
        ("commitment-add", "due_on", "2100-12-31"),
    ):
        posted = {**valid_post(endpoint, data), field: day}
        response = client.post(endpoint_url(endpoint, data), posted)
        assert response.status_code == 302, endpoint
    assert Memorandum.objects.filter(signed_on=datetime.date(1900, 1, 1)).exists()
    assert Commitment.objects.filter(due_on=datetime.date(2100, 12, 31)).exists()


def test_a_service_refuses_an_implausible_date(world, data):
    with pytest.raises(ValidationError) as error:
        services.memorandum_create(
            city=world.city_a, by=world.office_a, title="Old", parties="Us", signed_on=FAR_PAST
        )
    assert DATE_MESSAGE in error.value.message_dict["signed_on"]


@pytest.mark.parametrize(
    ("language", "calendar", "shown"),
    [
        ("fa", SOLAR_HIJRI, "۰۰۰۱-۰۱-۰۱"),
        ("en", SOLAR_HIJRI, "0001-01-01"),
        ("fa", GREGORIAN, "۱ ژانویه ۰۰۰۱"),
        ("en", GREGORIAN, "1 January 0001"),
    ],
)
def test_pages_show_a_date_stored_out_of_range(client, world, data, language, calendar, shown):
    """Rows written before the bounds (here past validation by `.update()`) never fail a page:
    Solar Hijri cannot convert year 1, the page shows the ISO date instead."""
    world.programme_a.calendar = calendar
    world.programme_a.save()
    Memorandum.objects.update(signed_on=FAR_PAST)
    Commitment.objects.update(due_on=datetime.date(9999, 12, 31))
    ChildrenCouncilSession.objects.update(held_on=FAR_PAST)
    ChildrenCouncilMakeUp.objects.update(recorded_on=FAR_PAST)
    ChildrenProposal.objects.update(received_on=FAR_PAST, answered_on=FAR_PAST)
    client.force_login(world.office_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for name in ("memoranda", "memorandum", "participation", "proposal", "city"):
        response = client.get(endpoint_url(name, data))
        assert response.status_code == 200, name
    response = client.get(endpoint_url("memorandum", data))
    assert shown in response.text


def test_a_million_characters_are_refused_with_the_cap(client, world, data):
    client.force_login(world.office_a)
    address = endpoint_url("commitment-add", data)
    assert f'maxlength="{DESCRIPTION_MAX_LENGTH}"' in client.get(address).text
    before = snapshot()
    posted = {**valid_post("commitment-add", data), "description": "x" * 1_000_000}
    response = client.post(address, posted)
    assert response.status_code == 400
    assert "at most 5000 characters (it has 1000000)" in response.text
    assert snapshot() == before


def test_the_model_caps_free_text_whatever_the_form(world, data):
    """A TextField's max_length reaches only its form; the model's validator holds it for the
    services, the admin and imports."""
    with pytest.raises(ValidationError) as error:
        services.commitment_add(
            memorandum=data.memorandum,
            by=world.office_a,
            party=Commitment.Party.CITY,
            description="x" * (DESCRIPTION_MAX_LENGTH + 1),
        )
    assert "description" in error.value.message_dict


@pytest.mark.parametrize("field", ["attendance"])
def test_a_headcount_is_bounded(client, world, data, field):
    client.force_login(world.office_a)
    before = snapshot()
    posted = {**valid_post("session-add", data), field: "30000"}
    response = client.post(endpoint_url("session-add", data), posted)
    assert response.status_code == 400
    assert "Give at most 10,000: check the number." in response.text
    assert snapshot() == before
