"""The stakeholders pages as the city's office uses them: what is saved, and what a refused
submit shows."""

import pytest
from django.urls import reverse

from cities.models import Organisation, Programme
from stakeholders.models import Council, CouncilMember
from tests.factories import CouncilTypeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"stakeholders:{name}", kwargs=kwargs)


@pytest.fixture
def office(client, world):
    client.force_login(world.office_a)
    return client


def member_data(organisation=None, **overrides):
    data = {
        "organisation": organisation.pk if organisation else "",
        "new_organisation_name": "",
        "representative": "Mr Planner",
        "position": "Head of planning",
        "contact": "planner@example.org",
        "seat_role": CouncilMember.SeatRole.MEMBER,
        "term_start": "2024-03-01",
        "term_end": "2026-02-28",
    }
    data.update(overrides)
    return data


def test_city_page_lists_councils_by_type_and_the_organisations(office, world, stakeholders_a):
    OrganisationFactory(city=world.city_a, name="Red Crescent Society", inside_municipality=False)
    response = office.get(url("city", city="city-a"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h3" in page and "Policy council" in page
    assert url("council", city="city-a", pk=stakeholders_a.council.pk) in page
    assert "1 member" in page
    assert page.index("Inside the municipality") < page.index("Deputy for Planning")
    assert page.index("Outside the municipality") < page.index("Red Crescent Society")
    assert url("council-add", city="city-a") in page


def test_council_page_shows_members_with_dates(office, world, stakeholders_a):
    member = stakeholders_a.member
    member.term_start, member.term_end = "2019-08-19", "2021-03-20"
    member.save()
    response = office.get(url("council", city="city-a", pk=stakeholders_a.council.pk))
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Deputy for Planning", "Ms Example", "deputy@example.org", "Inside", "Member"):
        assert text in page
    assert 'scope="col"' in page
    assert "19 August 2019" in page


def test_council_page_in_persian_uses_solar_hijri_dates(office, world, stakeholders_a):
    world.programme_a.calendar = Programme.Calendar.SOLAR_HIJRI
    world.programme_a.save()
    member = stakeholders_a.member
    member.term_start = "2019-08-19"
    member.save()
    office.cookies["django_language"] = "fa"
    response = office.get(
        url("council", city="city-a", pk=stakeholders_a.council.pk), HTTP_ACCEPT_LANGUAGE="fa"
    )
    assert "۲۸ مرداد ۱۳۹۸" in response.content.decode()


def test_office_adds_and_edits_a_council(office, world, stakeholders_a):
    response = office.get(url("council-add", city="city-a"))
    assert response.status_code == 200
    assert "<label" in response.content.decode()

    response = office.post(
        url("council-add", city="city-a"),
        {
            "council_type": stakeholders_a.council_type.pk,
            "name": "Steering council",
            "established_on": "2019-08-19",
        },
        follow=True,
    )
    council = Council.objects.get(name="Steering council")
    assert council.city == world.city_a
    assert str(council.established_on) == "2019-08-19"
    assert response.redirect_chain[-1][0] == url("council", city="city-a", pk=council.pk)
    assert "The council was added." in response.content.decode()

    think_tank = CouncilTypeFactory(programme=world.programme_a, name="Think tank")
    response = office.post(
        url("council-edit", city="city-a", pk=council.pk),
        {"council_type": think_tank.pk, "name": "Child experts", "established_on": ""},
    )
    assert response.status_code == 302
    council.refresh_from_db()
    assert (council.council_type, council.name, council.established_on) == (
        think_tank,
        "Child experts",
        None,
    )


def test_office_adds_edits_and_removes_a_member(office, world, stakeholders_a):
    council = stakeholders_a.council
    organisation = OrganisationFactory(city=world.city_a, name="Fire and Safety Services")
    response = office.post(
        url("member-add", city="city-a", pk=council.pk), member_data(organisation)
    )
    assert response.status_code == 302
    member = CouncilMember.objects.get(council=council, organisation=organisation)
    assert (member.representative, str(member.term_end)) == ("Mr Planner", "2026-02-28")

    response = office.get(url("member-edit", city="city-a", pk=council.pk, member=member.pk))
    assert "Mr Planner" in response.content.decode()
    response = office.post(
        url("member-edit", city="city-a", pk=council.pk, member=member.pk),
        member_data(organisation, representative="Ms Chair", seat_role="chair"),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.representative, member.seat_role) == ("Ms Chair", "chair")

    response = office.post(url("member-remove", city="city-a", pk=council.pk, member=member.pk))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.ended_on is not None  # kept among the former members


def test_member_form_creates_a_new_organisation_inline(office, world, stakeholders_a):
    council = stakeholders_a.council
    response = office.post(
        url("member-add", city="city-a", pk=council.pk),
        member_data(new_organisation_name="University of Medical Sciences"),
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="University of Medical Sciences")
    assert (organisation.city, organisation.inside_municipality) == (world.city_a, False)
    assert council.members.filter(organisation=organisation).exists()


def test_office_adds_and_edits_an_organisation(office, world):
    response = office.post(
        url("organisation-add", city="city-a"),
        {
            "name": "Waste Management Organization",
            "inside_municipality": "on",
            "sector": "municipal",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Waste Management Organization")
    assert (organisation.city, organisation.inside_municipality, organisation.sector) == (
        world.city_a,
        True,
        "municipal",
    )

    response = office.post(
        url("organisation-edit", city="city-a", pk=organisation.pk),
        {"name": "Waste Management", "sector": "private"},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.inside_municipality, organisation.sector) == (
        "Waste Management",
        False,
        "private",
    )


# --- refused input ------------------------------------------------------------------------------


def assert_refused(response, *texts):
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Nothing was saved. Please correct the errors below." in page
    for text in texts:
        assert text in page


def test_term_ending_before_it_starts_is_refused(office, world, stakeholders_a):
    council = stakeholders_a.council
    organisation = OrganisationFactory(city=world.city_a)
    response = office.post(
        url("member-add", city="city-a", pk=council.pk),
        member_data(organisation, term_start="2025-01-01", term_end="2024-12-31"),
    )
    assert_refused(response, "The term cannot end before it starts.", 'value="Mr Planner"')
    assert not CouncilMember.objects.filter(organisation=organisation).exists()

    member = stakeholders_a.member
    response = office.post(
        url("member-edit", city="city-a", pk=council.pk, member=member.pk),
        member_data(member.organisation, term_start="2025-01-01", term_end="2024-12-31"),
    )
    assert_refused(response, "The term cannot end before it starts.")
    member.refresh_from_db()
    assert member.term_end is None


def test_organisation_of_another_city_is_refused(office, world, stakeholders_a):
    council = stakeholders_a.council
    foreign = OrganisationFactory(city=world.city_a2, name="Another city's body")
    response = office.post(url("member-add", city="city-a", pk=council.pk), member_data(foreign))
    assert_refused(response, "Choose one of this city&#x27;s organisations.")
    assert not CouncilMember.objects.filter(organisation=foreign).exists()


def test_council_type_of_another_programme_is_refused(office, world):
    foreign_type = CouncilTypeFactory(programme=world.programme_b)
    response = office.post(
        url("council-add", city="city-a"),
        {"council_type": foreign_type.pk, "name": "Tampered council"},
    )
    assert_refused(response, "Choose a council type of the city&#x27;s own programme.")
    assert not Council.objects.filter(name="Tampered council").exists()


def test_member_needs_an_organisation_or_a_new_name(office, world, stakeholders_a):
    council = stakeholders_a.council
    before = CouncilMember.objects.count()
    response = office.post(url("member-add", city="city-a", pk=council.pk), member_data())
    assert_refused(response, "Choose one of the city&#x27;s organisations or type the name")
    response = office.post(
        url("member-add", city="city-a", pk=council.pk),
        member_data(stakeholders_a.organisation, new_organisation_name="Something new"),
    )
    assert_refused(response, "not both")
    response = office.post(
        url("member-add", city="city-a", pk=council.pk),
        member_data(new_organisation_name="deputy for planning"),
    )
    assert_refused(response, "The city already has an organisation with this name")
    assert CouncilMember.objects.count() == before
    assert not Organisation.objects.filter(name="Something new").exists()


def test_duplicate_organisation_is_refused(office, world, stakeholders_a):
    response = office.post(
        url("organisation-add", city="city-a"), {"name": "Deputy for Planning", "sector": "other"}
    )
    assert_refused(response, "The city already has an organisation with this name.")
    assert Organisation.objects.filter(name="Deputy for Planning").count() == 1


def test_free_text_about_people_warns_about_childrens_data(office, stakeholders_a):
    response = office.get(url("member-add", city="city-a", pk=stakeholders_a.council.pk))
    page = response.content.decode()
    assert page.count("personal data does not belong here") == 3
