"""The workflow rules, tested on the services that enforce them (views and admin call the same
functions). The `world` fixture's programmes have five stages: office (city → coordinator),
joint (city → coordinator + evaluator), candidacy (evaluator → evaluator, grants candidate
status), badge (evaluator → evaluator, recognition for 24 months) and review (ongoing review,
city → both, repeats)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from candidacy import services
from candidacy.models import (
    CandidacyStatus,
    SignOff,
    StageProgress,
    StageState,
    Transition,
)
from candidacy.services import WorkflowError
from cities.roles import Role
from demo.testing import complete_record
from tests.candidacy.workflow import (
    NARRATIVE,
    RETURN_COMMENT,
    approve,
    bring,
    give_back,
    reload,
    snapshot,
    submit,
)

pytestmark = pytest.mark.django_db

# --- the role × stage × action matrix ---------------------------------------------------------

ROLES = {
    "office of the city": "office_a",
    "office of another city": "office_a2",
    "coordinator of the programme": "coordinator_a",
    "coordinator of another programme": "coordinator_b",
    "evaluator of the programme": "evaluator_a",
    "evaluator of another programme": "evaluator_b",
}
STAGES = ["office", "joint", "candidacy", "badge", "review"]

PREPARER = {
    "office": "office_a",
    "joint": "office_a",
    "candidacy": "evaluator_a",
    "badge": "evaluator_a",
    "review": "office_a",
}
SIGNATORIES = {
    "office": {"coordinator_a"},
    "joint": {"coordinator_a", "evaluator_a"},
    "candidacy": {"evaluator_a"},
    "badge": {"evaluator_a"},
    "review": {"coordinator_a", "evaluator_a"},
}
# Only the coordinator reopens, and only an approved stage. An approved ongoing review opens
# its next round at once, so there is never an approved review to reopen.
REOPENERS = {stage: {"coordinator_a"} for stage in STAGES} | {"review": set()}

ACTIONS = {
    # action: (state the stage is brought to, who may do it)
    "save draft": (StageState.OPEN, {stage: {PREPARER[stage]} for stage in STAGES}),
    "submit": (StageState.OPEN, {stage: {PREPARER[stage]} for stage in STAGES}),
    "approve": (StageState.SUBMITTED, SIGNATORIES),
    "return": (StageState.SUBMITTED, SIGNATORIES),
    "reopen": (StageState.APPROVED, REOPENERS),
}
# The history rows an allowed action writes on the stage itself (a joint stage's first
# approval is a signature that leaves the stage awaiting its other signatory).
WRITES = {
    "save draft": {stage: [] for stage in STAGES},
    "submit": {stage: ["submit"] for stage in STAGES},
    "approve": {
        "office": ["approve"],
        "joint": ["sign"],
        "candidacy": ["approve"],
        "badge": ["approve"],
        "review": ["sign"],
    },
    "return": {stage: ["return"] for stage in STAGES},
    "reopen": {stage: ["reopen"] for stage in STAGES},
}
STATE_AFTER = {
    "save draft": StageState.OPEN,
    "submit": StageState.SUBMITTED,
    "approve": None,  # checked through WRITES: approved or still awaiting a signatory
    "return": StageState.RETURNED,
    "reopen": StageState.OPEN,
}


def _act(action, progress, user):
    if action == "save draft":
        return services.stage_save_draft(progress=progress, by=user, narrative="A new draft.")
    if action == "submit":
        return services.stage_submit(progress=progress, by=user)
    if action == "approve":
        return services.stage_approve(progress=progress, by=user, comment="Well done.")
    if action == "return":
        return services.stage_return(progress=progress, by=user, comment=RETURN_COMMENT)
    if action == "reopen":
        return services.stage_reopen(progress=progress, by=user, reason="The decree was wrong.")
    raise AssertionError(action)


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("stage_key", STAGES)
@pytest.mark.parametrize("role", list(ROLES))
def test_role_stage_action_matrix(world, role, stage_key, action):
    state, allowed_by_stage = ACTIONS[action]
    user_name = ROLES[role]
    user = getattr(world, user_name)
    progress = bring(world, world.city_a, stage_key, state)
    if action == "submit":
        # The narrative and the record are in place, so only who acts decides the outcome.
        StageProgress.objects.filter(pk=progress.pk).update(narrative=NARRATIVE)
        progress = complete_record(reload(world, progress))
    before = snapshot()
    transitions_before = set(Transition.objects.values_list("pk", flat=True))

    if user_name in allowed_by_stage[stage_key]:
        _act(action, progress, user)
        after = reload(world, progress)
        written = list(
            Transition.objects.filter(progress=after)
            .exclude(pk__in=transitions_before)
            .order_by("pk")
        )
        assert [entry.action for entry in written] == WRITES[action][stage_key]
        assert all(entry.actor == user for entry in written)
        if STATE_AFTER[action]:
            assert after.state == STATE_AFTER[action]
        if action == "save draft":
            assert after.narrative == "A new draft."
        if action == "approve":
            assert SignOff.objects.filter(progress=after, user=user).exists()
    else:
        with pytest.raises((PermissionDenied, WorkflowError)):
            _act(action, progress, user)
        assert snapshot() == before


# --- opening, joint sign-off and returns ------------------------------------------------------


def test_approval_opens_the_next_stage(world):
    office = bring(world, world.city_a, "office", StageState.SUBMITTED)
    assert world.stage(world.city_a, "joint").state == StageState.LOCKED
    services.stage_approve(progress=office, by=world.coordinator_a)
    assert reload(world, office).state == StageState.APPROVED
    assert reload(world, office).approved_at is not None
    assert world.stage(world.city_a, "joint").state == StageState.OPEN
    assert world.stage(world.city_a, "candidacy").state == StageState.LOCKED
    # The other city of the programme is untouched.
    assert world.stage(world.city_a2, "joint").state == StageState.LOCKED


@pytest.mark.parametrize(
    "first,second", [("coordinator_a", "evaluator_a"), ("evaluator_a", "coordinator_a")]
)
def test_joint_stage_needs_both_signatories(world, first, second):
    joint = bring(world, world.city_a, "joint", StageState.SUBMITTED)
    services.stage_approve(progress=joint, by=getattr(world, first))
    joint = reload(world, joint)
    assert joint.state == StageState.SUBMITTED
    assert world.stage(world.city_a, "candidacy").state == StageState.LOCKED
    assert SignOff.objects.filter(progress=joint).count() == 1
    # The same signatory cannot approve twice in place of the other.
    with pytest.raises(WorkflowError):
        services.stage_approve(progress=joint, by=getattr(world, first))
    services.stage_approve(progress=joint, by=getattr(world, second))
    joint = reload(world, joint)
    assert joint.state == StageState.APPROVED
    assert {signoff.role for signoff in joint.signoffs.all()} == {Role.COORDINATOR, Role.EVALUATOR}
    assert world.stage(world.city_a, "candidacy").state == StageState.OPEN


@pytest.mark.parametrize("returner", ["coordinator_a", "evaluator_a"])
def test_a_return_clears_approvals_and_resubmission_needs_both_again(world, returner):
    joint = bring(world, world.city_a, "joint", StageState.SUBMITTED)
    services.stage_approve(progress=joint, by=world.coordinator_a)
    assert SignOff.objects.filter(progress=joint).exists()
    services.stage_return(progress=joint, by=getattr(world, returner), comment=RETURN_COMMENT)
    joint = reload(world, joint)
    assert joint.state == StageState.RETURNED
    assert not SignOff.objects.filter(progress=joint).exists()

    joint = submit(world, joint, narrative="Now with the decree.")
    services.stage_approve(progress=joint, by=world.coordinator_a)
    assert reload(world, joint).state == StageState.SUBMITTED  # the evaluator's is still due
    services.stage_approve(progress=joint, by=world.evaluator_a)
    assert reload(world, joint).state == StageState.APPROVED


# --- statuses granted ----------------------------------------------------------------------------


def _last_day(day: datetime.date, months: int) -> datetime.date:
    """The last day of a recognition from `day` for `months` months: inclusive."""
    return _months_ahead(day, months) - datetime.timedelta(days=1)


def _months_ahead(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month + 1, day=last)
        except ValueError:
            continue
    raise AssertionError(day)


def test_candidacy_approval_makes_the_city_a_candidate(world):
    candidacy = world.city_a.candidacy
    assert candidacy.status == CandidacyStatus.PREPARING
    bring(world, world.city_a, "candidacy", StageState.APPROVED)
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.CANDIDATE
    assert candidacy.candidate_since == timezone.localdate()
    world.city_a2.candidacy.refresh_from_db()
    assert world.city_a2.candidacy.status == CandidacyStatus.PREPARING


def test_badge_approval_recognises_the_city_for_24_months(world):
    bring(world, world.city_a, "badge", StageState.APPROVED)
    candidacy = world.city_a.candidacy
    candidacy.refresh_from_db()
    today = timezone.localdate()
    assert candidacy.status == CandidacyStatus.RECOGNISED
    assert candidacy.recognised_since == today
    assert candidacy.recognised_until == _last_day(today, 24)


def test_recognition_past_its_date_has_lapsed(world):
    bring(world, world.city_a, "badge", StageState.APPROVED)
    candidacy = world.city_a.candidacy
    type(candidacy).objects.filter(pk=candidacy.pk).update(
        recognised_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.LAPSED


def test_ongoing_review_approval_opens_round_two_and_renews(world):
    review = bring(world, world.city_a, "review", StageState.SUBMITTED)
    candidacy = world.city_a.candidacy
    old_until = timezone.localdate() + datetime.timedelta(days=10)
    type(candidacy).objects.filter(pk=candidacy.pk).update(recognised_until=old_until)
    services.stage_approve(progress=review, by=world.coordinator_a)
    services.stage_approve(progress=reload(world, review), by=world.evaluator_a)

    review = reload(world, review)
    assert review.state == StageState.OPEN
    assert review.round == 2
    assert review.narrative == ""
    assert not review.signoffs.exists()
    actions = list(review.transitions.order_by("pk").values_list("action", "round"))
    assert actions[-2:] == [("approve", 1), ("renew", 2)]
    candidacy.refresh_from_db()
    assert candidacy.recognised_until == _last_day(timezone.localdate(), 24)
    assert candidacy.status == CandidacyStatus.RECOGNISED
    # Round 2 goes through the same sign-off again.
    review = submit(world, review, narrative="The second monitoring report.")
    assert review.state == StageState.SUBMITTED and review.round == 2


# --- reopening ---------------------------------------------------------------------------------


def test_reopen_relocks_the_next_open_stage(world):
    office = bring(world, world.city_a, "office", StageState.APPROVED)
    assert world.stage(world.city_a, "joint").state == StageState.OPEN
    count = Transition.objects.count()
    services.stage_reopen(progress=office, by=world.coordinator_a, reason="Wrong decree.")
    office = reload(world, office)
    assert office.state == StageState.OPEN
    assert office.approved_at is None
    assert not office.signoffs.exists()
    assert world.stage(world.city_a, "joint").state == StageState.LOCKED
    assert Transition.objects.count() == count + 2
    reopen = office.transitions.latest("pk")
    lock = world.stage(world.city_a, "joint").transitions.latest("pk")
    assert (reopen.action, reopen.comment) == ("reopen", "Wrong decree.")
    assert (lock.action, lock.from_state, lock.to_state) == ("lock", "open", "locked")


def test_reopen_withdraws_candidate_status(world):
    stage = bring(world, world.city_a, "candidacy", StageState.APPROVED)
    services.stage_reopen(progress=stage, by=world.coordinator_a, reason="Evaluation redone.")
    candidacy = world.city_a.candidacy
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.PREPARING
    assert world.stage(world.city_a, "badge").state == StageState.LOCKED


def test_reopen_withdraws_recognition(world):
    stage = bring(world, world.city_a, "badge", StageState.APPROVED)
    services.stage_reopen(progress=stage, by=world.coordinator_a, reason="Badge given too early.")
    candidacy = world.city_a.candidacy
    candidacy.refresh_from_db()
    assert candidacy.recognised_until is None
    assert candidacy.status == CandidacyStatus.CANDIDATE
    assert world.stage(world.city_a, "review").state == StageState.LOCKED


@pytest.mark.parametrize("later_state", [StageState.SUBMITTED, StageState.RETURNED])
def test_reopen_refused_once_a_later_stage_was_submitted(world, later_state):
    bring(world, world.city_a, "joint", later_state)
    office = world.stage(world.city_a, "office")
    before = snapshot()
    with pytest.raises(WorkflowError):
        services.stage_reopen(progress=office, by=world.coordinator_a, reason="Too late.")
    assert snapshot() == before


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopen_without_reason_refused(world, reason):
    office = bring(world, world.city_a, "office", StageState.APPROVED)
    before = snapshot()
    with pytest.raises(WorkflowError):
        services.stage_reopen(progress=office, by=world.coordinator_a, reason=reason)
    assert snapshot() == before


# --- history --------------------------------------------------------------------------------


def _new(before: set[int]) -> list[Transition]:
    return list(Transition.objects.exclude(pk__in=before).order_by("pk"))


def _ids() -> set[int]:
    return set(Transition.objects.values_list("pk", flat=True))


def _row(row: Transition) -> tuple:
    """What a history row says: which stage, what was done, by whom in which role, from which
    state to which, and why."""
    return (
        row.progress_id,
        row.action,
        row.actor,
        row.actor_role,
        row.from_state,
        row.to_state,
        row.comment,
    )


def test_every_state_change_writes_one_history_row(world):
    office = world.stage(world.city_a, "office")
    coordinator = world.coordinator_a
    ids = _ids()
    services.stage_save_draft(progress=office, by=world.office_a, narrative=NARRATIVE)
    assert _new(ids) == []  # a draft is not a change of state
    complete_record(office, by=world.office_a)
    assert _new(ids) == []  # nor is the record

    services.stage_submit(progress=office, by=world.office_a, note="Ready.")
    [row] = _new(ids)
    assert _row(row) == (
        office.pk, "submit", world.office_a, Role.OFFICE, "open", "submitted", "Ready."
    )  # fmt: skip

    ids = _ids()
    services.stage_return(progress=office, by=coordinator, comment=RETURN_COMMENT)
    [row] = _new(ids)
    assert _row(row) == (
        office.pk, "return", coordinator, "coordinator", "submitted", "returned", RETURN_COMMENT
    )  # fmt: skip

    services.stage_submit(progress=office, by=world.office_a)
    ids = _ids()
    services.stage_approve(progress=office, by=coordinator, comment="Good.")
    approve_row, open_row = _new(ids)
    assert _row(approve_row) == (
        office.pk, "approve", coordinator, "coordinator", "submitted", "approved", "Good."
    )  # fmt: skip
    joint = world.stage(world.city_a, "joint")
    assert (open_row.progress_id, open_row.action) == (joint.pk, "open")
    assert (open_row.from_state, open_row.to_state) == ("locked", "open")

    ids = _ids()
    services.stage_reopen(progress=office, by=coordinator, reason="Wrong decree.")
    reopen_row, lock_row = _new(ids)
    assert _row(reopen_row) == (
        office.pk, "reopen", coordinator, "coordinator", "approved", "open", "Wrong decree."
    )  # fmt: skip
    assert (lock_row.progress_id, lock_row.from_state, lock_row.to_state) == (
        joint.pk,
        "open",
        "locked",
    )


def test_a_joint_signature_writes_one_row_and_keeps_the_state(world):
    joint = bring(world, world.city_a, "joint", StageState.SUBMITTED)
    ids = _ids()
    evaluator, comment = world.evaluator_a, "Fine by UNICEF."
    services.stage_approve(progress=joint, by=evaluator, comment=comment)
    [row] = _new(ids)
    same = "submitted"
    assert _row(row) == (joint.pk, "sign", evaluator, "evaluator", same, same, comment)


# --- e-mail ---------------------------------------------------------------------------------


def test_submitting_mails_the_signatories(world, django_capture_on_commit_callbacks):
    joint = bring(world, world.city_a, "joint", StageState.OPEN)
    services.stage_save_draft(progress=joint, by=world.office_a, narrative=NARRATIVE)
    complete_record(joint, by=world.office_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.stage_submit(progress=joint, by=world.office_a)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([world.coordinator_a.email, world.evaluator_a.email])
    assert all("City A" in message.subject for message in mail.outbox)
    assert all("/cities/city-a/stages/joint/" in message.body for message in mail.outbox)


def test_submitting_a_coordinator_stage_mails_only_the_coordinator(
    world, django_capture_on_commit_callbacks
):
    office = world.stage(world.city_a, "office")
    services.stage_save_draft(progress=office, by=world.office_a, narrative=NARRATIVE)
    complete_record(office, by=world.office_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.stage_submit(progress=office, by=world.office_a)
    assert [message.to for message in mail.outbox] == [[world.coordinator_a.email]]


def test_returning_mails_the_city_office(world, django_capture_on_commit_callbacks):
    office = bring(world, world.city_a, "office", StageState.SUBMITTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.stage_return(progress=office, by=world.coordinator_a, comment=RETURN_COMMENT)
    assert [message.to for message in mail.outbox] == [[world.office_a.email]]
    assert RETURN_COMMENT in mail.outbox[0].body


def test_no_mail_when_the_move_is_refused(world, django_capture_on_commit_callbacks):
    office = world.stage(world.city_a, "office")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(WorkflowError):
            services.stage_submit(progress=office, by=world.office_a)  # no narrative yet
    assert callbacks == []
    assert mail.outbox == []


# --- withdrawal -----------------------------------------------------------------------------


def test_withdrawal_blocks_further_edits(world):
    office = world.stage(world.city_a, "office")
    services.stage_save_draft(progress=office, by=world.office_a, narrative=NARRATIVE)
    ids = _ids()
    services.candidacy_withdraw(
        candidacy=world.city_a.candidacy, by=world.coordinator_a, reason="The city left."
    )
    candidacy = world.city_a.candidacy
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.WITHDRAWN
    [row] = _new(ids)
    assert (row.progress_id, row.action, row.actor, row.comment) == (
        office.pk,
        "withdraw",
        world.coordinator_a,
        "The city left.",
    )

    before = snapshot()
    with pytest.raises(WorkflowError):
        services.stage_save_draft(progress=office, by=world.office_a, narrative="More.")
    with pytest.raises(WorkflowError):
        services.stage_submit(progress=office, by=world.office_a)
    with pytest.raises(WorkflowError):
        services.candidacy_withdraw(candidacy=candidacy, by=world.coordinator_a, reason="Again.")
    assert snapshot() == before


def _withdraw(world):
    services.candidacy_withdraw(
        candidacy=world.city_a.candidacy, by=world.coordinator_a, reason="The city left."
    )


def test_withdrawal_blocks_sign_off(world):
    """A withdrawn city's stages can no longer change, whoever tries."""
    bring(world, world.city_a, "joint", StageState.SUBMITTED)
    _withdraw(world)
    joint = world.stage(world.city_a, "joint")
    before = snapshot()
    with pytest.raises(WorkflowError):
        services.stage_approve(progress=joint, by=world.coordinator_a)
    with pytest.raises(WorkflowError):
        services.stage_return(progress=joint, by=world.evaluator_a, comment=RETURN_COMMENT)
    assert snapshot() == before


def test_withdrawal_blocks_reopening(world):
    office = bring(world, world.city_a, "office", StageState.APPROVED)
    _withdraw(world)
    before = snapshot()
    with pytest.raises(WorkflowError):
        services.stage_reopen(progress=office, by=world.coordinator_a, reason="Try again.")
    assert snapshot() == before


@pytest.mark.parametrize("user", ["office_a", "coordinator_b", "evaluator_a"])
def test_only_the_coordinator_withdraws(world, user):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.candidacy_withdraw(
            candidacy=world.city_a.candidacy, by=getattr(world, user), reason="No."
        )
    assert snapshot() == before


def test_withdraw_without_reason_refused(world):
    before = snapshot()
    with pytest.raises(WorkflowError):
        services.candidacy_withdraw(
            candidacy=world.city_a.candidacy, by=world.coordinator_a, reason=" "
        )
    assert snapshot() == before


def test_returned_stage_can_be_corrected_and_resubmitted(world):
    office = give_back(world, world.stage(world.city_a, "office"))
    assert office.state == StageState.RETURNED
    office = approve(world, office)
    assert office.state == StageState.APPROVED
