"""The new stakeholders pages as people use them: what is shown, what is saved, and what a
refused submit shows (status 400, the errors beside the fields and in a summary, what was typed
kept)."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stakeholders import services
from stakeholders.models import (
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    CouncilMember,
    Memorandum,
    StakeholderChange,
)
from tests.factories import OrganisationFactory
from tests.stakeholders.factories import PDF_BYTES, ProposalFactory

pytestmark = pytest.mark.django_db

CHILD_WARNING = "personal data does not belong"


def url(name, **kwargs):
    return reverse(f"stakeholders:{name}", kwargs={"city": "city-a", **kwargs})


@pytest.fixture
def office(client, world):
    client.force_login(world.office_a)
    return client


def assert_refused(response, *texts):
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved. Please correct the errors below." in page
    assert 'class="invalid-feedback' in page  # beside the field
    for text in texts:
        assert text in page, text
    return page


# --- council members over time ------------------------------------------------------------------


def test_replace_a_representative_and_show_the_former_one(office, world, stakeholders_a):
    council, member = stakeholders_a.council, stakeholders_a.member
    replace = url("member-replace", pk=council.pk, member=member.pk)
    page = office.get(replace).content.decode()
    assert CHILD_WARNING in page
    assert 'inputmode="numeric"' in page and 'placeholder="2024-07-31"' in page
    response = office.post(
        replace,
        {"representative": "Mr Successor", "position": "Deputy", "replaced_on": "2025-02-01"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.ended_on == datetime.date(2025, 2, 1)

    page = office.get(url("council", pk=council.pk)).content.decode()
    assert "Mr Successor" in page
    assert "Ms Example" not in page  # former members only on request
    assert "Show 1 former member" in page and "?former=1" in page
    page = office.get(url("council", pk=council.pk), {"former": "1"}).content.decode()
    former = page[page.index('id="h-former"') :]
    assert "Ms Example" in former and "1 February 2025" in former
    assert "Hide the former members" in former


def test_second_current_chair_is_refused_in_the_form(office, world, stakeholders_a):
    council = stakeholders_a.council
    services.council_member_update(
        member=stakeholders_a.member,
        by=world.office_a,
        organisation=stakeholders_a.organisation,
        representative="Ms Example",
        seat_role="chair",
    )
    other = OrganisationFactory(city=world.city_a, name="Fire and Safety Services")
    response = office.post(
        url("member-add", pk=council.pk),
        {"organisation": other.pk, "representative": "Mr Second Chair", "seat_role": "chair"},
    )
    assert_refused(
        response,
        "The council already has a current chair (Deputy for Planning)",
        'value="Mr Second Chair"',
    )
    response = office.post(
        url("member-add", pk=council.pk),
        {
            "organisation": stakeholders_a.organisation.pk,
            "representative": "Mr Twice",
            "seat_role": "member",
        },
    )
    assert_refused(response, "already holds a current seat on this council", 'value="Mr Twice"')
    assert not CouncilMember.objects.filter(representative__in=["Mr Second Chair", "Mr Twice"])


def test_replacement_dated_before_the_term_is_refused_in_the_form(office, stakeholders_a):
    member = stakeholders_a.member
    member.term_start = datetime.date(2024, 3, 20)
    member.save()
    response = office.post(
        url("member-replace", pk=stakeholders_a.council.pk, member=member.pk),
        {"representative": "Mr Early", "replaced_on": "2024-01-01", "term_end": "2023-01-01"},
    )
    assert_refused(
        response,
        "The replacement cannot come before the current term started",
        "The term cannot end before it starts.",
        'value="Mr Early"',
    )


# --- children's participation -------------------------------------------------------------------


def test_participation_page_shows_makeup_sessions_and_proposals(office, participation_a):
    page = office.get(url("participation", pk=participation_a.council.pk)).content.decode()
    for text in (
        "Make-up",
        "Safe routes to school",
        "More shade in the playgrounds",
        "Received",
        "10 to 13",
    ):
        assert text in page, text
    assert "<td>20</td>" in page  # the total of the fixture's make-up
    assert url("proposal-add", pk=participation_a.council.pk) in page


@pytest.mark.parametrize(
    "name", ["makeup", "session-add", "proposal-add", "proposal-answer", "member-replace"]
)
def test_forms_about_children_warn_about_their_personal_data(
    office, stakeholders_a, participation_a, name
):
    kwargs = {"pk": participation_a.council.pk}
    if name == "proposal-answer":
        kwargs["proposal"] = participation_a.proposal.pk
    if name == "member-replace":
        kwargs = {"pk": stakeholders_a.council.pk, "member": stakeholders_a.member.pk}
    page = office.get(url(name, **kwargs)).content.decode()
    assert 'id="child-data-notice"' in page or name == "member-replace"
    assert CHILD_WARNING in page


def test_comment_forms_warn_about_childrens_data(client, world, participation_a):
    client.force_login(world.coordinator_a)
    proposal = participation_a.proposal
    page = client.get(url("proposal", pk=participation_a.council.pk, proposal=proposal.pk))
    assert CHILD_WARNING in page.content.decode()


def test_makeup_form_saves_counts_and_refuses_negative_ones(office, participation_a):
    council = participation_a.council
    data = {
        "recorded_on": "2025-01-10",
        "girls_under_10": "0",
        "boys_under_10": "0",
        "girls_10_13": "8",
        "boys_10_13": "7",
        "girls_14_17": "-1",
        "boys_14_17": "5",
        "selection": "elected_schools",
        "selection_note": "Two per school, elected by their classmates.",
        "children_with_disabilities": "yes",
        "minority_children": "unknown",
    }
    response = office.post(url("makeup", pk=council.pk), data)
    assert_refused(response, "Two per school, elected by their classmates.")
    participation_a.makeup.refresh_from_db()
    assert participation_a.makeup.girls_10_13 == 6
    response = office.post(url("makeup", pk=council.pk), data | {"girls_14_17": "6"})
    assert response.status_code == 302
    participation_a.makeup.refresh_from_db()
    assert (participation_a.makeup.total, participation_a.makeup.children_with_disabilities) == (
        26,
        "yes",
    )


def test_session_with_minutes_and_a_refused_file(office, participation_a):
    council = participation_a.council
    data = {"held_on": "2025-03-03", "topic": "Play spaces in district 5", "attendance": "19"}
    response = office.post(
        url("session-add", pk=council.pk),
        data | {"upload": SimpleUploadedFile("minutes.pdf", b"MZ not a pdf")},
    )
    assert_refused(response, "not a real PDF document", 'value="Play spaces in district 5"')
    response = office.post(
        url("session-add", pk=council.pk),
        data | {"upload": SimpleUploadedFile("minutes.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    session = ChildrenCouncilSession.objects.get(topic="Play spaces in district 5")
    download = office.get(url("session-minutes", pk=council.pk, session=session.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="minutes.pdf"' in download["Content-Disposition"]
    page = office.get(url("session-add", pk=council.pk)).content.decode()
    assert 'enctype="multipart/form-data"' in page


def test_proposal_is_added_and_answered(office, participation_a):
    council = participation_a.council
    response = office.post(
        url("proposal-add", pk=council.pk),
        {"title": "Safe crossings near schools", "received_on": "2025-02-10", "details": ""},
    )
    proposal = ChildrenProposal.objects.get(title="Safe crossings near schools")
    assert response.status_code == 302
    assert response.url == url("proposal", pk=council.pk, proposal=proposal.pk)
    answer = url("proposal-answer", pk=council.pk, proposal=proposal.pk)

    response = office.post(answer, {"status": "accepted", "answer": "", "answered_on": ""})
    assert_refused(response, "Write the city&#x27;s answer")
    response = office.post(
        answer,
        {"status": "accepted", "answer": "Crossings are planned.", "answered_on": "2025-01-01"},
    )
    assert_refused(
        response, "A proposal cannot be answered before it was received.", "Crossings are planned."
    )
    response = office.post(
        answer,
        {
            "status": "accepted",
            "answer": "Crossing patrols start in September.",
            "answered_on": "",
            "responsible_organisation": participation_a.organisation.pk,
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.answered_on, proposal.responsible_organisation) == (
        "accepted",
        datetime.date.today(),
        participation_a.organisation,
    )
    page = office.get(url("proposal", pk=council.pk, proposal=proposal.pk)).content.decode()
    assert "Crossing patrols start in September." in page and "Accepted" in page


def test_you_said_we_did_for_everyone_in_scope(client, world, participation_a):
    ProposalFactory(
        council=participation_a.council,
        title="A children's house in Ghalamestan park",
        received_on=datetime.date(2022, 11, 20),
        status="implemented",
        answer="The house opened in the park.",
        answered_on=datetime.date(2023, 6, 1),
        responsible_organisation=participation_a.organisation,
    )
    for user in (world.office_a, world.coordinator_a, world.evaluator_a):
        client.force_login(user)
        response = client.get(reverse("stakeholders:you-said-we-did", args=["city-a"]))
        page = response.content.decode()
        assert response.status_code == 200
        assert "The house opened in the park." in page
        assert "Responsible: Green Space Organization" in page
        assert "The city has not answered yet." in page  # the fixture's open proposal
        assert "1 answered, 1 still waiting" in page
        assert "you-said-we-did.css" in page and "print.js" in page
        assert "<h2" in page and "<h3" in page  # headings in order


def test_you_said_we_did_title_is_plain_text_and_the_print_script_still_loads(office):
    """Regression: the print script was written inside the `<title>` block, so the browser tab
    and the printed page's header showed its markup (and the page loaded the script twice)."""
    page = office.get(reverse("stakeholders:you-said-we-did", args=["city-a"])).content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and "script" not in title
    assert title.strip().startswith("You said, we did · ")
    scripts = re.findall(r'<script src="([^"]+)"', page[page.index("</title>") :])
    assert sum(src.endswith("/stakeholders/print.js") for src in scripts) == 1  # and only once
    assert "<script>" not in page  # no inline script: the CSP allows only the site's own files


# --- memoranda and commitments ------------------------------------------------------------------


def test_memoranda_page_shows_what_each_party_still_owes(office, memoranda_a):
    page = office.get(url("memoranda")).content.decode()
    owed = page[page.index('id="h-owed"') : page.index('id="h-memo-')]
    assert "UNICEF</span>: 1 open" in owed and "1 overdue" in owed
    assert "City</span>: 1 open" in owed
    assert "Fund the children&#x27;s atlas" in page
    assert 'class="table-danger"' in page  # the overdue row
    assert url("memorandum-add") in page


def test_memorandum_and_commitment_forms(office, world, memoranda_a):
    response = office.post(
        url("memorandum-add"),
        {
            "title": "Memorandum with the akimat",
            "parties": "Akimat, Ministry of Education",
            "signed_on": "2019-09-10",
            "upload": SimpleUploadedFile("memorandum.pdf", PDF_BYTES),
        },
    )
    memorandum = Memorandum.objects.get(title="Memorandum with the akimat")
    assert response.url == url("memorandum", pk=memorandum.pk)
    add = url("commitment-add", pk=memorandum.pk)
    response = office.post(
        add, {"party": "province", "description": "Fund the play spaces", "due_on": "2019-01-01"}
    )
    assert_refused(
        response,
        "A commitment cannot be due before the memorandum was signed (10 September 2019).",
        "Fund the play spaces",
    )
    response = office.post(
        add, {"party": "other", "description": "Host the forum", "due_on": "2020-05-01"}
    )
    assert_refused(response, "Name the other party.")
    response = office.post(
        add, {"party": "province", "description": "Fund the play spaces", "due_on": "2020-12-31"}
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get(description="Fund the play spaces")
    status = url("commitment-status", pk=memorandum.pk, commitment=commitment.pk)
    response = office.post(status, {"status": "fulfilled", "evidence_note": ""})
    assert_refused(response, "Say how the commitment was kept, or attach a document.")
    response = office.post(
        status,
        {
            "status": "fulfilled",
            "evidence_note": "Three play spaces opened.",
            "upload": SimpleUploadedFile("report.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    page = office.get(url("memorandum", pk=memorandum.pk)).content.decode()
    assert "Three play spaces opened." in page and "report.pdf" in page and "Fulfilled" in page
    download = office.get(url("memorandum-document", pk=memorandum.pk))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_coordinator_sees_only_the_ministrys_party_in_the_commitment_form(
    client, world, memoranda_a
):
    client.force_login(world.coordinator_a)
    page = client.get(url("commitment-add", pk=memoranda_a.memorandum.pk)).content.decode()
    assert 'value="ministry"' in page
    assert 'value="unicef"' not in page and 'value="city"' not in page


# --- history ------------------------------------------------------------------------------------


def test_history_page_lists_who_changed_what(client, world, memoranda_a, participation_a):
    services.commitment_set_status(
        commitment=memoranda_a.ministry_commitment,
        by=world.coordinator_a,
        status="fulfilled",
        evidence_note="Training held.",
    )
    services.proposal_answer(
        proposal=participation_a.proposal,
        by=world.office_a,
        status="considering",
        answer="We are looking at shade sails.",
    )
    world.office_a.first_name, world.office_a.last_name = "Maryam", "Ahmadi"
    world.office_a.save()
    client.force_login(world.coordinator_a)
    response = client.get(url("history"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Maryam Ahmadi") < page.index("Pending → Fulfilled")  # newest first
    assert "status changed" in page and "children&#x27;s proposal" in page
    assert StakeholderChange.objects.count() == 2


def test_history_is_paginated(client, world, participation_a):
    for number in range(55):
        services.session_add(
            council=participation_a.council,
            by=world.office_a,
            held_on=datetime.date(2024, 1, 1),
            topic=f"Session {number}",
            attendance=10,
        )
    client.force_login(world.office_a)
    first = client.get(url("history")).content.decode()
    assert "Session 54</td>" in first and "Session 0</td>" not in first and "?page=2" in first
    second = client.get(url("history"), {"page": 2}).content.decode()
    assert "Session 0</td>" in second and "Session 54</td>" not in second


# --- the candidacy pages ------------------------------------------------------------------------


def test_city_page_and_overview_show_open_commitments_per_party(client, world, memoranda_a):
    client.force_login(world.coordinator_a)
    city_page = client.get(reverse("candidacy:city", args=["city-a"])).content.decode()
    section = city_page[city_page.index('id="h-commitments"') :]
    assert "UNICEF</span>: 1 open" in section and "1 overdue" in section
    overview = client.get(reverse("candidacy:overview", args=[world.programme_a.key]))
    page = overview.content.decode()
    assert "Open commitments" in page
    assert "UNICEF</span>: 1 open" in page
    assert "None open" in page  # City A2
