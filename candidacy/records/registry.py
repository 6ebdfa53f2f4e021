"""Which record each kind of stage keeps: the kind modules of `candidacy.records.kinds`, one
per kind of record, each declaring its `RecordKind` as `KIND`. Everything that asks about a
stage's record asks here: `record_kind` (model, forms, template, URLs), `missing` (the
completeness rule; `candidacy.services.stage_submit` refuses while it is not empty) and
`record_context` (what the stage page shows).

A stage kind without a record (`NO_RECORD`) keeps its narrative and evidence only, and its
submission is not gated by a record.

The kind modules are imported on first use, not with this module: their pages' views call
`candidacy.services`, which asks `missing` here.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from candidacy import permissions
from candidacy.models import StageKind, StageProgress

from .kinds import RecordKind

#: The kind modules, in `candidacy.records.kinds`.
KIND_MODULES = (
    "office_formation",
    "cfc_database",
    "stocktake",
    "letters",
    "grants",
    "network_membership",
    "childrens_atlas",
    "situation_analysis",
    "plans",
    "evaluation",
    "ongoing_review",
)

#: Issue 3 describes no record for these (Kazakhstan's and Lithuania's councils and working
#: groups, Lithuania's implementation report): narrative and evidence only.
NO_RECORD = (StageKind.COUNCIL, StageKind.REPORT)


@cache
def record_kinds() -> dict[str, RecordKind | None]:
    """Every stage kind with its record kind (None: no record)."""
    kinds: dict[str, RecordKind | None] = dict.fromkeys(NO_RECORD)
    for name in KIND_MODULES:
        kind = import_module(f"{__package__}.kinds.{name}").KIND
        for stage_kind in kind.stage_kinds:
            if stage_kind in kinds:
                raise ValueError(f"Stage kind {stage_kind!r} is declared twice.")
            kinds[stage_kind] = kind
    return kinds


def all_kinds() -> list[RecordKind]:
    """Each record kind once."""
    return list({id(kind): kind for kind in record_kinds().values() if kind}.values())


def record_kind(progress: StageProgress) -> RecordKind | None:
    return record_kinds().get(progress.definition.kind)


def missing(progress: StageProgress) -> list[str]:
    """Every thing the stage's record still lacks before submission, one message each."""
    kind = record_kind(progress)
    return kind.rule(progress) if kind and kind.rule else []


def record_context(user, progress: StageProgress) -> dict:
    """What the stage page needs to show the stage's record and what it still lacks."""
    kind = record_kind(progress)
    context = {
        "record_kind": kind,
        "record": None,
        "record_rows": [],
        "record_missing": [],
        "can_edit_record": False,
    }
    if kind is None:
        return context
    if kind.context is not None:
        context.update(kind.context(progress))
    if progress.is_editable_state:  # once submitted, the record was complete; no need to ask
        context["record_missing"] = missing(progress)
    context["can_edit_record"] = permissions.can_edit_stage(user, progress)
    return context
