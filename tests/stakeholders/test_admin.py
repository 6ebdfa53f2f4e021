"""The stakeholders admin as coordinators and superusers use it."""

import pytest
from django.urls import reverse

from stakeholders.models import Council, CouncilType
from tests.factories import OrganisationFactory
from tests.stakeholders.factories import council_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils(world):
    council_a = council_with_members(world.city_a, members=2, name="Alpha policy council")
    council_b = council_with_members(world.city_b, members=2, name="Beta policy council")
    council_a.members.update(representative="Alpha representative")
    council_b.members.update(representative="Beta representative")
    return council_a, council_b


def change_url(model, pk):
    return reverse(f"admin:stakeholders_{model}_change", args=[pk])


def changelist(model):
    return reverse(f"admin:stakeholders_{model}_changelist")


def test_coordinator_sees_only_their_programmes_councils(client, world, councils):
    council_a, council_b = councils
    client.force_login(world.coordinator_a)
    response = client.get(changelist("council"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Alpha policy council" in page
    assert "Beta policy council" not in page
    assert world.city_b.name not in page  # not even in the list filters
    assert world.programme_b.name not in page


@pytest.mark.parametrize("model", ["council", "organisation", "counciltype"])
def test_coordinator_lists_are_scoped(client, world, councils, model):
    client.force_login(world.coordinator_a)
    response = client.get(changelist(model))
    page = response.content.decode()
    assert response.status_code == 200
    assert "City B" not in page and "Beta programme" not in page


def test_coordinator_cannot_open_another_programmes_council(client, world, councils):
    _, council_b = councils
    client.force_login(world.coordinator_a)
    response = client.get(change_url("council", council_b.pk))
    assert response.status_code in (302, 403, 404)
    assert "Beta representative" not in response.content.decode()


@pytest.mark.parametrize("own", [True, False], ids=["own programme", "other programme"])
def test_coordinator_cannot_change_a_council(client, world, councils, own):
    council = councils[0] if own else councils[1]
    original_name = council.name
    client.force_login(world.coordinator_a)
    response = client.post(
        change_url("council", council.pk),
        {
            "city": council.city_id,
            "council_type": council.council_type_id,
            "name": "Changed by a coordinator",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code in (302, 403, 404)
    council.refresh_from_db()
    assert council.name == original_name


def test_coordinator_reads_members_inline_read_only(client, world, councils):
    council_a, _ = councils
    client.force_login(world.coordinator_a)
    response = client.get(change_url("council", council_a.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Alpha representative" in page
    assert 'name="members-0-representative"' not in page
    assert 'name="name"' not in page
    assert 'name="_save"' not in page


@pytest.mark.parametrize("model", ["council", "organisation", "counciltype"])
def test_coordinator_cannot_add(client, world, model):
    client.force_login(world.coordinator_a)
    response = client.get(reverse(f"admin:stakeholders_{model}_add"))
    assert response.status_code == 403


def test_coordinator_cannot_open_another_programmes_organisation(client, world):
    organisation_b = OrganisationFactory(city=world.city_b)
    client.force_login(world.coordinator_a)
    response = client.get(change_url("organisation", organisation_b.pk))
    assert response.status_code in (302, 403, 404)


def test_superuser_edits_council_types(client, superuser, world):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:stakeholders_counciltype_add"),
        {
            "programme": world.programme_b.pk,
            "key": "childrens-council",
            "name": "Children's council",
            "involves_children": "on",
        },
    )
    assert response.status_code == 302
    council_type = CouncilType.objects.get(key="childrens-council")
    assert (council_type.programme, council_type.involves_children) == (world.programme_b, True)


def test_superuser_edits_a_council_and_its_members(client, superuser, world, councils):
    council_a, _ = councils
    members = list(council_a.members.order_by("pk"))
    client.force_login(superuser)
    data = {
        "city": council_a.city_id,
        "council_type": council_a.council_type_id,
        "name": "Renamed council",
        "established_on": "",
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": str(len(members)),
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for index, member in enumerate(members):
        data |= {
            f"members-{index}-id": member.pk,
            f"members-{index}-council": council_a.pk,
            f"members-{index}-organisation": member.organisation_id,
            f"members-{index}-representative": f"Edited {index}",
            f"members-{index}-position": "",
            f"members-{index}-contact": "",
            f"members-{index}-seat_role": "member",
            f"members-{index}-term_start": "",
            f"members-{index}-term_end": "",
        }
    response = client.post(change_url("council", council_a.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    council_a.refresh_from_db()
    assert council_a.name == "Renamed council"
    assert sorted(council_a.members.values_list("representative", flat=True)) == [
        "Edited 0",
        "Edited 1",
    ]
    assert Council.objects.count() == 2
