"""The CFC database stage: the data sets the city keeps, at least one per goal area."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidacy.models import DataSet, GoalArea, StageKind, StageProgress
from candidacy.records.forms import DataSetForm
from candidacy.records.registry import RecordKind

from .common import goal_areas_text


def cfc_database(progress: StageProgress) -> list[str]:
    covered = set(
        DataSet.objects.filter(progress=progress).values_list("goal_area", flat=True).distinct()
    )
    uncovered = [area for area in GoalArea if area not in covered]
    if not uncovered:
        return []
    return [
        _("Add at least one data set for each goal area (none yet for: %(areas)s).")
        % {"areas": goal_areas_text(uncovered)}
    ]


def context(progress: StageProgress) -> dict:
    rows = DataSet.objects.filter(progress=progress).prefetch_related(
        Prefetch("districts", to_attr="district_list")
    )
    return {"record_rows": list(rows)}


KIND = RecordKind(
    stage_kinds=(StageKind.CFC_DATABASE,),
    template="candidacy/records/cfc_database.html",
    rule=cfc_database,
    context=context,
    row_model=DataSet,
    row_form=DataSetForm,
    add_label=gettext_lazy("Add a data set"),
)
