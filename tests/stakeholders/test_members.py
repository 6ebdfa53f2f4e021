"""Council seats over time: replacing a representative keeps the previous one with dates, and a
seat has one current holder (one current seat per organisation, one chair, one secretary)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from stakeholders import selectors, services
from stakeholders.models import CouncilMember, StakeholderChange
from tests.factories import CouncilMemberFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2024, 3, 20)
END = datetime.date(2028, 3, 19)


@pytest.fixture
def chair(world, stakeholders_a):
    return services.council_member_add(
        council=stakeholders_a.council,
        by=world.office_a,
        organisation=OrganisationFactory(city=world.city_a, name="Deputy for Transport"),
        representative="Mr First",
        position="Deputy mayor",
        seat_role=CouncilMember.SeatRole.CHAIR,
        term_start=START,
        term_end=END,
    )


def test_replacing_a_representative_keeps_the_previous_one(world, stakeholders_a, chair):
    day = datetime.date(2025, 6, 1)
    successor = services.council_member_replace(
        member=chair,
        by=world.office_a,
        representative="Ms Second",
        position="Deputy mayor",
        contact="second@example.org",
        replaced_on=day,
    )
    chair.refresh_from_db()
    assert chair.ended_on == day
    assert (chair.representative, chair.term_start, chair.term_end) == ("Mr First", START, END)
    assert (successor.organisation, successor.seat_role) == (chair.organisation, "chair")
    assert (successor.representative, successor.term_start, successor.term_end) == (
        "Ms Second",
        day,
        END,  # the term goes on
    )
    roster = selectors.council_roster(stakeholders_a.council)
    assert successor in roster.current and chair not in roster.current
    assert roster.former == [chair]
    change = StakeholderChange.objects.get(action="replaced")
    assert (change.object_id, change.user, change.city) == (
        successor.pk,
        world.office_a,
        world.city_a,
    )
    assert "Mr First → Ms Second" in change.summary


def test_replacement_before_the_term_started_is_refused(world, chair):
    with pytest.raises(ValidationError) as error:
        services.council_member_replace(
            member=chair,
            by=world.office_a,
            representative="Ms Early",
            replaced_on=START - datetime.timedelta(days=1),
        )
    assert "replaced_on" in error.value.error_dict
    chair.refresh_from_db()
    assert chair.ended_on is None
    assert CouncilMember.objects.filter(representative="Ms Early").count() == 0


def test_replacement_needs_a_name_and_a_term_that_ends_after_it_starts(world, chair):
    with pytest.raises(ValidationError) as error:
        services.council_member_replace(member=chair, by=world.office_a, representative=" ")
    assert "representative" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.council_member_replace(
            member=chair,
            by=world.office_a,
            representative="Ms Second",
            replaced_on=datetime.date(2025, 1, 1),
            term_end=datetime.date(2024, 12, 31),
        )
    assert "term_end" in error.value.error_dict
    chair.refresh_from_db()
    assert chair.ended_on is None  # the whole replacement was rolled back


def test_former_members_cannot_be_edited_replaced_or_removed_again(world, chair):
    services.council_member_remove(member=chair, by=world.office_a, on=datetime.date(2025, 1, 1))
    chair.refresh_from_db()
    for write in (
        lambda: services.council_member_update(
            member=chair, by=world.office_a, organisation=chair.organisation
        ),
        lambda: services.council_member_replace(
            member=chair, by=world.office_a, representative="X"
        ),
        lambda: services.council_member_remove(member=chair, by=world.office_a),
    ):
        with pytest.raises(ValidationError):
            write()
    chair.refresh_from_db()
    assert (chair.representative, chair.ended_on) == ("Mr First", datetime.date(2025, 1, 1))


def test_a_seat_whose_term_has_not_started_is_deleted_on_removal(world, stakeholders_a):
    future = datetime.date.today() + datetime.timedelta(days=30)
    member = services.council_member_add(
        council=stakeholders_a.council,
        by=world.office_a,
        organisation=OrganisationFactory(city=world.city_a),
        term_start=future,
    )
    services.council_member_remove(member=member, by=world.office_a)
    assert not CouncilMember.objects.filter(pk=member.pk).exists()
    assert StakeholderChange.objects.filter(action="removed", object_id=member.pk).exists()


def test_an_organisation_holds_one_current_seat_per_council(world, stakeholders_a):
    with pytest.raises(ValidationError) as error:
        services.council_member_add(
            council=stakeholders_a.council,
            by=world.office_a,
            organisation=stakeholders_a.organisation,
            representative="A second deputy",
        )
    assert "already holds a current seat" in str(error.value.error_dict["organisation"])
    # Once the first seat has ended, the organisation may be seated again.
    services.council_member_remove(member=stakeholders_a.member, by=world.office_a)
    again = services.council_member_add(
        council=stakeholders_a.council,
        by=world.office_a,
        organisation=stakeholders_a.organisation,
        representative="A second deputy",
    )
    assert again.ended_on is None


@pytest.mark.parametrize("role", ["chair", "secretary"])
def test_a_council_has_one_current_chair_and_secretary(world, stakeholders_a, role):
    first = OrganisationFactory(city=world.city_a, name="First body")
    services.council_member_add(
        council=stakeholders_a.council, by=world.office_a, organisation=first, seat_role=role
    )
    second = OrganisationFactory(city=world.city_a, name="Second body")
    with pytest.raises(ValidationError) as error:
        services.council_member_add(
            council=stakeholders_a.council, by=world.office_a, organisation=second, seat_role=role
        )
    assert "First body" in str(error.value.error_dict["seat_role"])
    with pytest.raises(ValidationError):
        services.council_member_update(
            member=stakeholders_a.member,
            by=world.office_a,
            organisation=stakeholders_a.organisation,
            seat_role=role,
        )
    # Plain members are as many as the council needs.
    services.council_member_add(
        council=stakeholders_a.council, by=world.office_a, organisation=second
    )


@pytest.mark.parametrize(
    "duplicate",
    [
        {"seat_role": "member", "same_organisation": True},
        {"seat_role": "chair", "same_organisation": False},
    ],
    ids=["organisation", "chair"],
)
def test_the_database_refuses_a_second_current_holder(world, stakeholders_a, duplicate):
    """The rule holds even for writes that skip the model's checks (the demo's bulk loads)."""
    council = stakeholders_a.council
    stakeholders_a.member.seat_role = "chair"
    stakeholders_a.member.save()
    organisation = (
        stakeholders_a.organisation
        if duplicate["same_organisation"]
        else OrganisationFactory(city=world.city_a)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilMemberFactory(
            council=council, organisation=organisation, seat_role=duplicate["seat_role"]
        )
    CouncilMemberFactory(
        council=council,
        organisation=organisation,
        seat_role=duplicate["seat_role"],
        ended_on=datetime.date(2024, 1, 1),
    )  # a former holder is no conflict


@pytest.mark.parametrize("user", ["office_a2", "coordinator_a", "evaluator_a", "office_b"])
def test_only_the_office_replaces(world, chair, user):
    with pytest.raises(PermissionDenied):
        services.council_member_replace(
            member=chair, by=getattr(world, user), representative="Intruder"
        )
    chair.refresh_from_db()
    assert chair.ended_on is None
