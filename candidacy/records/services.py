"""Every write to a stage's record. Each function checks that the user may edit the stage
(`candidacy.permissions.can_edit_stage`: its preparer, while it is open or returned, so an
approved stage's record stays read-only until a coordinator reopens it), validates the values
with the models' own rules, and writes inside one transaction with the stage row locked.
No change of workflow state and no history row: the record is part of the stage's draft."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from candidacy import permissions
from candidacy import services as workflow
from candidacy.models import StageProgress
from core.versions import check_and_bump

from . import registry
from .registry import RecordKind


def editable_stage(progress: StageProgress, by, *, kind: str | None = None) -> StageProgress:
    """The stage, re-read with its row locked, once the user may edit it (and, if `kind` is
    given, once the stage is of that kind); else the reason."""
    if kind is not None and progress.definition.kind != kind:
        raise workflow.WorkflowError(_("This stage keeps no such record."))
    progress = workflow.stage_locked(progress)
    if not permissions.can_edit_stage(by, progress):
        workflow.require_editable(progress, by)  # raises with the reason the user can act on
        raise PermissionDenied(_("You do not prepare this stage."))  # pragma: no cover
    return progress


def _kind(progress: StageProgress) -> RecordKind:
    kind = registry.record_kind(progress)
    if kind is None or kind.model is None:
        raise workflow.WorkflowError(_("This stage keeps no such record."))
    return kind


def assign_values(instance: models.Model, values: dict) -> dict:
    """Set the values a user may set (the model's `editable_fields`) on the instance; return
    the many-to-many ones apart."""
    unknown = set(values) - set(instance.editable_fields)
    if unknown:
        raise ValueError(f"Not editable fields of {type(instance).__name__}: {sorted(unknown)}")
    many = {}
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            many[name] = list(value)
        else:
            setattr(instance, name, value)
    return many


def check_districts(progress: StageProgress, row: models.Model, many: dict) -> None:
    """The districts chosen for a row are the city's own."""
    districts = many.get("districts", [])
    if any(district.city_id != progress.candidacy.city_id for district in districts):
        raise ValidationError({"districts": _("Choose districts of this city only.")})


@dataclass(frozen=True)
class Rows:
    """A list a stage keeps: its row model, and what the generic row services need to know of
    it beyond the model."""

    model: type[models.Model]
    stage_kind: str | None = None  # the stage kind that keeps it (None: any whose kind says so)
    stage_path: str = "progress"  # the lookup from a row to its stage
    #: A new row of the stage (it may refuse, e.g. while a parent record is missing).
    new: Callable[[StageProgress], models.Model] | None = None
    #: The links the model cannot check (the city's own districts, gaps...); raises
    #: ValidationError (None: nothing to check).
    check: Callable[[StageProgress, models.Model, dict], None] | None = check_districts
    #: Refuses to remove a row something else still needs (raises WorkflowError).
    before_remove: Callable[[models.Model], None] | None = None

    def stage_of(self, row: models.Model) -> StageProgress:
        return reduce(getattr, self.stage_path.split("__"), row)


def rows_of_kind(progress: StageProgress) -> Rows:
    """The list the stage's record kind keeps, if it keeps one."""
    kind = registry.record_kind(progress)
    if kind is None or kind.row_model is None:
        raise workflow.WorkflowError(_("This stage keeps no such record."))
    return Rows(kind.row_model)


def record_save(
    *, progress: StageProgress, by, values: dict, document_upload=None, version: int | None = None
):
    """Create or change the stage's one-to-one record. `document_upload`, if given, is
    attached to the stage as evidence (checked like every upload) and becomes the record's
    required document. `version`: the one the form was loaded with (0: no record yet);
    another save since is refused (`core.versions.StaleEdit`). Raises ValidationError (per
    field) or WorkflowError."""
    kind = _kind(progress)
    with transaction.atomic():
        progress = editable_stage(progress, by)
        record = kind.model.objects.filter(progress=progress).first() or kind.model(
            progress=progress
        )
        check_and_bump(record, version)
        assign_values(record, values)
        field = kind.model.document_field
        if field and document_upload is not None:
            label = capfirst(kind.model._meta.get_field(field).verbose_name)
            evidence = workflow.evidence_add(
                progress=progress, by=by, upload=document_upload, description=str(label)
            )
            setattr(record, field, evidence)
        record.updated_by = by
        record.full_clean()
        record.save()
    return record


def _write_row(progress: StageProgress, rows: Rows, row, values: dict):
    many = assign_values(row, values)
    if rows.check:
        rows.check(progress, row, many)
    row.full_clean()
    row.save()
    for name, value in many.items():
        getattr(row, name).set(value)
    return row


def row_add(*, progress: StageProgress, by, values: dict, rows: Rows | None = None):
    """Add a row (a data set, an initiative, a gap, an action...) to a list the stage keeps;
    `rows` says which (default: the list of the stage's record kind)."""
    rows = rows or rows_of_kind(progress)
    with transaction.atomic():
        progress = editable_stage(progress, by, kind=rows.stage_kind)
        row = rows.new(progress) if rows.new else rows.model(progress=progress)
        return _write_row(progress, rows, row, values)


def row_update(*, row, by, values: dict, rows: Rows | None = None, version: int | None = None):
    """Change a row; `version`, the one its form was loaded with, refuses a save since
    (`core.versions.StaleEdit`)."""
    rows = rows or rows_of_kind(row.progress)
    with transaction.atomic():
        progress = editable_stage(rows.stage_of(row), by, kind=rows.stage_kind)
        row = rows.model.objects.select_for_update().get(pk=row.pk, **{rows.stage_path: progress})
        if rows.stage_path == "progress":
            row.progress = progress
        check_and_bump(row, version)
        return _write_row(progress, rows, row, values)


def row_remove(*, row, by, rows: Rows | None = None) -> None:
    rows = rows or rows_of_kind(row.progress)
    with transaction.atomic():
        editable_stage(rows.stage_of(row), by, kind=rows.stage_kind)
        if rows.before_remove:
            rows.before_remove(row)
        row.delete()


class RowServices(NamedTuple):
    add: Callable[..., models.Model]
    update: Callable[..., models.Model]
    remove: Callable[..., None]


def row_services(rows: Rows, row_name: str, *, prefix: str = "") -> RowServices:
    """`row_add`, `row_update` and `row_remove` bound to one list, for callers that know what
        they change; update and remove take the row by its domain name:
        `goal_add, goal_update, goal_remove = row_services(GOALS, "goal")`, then
        `goal_update(goal=goal, by=user, values=values)`. `prefix` names the functions (default:
    `row_name`)."""
    label = rows.model._meta.verbose_name

    def add(*, progress: StageProgress, by, values: dict):
        return row_add(progress=progress, by=by, values=values, rows=rows)

    def update(*, by, values: dict, version: int | None = None, **row):
        return row_update(row=row[row_name], by=by, values=values, rows=rows, version=version)

    def remove(*, by, **row) -> None:
        row_remove(row=row[row_name], by=by, rows=rows)

    for verb, service in (("add", add), ("update", update), ("remove", remove)):
        service.__name__ = service.__qualname__ = f"{prefix or row_name}_{verb}"
        service.__doc__ = f"`row_{verb}` of the {label} list (`row_services`)."
    return RowServices(add, update, remove)


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
