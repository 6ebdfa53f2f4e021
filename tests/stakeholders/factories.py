"""Helpers and factories on top of the shared ones for the stakeholders tests."""

import datetime

import factory
import pytest
from django.core.exceptions import PermissionDenied

from stakeholders.models import (
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Memorandum,
)
from tests.factories import (
    CityFactory,
    CouncilFactory,
    CouncilMemberFactory,
    CouncilTypeFactory,
    OrganisationFactory,
)

# A tiny but real PDF (the upload checks read its first bytes).
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


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


def childrens_council(city, **kwargs):
    """A children's council of the city (of a new children's type of its programme)."""
    council_type = CouncilTypeFactory(
        programme=city.programme, name="Children's council", involves_children=True
    )
    return CouncilFactory(city=city, council_type=council_type, **kwargs)


class MakeUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildrenCouncilMakeUp

    council = factory.SubFactory(CouncilFactory)
    recorded_on = datetime.date(2024, 9, 1)
    girls_10_13 = 6
    boys_10_13 = 5
    girls_14_17 = 4
    boys_14_17 = 5


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildrenCouncilSession

    council = factory.SubFactory(CouncilFactory)
    held_on = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    topic = factory.Sequence(lambda n: f"Session topic {n}")
    attendance = 18


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildrenProposal

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    received_on = datetime.date(2024, 3, 1)


class MemorandumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Memorandum

    city = factory.SubFactory(CityFactory)
    title = factory.Sequence(lambda n: f"Memorandum {n}")
    parties = "Ministry, UNICEF, municipality"
    signed_on = datetime.date(2020, 1, 15)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    memorandum = factory.SubFactory(MemorandumFactory)
    party = Commitment.Party.CITY
    description = factory.Sequence(lambda n: f"Commitment {n}")
    due_on = datetime.date(2021, 12, 31)


def assert_each_refused(writes):
    """Each of `writes` (callables, one service call each) is refused with PermissionDenied."""
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
