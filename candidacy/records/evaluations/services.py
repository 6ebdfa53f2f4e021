"""Every write of an evaluation: the record with its judgements (by the stage's preparer, while
the stage is open or returned, like every record), and the status of a condition once the
evaluation is approved (by the programme's coordinator, with a history row). The conditions
themselves are rows of the stage, added and changed through `candidacy.records.services`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from candidacy import services as workflow
from candidacy.models import (
    ChildrenPanelVerdict,
    ConditionStatus,
    ConditionStatusChange,
    CriterionJudgement,
    EvaluationCondition,
    EvaluationCriterion,
    EvaluationRecord,
    FrameworkKind,
    StageKind,
    StageProgress,
    framework_for_opening,
)
from core.versions import check_and_bump

from .. import services as records
from .permissions import can_record_panel_verdict, can_track_condition

#: The panel verdict's fields a caller may set.
PANEL_FIELDS = (
    "recorded_on",
    "panel_size",
    "verdict",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "summary",
)

#: The record's fields a caller may set (the form's fields, without the document).
RECORD_FIELDS = ("evaluated_on", "recommendation", "decision", "report")


def evaluation_save(
    *,
    progress: StageProgress,
    by,
    values: dict,
    judgements: dict[int, tuple[str, str]],
    document_upload=None,
    version: int | None = None,
) -> EvaluationRecord:
    """Create or change the stage's evaluation: `values` for the record's own fields,
    `judgements` as {criterion id: (judgement, finding)}: the judgements of `by` only (both
    empty clears their judgement of a criterion; a judgement needs its finding, the written
    justification), the criteria of the record's framework version: the one in force when the
    record is first saved, kept ever after. Each judge keeps their own judgement of each
    criterion (`CriterionJudgement.judged_by`): another evaluator's, or an earlier,
    unattributed one, is never changed or removed here. Who may save: the stage's preparer
    (`records.editable_stage`, `permissions.can_edit_stage`).
    `document_upload`, if given, is attached to the stage and becomes the report. `version`:
    the one the form was loaded with; another save since is refused
    (`core.versions.StaleEdit`). Raises ValidationError (per field) or WorkflowError; writes
    nothing then."""
    if progress.definition.kind != StageKind.EVALUATION:
        raise workflow.WorkflowError(_("This stage keeps no evaluation."))
    unknown = set(values) - set(RECORD_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of the evaluation: {sorted(unknown)}")
    with transaction.atomic():
        progress = records.editable_stage(progress, by)
        record = EvaluationRecord.objects.filter(progress=progress).first() or EvaluationRecord(
            progress=progress,
            framework=framework_for_opening(
                progress.candidacy.city.programme_id, FrameworkKind.EVALUATION
            ),
        )
        criteria = {
            criterion.pk: criterion
            for criterion in EvaluationCriterion.objects.filter(framework_id=record.framework_id)
        }
        if set(judgements) - set(criteria):
            raise ValidationError(
                _("Judge only the criteria of this city's programme; nothing was saved.")
            )
        check_and_bump(record, version)
        for name, value in values.items():
            setattr(record, name, value)
        if document_upload is not None:
            label = capfirst(EvaluationRecord._meta.get_field("report").verbose_name)
            record.report = workflow.evidence_add(
                progress=progress, by=by, upload=document_upload, description=str(label)
            )
        record.updated_by = by
        record.full_clean()
        record.save()
        own = {row.criterion_id: row for row in record.judgements.filter(judged_by=by)}
        for criterion_id, (judgement, finding) in judgements.items():
            row = own.get(criterion_id)
            if not judgement and not finding.strip():
                if row is not None:
                    row.delete()
                continue
            row = row or CriterionJudgement(
                record=record, criterion=criteria[criterion_id], judged_by=by
            )
            if (row.judgement, row.finding) == (judgement, finding.strip()):
                continue  # unchanged
            row.judgement, row.finding = judgement, finding.strip()
            try:
                row.full_clean(exclude=["record"])
            except ValidationError as error:
                raise ValidationError(
                    {
                        f"finding_{criterion_id}": [
                            f"{criteria[criterion_id]}: {message}" for message in error.messages
                        ]
                    }
                ) from error
            row.save()
    return record


def condition_set_status(
    *, condition: EvaluationCondition, by, status: str, note: str = ""
) -> EvaluationCondition:
    """Mark a condition of an approved evaluation met or waived (or open again). Only the
    programme's coordinator; waiving or reopening needs a note saying why. Side effects: the
    history row (who, when, from which status to which, the note)."""
    if status not in ConditionStatus.values:
        raise ValidationError({"status": _("Choose open, met or waived.")})
    note = note.strip()
    with transaction.atomic():
        condition = (
            EvaluationCondition.objects.select_for_update(of=("self",))
            .select_related("progress__candidacy__city", "progress__definition")
            .get(pk=condition.pk)
        )
        if not can_track_condition(by, condition):
            raise PermissionDenied(
                _(
                    "Only the programme's coordinator tracks the conditions of an approved "
                    "evaluation."
                )
            )
        if status == condition.status:
            raise ValidationError(
                {
                    "status": _("The condition is already “%(status)s”.")
                    % {"status": ConditionStatus(status).label}
                }
            )
        if status != ConditionStatus.MET and not note:
            raise ValidationError({"note": _("Say why the condition is waived or open again.")})
        before = condition.status
        condition.status = status
        condition.status_changed_at = timezone.now()
        condition.status_changed_by = by
        condition.save(update_fields=["status", "status_changed_at", "status_changed_by"])
        ConditionStatusChange.objects.create(
            condition=condition,
            from_status=before,
            to_status=status,
            by=by,
            note=note,
            changed_at=condition.status_changed_at,
        )
    return condition


def panel_verdict_save(*, progress: StageProgress, by, values: dict) -> ChildrenPanelVerdict:
    """Record (or correct) the children's panel verdict of an evaluation stage: aggregates
    only, never a child's name. The coordinator or an evaluator who may act on the city
    (`can_record_panel_verdict`). Raises ValidationError per field; writes nothing then."""
    unknown = set(values) - set(PANEL_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of the panel verdict: {sorted(unknown)}")
    with transaction.atomic():
        progress = (
            StageProgress.objects.select_for_update(of=("self",))
            .select_related("definition", "candidacy__city")
            .get(pk=progress.pk)
        )
        if not can_record_panel_verdict(by, progress):
            raise PermissionDenied(
                _("Only the programme's coordinator or its evaluators record the panel's verdict.")
            )
        verdict = ChildrenPanelVerdict.objects.filter(progress=progress).first()
        verdict = verdict or ChildrenPanelVerdict(progress=progress)
        for name, value in values.items():
            setattr(verdict, name, value.strip() if isinstance(value, str) else value)
        verdict.recorded_by = by
        verdict.full_clean()
        verdict.save()
    return verdict
