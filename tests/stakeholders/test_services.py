"""The rules of the stakeholders services: who may write, and what is refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cities.models import Organisation
from stakeholders import services
from stakeholders.models import Council, CouncilMember, StakeholderChange
from tests.factories import CouncilTypeFactory, OrganisationFactory
from tests.stakeholders.factories import assert_each_refused

pytestmark = pytest.mark.django_db

START = datetime.date(2024, 1, 1)


def test_office_creates_and_updates_a_council(world, stakeholders_a):
    council = services.council_create(
        city=world.city_a,
        by=world.office_a,
        council_type=stakeholders_a.council_type,
        name="  Steering council ",
        established_on=START,
    )
    council.refresh_from_db()
    assert (council.city, council.name, council.established_on) == (
        world.city_a,
        "Steering council",
        START,
    )
    other_type = CouncilTypeFactory(programme=world.programme_a, name="Think tank")
    services.council_update(
        council=council, by=world.office_a, council_type=other_type, name="Think tank"
    )
    council.refresh_from_db()
    assert (council.council_type, council.name, council.established_on) == (
        other_type,
        "Think tank",
        None,
    )


def test_council_type_of_another_programme_is_refused(world):
    foreign_type = CouncilTypeFactory(programme=world.programme_b)
    with pytest.raises(ValidationError) as error:
        services.council_create(
            city=world.city_a, by=world.office_a, council_type=foreign_type, name="Policy"
        )
    assert "council_type" in error.value.error_dict
    assert not Council.objects.filter(city=world.city_a).exists()


def test_office_adds_updates_and_removes_a_member(world, stakeholders_a):
    organisation = OrganisationFactory(city=world.city_a, name="Deputy for Transport")
    member = services.council_member_add(
        council=stakeholders_a.council,
        by=world.office_a,
        organisation=organisation,
        representative="Mr Deputy",
        seat_role=CouncilMember.SeatRole.CHAIR,
        term_start=START,
        term_end=START.replace(year=2026),
    )
    member.refresh_from_db()
    assert member.representative == "Mr Deputy"
    assert member.seat_role == CouncilMember.SeatRole.CHAIR

    services.council_member_update(
        member=member,
        by=world.office_a,
        organisation=organisation,
        representative="Ms Deputy",
        seat_role=CouncilMember.SeatRole.SECRETARY,
    )
    member.refresh_from_db()
    assert (member.representative, member.seat_role, member.term_start) == (
        "Ms Deputy",
        CouncilMember.SeatRole.SECRETARY,
        None,
    )

    services.council_member_remove(member=member, by=world.office_a)
    member.refresh_from_db()
    assert member.ended_on == datetime.date.today()  # kept among the former members
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    actions = list(
        StakeholderChange.objects.filter(object_type="councilmember", object_id=member.pk)
        .order_by("pk")
        .values_list("action", "user")
    )
    assert actions == [
        ("created", world.office_a.pk),
        ("updated", world.office_a.pk),
        ("removed", world.office_a.pk),
    ]


def test_member_with_a_new_organisation_creates_it_in_the_city(world, stakeholders_a):
    member = services.council_member_add(
        council=stakeholders_a.council,
        by=world.office_a,
        new_organisation_name=" Red Crescent Society ",
        new_organisation_inside=False,
        representative="Dr Relief",
    )
    organisation = Organisation.objects.get(name="Red Crescent Society")
    assert organisation.city == world.city_a
    assert organisation.inside_municipality is False
    assert member.organisation == organisation


def test_refused_member_leaves_no_new_organisation(world, stakeholders_a):
    with pytest.raises(ValidationError) as error:
        services.council_member_add(
            council=stakeholders_a.council,
            by=world.office_a,
            new_organisation_name="Provincial Libraries",
            term_start=START,
            term_end=START - datetime.timedelta(days=1),
        )
    assert "term_end" in error.value.error_dict
    assert not Organisation.objects.filter(name="Provincial Libraries").exists()


def test_member_needs_an_organisation(world, stakeholders_a):
    with pytest.raises(ValidationError) as error:
        services.council_member_add(council=stakeholders_a.council, by=world.office_a)
    assert "organisation" in error.value.error_dict


def test_organisation_of_another_city_is_refused(world, stakeholders_a):
    foreign = OrganisationFactory(city=world.city_a2)
    with pytest.raises(ValidationError) as error:
        services.council_member_add(
            council=stakeholders_a.council, by=world.office_a, organisation=foreign
        )
    assert "organisation" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.council_member_update(
            member=stakeholders_a.member, by=world.office_a, organisation=foreign
        )
    stakeholders_a.member.refresh_from_db()
    assert stakeholders_a.member.organisation == stakeholders_a.organisation


def test_office_creates_and_updates_an_organisation(world):
    organisation = services.organisation_create(
        city=world.city_a, by=world.office_a, name="Provincial Education Office"
    )
    assert organisation.inside_municipality is False
    services.organisation_update(
        organisation=organisation, by=world.office_a, name="Education", inside_municipality=True
    )
    organisation.refresh_from_db()
    assert (organisation.name, organisation.inside_municipality) == ("Education", True)


def test_duplicate_organisation_name_is_refused(world, stakeholders_a):
    with pytest.raises(ValidationError):
        services.organisation_create(
            city=world.city_a, by=world.office_a, name=stakeholders_a.organisation.name
        )
    assert Organisation.objects.filter(name=stakeholders_a.organisation.name).count() == 1


def test_only_the_city_office_writes(world, stakeholders_a, not_city_a_office):
    by = not_city_a_office
    council, member = stakeholders_a.council, stakeholders_a.member
    organisation = stakeholders_a.organisation
    writes = [
        lambda: services.council_create(
            city=world.city_a, by=by, council_type=stakeholders_a.council_type, name="X"
        ),
        lambda: services.council_update(
            council=council, by=by, council_type=stakeholders_a.council_type, name="X"
        ),
        lambda: services.council_member_add(council=council, by=by, organisation=organisation),
        lambda: services.council_member_update(member=member, by=by, organisation=organisation),
        lambda: services.council_member_remove(member=member, by=by),
        lambda: services.organisation_create(city=world.city_a, by=by, name="X"),
        lambda: services.organisation_update(
            organisation=organisation, by=by, name="X", inside_municipality=False
        ),
    ]
    assert_each_refused(writes)
    assert Council.objects.count() == 1
    assert CouncilMember.objects.count() == 1
    member.refresh_from_db()
    council.refresh_from_db()
    organisation.refresh_from_db()
    assert (council.name, member.representative, organisation.name) == (
        "Policy council",
        "Ms Example",
        "Deputy for Planning",
    )
