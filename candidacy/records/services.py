"""Every write to a stage's record. Each function checks that the user may edit the stage
(`candidacy.permissions.can_edit_stage`: its preparer, while it is open or returned, so an
approved stage's record stays read-only until a coordinator reopens it), validates the values
with the models' own rules, and writes inside one transaction with the stage row locked.
No change of workflow state and no history row: the record is part of the stage's draft."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from candidacy import permissions
from candidacy import services as workflow
from candidacy.models import StageProgress

from . import registry
from .registry import RecordKind


def _editable(progress: StageProgress, by) -> StageProgress:
    """The stage, re-read with its row locked, once the user may edit it; else the reason."""
    progress = workflow.stage_locked(progress)
    if not permissions.can_edit_stage(by, progress):
        workflow.require_editable(progress, by)  # raises with the reason the user can act on
        raise PermissionDenied(_("You do not prepare this stage."))  # pragma: no cover
    return progress


def _spec(progress: StageProgress, *, rows: bool) -> RecordKind:
    spec = registry.record_kind(progress)
    if spec is None or (spec.row_model if rows else spec.model) is None:
        raise workflow.WorkflowError(_("This stage keeps no such record."))
    return spec


def _assign(instance: models.Model, form_class, values: dict) -> dict:
    """Set the values the form allows on the instance; return the many-to-many ones apart."""
    allowed = set(form_class._meta.fields)
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"Not fields of {form_class.__name__}: {sorted(unknown)}")
    many = {}
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            many[name] = list(value)
        else:
            setattr(instance, name, value)
    return many


def _check_districts(progress: StageProgress, many: dict) -> None:
    districts = many.get("districts", [])
    if any(district.city_id != progress.candidacy.city_id for district in districts):
        raise ValidationError({"districts": _("Choose districts of this city only.")})


def record_save(*, progress: StageProgress, by, values: dict, document_upload=None):
    """Create or change the stage's one-to-one record. `document_upload`, if given, is
    attached to the stage as evidence (checked like every upload) and becomes the record's
    required document. Raises ValidationError (per field) or WorkflowError."""
    spec = _spec(progress, rows=False)
    with transaction.atomic():
        progress = _editable(progress, by)
        record = spec.model.objects.filter(progress=progress).first() or spec.model(
            progress=progress
        )
        _assign(record, spec.form, values)
        field = spec.model.document_field
        if field and document_upload is not None:
            label = capfirst(spec.model._meta.get_field(field).verbose_name)
            evidence = workflow.evidence_add(
                progress=progress, by=by, upload=document_upload, description=str(label)
            )
            setattr(record, field, evidence)
        record.updated_by = by
        record.full_clean()
        record.save()
    return record


def row_add(*, progress: StageProgress, by, values: dict):
    """Add a row (a data set, an initiative) to a kind that keeps a list."""
    spec = _spec(progress, rows=True)
    with transaction.atomic():
        progress = _editable(progress, by)
        row = spec.row_model(progress=progress)
        many = _assign(row, spec.row_form, values)
        _check_districts(progress, many)
        row.full_clean()
        row.save()
        for name, value in many.items():
            getattr(row, name).set(value)
    return row


def row_update(*, row, by, values: dict):
    spec = _spec(row.progress, rows=True)
    with transaction.atomic():
        progress = _editable(row.progress, by)
        row = spec.row_model.objects.select_for_update().get(pk=row.pk, progress=progress)
        row.progress = progress
        many = _assign(row, spec.row_form, values)
        _check_districts(progress, many)
        row.full_clean()
        row.save()
        for name, value in many.items():
            getattr(row, name).set(value)
    return row


def row_remove(*, row, by) -> None:
    with transaction.atomic():
        _editable(row.progress, by)
        row.delete()


# The names the domain uses, for callers that know what they add.
dataset_add = initiative_add = row_add
dataset_update = initiative_update = row_update


def edit_refusal(*, progress: StageProgress, by) -> str:
    """Why the user may not edit the stage's record now ("" if they may)."""
    if permissions.can_edit_stage(by, progress):
        return ""
    try:
        workflow.require_editable(progress, by)
    except (workflow.WorkflowError, PermissionDenied) as error:
        return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    return _("You do not prepare this stage.")  # pragma: no cover
