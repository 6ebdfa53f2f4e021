"""Helpers on top of the shared factories for the stakeholders tests."""

from tests.factories import (
    CouncilFactory,
    CouncilMemberFactory,
    CouncilTypeFactory,
    OrganisationFactory,
)


def council_with_members(city, *, members=0, council_type=None, **kwargs):
    """A council of the city (of a new type of the city's programme unless given) with
    `members` seats, each held by a new organisation of the city."""
    council_type = council_type or CouncilTypeFactory(programme=city.programme)
    council = CouncilFactory(city=city, council_type=council_type, **kwargs)
    for index in range(members):
        CouncilMemberFactory(
            council=council,
            organisation=OrganisationFactory(city=city, inside_municipality=index % 2 == 0),
        )
    return council
