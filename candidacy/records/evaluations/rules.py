"""What an evaluation must record before its stage can be submitted (registered in
`candidacy.records.rules.RULES` for `StageKind.EVALUATION`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from candidacy.models import (
    CriterionJudgement,
    Decision,
    EvaluationCondition,
    EvaluationCriterion,
    EvaluationRecord,
    StageProgress,
)


def evaluation(progress: StageProgress) -> list[str]:
    """Every criterion judged with a finding; a recommendation; a decision; for a decision to
    approve with conditions, at least one condition (each has its due date); the report."""
    criteria = list(
        EvaluationCriterion.objects.filter(
            programme_id=progress.candidacy.city.programme_id
        ).values_list("pk", flat=True)
    )
    record = EvaluationRecord.objects.filter(progress=progress).first()
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
            % {"left": len(criteria) - judged, "total": len(criteria)}
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
