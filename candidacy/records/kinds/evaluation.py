"""The evaluation stage: the evaluators' record (criteria judged, recommendation, decision,
report) and the conditions of the decision, kept as rows; its pages are in
`candidacy.records.evaluations`."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidacy.models import (
    ChildrenPanelVerdict,
    Decision,
    EvaluationCondition,
    EvaluationCriterion,
    EvaluationRecord,
    StageKind,
    StageProgress,
)
from candidacy.records.evaluations import selectors, views
from candidacy.records.evaluations.forms import ConditionForm
from candidacy.records.registry import RecordKind
from cities.templatetags.portal import format_number


def evaluation(progress: StageProgress) -> list[str]:
    """Every criterion judged with a finding by at least one judge (one complete set,
    whoever's: `selectors.judgement_sets`; how many evaluators must each have one is the
    approval's rule, `StageDefinition.min_evaluators`, not the submission's); a
    recommendation; a decision; for a decision to approve with conditions, at least one
    condition (each has its due date); the report."""
    record = EvaluationRecord.objects.filter(progress=progress).first()
    criteria = EvaluationCriterion.objects.filter(
        framework_id=selectors.framework_of(progress, record)
    ).count()
    problems = []
    if not criteria:
        problems.append(
            _(
                "This programme has no evaluation criteria yet: an administrator adds them "
                "before the evaluation can be submitted."
            )
        )
    sets = selectors.judgement_sets(progress) if record is not None else None
    if criteria and (sets is None or not sets.complete):
        judged = sets.most if sets is not None else 0
        problems.append(
            _(
                "Judge every criterion as met, partly met or not met, with a finding "
                "(%(left)s of %(total)s still to judge)."
            )
            % {"left": format_number(criteria - judged), "total": format_number(criteria)}
        )
    if record is None or not record.recommendation.strip():
        problems.append(_("Write the evaluators' overall recommendation."))
    if record is None or not record.decision:
        problems.append(_("Choose a decision: approve, approve with conditions, or return."))
    elif (
        record.decision == Decision.APPROVE_WITH_CONDITIONS
        and not EvaluationCondition.objects.filter(progress=progress).exists()
    ):
        problems.append(
            _(
                "A decision to approve with conditions needs at least one condition, with its "
                "due date."
            )
        )
    if record is None or record.report_id is None:
        problems.append(_("Attach the evaluation report before submitting."))
    return problems


def context(progress: StageProgress) -> dict:
    """The record and every criterion with every judge's judgement (as "Evaluator 1",
    "Evaluator 2": the stage page and the dossier reach the city's office), how many
    evaluators have a complete set (where the approval needs more than one), the conditions
    and the children's panel verdict."""
    return {
        "evaluation": selectors.evaluation_of(progress),
        # Read only where the approval asks for more than one evaluator (no query else).
        "judgement_sets": (
            selectors.judgement_sets(progress) if progress.definition.min_evaluators > 1 else None
        ),
        "panel_verdict": ChildrenPanelVerdict.objects.filter(progress=progress).first(),
        "record_rows": list(EvaluationCondition.objects.filter(progress=progress)),
    }


KIND = RecordKind(
    stage_kinds=(StageKind.EVALUATION,),
    template="candidacy/records/evaluations/evaluation.html",
    rule=evaluation,
    context=context,
    row_model=EvaluationCondition,
    row_form=ConditionForm,
    add_label=gettext_lazy("Add a condition"),
    urlpatterns=(
        path("evaluation/", views.evaluation_edit, name="evaluation-edit"),
        path("conditions/<int:pk>/", views.condition_detail, name="evaluation-condition"),
        path("panel-verdict/", views.panel_verdict_edit, name="evaluation-panel-verdict"),
    ),
)
