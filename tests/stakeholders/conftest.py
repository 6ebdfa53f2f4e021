import datetime
from dataclasses import dataclass

import pytest

from stakeholders.models import Commitment
from tests.factories import CouncilMemberFactory, CouncilTypeFactory, OrganisationFactory
from tests.stakeholders.factories import (
    CommitmentFactory,
    MakeUpFactory,
    MemorandumFactory,
    ProposalFactory,
    SessionFactory,
    childrens_council,
    council_with_members,
)


@pytest.fixture(params=["office_a2", "office_b", "coordinator_a", "evaluator_a", "coordinator_b"])
def not_city_a_office(request, world):
    """Each person, in turn, who may read city A's stakeholders or none, but write none."""
    return getattr(world, request.param)


@dataclass
class CityStakeholders:
    council_type: object
    council: object
    organisation: object
    member: object


@pytest.fixture
def stakeholders_a(world):
    """City A's policy council with one member, and a second council type of programme A."""
    council_type = CouncilTypeFactory(
        programme=world.programme_a, key="policy", name="Policy council"
    )
    council = council_with_members(world.city_a, council_type=council_type, name="Policy council")
    organisation = OrganisationFactory(
        city=world.city_a, name="Deputy for Planning", inside_municipality=True
    )
    member = CouncilMemberFactory(
        council=council,
        organisation=organisation,
        representative="Ms Example",
        position="Deputy",
        contact="deputy@example.org",
    )
    return CityStakeholders(council_type, council, organisation, member)


@dataclass
class Participation:
    council: object
    makeup: object
    session: object
    proposal: object
    organisation: object


@pytest.fixture
def participation_a(world):
    """City A's children's council with its make-up, one session and one open proposal."""
    council = childrens_council(world.city_a, name="Children's city council")
    organisation = OrganisationFactory(city=world.city_a, name="Green Space Organization")
    return Participation(
        council=council,
        makeup=MakeUpFactory(council=council),
        session=SessionFactory(council=council, topic="Safe routes to school"),
        proposal=ProposalFactory(
            council=council,
            title="More shade in the playgrounds",
            received_on=datetime.date(2024, 5, 2),
        ),
        organisation=organisation,
    )


@dataclass
class Memoranda:
    memorandum: object
    city_commitment: object
    ministry_commitment: object
    unicef_commitment: object


@pytest.fixture
def memoranda_a(world):
    """City A's memorandum with an open commitment of the city, the ministry and UNICEF (the
    UNICEF one overdue)."""
    memorandum = MemorandumFactory(
        city=world.city_a, title="Memorandum with UNICEF", signed_on=datetime.date(2020, 1, 15)
    )
    future = datetime.date.today() + datetime.timedelta(days=365)
    return Memoranda(
        memorandum=memorandum,
        city_commitment=CommitmentFactory(
            memorandum=memorandum,
            party=Commitment.Party.CITY,
            description="Open a children's house",
            due_on=future,
        ),
        ministry_commitment=CommitmentFactory(
            memorandum=memorandum,
            party=Commitment.Party.MINISTRY,
            description="Train the city's staff",
            due_on=future,
        ),
        unicef_commitment=CommitmentFactory(
            memorandum=memorandum,
            party=Commitment.Party.UNICEF,
            description="Fund the children's atlas",
            due_on=datetime.date(2021, 6, 30),
        ),
    )
