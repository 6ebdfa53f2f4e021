"""One module per kind of stage record. Each declares, in one `RecordKind` named `KIND`, the
stage kinds it serves, its model (or row model), form, read template, completeness rule, the
data the stage page shows of it, and its own pages' URLs. `candidacy.records.registry` lists
the modules; nothing else needs to know which kinds exist.

This package holds what several kinds share: `RecordKind`, and the reads every simple kind
makes of its record or rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models

from candidacy.models import StageProgress


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
    model: type[models.Model] | None = None  # the one-to-one record, if the kind has one
    form: type | None = None
    row_model: type[models.Model] | None = None  # the rows, if the kind keeps a list
    row_form: type | None = None
    add_label: str = ""  # the button that adds a row
    #: The kind's own pages, under the stage's record address (namespace `candidacy`).
    urlpatterns: tuple = ()


def record_of(progress: StageProgress, model: type[models.Model]):
    """The stage's one-to-one record of this model (with its required document), or None."""
    related = [model.document_field] if model.document_field else []
    return model.objects.filter(progress=progress).select_related(*related).first()


def single_record_context(model: type[models.Model]) -> Callable[[StageProgress], dict]:
    """The page context of a kind whose record is one row of `model`."""

    def context(progress: StageProgress) -> dict:
        return {"record": record_of(progress, model)}

    return context


def goal_areas_text(areas: Iterable) -> str:
    """Goal areas as one line of a message: "Survival; Education"."""
    return "; ".join(str(area.label) for area in areas)
