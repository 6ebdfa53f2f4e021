"""Everything that changes a candidacy's workflow state. Views, admin actions, management
commands and tests all call these functions; nothing else writes `StageProgress.state`.

Each service checks permission (with the predicates of `candidacy.permissions`), validates,
changes state inside one transaction with the stage row locked, writes the `Transition` history
row, and queues a `candidacy.events.stage_changed` event for after the commit (the
`notifications` app e-mails the people concerned).
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cities.calendars import date_format
from cities.models import City, Programme
from cities.permissions import programme_closed_message, programme_is_open
from cities.roles import Role
from cities.templatetags.portal import format_number
from cities.validators import plausible_date
from core.uploads import document_delete, document_store, evidence_file_type
from core.versions import check_and_bump

from . import permissions, rounds
from .events import stage_event
from .models import (
    CallRound,
    CallRoundChange,
    Candidacy,
    ConflictDeclaration,
    Evidence,
    Grants,
    Recognition,
    RecognitionCorrection,
    SignOff,
    StageDefinition,
    StageKind,
    StageProgress,
    StageState,
    Transition,
    ended_with_programme_q,
)
from .records import registry as record_registry
from .records.evaluations.selectors import judgement_sets

logger = logging.getLogger(__name__)


class WorkflowError(ValidationError):
    """A move the rules do not allow, with a message the user can act on."""


#: How far after the day of the approval a recognition may be made to start: a later start is a
#: typing mistake, not a plan.
RECOGNITION_START_AHEAD_DAYS = 366


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate_day)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def recognition_ends_on(starts_on: datetime.date, months: int) -> datetime.date:
    """The last day of a recognition that starts on `starts_on` and lasts `months` months: the
    day before the same day `months` later (the month's last day if it is shorter), inclusive.
    2025-06-05 for 48 months ends on 2029-06-04. `recognised_until` and `Recognition.ends_on`
    mean this day everywhere (pages, open data, lapses: a recognition lapses the day after)."""
    return _add_months(starts_on, months) - datetime.timedelta(days=1)


def _recognition_starts_on_check(
    starts_on: datetime.date, months: int, *, today: datetime.date
) -> None:
    """Refuse a start, and so an end, outside the portal's bounds (`plausible_date`) or more
    than `RECOGNITION_START_AHEAD_DAYS` after the approval, with a message on the field."""
    try:
        plausible_date(starts_on)
        plausible_date(recognition_ends_on(starts_on, months))
    except ValidationError as error:
        raise ValidationError({"starts_on": error.error_list}) from error
    if starts_on > today + datetime.timedelta(days=RECOGNITION_START_AHEAD_DAYS):
        raise ValidationError(
            {
                "starts_on": _(
                    "A recognition starts at most a year after its approval: give an earlier "
                    "start, or leave it empty for today."
                )
            },
            code="recognition_start_too_late",
        )


def stage_locked(progress: StageProgress) -> StageProgress:
    """Re-read the stage with its row locked, so two requests cannot move it at once."""
    return (
        StageProgress.objects.select_for_update(of=("self",))
        .select_related("definition", "candidacy__city__programme", "candidacy__call_round")
        .get(pk=progress.pk)
    )


def _record(progress, *, action, by, role, from_state, comment="") -> Transition:
    return Transition.objects.create(
        progress=progress,
        action=action,
        actor=by,
        actor_role=role or "",
        from_state=from_state,
        to_state=progress.state,
        comment=comment,
        round=progress.round,
    )


def current_stages_point(candidacies: QuerySet[Candidacy]) -> int:
    """Point each of `candidacies` at its current stage: the first of its stages, in the
    programme's order, not yet approved; when every stage is approved, the last. The one place
    of that rule: every page, list and filter reads `Candidacy.current_stage`. One UPDATE
    whatever the number of candidacies; returns how many were pointed."""
    stages = StageProgress.objects.filter(candidacy=OuterRef("pk"))
    first_unapproved = (
        stages.exclude(state=StageState.APPROVED).order_by("definition__position").values("pk")
    )
    last = stages.order_by("-definition__position").values("pk")
    return candidacies.update(
        current_stage=Coalesce(Subquery(first_unapproved[:1]), Subquery(last[:1]))
    )


def _move(progress, to_state, *, action, by, role, comment="", **stamps) -> Transition:
    """Move the locked stage to `to_state`, setting the time `stamps` (`opened_at=...`) with
    it, write the history row and point the candidacy at its current stage."""
    from_state = progress.state
    progress.state = to_state
    for name, value in stamps.items():
        setattr(progress, name, value)
    progress.save(update_fields=["state", *stamps, "updated_at"])
    current_stages_point(Candidacy.objects.filter(pk=progress.candidacy_id))
    return _record(
        progress, action=action, by=by, role=role, from_state=from_state, comment=comment
    )


# --- starting a candidacy ---------------------------------------------------------------------


def candidacy_start(*, city: City, started_on: datetime.date | None = None) -> Candidacy:
    """Create the city's candidacy with one stage per definition of its programme; the first
    stage opens. Side effects: an 'opened' history row for the first stage."""
    with transaction.atomic():
        candidacy, created = Candidacy.objects.get_or_create(
            city=city, defaults={"started_on": started_on or timezone.localdate()}
        )
        if not created:
            return candidacy
        definitions = list(
            StageDefinition.objects.filter(programme_id=city.programme_id).order_by("position")
        )
        StageProgress.objects.bulk_create(
            StageProgress(candidacy=candidacy, definition=definition) for definition in definitions
        )
        first = candidacy.stages.order_by("definition__position").first()
        if first is not None:
            _open(first, by=None, role="")
    return candidacy


def _open(progress: StageProgress, *, by, role) -> None:
    _move(
        progress,
        StageState.OPEN,
        action=Transition.Action.OPEN,
        by=by,
        role=role,
        opened_at=timezone.now(),
        submitted_at=None,
    )


def stage_sync_definitions(*, candidacy: Candidacy) -> int:
    """Add stages for definitions a superuser appended to the programme after the candidacy
    started. Returns how many were added. They start locked (or open, if all before are done)."""
    with transaction.atomic():
        existing = set(candidacy.stages.values_list("definition_id", flat=True))
        missing = StageDefinition.objects.filter(programme_id=candidacy.city.programme_id).exclude(
            pk__in=existing
        )
        added = StageProgress.objects.bulk_create(
            StageProgress(candidacy=candidacy, definition=definition) for definition in missing
        )
        stages = list(candidacy.stages.select_related("definition"))
        if stages and all(s.state in (StageState.LOCKED, StageState.APPROVED) for s in stages):
            first_locked = next((s for s in stages if s.state == StageState.LOCKED), None)
            if first_locked and all(
                s.state == StageState.APPROVED
                for s in stages
                if s.definition.position < first_locked.definition.position
            ):
                _open(first_locked, by=None, role="")
        current_stages_point(Candidacy.objects.filter(pk=candidacy.pk))
    return len(added)


# --- preparing a stage ------------------------------------------------------------------------


def _require_not_withdrawn(progress: StageProgress) -> None:
    """The reasons nothing may happen to the stage, whoever asks: its programme is suspended
    or closed (`cities.permissions.programme_is_open`), its candidacy withdrawn."""
    programme = progress.candidacy.city.programme
    if not programme_is_open(programme):
        raise PermissionDenied(programme_closed_message(programme))
    if progress.candidacy.withdrawn_on:
        raise WorkflowError(
            _("This candidacy has been withdrawn; its stages can no longer change.")
        )


def require_editable(progress: StageProgress, by) -> None:
    _require_not_withdrawn(progress)
    if not permissions.can_prepare_stage(by, progress):
        raise PermissionDenied(_("You do not prepare this stage."))
    if progress.state == StageState.LOCKED:
        raise WorkflowError(
            _("This stage is locked: it opens when the stage before it is approved.")
        )
    if progress.state == StageState.SUBMITTED:
        raise WorkflowError(
            _("This stage has been submitted and is awaiting sign-off; it cannot be changed now.")
        )
    if progress.state == StageState.APPROVED:
        raise WorkflowError(
            _("This stage is approved. A coordinator must reopen it before it can change.")
        )


def stage_save_draft(
    *, progress: StageProgress, by, narrative: str, version: int | None = None
) -> StageProgress:
    """Save the stage's narrative as a draft (at most its field's cap). No change of state, no
    history row. `version`: the one the narrative's form was loaded with; another save since
    is refused (`core.versions.StaleEdit`)."""
    with transaction.atomic():
        progress = stage_locked(progress)
        require_editable(progress, by)
        check_and_bump(progress, version)
        progress.narrative = narrative
        progress.clean_fields(
            exclude=[
                field.name for field in StageProgress._meta.fields if field.name != "narrative"
            ]
        )
        progress.save(update_fields=["narrative", "version", "updated_at"])
    return progress


def evidence_add(*, progress: StageProgress, by, upload, description: str = "") -> Evidence:
    """Attach a document after checking its size, type and content. A document the storage
    cannot take is refused (`ValidationError` keyed `file`) and no Evidence row is written."""
    file_type = evidence_file_type(upload)
    with transaction.atomic():
        progress = stage_locked(progress)
        require_editable(progress, by)
        evidence = Evidence(
            progress=progress,
            original_name=upload.name[-200:],
            content_type=file_type.content_type,
            size=upload.size,
            description=description,
            uploaded_by=by,
        )
        document_store(evidence.file, upload.name, upload, field="file")
        evidence.save()
    return evidence


def evidence_remove(*, evidence: Evidence, by) -> list[record_registry.DocumentUse]:
    """Delete a document of an open or returned stage: its row and its stored file together
    (if the storage refuses to delete the file, the row stays: `ValidationError`). Returns what
    the stage's record used it for (the record is left without it and the stage cannot be
    submitted until another is chosen), so the page can say so."""
    with transaction.atomic():
        progress = stage_locked(evidence.progress)
        require_editable(progress, by)
        uses = record_registry.document_uses(evidence)
        stored = evidence.file
        evidence.delete()
        document_delete(stored)
    return uses


#: The code of `stage_submit`'s refusal of an application to a closed call round
#: (`rounds.closed_round_refusal`).
ROUND_CLOSED = "round_closed"

#: The code of `stage_submit`'s refusal of a stage that still lacks something: its messages
#: are `submission_missing`'s, which the stage page lists once, before the submit button.
INCOMPLETE = "incomplete"


def submission_missing(
    progress: StageProgress, *, record_missing: list[str] | None = None
) -> list[str]:
    """What the stage still lacks before it can be submitted, one message each: its narrative,
    then what its record lacks (`record_missing`, if the caller has asked the registry
    already). The rule of `stage_submit` and the stage page's checklist."""
    missing = []
    if not progress.narrative.strip():
        missing.append(_("Write the stage's narrative before submitting it for sign-off."))
    if record_missing is None:
        record_missing = record_registry.missing(progress)
    return missing + record_missing


def stage_submit(*, progress: StageProgress, by, note: str = "") -> StageProgress:
    """Send a stage to its signatories. Side effects: history row, e-mail to signatories."""
    with transaction.atomic():
        progress = stage_locked(progress)
        require_editable(progress, by)
        missing = submission_missing(progress)
        if missing:
            raise WorkflowError([ValidationError(message, code=INCOMPLETE) for message in missing])
        refusal = rounds.closed_round_refusal(progress)
        if refusal:
            raise WorkflowError(refusal, code=ROUND_CLOSED)
        SignOff.objects.filter(progress=progress).delete()
        _move(
            progress,
            StageState.SUBMITTED,
            action=Transition.Action.SUBMIT,
            by=by,
            role=progress.definition.prepared_by,
            comment=note,
            submitted_at=timezone.now(),
        )
        stage_event(progress=progress, action=Transition.Action.SUBMIT, by=by, comment=note)
    return progress


def stage_recall(
    *, progress: StageProgress, by, reason: str = "", submission: str | None = None
) -> StageProgress:
    """Take back a submission before any signatory has approved it: the stage returns to its
    preparer (open) for more work. Only its preparer may (`permissions.can_recall_stage`);
    `submission` is the one their page showed (refused if the stage was resubmitted or changed
    since). The narrative's version is counted, so a form loaded before the submission is
    stale. Side effects: history row (with the reason, if given), e-mail to the signatories
    the submission had reached."""
    reason = (reason or "").strip()
    with transaction.atomic():
        progress = stage_locked(progress)
        _require_not_withdrawn(progress)
        if not permissions.can_prepare_stage(by, progress):
            raise PermissionDenied(_("You do not prepare this stage."))
        if progress.state != StageState.SUBMITTED:
            raise WorkflowError(_("Only a stage awaiting sign-off can be recalled."))
        _require_shown_submission(progress, submission)
        if not permissions.can_recall_stage(by, progress):
            raise WorkflowError(
                _(
                    "A signatory has already approved this submission, so it can no longer be "
                    "recalled; ask a signatory to return it."
                )
            )
        Transition._meta.get_field("comment").run_validators(reason)  # bounded by the model
        _move(
            progress,
            StageState.OPEN,
            action=Transition.Action.RECALL,
            by=by,
            role=progress.definition.prepared_by,
            comment=reason,
            submitted_at=None,
            version=progress.version + 1,  # a narrative form from before the submission is stale
        )
        stage_event(progress=progress, action=Transition.Action.RECALL, by=by, comment=reason)
    return progress


# --- signing off ------------------------------------------------------------------------------


def _require_awaiting_signoff(progress: StageProgress, by) -> None:
    """The reasons, in the user's words, why nobody or not this user may decide now."""
    _require_not_withdrawn(progress)
    if progress.state != StageState.SUBMITTED:
        raise WorkflowError(_("Only a stage awaiting sign-off can be approved or returned."))
    if permissions.is_office_of(by, progress.candidacy.city):
        raise PermissionDenied(_("A city's own office cannot sign off its stages."))


def _require_shown_submission(progress: StageProgress, submission: str | None) -> None:
    """Refuse a decision on a submission other than the stage's current one (`submission`:
    what the signatory's page showed, `StageProgress.submission`; None: no page, a script)."""
    if submission is not None and submission != progress.submission:
        raise WorkflowError(
            _("This stage was resubmitted or changed after you opened it; review it again.")
        )


def _require_signatory(progress: StageProgress, by) -> str:
    role = permissions.signing_role(by, progress)
    if role is None:
        _require_awaiting_signoff(progress, by)
        if any(
            permissions.acts_as(by, signed.role, progress) for signed in progress.signoffs.all()
        ):
            raise WorkflowError(
                _("You have already approved this submission; it awaits the other signatories.")
            )
        raise PermissionDenied(_("You are not a signatory of this stage."))
    return role


def _require_enough_evaluators(progress: StageProgress) -> None:
    """An evaluation needing `min_evaluators` > 1 is approved only once that many evaluators
    acting on the city each judged every criterion (`evaluations.selectors.judgement_sets`,
    the one rule)."""
    if progress.definition.kind != StageKind.EVALUATION or progress.definition.min_evaluators <= 1:
        return  # one evaluator: the completeness rule's one complete set is enough
    sets = judgement_sets(progress)
    if not sets.enough:
        raise WorkflowError(
            ngettext(
                "This evaluation needs %(needed)s evaluators who each judged every criterion; "
                "%(complete)s evaluator has so far. Another evaluator judges every criterion "
                "first.",
                "This evaluation needs %(needed)s evaluators who each judged every criterion; "
                "%(complete)s evaluators have so far. Another evaluator judges every criterion "
                "first.",
                sets.counted,
            )
            % {"needed": format_number(sets.needed), "complete": format_number(sets.counted)}
        )


def stage_approve(
    *,
    progress: StageProgress,
    by,
    comment: str = "",
    submission: str | None = None,
    starts_on: datetime.date | None = None,
) -> StageProgress:
    """Record the user's approval of `submission`, the one their page showed
    (`StageProgress.submission`; refused if the stage was resubmitted or changed since). When
    every required signatory has approved, the stage is approved, the next stage opens and any
    status it grants is given. A stage that grants recognition starts it on `starts_on` (given
    by the approval that completes the stage; empty: the day of the approval) and ends it
    `recognition_ends_on`. Side effects: history rows, e-mail to the city's office."""
    with transaction.atomic():
        progress = stage_locked(progress)
        role = _require_signatory(progress, by)
        _require_shown_submission(progress, submission)
        _require_enough_evaluators(progress)
        definition = progress.definition
        if starts_on is not None:
            if definition.grants != Grants.RECOGNITION:
                raise ValidationError(
                    {"starts_on": _("Only an approval that recognises the city takes a start.")},
                    code="start_without_recognition",
                )
            _recognition_starts_on_check(
                starts_on, definition.validity_months or 0, today=timezone.localdate()
            )
        SignOff.objects.create(progress=progress, role=role, user=by, comment=comment)
        if permissions.pending_signatory_roles(progress):
            if starts_on is not None:
                raise ValidationError(
                    {
                        "starts_on": _(
                            "The start of the recognition is given by the last signatory's "
                            "approval: leave it empty."
                        )
                    },
                    code="start_before_last_signatory",
                )
            _record(
                progress,
                action=Transition.Action.SIGN,
                by=by,
                role=role,
                from_state=progress.state,
                comment=comment,
            )
            return progress
        _move(
            progress,
            StageState.APPROVED,
            action=Transition.Action.APPROVE,
            by=by,
            role=role,
            comment=comment,
            approved_at=timezone.now(),
        )
        _grant(progress, starts_on=starts_on)
        if progress.definition.repeats:
            _next_round(progress, by=by, role=role)
        else:
            following = _following(progress)
            if following is not None and following.state == StageState.LOCKED:
                _open(following, by=by, role=role)
        stage_event(progress=progress, action=Transition.Action.APPROVE, by=by, comment=comment)
    return progress


def _following(progress: StageProgress) -> StageProgress | None:
    return (
        StageProgress.objects.select_for_update(of=("self",))
        .filter(
            candidacy_id=progress.candidacy_id,
            definition__position__gt=progress.definition.position,
        )
        .order_by("definition__position")
        .first()
    )


def _grant(progress: StageProgress, *, starts_on: datetime.date | None = None) -> None:
    definition, candidacy = progress.definition, progress.candidacy
    today = timezone.localdate()
    if definition.grants == Grants.CANDIDACY and candidacy.candidate_since is None:
        candidacy.candidate_since = today
        candidacy.save(update_fields=["candidate_since"])
    elif definition.grants == Grants.RECOGNITION:
        starts_on = starts_on or today
        candidacy.recognised_since = candidacy.recognised_since or starts_on
        candidacy.recognised_until = recognition_ends_on(starts_on, definition.validity_months)
        candidacy.save(update_fields=["recognised_since", "recognised_until"])
        _recognition_cycle_start(candidacy, starts_on=starts_on, ends_on=candidacy.recognised_until)


def _recognition_cycle_start(candidacy: Candidacy, *, starts_on, ends_on) -> Recognition:
    """The next cycle of the city's recognition; the one before (if any) names it as its
    renewal. In the transaction of the approval that grants it."""
    previous = (
        Recognition.objects.select_for_update()
        .filter(candidacy=candidacy)
        .order_by("-cycle")
        .first()
    )
    cycle = Recognition.objects.create(
        candidacy=candidacy,
        cycle=previous.cycle + 1 if previous else 1,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    if previous is not None:
        previous.renewed_by = cycle
        previous.save(update_fields=["renewed_by"])
    return cycle


def recognition_lapses_record(*, today: datetime.date | None = None) -> int:
    """Record as lapsed (`Recognition.lapsed_on`, the day after its end) every cycle whose
    end has passed without a renewal; run daily by `manage.py record_lapses`. Idempotent: a
    cycle already lapsed or renewed is left alone, and so is one that ended with its closed
    programme (`models.ended_with_programme`: nobody could renew it, it did not lapse).
    Returns how many it recorded."""
    today = today or timezone.localdate()
    lapsed = 0
    with transaction.atomic():
        due = (
            Recognition.objects.select_for_update(of=("self",))
            .filter(ends_on__lt=today, lapsed_on__isnull=True, renewed_by__isnull=True)
            .exclude(ended_with_programme_q("ends_on", "candidacy__city__programme"))
        )
        for recognition in due:
            recognition.lapsed_on = recognition.ends_on + datetime.timedelta(days=1)
            recognition.save(update_fields=["lapsed_on"])
            lapsed += 1
    return lapsed


def _recognition_window_check(
    recognition: Recognition, cycles: list[Recognition], *, starts_on, ends_on
) -> None:
    """Refuse a corrected window for `recognition` that overlaps one of the city's other
    `cycles` unrelated to it, or that puts it out of order with a cycle it renews or that
    renews it. A renewal begins before the cycle it renews ends (by design), so those two may
    overlap; the renewal still starts after the renewed cycle starts and ends after it ends."""
    for other in cycles:
        if other.renewed_by_id == recognition.pk:
            earlier, later = (other.starts_on, other.ends_on), (starts_on, ends_on)
        elif recognition.renewed_by_id == other.pk:
            earlier, later = (starts_on, ends_on), (other.starts_on, other.ends_on)
        else:
            if other.starts_on <= ends_on and starts_on <= other.ends_on:
                raise ValidationError(
                    _(
                        "These dates overlap the city's recognition cycle %(cycle)s "
                        "(%(starts_on)s – %(ends_on)s)."
                    )
                    % {
                        "cycle": format_number(other.cycle),
                        "starts_on": date_format(other.starts_on),
                        "ends_on": date_format(other.ends_on),
                    },
                    code="recognition_cycles_overlap",
                )
            continue
        if not (earlier[0] < later[0] and earlier[1] < later[1]):
            raise ValidationError(
                _(
                    "A renewal starts after the cycle it renews starts and ends after it ends: "
                    "these dates put this cycle out of order with the city's recognition cycle "
                    "%(cycle)s (%(starts_on)s – %(ends_on)s)."
                )
                % {
                    "cycle": format_number(other.cycle),
                    "starts_on": date_format(other.starts_on),
                    "ends_on": date_format(other.ends_on),
                },
                code="recognition_renewal_out_of_order",
            )


def recognition_dates_correct(
    *,
    recognition: Recognition,
    by,
    starts_on: datetime.date,
    ends_on: datetime.date,
    note: str,
) -> Recognition:
    """Correct a recognition cycle's first and last days (a start typed wrong at the approval):
    the programme's coordinators or a superuser (`permissions.can_correct_recognition`), with
    the reason. The window stays within the portal's bounds (`plausible_date`), ends on or
    after its start and overlaps none of the city's other cycles but the one it renews and the
    one that renews it, and stays in order with those two (`_recognition_window_check`). The
    candidacy's `recognised_until` follows its current (latest) cycle and `recognised_since`
    its first; a lapse already recorded moves with the end (or is undone if the end is not
    past). Side effects: a `RecognitionCorrection` history row; the city's pages change (their
    editions are raised by the saves, `reporting.signals`)."""
    note = (note or "").strip()
    with transaction.atomic():
        recognition = (
            Recognition.objects.select_for_update(of=("self",))
            .select_related("candidacy__city__programme")
            .get(pk=recognition.pk)
        )
        programme = recognition.candidacy.city.programme
        if not programme_is_open(programme):
            raise PermissionDenied(programme_closed_message(programme))
        if not permissions.can_correct_recognition(by, recognition):
            raise PermissionDenied(
                _("Only the programme's coordinator can correct a recognition's dates.")
            )
        errors: dict[str, list] = {}
        for field, day in (("starts_on", starts_on), ("ends_on", ends_on)):
            try:
                plausible_date(day)
            except ValidationError as error:
                errors[field] = error.error_list
        if not note:
            errors["note"] = [_("Give the reason for the correction.")]
        else:
            try:
                RecognitionCorrection._meta.get_field("note").run_validators(note)
            except ValidationError as error:
                errors["note"] = error.error_list
        if errors:
            raise ValidationError(errors)
        if ends_on < starts_on:
            raise ValidationError(
                {"ends_on": _("A recognition ends on or after its first day.")},
                code="recognition_ends_before_start",
            )
        if (starts_on, ends_on) == (recognition.starts_on, recognition.ends_on):
            raise ValidationError(
                _("These are the dates on the record already: change at least one of them."),
                code="recognition_dates_unchanged",
            )
        cycles = list(
            Recognition.objects.select_for_update()
            .filter(candidacy_id=recognition.candidacy_id)
            .exclude(pk=recognition.pk)
        )
        _recognition_window_check(recognition, cycles, starts_on=starts_on, ends_on=ends_on)
        correction = RecognitionCorrection(
            recognition=recognition,
            from_starts_on=recognition.starts_on,
            from_ends_on=recognition.ends_on,
            to_starts_on=starts_on,
            to_ends_on=ends_on,
            note=note,
            by=by,
        )
        recognition.starts_on, recognition.ends_on = starts_on, ends_on
        if recognition.lapsed_on is not None:
            lapsed_on = ends_on + datetime.timedelta(days=1)
            recognition.lapsed_on = lapsed_on if lapsed_on <= timezone.localdate() else None
        recognition.save(update_fields=["starts_on", "ends_on", "lapsed_on"])
        correction.save()
        candidacy = Candidacy.objects.select_for_update().get(pk=recognition.candidacy_id)
        changed = []
        if candidacy.recognised_until is not None and all(
            other.cycle < recognition.cycle for other in cycles
        ):
            candidacy.recognised_until = ends_on
            changed.append("recognised_until")
        if candidacy.recognised_since is not None and all(
            other.cycle > recognition.cycle for other in cycles
        ):
            candidacy.recognised_since = starts_on
            changed.append("recognised_since")
        if changed:
            candidacy.save(update_fields=changed)
    return recognition


def _next_round(progress: StageProgress, *, by, role) -> None:
    """An approved ongoing review opens the next review round at once."""
    progress.round += 1
    progress.narrative = ""
    progress.version += 1  # a narrative form of the last round is stale now
    progress.save(update_fields=["round", "narrative", "version", "updated_at"])
    SignOff.objects.filter(progress=progress).delete()
    _move(
        progress,
        StageState.OPEN,
        action=Transition.Action.RENEW,
        by=by,
        role=role,
        opened_at=timezone.now(),
    )


def stage_return(
    *, progress: StageProgress, by, comment: str, submission: str | None = None
) -> StageProgress:
    """Send a submitted stage back to its preparer with the reason. Clears every approval given
    to this submission; `submission` is the one the signatory's page showed (refused if the
    stage was resubmitted or changed since). Side effects: history row, e-mail to the
    preparer."""
    comment = (comment or "").strip()
    with transaction.atomic():
        progress = stage_locked(progress)
        role = _require_signatory_for_return(progress, by)
        _require_shown_submission(progress, submission)
        if not comment:
            raise WorkflowError(_("Say what needs to change: a return needs a comment."))
        SignOff.objects.filter(progress=progress).delete()
        _move(
            progress,
            StageState.RETURNED,
            action=Transition.Action.RETURN,
            by=by,
            role=role,
            comment=comment,
            opened_at=timezone.now(),
        )
        stage_event(progress=progress, action=Transition.Action.RETURN, by=by, comment=comment)
    return progress


def _require_signatory_for_return(progress: StageProgress, by) -> str:
    role = permissions.returning_role(by, progress)
    if role is None:
        _require_awaiting_signoff(progress, by)
        raise PermissionDenied(_("You are not a signatory of this stage."))
    return role


# --- coordinators' corrections ----------------------------------------------------------------


def stage_reopen(*, progress: StageProgress, by, reason: str) -> StageProgress:
    """Reopen an approved stage while no later stage has been submitted. The stage after it
    locks again and any status the stage granted is withdrawn. Side effects: history rows."""
    reason = (reason or "").strip()
    with transaction.atomic():
        progress = stage_locked(progress)
        _require_not_withdrawn(progress)
        if not permissions.can_reopen_stage(by, progress):
            if progress.state != StageState.APPROVED:
                raise WorkflowError(_("Only an approved stage can be reopened."))
            raise PermissionDenied(_("Only the programme's coordinator can reopen a stage."))
        if not reason:
            raise WorkflowError(_("Give the reason for reopening the stage."))
        later = list(
            StageProgress.objects.select_for_update(of=("self",))
            .select_related("definition")
            .filter(
                candidacy_id=progress.candidacy_id,
                definition__position__gt=progress.definition.position,
            )
        )
        if any(stage.state not in (StageState.LOCKED, StageState.OPEN) for stage in later):
            raise WorkflowError(
                _(
                    "A later stage has already been submitted, so this stage can no longer be "
                    "reopened."
                )
            )
        SignOff.objects.filter(progress=progress).delete()
        _move(
            progress,
            StageState.OPEN,
            action=Transition.Action.REOPEN,
            by=by,
            role=Role.COORDINATOR,
            comment=reason,
            approved_at=None,
            opened_at=timezone.now(),
        )
        for stage in later:
            if stage.state == StageState.OPEN:
                _move(
                    stage,
                    StageState.LOCKED,
                    action=Transition.Action.LOCK,
                    by=by,
                    role=Role.COORDINATOR,
                    comment=reason,
                )
        candidacy = progress.candidacy
        if progress.definition.grants == Grants.CANDIDACY:
            candidacy.candidate_since = None
            candidacy.save(update_fields=["candidate_since"])
        elif progress.definition.grants == Grants.RECOGNITION:
            candidacy.recognised_since = candidacy.recognised_until = None
            candidacy.save(update_fields=["recognised_since", "recognised_until"])
            # The cycle this approval started is undone with it; earlier ones stay.
            latest = candidacy.recognitions.order_by("-cycle").first()
            if latest is not None:
                latest.delete()
    return progress


def candidacy_withdraw(*, candidacy: Candidacy, by, reason: str) -> Candidacy:
    """Withdraw a city from the programme (coordinator). Recorded on the current stage."""
    reason = (reason or "").strip()
    with transaction.atomic():
        candidacy = (
            Candidacy.objects.select_for_update(of=("self",))
            .select_related("city__programme")
            .get(pk=candidacy.pk)
        )
        if not programme_is_open(candidacy.city.programme):
            raise PermissionDenied(programme_closed_message(candidacy.city.programme))
        if candidacy.withdrawn_on:
            raise WorkflowError(_("This candidacy has already been withdrawn."))
        if not permissions.can_withdraw_candidacy(by, candidacy):
            raise PermissionDenied(_("Only the programme's coordinator can withdraw a city."))
        if not reason:
            raise WorkflowError(_("Give the reason for withdrawing the candidacy."))
        Transition._meta.get_field("comment").run_validators(reason)  # bounded by the model
        candidacy.withdrawn_on = timezone.localdate()
        candidacy.save(update_fields=["withdrawn_on"])
        current = candidacy.current_stage
        if current is not None:
            _record(
                current,
                action=Transition.Action.WITHDRAW,
                by=by,
                role=Role.COORDINATOR,
                from_state=current.state,
                comment=reason,
            )
    return candidacy


# --- conflicts of interest --------------------------------------------------------------------


def conflict_declare(
    *, candidacy: Candidacy, by, has_conflict: bool, statement: str = ""
) -> ConflictDeclaration:
    """The evaluator declares, once, whether they have a conflict of interest with the city
    (`permissions.has_cleared_conflict`). A conflict recuses them, and needs a statement; it
    is refused while no other evaluator could act on the city
    (`permissions.who_could_act`: not its own office staff, not recused), and, for one who
    also coordinates the programme (a conflict recuses them in both roles), while no other
    coordinator could."""
    statement = (statement or "").strip()
    with transaction.atomic():
        candidacy = (
            Candidacy.objects.select_for_update(of=("self",))
            .select_related("city")
            .get(pk=candidacy.pk)
        )
        if not permissions.can_declare_conflict(by, candidacy):
            if not programme_is_open(candidacy.city.programme):
                raise PermissionDenied(programme_closed_message(candidacy.city.programme))
            raise PermissionDenied(_("Only the programme's evaluators declare a conflict."))
        if ConflictDeclaration.objects.filter(evaluator=by, candidacy=candidacy).exists():
            raise WorkflowError(_("You have already declared for this city."))
        if has_conflict and not statement:
            raise ValidationError({"statement": _("Say what the conflict of interest is.")})
        others = (
            [u for u in permissions.who_could_act(candidacy, Role.EVALUATOR) if u.pk != by.pk]
            if has_conflict
            else []
        )
        if has_conflict and not others:
            raise ValidationError(
                {
                    "has_conflict": _(
                        "You are the only evaluator who can sign this stage: ask the "
                        "coordinator to add an evaluator before recusing yourself."
                    )
                }
            )
        needed = permissions.evaluators_needed(candidacy) if has_conflict else 1
        if has_conflict and len(others) < needed:
            raise ValidationError(
                {
                    "has_conflict": _(
                        "Evaluators this city's evaluation needs: %(needed)s; without you, "
                        "only %(left)s could judge it. Ask the coordinator to add an evaluator "
                        "before recusing yourself."
                    )
                    % {"needed": format_number(needed), "left": format_number(len(others))}
                }
            )
        if (
            has_conflict
            and permissions.could_coordinate(by, candidacy)
            and not any(
                user.pk != by.pk for user in permissions.who_could_act(candidacy, Role.COORDINATOR)
            )
        ):
            raise ValidationError(
                {
                    "has_conflict": _(
                        "You are the only coordinator who can sign this city's stages: a "
                        "conflict recuses you as its coordinator too. Ask for another "
                        "coordinator of the programme before recusing yourself."
                    )
                }
            )
        declaration = ConflictDeclaration(
            evaluator=by, candidacy=candidacy, has_conflict=has_conflict, statement=statement
        )
        declaration.full_clean()
        declaration.save()
    by._cfc_conflicts = None  # the predicates read the user's declarations again
    return declaration


# --- call rounds --------------------------------------------------------------------------------

#: What a coordinator writes of a call round (the form's and the admin's fields).
ROUND_FIELDS = ("name", "opens_on", "closes_on", "decision_by", "applications_close", "notes")


def _round_require_manager(by, programme: Programme) -> None:
    if not permissions.can_manage_rounds(by, programme):
        if not programme_is_open(programme):
            raise PermissionDenied(programme_closed_message(programme))
        raise PermissionDenied(_("Only the programme's coordinators manage its call rounds."))


def round_open(*, programme: Programme, by, name: str, opens_on, closes_on, **fields) -> CallRound:
    """Open a call round in the programme (its coordinators). Validated by the model (dates in
    order and bounded, texts capped); nothing is written if it is refused. `fields`: the rest of
    `ROUND_FIELDS` (and the name's languages). Side effect: a `CallRoundChange` row ("opened",
    with what it was opened with)."""
    _round_require_manager(by, programme)
    call_round = CallRound(programme=programme, name=name, opens_on=opens_on, closes_on=closes_on)
    for field, value in fields.items():
        _round_field_check(field)
        setattr(call_round, field, value)
    with transaction.atomic():
        call_round.full_clean()
        call_round.save()
        _round_history_write(call_round, CallRoundChange.Action.OPENED, None, by)
    return call_round


def _round_field_check(field: str) -> None:
    """Only `ROUND_FIELDS` and the name's languages (`name_fa`, ... from the admin)."""
    if field not in ROUND_FIELDS and not field.startswith("name_"):
        raise TypeError(field)


def _round_values(call_round: CallRound) -> dict[str, str]:
    """The round's written fields as stored text, for its history."""
    names = [f.name for f in CallRound._meta.fields if f.name.startswith("name_")]
    values = {}
    for name in (*ROUND_FIELDS, *names):
        value = getattr(call_round, name)
        values[name] = (
            ""
            if value is None
            else (value.isoformat() if hasattr(value, "isoformat") else str(value))
        )
    return values


def _round_history_write(call_round: CallRound, action: str, before: dict | None, by) -> None:
    after = _round_values(call_round)
    fields = {
        name: [(before or {}).get(name, ""), value]
        for name, value in after.items()
        if before is None and value or before is not None and before.get(name) != value
    }
    if before is not None and not fields:
        return  # saved unchanged: nothing to record
    CallRoundChange.objects.create(
        call_round=call_round,
        action=action,
        fields=fields,
        by=by if getattr(by, "pk", None) else None,
    )


def round_update(*, call_round: CallRound, by, version: int | None = None, **fields) -> CallRound:
    """Change a call round's name, dates or notes (its programme's coordinators). `version`:
    the one the form was loaded with; a save since is refused (`core.versions.StaleEdit`).
    Moving `closes_on` later reopens the round to applications, earlier closes it. Side effect:
    a `CallRoundChange` row with each changed field before and after (none if nothing
    changed)."""
    with transaction.atomic():
        call_round = CallRound.objects.select_for_update().get(pk=call_round.pk)
        _round_require_manager(by, call_round.programme)
        check_and_bump(call_round, version)
        before = _round_values(call_round)
        for field, value in fields.items():
            _round_field_check(field)
            setattr(call_round, field, value)
        call_round.full_clean()
        call_round.save()
        _round_history_write(call_round, CallRoundChange.Action.CHANGED, before, by)
    return call_round


def candidacy_join_round(*, candidacy: Candidacy, call_round: CallRound | None, by) -> Candidacy:
    """Put the candidacy in a call round of its city's programme (`None`: in none). Only the
    programme's coordinators; a round of another programme is refused."""
    with transaction.atomic():
        candidacy = (
            Candidacy.objects.select_for_update(of=("self",))
            .select_related("city")
            .get(pk=candidacy.pk)
        )
        _round_require_manager(by, candidacy.city.programme)
        candidacy.call_round = call_round
        candidacy.clean()
        candidacy.save(update_fields=["call_round"])
    return candidacy
