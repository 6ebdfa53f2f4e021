"""The stocktake's responsible organisation: one of the city's catalogued organisations
(`cities.Organisation`), or the name of one that is not in the catalogue, never both and
never another city's."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from candidacy.models import GoalArea, Initiative
from candidacy.records import services
from candidacy.records.forms import InitiativeForm
from tests.candidacy.workflow import snapshot
from tests.factories import OrganisationFactory

from .conftest import initiative_values

pytestmark = pytest.mark.django_db


def _post(**changes):
    data = {
        "title": "Mother-and-child rooms at the bus terminals",
        "goal_area": GoalArea.ESSENTIAL_SERVICES,
        "description": "Rooms to care for babies while travelling.",
        "district": "",
        "year_started": "2017",
        "responsible_body": "",
        "responsible_organisation": "",
        "beneficiaries": "Travelling mothers with babies",
        "good_practice": "on",
    }
    return {**data, **changes}


@pytest.fixture
def bodies(rw):
    own = OrganisationFactory(city=rw.city, name="Passenger Transport Management")
    foreign = OrganisationFactory(city=rw.other_city, name="Other City Transport Agency")
    return own, foreign


def test_the_form_offers_only_the_citys_organisations(client, rw, bodies):
    own, foreign = bodies
    progress = rw.open("stocktake")
    form = InitiativeForm(progress=progress)
    assert list(form.fields["responsible_body"].queryset) == [own]
    client.force_login(rw.office)
    page = client.get(rw.url("record-row-add", "stocktake")).text
    assert "Passenger Transport Management" in page
    assert "Other City Transport Agency" not in page


def test_a_chosen_organisation_is_saved_and_shown_on_the_stocktake(client, rw, bodies):
    own, _foreign = bodies
    rw.open("stocktake")
    client.force_login(rw.office)
    response = client.post(rw.url("record-row-add", "stocktake"), _post(responsible_body=own.pk))
    assert response.status_code == 302
    initiative = Initiative.objects.get(progress=rw.stage("stocktake"))
    assert (initiative.responsible_body, initiative.responsible_organisation) == (own, "")
    page = client.get(rw.url("stage", "stocktake")).text
    table = page.split("Initiatives already in place", 1)[1]
    assert "Passenger Transport Management" in table


def test_free_text_serves_a_body_outside_the_catalogue(client, rw, bodies):
    rw.open("stocktake")
    client.force_login(rw.office)
    response = client.post(
        rw.url("record-row-add", "stocktake"),
        _post(responsible_organisation="Provincial Welfare Organization"),
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get(progress=rw.stage("stocktake"))
    assert initiative.responsible_body is None
    assert "Provincial Welfare Organization" in client.get(rw.url("stage", "stocktake")).text


def test_another_citys_organisation_is_refused(client, rw, bodies):
    """A tampered POST naming another city's organisation: refused on its field, nothing saved,
    what was typed kept."""
    _own, foreign = bodies
    rw.open("stocktake")
    client.force_login(rw.office)
    before = snapshot()
    response = client.post(
        rw.url("record-row-add", "stocktake"), _post(responsible_body=foreign.pk)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["responsible_body"] == [
        "Choose one of this city's organisations."
    ]
    assert "Mother-and-child rooms at the bus terminals" in response.text
    assert not Initiative.objects.exists()
    assert snapshot() == before


@pytest.mark.parametrize(
    "changes,field,message",
    [
        (
            {"responsible_organisation": "Passenger Transport Management"},
            "responsible_organisation",
            "not both",
        ),
        ({"responsible_organisation": "  "}, "responsible_body", "write its name below"),
    ],
)
def test_both_or_neither_is_refused(client, rw, bodies, changes, field, message):
    own, _foreign = bodies
    rw.open("stocktake")
    client.force_login(rw.office)
    data = _post(**changes)
    if field == "responsible_organisation":
        data["responsible_body"] = own.pk
    response = client.post(rw.url("record-row-add", "stocktake"), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert not Initiative.objects.exists()


def test_the_service_refuses_another_citys_organisation(rw, bodies):
    """The model's own rule, which the service applies whatever the caller."""
    own, foreign = bodies
    progress = rw.open("stocktake")
    values = initiative_values(responsible_organisation="", responsible_body=foreign)
    with pytest.raises(ValidationError) as error:
        services.initiative_add(progress=progress, by=rw.office, values=values)
    assert "responsible_body" in error.value.error_dict
    assert not Initiative.objects.exists()
    row = services.initiative_add(
        progress=progress,
        by=rw.office,
        values=initiative_values(responsible_organisation="", responsible_body=own),
    )
    assert row.responsible_name == "Passenger Transport Management"
