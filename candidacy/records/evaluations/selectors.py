"""Reads of the evaluations, shaped for the pages: a fixed number of queries whatever the
number of criteria or conditions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from candidacy.models import (
    ConditionStatusChange,
    CriterionJudgement,
    EvaluationCondition,
    EvaluationCriterion,
    EvaluationRecord,
    FrameworkKind,
    StageKind,
    StageProgress,
    StageState,
    framework_in_force,
)


def framework_of(progress: StageProgress, record: EvaluationRecord | None) -> int | None:
    """The framework version whose criteria the stage's evaluation judges: the record's own
    (kept when it was opened), else the one in force now (None: the programme has none)."""
    if record is not None:
        return record.framework_id
    version = framework_in_force(progress.candidacy.city.programme_id, FrameworkKind.EVALUATION)
    return version.pk if version else None


def criteria_of(framework_id: int | None) -> list[EvaluationCriterion]:
    if framework_id is None:
        return []
    return list(
        EvaluationCriterion.objects.filter(framework_id=framework_id).select_related("framework")
    )


@dataclass
class Assessment:
    """One criterion and how it was judged (None: not yet)."""

    criterion: EvaluationCriterion
    judgement: CriterionJudgement | None


@dataclass
class Evaluation:
    record: EvaluationRecord | None
    assessments: list[Assessment] = field(default_factory=list)

    @property
    def judged(self) -> int:
        return sum(1 for row in self.assessments if row.judgement is not None)

    @property
    def version(self) -> int | None:
        """The number of the framework version judged (read with its criteria)."""
        return self.assessments[0].criterion.framework.number if self.assessments else None


def evaluation_of(progress: StageProgress) -> Evaluation:
    """The stage's evaluation record (with its report) and every criterion of its framework
    version (the one it was opened under, else the one in force) with its judgement: three
    queries, four before the record exists."""
    record = EvaluationRecord.objects.filter(progress=progress).select_related("report").first()
    criteria = criteria_of(framework_of(progress, record))
    judgements = {}
    if record is not None:
        rows = CriterionJudgement.objects.filter(record=record)
        judgements = {row.criterion_id: row for row in rows}
    return Evaluation(
        record=record,
        assessments=[Assessment(criterion, judgements.get(criterion.pk)) for criterion in criteria],
    )


def city_conditions(stages: list[StageProgress]) -> list[EvaluationCondition]:
    """The conditions set by the city's approved evaluations, earliest due first, with who last
    changed their status and their stage (from `stages`, the city's pipeline as its page read
    it): one query, none while no evaluation is approved. (Conditions are rows of an
    evaluation stage's record: the records services write them on no other kind of stage.)"""
    approved = {
        stage.pk: stage
        for stage in stages
        if stage.state == StageState.APPROVED and stage.definition.kind == StageKind.EVALUATION
    }
    if not approved:
        return []
    conditions = list(
        EvaluationCondition.objects.filter(progress_id__in=approved)
        .select_related("status_changed_by")
        .order_by("due_on", "pk")
    )
    for condition in conditions:
        condition.progress = approved[condition.progress_id]
    return conditions


def condition_history(condition: EvaluationCondition) -> QuerySet[ConditionStatusChange]:
    return condition.changes.select_related("by")
