"""The evaluation stage: the evaluators' record (criteria judged, recommendation, decision,
report) and the conditions of the decision, kept as rows; its pages are in
`candidacy.records.evaluations`."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidacy.models import (
    ChildrenPanelVerdict,
    CriterionJudgement,
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
    """Every criterion judged with a finding; a recommendation; a decision; for a decision to
    approve with conditions, at least one condition (each has its due date); the report."""
    record = EvaluationRecord.objects.filter(progress=progress).first()
    criteria = list(
        EvaluationCriterion.objects.filter(
            framework_id=selectors.framework_of(progress, record)
        ).values_list("pk", flat=True)
    )
    problems = []
    if not criteria:
        problems.append(
            _(
                "This programme has no evaluation criteria yet: an administrator adds them "
                "before the evaluation can be submitted."
            )
        )
    judged = 0
    if record is not None and criteria:
        judged = (
            CriterionJudgement.objects.filter(record=record, criterion_id__in=criteria)
            .exclude(judgement="")
            .exclude(finding="")
            .count()
        )
    if judged < len(criteria):
        problems.append(
            _(
                "Judge every criterion as met, partly met or not met, with a finding "
                "(%(left)s of %(total)s still to judge)."
            )
            % {"left": format_number(len(criteria) - judged), "total": format_number(len(criteria))}
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
    """The record and every criterion with its judgement, the conditions and the children's
    panel verdict."""
    return {
        "evaluation": selectors.evaluation_of(progress),
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
