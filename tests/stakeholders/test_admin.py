"""The stakeholders admin as coordinators and superusers use it."""

import datetime

import pytest
from django.urls import reverse

from stakeholders import services
from stakeholders.models import Council, CouncilType, StakeholderChange
from tests.factories import OrganisationFactory
from tests.stakeholders.factories import (
    CommitmentFactory,
    MemorandumFactory,
    ProposalFactory,
    SessionFactory,
    childrens_council,
    council_with_members,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils(world):
    council_a = council_with_members(world.city_a, members=2, name="Alpha policy council")
    council_b = council_with_members(world.city_b, members=2, name="Beta policy council")
    council_a.members.update(representative="Alpha representative")
    council_b.members.update(representative="Beta representative")
    return council_a, council_b


def admin_view(model, view):
    """The admin's URL name of a model managed here (the catalogue of organisations is
    `cities.Organisation`)."""
    app = "cities" if model == "organisation" else "stakeholders"
    return f"admin:{app}_{model}_{view}"


def change_url(model, pk):
    return reverse(admin_view(model, "change"), args=[pk])


def changelist(model):
    return reverse(admin_view(model, "changelist"))


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
    response = client.get(reverse(admin_view(model, "add")))
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
            "name_en": "Children's council",
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
        "makeup-TOTAL_FORMS": "0",
        "makeup-INITIAL_FORMS": "0",
        "makeup-MIN_NUM_FORMS": "0",
        "makeup-MAX_NUM_FORMS": "1",
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
            f"members-{index}-ended_on": "",
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
    # The superuser's edits are in the city's stakeholder history too.
    changes = StakeholderChange.objects.filter(city=council_a.city, user=superuser)
    assert sorted(changes.values_list("object_type", flat=True)) == [
        "council",
        "councilmember",
        "councilmember",
    ]


# --- participation, memoranda, commitments, comments and history ------------------------------

NEW_MODELS = [
    "childrencouncilsession",
    "childrenproposal",
    "memorandum",
    "commitment",
    "stakeholdercomment",
    "stakeholderchange",
]


@pytest.fixture
def both_programmes(world, participation_a, memoranda_a):
    """City A's participation and memoranda, and the same in city B under other names."""

    council_b = childrens_council(world.city_b, name="Beta children's council")
    SessionFactory(council=council_b, topic="Beta session")
    ProposalFactory(council=council_b, title="Beta proposal")
    memorandum_b = MemorandumFactory(city=world.city_b, title="Beta memorandum")
    CommitmentFactory(memorandum=memorandum_b, party="ministry", description="Beta commitment")
    services.comment_add(by=world.coordinator_b, memorandum=memorandum_b, body="Beta comment")
    services.comment_add(
        by=world.coordinator_a, memorandum=memoranda_a.memorandum, body="Alpha comment"
    )
    return memorandum_b


@pytest.mark.parametrize("model", NEW_MODELS)
def test_coordinator_reads_only_their_programme_in_the_new_lists(
    client, world, both_programmes, model
):
    client.force_login(world.coordinator_a)
    response = client.get(changelist(model))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Beta" not in page and "City B" not in page
    assert f"/admin/stakeholders/{model}/add/" not in page


@pytest.mark.parametrize("model", NEW_MODELS)
def test_coordinator_cannot_add_or_change_the_new_models(client, world, both_programmes, model):
    client.force_login(world.coordinator_a)
    assert client.get(reverse(admin_view(model, "add"))).status_code == 403


def test_history_is_read_only_even_for_superusers(client, superuser, world, both_programmes):
    change = StakeholderChange.objects.filter(city=world.city_a).first()
    client.force_login(superuser)
    page = client.get(change_url("stakeholderchange", change.pk)).content.decode()
    assert 'name="summary"' not in page
    assert client.get(reverse("admin:stakeholders_stakeholderchange_add")).status_code == 403
    delete = reverse("admin:stakeholders_stakeholderchange_delete", args=[change.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert StakeholderChange.objects.filter(pk=change.pk).exists()


def _record_status(client, commitments, **data):
    return client.post(
        changelist("commitment"),
        {
            "action": "record_status",
            "_selected_action": [c.pk for c in commitments],
            "confirm": "1",
            **data,
        },
        follow=True,
    )


def test_coordinator_records_the_ministrys_commitments_through_the_service(
    client, world, memoranda_a, both_programmes
):
    client.force_login(world.coordinator_a)
    response = client.post(
        changelist("commitment"),
        {"action": "record_status", "_selected_action": [memoranda_a.ministry_commitment.pk]},
    )
    assert response.status_code == 200
    assert 'name="evidence_note"' in response.content.decode()  # the confirmation form

    response = _record_status(
        client,
        [memoranda_a.ministry_commitment, memoranda_a.unicef_commitment],
        status="fulfilled",
        evidence_note="The training took place.",
    )
    page = response.content.decode()
    assert "The status of 1 commitment(s) was recorded." in page
    assert "You may not manage this commitment." in page
    memoranda_a.ministry_commitment.refresh_from_db()
    memoranda_a.unicef_commitment.refresh_from_db()
    assert memoranda_a.ministry_commitment.status == "fulfilled"
    assert memoranda_a.unicef_commitment.status == "pending"
    change = StakeholderChange.objects.get(action="status_changed")
    assert (change.user, change.object_id) == (
        world.coordinator_a,
        memoranda_a.ministry_commitment.pk,
    )


def test_the_service_rules_hold_in_the_admin_action(client, world, memoranda_a):
    client.force_login(world.coordinator_a)
    page = _record_status(
        client, [memoranda_a.ministry_commitment], status="cancelled", evidence_note=""
    ).content.decode()
    assert "Say why the commitment was cancelled." in page
    memoranda_a.ministry_commitment.refresh_from_db()
    assert memoranda_a.ministry_commitment.status == "pending"


def test_other_programmes_coordinator_cannot_act_on_programme_a(
    client, world, memoranda_a, both_programmes
):
    client.force_login(world.coordinator_b)
    _record_status(
        client, [memoranda_a.ministry_commitment], status="fulfilled", evidence_note="Taken over."
    )
    memoranda_a.ministry_commitment.refresh_from_db()
    assert memoranda_a.ministry_commitment.status == "pending"
    response = client.get(change_url("commitment", memoranda_a.ministry_commitment.pk))
    assert response.status_code in (302, 403, 404)


def test_a_proposal_keeps_its_citys_programme_and_the_list_is_scoped_by_it(client, world):
    """`ChildrenProposal.programme` is its council's city's (filled on the first save, by the
    service as by any save), the programme the admin's list is scoped by."""
    ours = services.proposal_add(
        council=childrens_council(world.city_a),
        by=world.office_a,
        title="A skate park",
        received_on=datetime.date(2024, 3, 1),
        girls_10_13=3,
    )
    theirs = ProposalFactory(council=childrens_council(world.city_b), title="Longer green light")
    for proposal in (ours, theirs):
        proposal.refresh_from_db()
        assert proposal.programme_id == proposal.council.city.programme_id
    client.force_login(world.coordinator_a)
    page = client.get(reverse(admin_view("childrenproposal", "changelist")))
    assert "A skate park" in page.text and "Longer green light" not in page.text


def test_a_commitment_keeps_its_citys_programme_and_the_list_is_scoped_by_it(client, world):
    ours = CommitmentFactory(
        memorandum=MemorandumFactory(city=world.city_a), description="Open two play streets"
    )
    theirs = CommitmentFactory(
        memorandum=MemorandumFactory(city=world.city_b), description="Light the school routes"
    )
    for commitment in (ours, theirs):
        commitment.refresh_from_db()
        assert commitment.programme_id == commitment.memorandum.city.programme_id
    client.force_login(world.coordinator_a)
    page = client.get(reverse(admin_view("commitment", "changelist")))
    assert "Open two play streets" in page.text and "Light the school routes" not in page.text
