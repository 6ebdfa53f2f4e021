"""The coordinator's desk, workflow part (issue 11): the preparer recalls a submission before any
sign-off, a coordinator withdraws a candidacy from the city page, a return or a reopening is
announced with its reason on the stage and city pages, and the stage page lists what is still
missing once, after the record and the evidence, before the submit button."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from candidacy import permissions, services
from candidacy.models import StageState, Transition
from cities.validators import NOTE_MAX_LENGTH
from demo.testing import complete_record
from tests.candidacy.workflow import bring, reload, snapshot

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * (NOTE_MAX_LENGTH + 1)


def _url(name, stage=None, city="city-a"):
    return reverse(f"candidacy:{name}", args=[city, stage] if stage else [city])


# --- recalling a submission: the rule ---------------------------------------------------------


@pytest.mark.parametrize(
    "key, state, signed, user, allowed",
    [
        ("office", StageState.SUBMITTED, False, "office_a", True),
        ("office", StageState.SUBMITTED, False, "office_a2", False),  # another city's office
        ("office", StageState.SUBMITTED, False, "coordinator_a", False),  # a signatory
        ("office", StageState.OPEN, False, "office_a", False),
        ("office", StageState.RETURNED, False, "office_a", False),
        ("office", StageState.APPROVED, False, "office_a", False),
        ("joint", StageState.SUBMITTED, True, "office_a", False),  # one of two has signed
        ("candidacy", StageState.SUBMITTED, False, "evaluator_a", True),  # the evaluator prepares
        ("candidacy", StageState.SUBMITTED, False, "evaluator_b", False),
    ],
)
def test_who_may_recall_when(world, key, state, signed, user, allowed):
    progress = bring(world, world.city_a, key, state)
    if signed:
        services.stage_approve(progress=progress, by=world.coordinator_a)
        progress = reload(world, progress)
    person = getattr(world, user)
    assert permissions.can_recall_stage(person, progress) is allowed
    before = snapshot()
    if allowed:
        services.stage_recall(progress=progress, by=person, reason="More to add.")
        assert reload(world, progress).state == StageState.OPEN
    else:
        with pytest.raises((PermissionDenied, services.WorkflowError)):
            services.stage_recall(progress=progress, by=person)
        assert snapshot() == before


def test_a_recall_reopens_the_stage_with_its_history_and_a_new_version(world):
    progress = bring(world, world.city_a, "office", StageState.SUBMITTED)
    version = progress.version
    services.stage_recall(
        progress=progress,
        by=world.office_a,
        reason="  A page is missing.  ",
        submission=progress.submission,
    )
    progress = reload(world, progress)
    assert (progress.state, progress.submitted_at) == (StageState.OPEN, None)
    assert progress.version == version + 1  # a form loaded before the submission is stale
    entry = progress.transitions.latest("created_at", "pk")
    assert (entry.action, entry.from_state, entry.to_state) == ("recall", "submitted", "open")
    assert (entry.actor, entry.actor_role, entry.comment) == (
        world.office_a,
        "office",
        "A page is missing.",
    )
    assert progress.candidacy.current_stage_id == progress.pk
    services.stage_submit(progress=progress, by=world.office_a)  # and it can go again
    assert reload(world, progress).state == StageState.SUBMITTED


@pytest.mark.parametrize("case", ["stale page", "after a sign-off", "too long", "withdrawn"])
def test_a_refused_recall_writes_nothing(world, case):
    progress = bring(world, world.city_a, "joint", StageState.SUBMITTED)
    shown, reason = progress.submission, ""
    if case == "stale page":
        services.stage_recall(progress=progress, by=world.office_a)
        progress = bring(world, world.city_a, "joint", StageState.SUBMITTED)
    elif case == "after a sign-off":
        services.stage_approve(progress=progress, by=world.evaluator_a)
    elif case == "too long":
        reason = TOO_LONG
    else:
        services.candidacy_withdraw(
            candidacy=world.city_a.candidacy, by=world.coordinator_a, reason="Left."
        )
    before = snapshot()
    with pytest.raises(ValidationError):
        services.stage_recall(
            progress=reload(world, progress), by=world.office_a, reason=reason, submission=shown
        )
    assert snapshot() == before


# --- recalling a submission: the page ---------------------------------------------------------


def test_the_office_recalls_its_submission_from_the_stage_page(
    client, world, django_capture_on_commit_callbacks
):
    progress = bring(world, world.city_a, "office", StageState.SUBMITTED)
    client.force_login(world.coordinator_a)  # a signatory sees no recall button
    assert _url("stage-recall", "office") not in client.get(_url("stage", "office")).text
    client.force_login(world.office_a)
    page = client.get(_url("stage", "office"))
    assert _url("stage-recall", "office") in page.text
    assert "Recall the submission" in page.text
    with django_capture_on_commit_callbacks(execute=True):  # the stage page is kept (STAGES)
        client.post(
            _url("stage-recall", "office"),
            {"submission": progress.submission, "reason": "Wrong decree attached."},
        )
    response = client.get(_url("stage", "office"))
    assert response.status_code == 200
    assert "The submission was recalled" in response.text
    assert "recalled before sign-off" in response.text  # in the history, with the reason
    assert "Wrong decree attached." in response.text
    assert reload(world, progress).state == StageState.OPEN


@pytest.mark.parametrize("case", ["twice", "after a sign-off", "too long", "stale page"])
def test_a_refused_recall_keeps_what_was_typed(client, world, case):
    progress = bring(world, world.city_a, "joint", StageState.SUBMITTED)
    shown, reason = progress.submission, "Typed reason, kept."
    client.force_login(world.office_a)
    expected = {
        "twice": "Only a stage awaiting sign-off can be recalled.",
        "after a sign-off": "A signatory has already approved this submission",
        "too long": "Ensure this value has at most",
        "stale page": "resubmitted or changed after you opened it",
    }[case]
    if case == "twice":
        client.post(_url("stage-recall", "joint"), {"submission": shown})
    elif case == "after a sign-off":
        services.stage_approve(progress=progress, by=world.coordinator_a)
    elif case == "too long":
        reason = TOO_LONG
    else:
        services.stage_recall(progress=progress, by=world.office_a)
        bring(world, world.city_a, "joint", StageState.SUBMITTED)
    before = snapshot()
    response = client.post(_url("stage-recall", "joint"), {"submission": shown, "reason": reason})
    assert response.status_code == 400
    assert expected in response.text
    assert reason in response.text
    assert snapshot() == before


@pytest.mark.parametrize(
    "user, status",
    [("office_a2", 404), ("coordinator_b", 404), ("evaluator_a", 403), ("coordinator_a", 403)],
)
def test_only_the_preparer_may_post_a_recall(client, world, user, status):
    progress = bring(world, world.city_a, "office", StageState.SUBMITTED)
    before = snapshot()
    client.force_login(getattr(world, user))
    response = client.post(_url("stage-recall", "office"), {"submission": progress.submission})
    assert response.status_code == status
    assert snapshot() == before


def test_recall_needs_sign_in(client, world):
    response = client.post(_url("stage-recall", "office"))
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- withdrawing a candidacy ------------------------------------------------------------------


def test_the_coordinator_withdraws_a_candidacy_from_the_city_page(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.office_a)
    assert _url("candidacy-withdraw") not in client.get(_url("city")).text
    client.force_login(world.coordinator_a)
    assert _url("candidacy-withdraw") in client.get(_url("city")).text
    page = client.get(_url("candidacy-withdraw"))
    assert page.status_code == 200
    assert "I confirm" in page.text
    with django_capture_on_commit_callbacks(execute=True):  # as the request's commit would
        posted = client.post(
            _url("candidacy-withdraw"),
            {"reason": "The municipality left the initiative.", "confirm": "on"},
        )
    assert posted.status_code == 302 and posted["Location"] == _url("city")
    response = client.get(posted["Location"])
    assert "The candidacy was withdrawn." in response.text
    assert "The candidacy was withdrawn on" in response.text
    assert "The municipality left the initiative." in response.text  # the reason, on the page
    assert _url("candidacy-withdraw") not in response.text  # no second button
    world.city_a.candidacy.refresh_from_db()
    assert world.city_a.candidacy.withdrawn_on is not None
    entry = Transition.objects.get(action="withdraw")
    assert entry.comment == "The municipality left the initiative."
    history = client.get(_url("stage", "office")).text  # the current stage's history
    assert "withdrew the candidacy" in history and "left the initiative" in history
    # the reason is shown to everyone who sees the city
    client.force_login(world.evaluator_a)
    assert "The municipality left the initiative." in client.get(_url("city")).text


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"reason": "", "confirm": "on"}, "This field is required."),
        ({"reason": "   ", "confirm": "on"}, "This field is required."),
        ({"reason": "Typed reason, kept."}, "Tick the box to confirm the withdrawal."),
        ({"reason": TOO_LONG, "confirm": "on"}, "Ensure this value has at most"),
    ],
    ids=["empty", "blank", "unconfirmed", "too long"],
)
def test_a_refused_withdrawal_keeps_what_was_typed(client, world, data, expected):
    client.force_login(world.coordinator_a)
    before = snapshot()
    response = client.post(_url("candidacy-withdraw"), data)
    assert response.status_code == 400
    assert expected in response.text
    assert data["reason"].strip() in response.text
    assert snapshot() == before


def test_withdrawing_twice_says_so(client, world):
    client.force_login(world.coordinator_a)
    data = {"reason": "Left the initiative.", "confirm": "on"}
    assert client.post(_url("candidacy-withdraw"), data).status_code == 302
    before = snapshot()
    again = client.post(_url("candidacy-withdraw"), {**data, "reason": "Second try."})
    assert again.status_code == 400
    assert "This candidacy has already been withdrawn." in again.text
    assert "Second try." in again.text
    assert snapshot() == before
    page = client.get(_url("candidacy-withdraw"), follow=True)
    assert page.redirect_chain[-1][0] == _url("city")
    assert "This candidacy has already been withdrawn." in page.text


@pytest.mark.parametrize(
    "user, status",
    [("office_a", 403), ("evaluator_a", 403), ("office_b", 404), ("coordinator_b", 404)],
)
def test_only_the_coordinator_may_withdraw(client, world, user, status):
    client.force_login(getattr(world, user))
    before = snapshot()
    assert client.get(_url("candidacy-withdraw")).status_code == status
    data = {"reason": "Taken over.", "confirm": "on"}
    assert client.post(_url("candidacy-withdraw"), data).status_code == status
    assert snapshot() == before


# --- a return or a reopening, announced with its reason ---------------------------------------


def test_a_reopening_is_announced_like_a_return(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the changes committed
        office = bring(world, world.city_a, "office", StageState.APPROVED)
        services.stage_reopen(
            progress=office, by=world.coordinator_a, reason="Decree date is wrong."
        )
        bring(world, world.city_a2, "joint", StageState.RETURNED)  # another city's: not shown
    for user in ("office_a", "evaluator_a", "coordinator_a"):
        client.force_login(getattr(world, user))
        for url in (_url("stage", "office"), _url("city")):
            text = client.get(url).text
            assert "Reopened by: National coordinator" in text, (user, url)
            assert text.count("Decree date is wrong.") == (2 if "stages" in url else 1)
            assert "Returned by" not in text
    client.force_login(world.office_a2)
    text = client.get(_url("city", city="city-a2")).text
    assert "Returned by: National coordinator" in text and "Attach the decree" in text
    # once resubmitted, the stage is no longer in the state the reopening left it in
    with django_capture_on_commit_callbacks(execute=True):
        world.stages.submit("office")
    client.force_login(world.office_a)
    for url in (_url("stage", "office"), _url("city")):
        assert "Reopened by" not in client.get(url).text


# --- the stage page: record, evidence, what is missing, then submit ---------------------------


def test_the_stage_page_lists_what_is_missing_once_before_the_submit_button(client, world):
    client.force_login(world.office_a)
    page = client.get(_url("stage", "office")).text
    positions = [
        page.index(marker)
        for marker in ('id="h-record"', 'id="h-evidence"', 'id="record-missing"', 'name="submit"')
    ]
    assert positions == sorted(positions)
    narrative_missing = "Write the stage&#x27;s narrative before submitting it"
    assert narrative_missing in page.split('id="record-missing"')[1]

    progress = world.stage(world.city_a, "office")
    response = client.post(
        _url("stage-save", "office"),
        {"narrative": "Formed.", "version": progress.version, "submit": "1"},
    )
    assert response.status_code == 400
    assert "The draft was saved, but the stage was not submitted" in response.text
    assert response.text.count("Fill in the office&#x27;s record") == 1  # listed once
    assert narrative_missing not in response.text  # the narrative is saved now
    assert "Formed." in response.text

    # the form the refused page shows saves again without a clash, and submits once complete
    complete_record(world.stage(world.city_a, "office"), by=world.office_a)
    version = response.context["narrative_form"]["version"].value()
    response = client.post(
        _url("stage-save", "office"), {"narrative": "Formed.", "version": version, "submit": "1"}
    )
    assert response.status_code == 302
    assert world.stage(world.city_a, "office").state == StageState.SUBMITTED
