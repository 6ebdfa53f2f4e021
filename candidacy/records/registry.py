"""Which record each kind of stage keeps: the kind modules of `candidacy.records.kinds`, one
per kind of record, each declaring its `RecordKind` as `KIND`. Everything that asks about a
stage's record asks here: `record_kind` (model, forms, template, URLs), `missing` (the
completeness rule; `candidacy.services.stage_submit` refuses while it is not empty) and
`record_context` (what the stage page shows).

A stage kind without a record (`NO_RECORD`) keeps its narrative and evidence only, and its
submission is not gated by a record.

The kinds are handed over once, by `candidacy.apps.CandidacyConfig.ready`
(`register_kinds(candidacy.records.kinds.KINDS)`): this module imports no kind, so that the
kinds' pages may call `candidacy.services`, which asks `missing` here, without an import
circle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.http import QueryDict

from candidacy import permissions
from candidacy.models import StageKind, StageProgress


@dataclass(frozen=True)
class RecordKind:
    stage_kinds: tuple[str, ...]  # the `StageKind`s whose stages keep this record
    template: str  # the read view, included on the stage page
    #: Everything the record still lacks before its stage can be submitted, one message each,
    #: in the user's language (`None`: the kind does not gate submission).
    rule: Callable[[StageProgress], list[str]] | None = None
    #: What the stage page shows of the record, merged into its context (`record`,
    #: `record_rows`, or the kind's own names).
    context: Callable[[StageProgress], dict] | None = None
    #: Instead of `context`, for a record whose stage page depends on the page's address (a
    #: page of a long list, its filters and order): called with the stage and `request.GET`.
    query_context: Callable[[StageProgress, QueryDict], dict] | None = None
    model: type[models.Model] | None = None  # the one-to-one record, if the kind has one
    form: type | None = None
    row_model: type[models.Model] | None = None  # the rows, if the kind keeps a list
    row_form: type | None = None
    add_label: str = ""  # the button that adds a row
    #: The kind's own pages, under the stage's record address (namespace `candidacy`).
    urlpatterns: tuple = ()
    #: For a record whose part of the stage page is kept in the cache (`candidacy.views`): the
    #: edition its rows raise (`core.editions`), besides the lists'. Empty: read every time.
    edition: str = ""


#: Issue 3 describes no record for these (Kazakhstan's and Lithuania's councils and working
#: groups, Lithuania's implementation report): narrative and evidence only.
NO_RECORD = (StageKind.COUNCIL, StageKind.REPORT)


_KINDS: dict[str, RecordKind | None] = {}


def register_kinds(kinds: Iterable[RecordKind]) -> None:
    """Record every kind's stage kinds (once, when the app is ready)."""
    registered: dict[str, RecordKind | None] = dict.fromkeys(NO_RECORD)
    for kind in kinds:
        for stage_kind in kind.stage_kinds:
            if stage_kind in registered:
                raise ValueError(f"Stage kind {stage_kind!r} is declared twice.")
            registered[stage_kind] = kind
    _KINDS.clear()
    _KINDS.update(registered)


def record_kinds() -> dict[str, RecordKind | None]:
    """Every stage kind with its record kind (None: no record)."""
    return _KINDS


def record_kind(progress: StageProgress) -> RecordKind | None:
    return record_kinds().get(progress.definition.kind)


def missing(progress: StageProgress) -> list[str]:
    """Every thing the stage's record still lacks before submission, one message each."""
    kind = record_kind(progress)
    return kind.rule(progress) if kind and kind.rule else []


def record_context(user, progress: StageProgress, query: QueryDict | None = None) -> dict:
    """What the stage page needs to show the stage's record and what it still lacks; `query`:
    the page's address (`request.GET`), for a kind that lists its rows a page at a time."""
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
    if kind.query_context is not None:
        context.update(kind.query_context(progress, query if query is not None else QueryDict()))
    if progress.is_editable_state:  # once submitted, the record was complete; no need to ask
        context["record_missing"] = missing(progress)
    context["can_edit_record"] = permissions.can_edit_stage(user, progress)
    return context


@dataclass(frozen=True)
class DocumentUse:
    """A record that keeps a stage's document as its required document."""

    record: str  # the record's name, e.g. "office record"
    document: str  # what the document is to it, e.g. "founding decree"


def document_uses(evidence) -> list[DocumentUse]:
    """The stage's record that names this document as its required document, if any (only a
    document of the record's own stage may be chosen, so only that record is asked)."""
    kind = record_kind(evidence.progress)
    model = kind.model if kind else None
    field_name = getattr(model, "document_field", "")
    if not field_name or not model.objects.filter(**{field_name: evidence}).exists():
        return []
    return [
        DocumentUse(
            record=str(model._meta.verbose_name),
            document=str(model._meta.get_field(field_name).verbose_name),
        )
    ]
