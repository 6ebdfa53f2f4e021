from dataclasses import dataclass

import pytest

from tests.factories import CouncilMemberFactory, CouncilTypeFactory, OrganisationFactory
from tests.stakeholders.factories import council_with_members


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
