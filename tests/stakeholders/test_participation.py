"""Children's participation through the services: make-up in numbers only, sessions with their
minutes, proposals and the city's answers. Only the city's office writes; children's councils
only."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from stakeholders import selectors, services
from stakeholders.models import (
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    StakeholderChange,
)
from tests.factories import OrganisationFactory
from tests.stakeholders.factories import (
    PDF_BYTES,
    ProposalFactory,
    assert_each_refused,
    childrens_council,
)

pytestmark = pytest.mark.django_db

RECEIVED = datetime.date(2024, 5, 2)


def test_makeup_is_recorded_then_corrected(world, participation_a):
    council = childrens_council(world.city_a, name="Second children's council")
    makeup = services.makeup_save(
        council=council,
        by=world.office_a,
        girls_10_13=7,
        boys_10_13=6,
        girls_14_17=5,
        boys_14_17=4,
        selection=ChildrenCouncilMakeUp.Selection.ELECTED_SCHOOLS,
        children_with_disabilities="yes",
        minority_children="no",
    )
    assert (makeup.girls, makeup.boys, makeup.total) == (12, 10, 22)
    assert [band[1:] for band in makeup.bands] == [(0, 0, 0), (7, 6, 13), (5, 4, 9)]
    services.makeup_save(council=council, by=world.office_a, girls_under_10=2)
    makeup.refresh_from_db()
    assert (makeup.girls_under_10, makeup.total) == (2, 24)
    assert ChildrenCouncilMakeUp.objects.filter(council=council).count() == 1
    assert list(
        StakeholderChange.objects.filter(object_type="childrencouncilmakeup")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["created", "updated"]


def test_participation_is_only_for_childrens_councils(world, stakeholders_a):
    council = stakeholders_a.council  # a policy council: adults only
    writes = [
        lambda: services.makeup_save(council=council, by=world.office_a, girls_10_13=3),
        lambda: services.session_add(
            council=council, by=world.office_a, held_on=RECEIVED, topic="Parks", attendance=3
        ),
        lambda: services.proposal_add(
            council=council, by=world.office_a, title="Parks", received_on=RECEIVED
        ),
    ]
    for write in writes:
        with pytest.raises(ValidationError):
            write()
    assert not ChildrenCouncilSession.objects.exists()
    assert not ChildrenProposal.objects.exists()


def test_session_with_minutes(world, participation_a):
    session = services.session_add(
        council=participation_a.council,
        by=world.office_a,
        held_on=datetime.date(2024, 10, 3),
        topic="Play spaces in district 5",
        attendance=21,
        upload=SimpleUploadedFile("minutes.pdf", PDF_BYTES),
    )
    assert (session.minutes_name, session.minutes_content_type) == (
        "minutes.pdf",
        "application/pdf",
    )
    assert session.minutes.read().startswith(b"%PDF")


@pytest.mark.parametrize(
    "name,content",
    [("minutes.exe", b"MZ\x90\x00"), ("minutes.pdf", b"not a pdf at all"), ("empty.pdf", b"")],
)
def test_minutes_are_checked_like_evidence(world, participation_a, name, content):
    with pytest.raises(ValidationError) as error:
        services.session_add(
            council=participation_a.council,
            by=world.office_a,
            held_on=datetime.date(2024, 10, 3),
            topic="Play spaces",
            attendance=21,
            upload=SimpleUploadedFile(name, content),
        )
    assert "upload" in error.value.error_dict
    assert not ChildrenCouncilSession.objects.filter(topic="Play spaces").exists()


def test_a_proposal_is_received_answered_and_implemented(world, participation_a):
    proposal = services.proposal_add(
        council=participation_a.council,
        by=world.office_a,
        title="A children's house in Ghalamestan park",
        received_on=RECEIVED,
    )
    assert proposal.status == ChildrenProposal.Status.RECEIVED
    services.proposal_answer(
        proposal=proposal,
        by=world.office_a,
        status=ChildrenProposal.Status.ACCEPTED,
        answer="The house opens next spring.",
        responsible_organisation=participation_a.organisation,
    )
    proposal.refresh_from_db()
    assert proposal.answered_on == datetime.date.today()  # today, when not given
    services.proposal_answer(
        proposal=proposal,
        by=world.office_a,
        status=ChildrenProposal.Status.IMPLEMENTED,
        answer="The house opened.",
        answered_on=datetime.date(2025, 4, 1),
        responsible_organisation=participation_a.organisation,
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.answered_on) == ("implemented", datetime.date(2025, 4, 1))
    changes = list(
        StakeholderChange.objects.filter(object_type="childrenproposal", object_id=proposal.pk)
        .order_by("pk")
        .values_list("action", "summary")
    )
    assert [action for action, _ in changes] == ["created", "status_changed", "status_changed"]
    assert changes[-1][1].endswith("Accepted → Implemented")
    page = selectors.you_said_we_did(world.city_a)
    assert (page.answered, page.open) == (1, 1)  # this one, and the fixture's open proposal


@pytest.mark.parametrize("status", ["accepted", "implemented", "declined"])
def test_a_decision_needs_the_citys_answer(world, participation_a, status):
    with pytest.raises(ValidationError) as error:
        services.proposal_answer(
            proposal=participation_a.proposal, by=world.office_a, status=status, answer=" "
        )
    assert "answer" in error.value.error_dict
    participation_a.proposal.refresh_from_db()
    assert participation_a.proposal.status == "received"


def test_an_answer_before_the_proposal_came_is_refused(world, participation_a):
    with pytest.raises(ValidationError) as error:
        services.proposal_answer(
            proposal=participation_a.proposal,
            by=world.office_a,
            status="considering",
            answer="We are looking into it.",
            answered_on=participation_a.proposal.received_on - datetime.timedelta(days=1),
        )
    assert "answered_on" in error.value.error_dict


def test_the_responsible_organisation_is_one_of_the_citys(world, participation_a):
    foreign = OrganisationFactory(city=world.city_a2)
    with pytest.raises(ValidationError) as error:
        services.proposal_add(
            council=participation_a.council,
            by=world.office_a,
            title="Safe routes to school",
            received_on=RECEIVED,
            responsible_organisation=foreign,
        )
    assert "responsible_organisation" in error.value.error_dict


def test_only_the_city_office_records_participation(world, participation_a, not_city_a_office):
    by = not_city_a_office
    council, proposal = participation_a.council, participation_a.proposal
    session = participation_a.session
    writes = [
        lambda: services.makeup_save(council=council, by=by, girls_10_13=1),
        lambda: services.session_add(
            council=council, by=by, held_on=RECEIVED, topic="X", attendance=1
        ),
        lambda: services.session_update(
            session=session, by=by, held_on=RECEIVED, topic="X", attendance=1
        ),
        lambda: services.proposal_add(council=council, by=by, title="X", received_on=RECEIVED),
        lambda: services.proposal_update(proposal=proposal, by=by, title="X", received_on=RECEIVED),
        lambda: services.proposal_answer(proposal=proposal, by=by, status="declined", answer="No."),
    ]
    assert_each_refused(writes)
    proposal.refresh_from_db()
    session.refresh_from_db()
    assert (proposal.title, proposal.status, session.topic) == (
        "More shade in the playgrounds",
        "received",
        "Safe routes to school",
    )
    assert not StakeholderChange.objects.exists()


def test_you_said_we_did_groups_by_council(world, participation_a):
    other = childrens_council(world.city_a, name="District 5 children's council")
    ProposalFactory(council=other, title="Benches", answer="Placed.", answered_on=RECEIVED)
    ProposalFactory(council=childrens_council(world.city_a2), title="Not this city")
    page = selectors.you_said_we_did(world.city_a)
    assert [(council.name, [p.title for p in rows]) for council, rows in page.councils] == [
        ("Children's city council", ["More shade in the playgrounds"]),
        ("District 5 children's council", ["Benches"]),
    ]
