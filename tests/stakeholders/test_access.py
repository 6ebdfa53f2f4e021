"""Every stakeholders URL, walked as each kind of user: outsiders (another city's office,
another programme's coordinator and evaluator) get 403 or 404 on GET and POST and change
nothing; the programme's evaluators read; its coordinators read, comment and manage the
ministry's commitments only; anonymous users are sent to the login page."""

import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from cities.models import Organisation
from stakeholders import services
from stakeholders.models import (
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilMember,
    Memorandum,
    StakeholderChange,
    StakeholderComment,
)
from tests.factories import OrganisationFactory
from tests.stakeholders.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

READ, WRITE, COMMENT, COMMITMENT, DOWNLOAD, HISTORY = (
    "read",
    "write",
    "comment",
    "commitment",
    "download",
    "history",
)


@dataclass
class Endpoint:
    name: str
    kind: str
    get_allowed: bool = True  # False for POST-only actions, which answer GET with 405

    @property
    def writes(self) -> bool:
        return self.kind in (WRITE, COMMENT, COMMITMENT)


ENDPOINTS = [
    Endpoint("city", READ),
    Endpoint("history", HISTORY),
    Endpoint("council", READ),
    Endpoint("council-add", WRITE),
    Endpoint("council-edit", WRITE),
    Endpoint("council-comment", COMMENT, get_allowed=False),
    Endpoint("member-add", WRITE),
    Endpoint("member-edit", WRITE),
    Endpoint("member-replace", WRITE),
    Endpoint("member-remove", WRITE, get_allowed=False),
    Endpoint("organisation-add", WRITE),
    Endpoint("organisation-edit", WRITE),
    Endpoint("participation", READ),
    Endpoint("makeup", WRITE),
    Endpoint("session-add", WRITE),
    Endpoint("session-edit", WRITE),
    Endpoint("session-minutes", DOWNLOAD),
    Endpoint("proposal-add", WRITE),
    Endpoint("proposal", READ),
    Endpoint("proposal-edit", WRITE),
    Endpoint("proposal-answer", WRITE),
    Endpoint("proposal-comment", COMMENT, get_allowed=False),
    Endpoint("you-said-we-did", READ),
    Endpoint("memoranda", READ),
    Endpoint("memorandum-add", WRITE),
    Endpoint("memorandum", READ),
    Endpoint("memorandum-edit", WRITE),
    Endpoint("memorandum-document", DOWNLOAD),
    Endpoint("memorandum-comment", COMMENT, get_allowed=False),
    Endpoint("commitment-add", COMMITMENT),
    Endpoint("commitment-edit", COMMITMENT),
    Endpoint("commitment-status", COMMITMENT),
    Endpoint("commitment-evidence", DOWNLOAD),
]
BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}


def _pdf(name="minutes.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _unchanged(thing, *fields) -> dict:
    """The fields of `thing` as they are, for an update that only attaches a document."""
    return {field: getattr(thing, field) for field in fields}


@dataclass
class Everything:
    council_type: object
    council: object
    member: object
    organisation: object
    spare_organisation: object
    children: object
    session: object
    proposal: object
    memorandum: object
    city_commitment: object
    ministry_commitment: object
    unicef_commitment: object


@pytest.fixture
def data(world, stakeholders_a, participation_a, memoranda_a):
    """One of everything in city A, with documents attached through the services."""
    office = world.office_a
    session, memorandum = participation_a.session, memoranda_a.memorandum
    session = services.session_update(
        session=session,
        by=office,
        upload=_pdf(),
        **_unchanged(session, "held_on", "topic", "attendance"),
    )
    memorandum = services.memorandum_update(
        memorandum=memorandum,
        by=office,
        upload=_pdf("memorandum.pdf"),
        **_unchanged(memorandum, "title", "parties", "signed_on"),
    )
    city_commitment = services.commitment_set_status(
        commitment=memoranda_a.city_commitment,
        by=office,
        status=Commitment.Status.PENDING,
        upload=_pdf("progress.pdf"),
    )
    return Everything(
        council_type=stakeholders_a.council_type,
        council=stakeholders_a.council,
        member=stakeholders_a.member,
        organisation=stakeholders_a.organisation,
        spare_organisation=OrganisationFactory(city=world.city_a, name="Spare body"),
        children=participation_a.council,
        session=session,
        proposal=participation_a.proposal,
        memorandum=memorandum,
        city_commitment=city_commitment,
        ministry_commitment=memoranda_a.ministry_commitment,
        unicef_commitment=memoranda_a.unicef_commitment,
    )


def endpoint_url(name: str, data: Everything, *, city="city-a", commitment=None) -> str:
    kwargs = {"city": city}
    if name in ("council", "council-edit", "council-comment", "member-add"):
        kwargs["pk"] = data.council.pk
    elif name in ("member-edit", "member-replace", "member-remove"):
        kwargs |= {"pk": data.council.pk, "member": data.member.pk}
    elif name == "organisation-edit":
        kwargs["pk"] = data.organisation.pk
    elif name in ("participation", "makeup", "session-add", "proposal-add"):
        kwargs["pk"] = data.children.pk
    elif name.startswith("session-"):
        kwargs |= {"pk": data.children.pk, "session": data.session.pk}
    elif name.startswith("proposal"):
        kwargs |= {"pk": data.children.pk, "proposal": data.proposal.pk}
    elif (
        name.startswith("memorandum-")
        and name != "memorandum-add"
        or name
        in (
            "memorandum",
            "commitment-add",
        )
    ):
        kwargs["pk"] = data.memorandum.pk
    elif name.startswith("commitment-"):
        commitment = commitment or data.city_commitment
        kwargs |= {"pk": data.memorandum.pk, "commitment": commitment.pk}
    return reverse(f"stakeholders:{name}", kwargs=kwargs)


def valid_post(name: str, data: Everything) -> dict:
    """Data that the city's own office could save, so a missing check would show as a change."""
    council = {"council_type": data.council_type.pk, "name": "Renamed", "established_on": ""}
    member = {
        "organisation": data.spare_organisation.pk,
        "representative": "Intruder",
        "seat_role": "member",
    }
    comment = {"body": "Taken over."}
    commitment = {"party": "ministry", "description": "Taken over", "due_on": "2030-01-01"}
    proposal = {"title": "Taken over", "received_on": "2024-06-01"}
    memorandum = {"title": "Taken over", "parties": "Nobody", "signed_on": "2020-01-01"}
    return {
        "council-add": council,
        "council-edit": council,
        "council-comment": comment,
        "member-add": member,
        "member-edit": member,
        "member-replace": {"representative": "Intruder", "replaced_on": "2030-01-01"},
        "member-remove": {},
        "organisation-add": {"name": "Intruder body", "sector": "ngo"},
        "organisation-edit": {"name": "Renamed body", "sector": "ngo"},
        "makeup": {
            "recorded_on": "2024-01-01",
            "girls_under_10": "1",
            "boys_under_10": "1",
            "girls_10_13": "1",
            "boys_10_13": "1",
            "girls_14_17": "1",
            "boys_14_17": "1",
            "selection": "mixed",
            "children_with_disabilities": "yes",
            "minority_children": "yes",
        },
        "session-add": {"held_on": "2024-02-02", "topic": "Taken over", "attendance": "3"},
        "session-edit": {"held_on": "2024-02-02", "topic": "Taken over", "attendance": "3"},
        "proposal-add": proposal,
        "proposal-edit": proposal,
        "proposal-answer": {"status": "declined", "answer": "Taken over", "answered_on": ""},
        "proposal-comment": comment,
        "memorandum-add": memorandum,
        "memorandum-edit": memorandum,
        "memorandum-comment": comment,
        "commitment-add": commitment,
        "commitment-edit": commitment,
        "commitment-status": {"status": "cancelled", "evidence_note": "Taken over"},
    }.get(name, {})


def snapshot():
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (
            Council,
            CouncilMember,
            Organisation,
            ChildrenCouncilMakeUp,
            ChildrenCouncilSession,
            ChildrenProposal,
            Memorandum,
            Commitment,
            StakeholderComment,
            StakeholderChange,
        )
    ]


def get_status(client, endpoint, address) -> int:
    """The status of a GET; for POST-only actions, check the 405 and answer 'not tried'."""
    response = client.get(address)
    if not endpoint.get_allowed:
        assert response.status_code == 405
        return 0
    return response.status_code


def test_every_endpoint_is_listed():
    from stakeholders.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == set(BY_NAME)


# --- outsiders ----------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("user", ["office_a2", "office_b", "coordinator_b", "evaluator_b"])
def test_outsiders_get_403_or_404_and_change_nothing(client, world, data, endpoint, user):
    client.force_login(getattr(world, user))
    address = endpoint_url(endpoint.name, data)
    before = snapshot()
    assert get_status(client, endpoint, address) in (403, 404, 0)
    response = client.post(address, valid_post(endpoint.name, data))
    assert response.status_code in (
        403,
        404,
        405 if endpoint.kind in (READ, DOWNLOAD, HISTORY) else 0,
    )
    assert snapshot() == before


_CITY_ONLY = {
    "city",
    "history",
    "you-said-we-did",
    "memoranda",
    "council-add",
    "organisation-add",
    "memorandum-add",
}


@pytest.mark.parametrize(
    "endpoint", [e for e in ENDPOINTS if e.name not in _CITY_ONLY], ids=lambda e: e.name
)
def test_another_citys_office_cannot_reach_objects_through_its_own_city(
    client, world, data, endpoint
):
    """Office B puts city A's council, member, proposal, memorandum... ids under its own city's
    URL: the object is not found there."""
    client.force_login(world.office_b)
    address = endpoint_url(endpoint.name, data, city="city-b")
    before = snapshot()
    assert get_status(client, endpoint, address) in (404, 0)
    response = client.post(address, valid_post(endpoint.name, data))
    assert response.status_code in (404, 405)
    assert snapshot() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_anonymous_users_are_sent_to_login(client, data, endpoint):
    address = endpoint_url(endpoint.name, data)
    login = resolve_url(settings.LOGIN_URL)
    before = snapshot()
    for response in (client.get(address), client.post(address, valid_post(endpoint.name, data))):
        assert response.status_code == 302
        target = urlparse(response.url)
        assert target.path == login
        assert address in target.query
    assert snapshot() == before


# --- the programme's readers --------------------------------------------------------------------

_WRITE_LINK = re.compile(
    r'(?:href|action)="([^"]*/(?:add|edit|remove|replace|answer|status|make-up)/)"'
)


def _coordinator_may(url: str, data: Everything) -> bool:
    """The write URLs a coordinator of the programme is offered: comments, and the ministry's
    commitments."""
    ministry = [
        endpoint_url(name, data, commitment=data.ministry_commitment)
        for name in ("commitment-edit", "commitment-status")
    ]
    return url.endswith("/comments/add/") or url in ministry or url.endswith("/commitments/add/")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("user", ["coordinator_a", "evaluator_a"])
def test_programme_readers(client, world, data, endpoint, user):
    client.force_login(getattr(world, user))
    coordinator = user == "coordinator_a"
    address = endpoint_url(endpoint.name, data)
    before = snapshot()
    if endpoint.kind == READ:
        response = client.get(address)
        assert response.status_code == 200
        offered = _WRITE_LINK.findall(response.content.decode())
        if coordinator:
            assert all(_coordinator_may(url, data) for url in offered), offered
        else:
            assert offered == []
    elif endpoint.kind == DOWNLOAD:
        response = client.get(address)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    elif endpoint.kind == HISTORY:
        assert client.get(address).status_code == (200 if coordinator else 403)
    elif endpoint.kind == WRITE or not coordinator:
        assert get_status(client, endpoint, address) in (403, 0)
        assert client.post(address, valid_post(endpoint.name, data)).status_code == 403
    else:
        return  # comments and the ministry's commitments: see the tests below
    assert snapshot() == before


@pytest.mark.parametrize("name", ["council-comment", "proposal-comment", "memorandum-comment"])
def test_coordinator_comments_and_the_office_answers(client, world, data, name):
    address = endpoint_url(name, data)
    for user, text in ((world.coordinator_a, "Please add the minutes."), (world.office_a, "Done.")):
        client.force_login(user)
        response = client.post(address, {"body": text})
        assert response.status_code == 302
    comments = list(StakeholderComment.objects.order_by("pk"))
    assert [(c.author, c.body) for c in comments] == [
        (world.coordinator_a, "Please add the minutes."),
        (world.office_a, "Done."),
    ]
    page = client.get(response.url.split("#")[0]).content.decode()
    assert "Please add the minutes." in page and "Done." in page


def test_coordinator_manages_the_ministrys_commitments_only(client, world, data):
    client.force_login(world.coordinator_a)
    ministry = data.ministry_commitment
    response = client.post(
        endpoint_url("commitment-status", data, commitment=ministry),
        {"status": "fulfilled", "evidence_note": "Training held in March."},
    )
    assert response.status_code == 302
    ministry.refresh_from_db()
    assert ministry.status == Commitment.Status.FULFILLED

    response = client.post(
        endpoint_url("commitment-add", data),
        {"party": "ministry", "description": "Review the plans", "due_on": "2030-01-01"},
    )
    assert response.status_code == 302
    assert Commitment.objects.filter(description="Review the plans", party="ministry").exists()

    before = snapshot()
    for commitment in (data.unicef_commitment, data.city_commitment):
        for name in ("commitment-status", "commitment-edit"):
            address = endpoint_url(name, data, commitment=commitment)
            assert client.get(address).status_code == 403
            assert client.post(address, valid_post(name, data)).status_code == 403
    response = client.post(
        endpoint_url("commitment-add", data),
        {"party": "unicef", "description": "Fund it after all", "due_on": "2030-01-01"},
    )
    assert response.status_code == 400
    assert "You manage only the commitments of the ministry" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    "name", ["city", "council", "participation", "proposal", "you-said-we-did", "memoranda"]
)
def test_read_pages_do_not_accept_post(client, world, data, name):
    client.force_login(world.office_a)
    assert client.post(endpoint_url(name, data)).status_code == 405


def test_member_remove_is_post_only(client, world, data):
    client.force_login(world.office_a)
    assert client.get(endpoint_url("member-remove", data)).status_code == 405
    assert CouncilMember.objects.get(pk=data.member.pk).ended_on is None


def test_participation_pages_of_a_council_without_children(client, world, data):
    """A council in which children take part has participation pages; any other redirects to
    its own page, and its forms are not found."""
    client.force_login(world.office_a)
    kwargs = {"city": "city-a", "pk": data.council.pk}
    response = client.get(reverse("stakeholders:participation", kwargs=kwargs))
    assert response.status_code == 302
    assert response.url == reverse("stakeholders:council", kwargs=kwargs)
    for name in ("makeup", "session-add", "proposal-add"):
        assert client.get(reverse(f"stakeholders:{name}", kwargs=kwargs)).status_code == 404
