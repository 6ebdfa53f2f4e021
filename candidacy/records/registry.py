"""Which record each kind of stage has: its model, form and read template, or, for a kind
that keeps a list, its row model and form. The completeness rules are in `rules.RULES`, keyed
the same way; a test holds the two tables to the same kinds.

`None` means no structured record yet: the stage keeps its narrative and evidence, and its
submission is not gated by a record.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from candidacy import models
from candidacy.models import EvaluationCondition, StageKind, StageProgress

from . import forms
from .evaluations.forms import ConditionForm


@dataclass(frozen=True)
class RecordKind:
    template: str  # the read view, included on the stage page
    model: type | None = None  # the one-to-one record, if the kind has one
    form: type | None = None
    row_model: type | None = None  # the rows, if the kind keeps a list
    row_form: type | None = None
    add_label: str = ""  # the button that adds a row


_TEMPLATES = "candidacy/records/"

RECORDS: dict[str, RecordKind | None] = {
    StageKind.OFFICE_FORMATION: RecordKind(
        _TEMPLATES + "office_formation.html", models.OfficeRecord, forms.OfficeRecordForm
    ),
    StageKind.CFC_DATABASE: RecordKind(
        _TEMPLATES + "cfc_database.html",
        row_model=models.DataSet,
        row_form=forms.DataSetForm,
        add_label=_("Add a data set"),
    ),
    StageKind.STOCKTAKE: RecordKind(
        _TEMPLATES + "stocktake.html",
        row_model=models.Initiative,
        row_form=forms.InitiativeForm,
        add_label=_("Add an initiative"),
    ),
    StageKind.SUBMISSION: RecordKind(
        _TEMPLATES + "letter.html", models.LetterRecord, forms.LetterRecordForm
    ),
    StageKind.MEMORANDUM: RecordKind(
        _TEMPLATES + "letter.html", models.LetterRecord, forms.LetterRecordForm
    ),
    StageKind.CANDIDACY: RecordKind(
        _TEMPLATES + "grant.html", models.GrantRecord, forms.GrantRecordForm
    ),
    StageKind.RECOGNITION: RecordKind(
        _TEMPLATES + "grant.html", models.GrantRecord, forms.GrantRecordForm
    ),
    StageKind.NETWORK_MEMBERSHIP: RecordKind(
        _TEMPLATES + "network_membership.html", models.NetworkRecord, forms.NetworkRecordForm
    ),
    # TODO(issue 3, later parts): the children's atlas (indicators per district, CSV import,
    # map), the situation analysis (gaps per goal area, self-assessment), plans (strategic and
    # operational, actions, budgets), evaluations (criteria, findings, decision, conditions)
    # and ongoing review rounds get their records there. Until then: narrative and evidence.
    StageKind.CHILDRENS_ATLAS: RecordKind(_TEMPLATES + "atlas/summary.html"),  # rows: atlas/
    StageKind.SITUATION_ANALYSIS: RecordKind(_TEMPLATES + "plans/situation_analysis.html"),
    StageKind.PLANS: RecordKind(_TEMPLATES + "plans/plans.html"),
    StageKind.EVALUATION: RecordKind(  # the evaluation's page: evaluations/; conditions: rows
        _TEMPLATES + "evaluations/evaluation.html",
        row_model=EvaluationCondition,
        row_form=ConditionForm,
        add_label=_("Add a condition"),
    ),
    StageKind.ONGOING_REVIEW: RecordKind(_TEMPLATES + "plans/ongoing_review.html"),
    # Issue 3 describes no record for these (Kazakhstan's and Lithuania's councils and working
    # groups, Lithuania's implementation report): narrative and evidence only.
    StageKind.COUNCIL: None,
    StageKind.REPORT: None,
}


def record_kind(progress: StageProgress) -> RecordKind | None:
    return RECORDS.get(progress.definition.kind)
