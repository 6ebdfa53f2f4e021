"""The stocktake stage: the initiatives the city already has in place."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidacy.models import Initiative, StageKind, StageProgress
from candidacy.records.forms import InitiativeForm
from candidacy.records.registry import RecordKind


def stocktake(progress: StageProgress) -> list[str]:
    if Initiative.objects.filter(progress=progress).exists():
        return []
    return [_("Add at least one initiative the city already has in place.")]


def context(progress: StageProgress) -> dict:
    rows = Initiative.objects.filter(progress=progress).select_related(
        "district", "responsible_body"
    )
    return {"record_rows": list(rows)}


KIND = RecordKind(
    stage_kinds=(StageKind.STOCKTAKE,),
    template="candidacy/records/stocktake.html",
    rule=stocktake,
    context=context,
    row_model=Initiative,
    row_form=InitiativeForm,
    add_label=gettext_lazy("Add an initiative"),
)
