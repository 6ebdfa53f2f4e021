"""Reads of the records, shaped for the stage page: a fixed number of queries whatever the
number of rows."""

from __future__ import annotations

from candidacy import permissions
from candidacy.models import DataSet, Initiative, StageProgress

from . import registry, rules


def record_rows(progress: StageProgress, row_model) -> list:
    rows = row_model.objects.filter(progress=progress)
    if row_model is DataSet:
        rows = rows.prefetch_related("districts")
    elif row_model is Initiative:
        rows = rows.select_related("district", "responsible_body")
    return list(rows)


def record_context(user, progress: StageProgress) -> dict:
    """What the stage page needs to show the stage's record and what it still lacks."""
    spec = registry.record_kind(progress)
    context = {
        "record_kind": spec,
        "record": None,
        "record_rows": [],
        "record_missing": [],
        "can_edit_record": False,
    }
    if spec is None:
        return context
    if spec.model is not None:
        related = [spec.model.document_field] if spec.model.document_field else []
        context["record"] = (
            spec.model.objects.filter(progress=progress).select_related(*related).first()
        )
    if spec.row_model is not None:
        context["record_rows"] = record_rows(progress, spec.row_model)
    if progress.is_editable_state:  # once submitted, the record was complete; no need to ask
        context["record_missing"] = rules.missing(progress)
    context["can_edit_record"] = permissions.can_edit_stage(user, progress)
    return context
