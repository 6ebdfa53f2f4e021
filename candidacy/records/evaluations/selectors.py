"""Reads of the evaluations, shaped for the pages: a fixed number of queries whatever the
number of criteria or conditions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

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
from candidacy.permissions import acting_evaluators_q
from cities.templatetags.portal import format_number


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


@dataclass(frozen=True)
class JudgementSets:
    """Whose judgements cover the whole of an evaluation (`judgement_sets`)."""

    #: The criteria of the record's framework version (0: nothing judged yet).
    total: int
    #: The judges (`judged_by` ids; None: the earlier, unattributed judgements) who judged
    #: every criterion, each with a finding.
    complete: tuple[int | None, ...]
    #: How many of them are evaluators who may act on the city now (`acting_evaluators_q`:
    #: of the programme, active, not recused): what the approval counts.
    counted: int
    #: The most criteria one judge judged.
    most: int
    #: The evaluators the approval needs (`StageDefinition.min_evaluators`).
    needed: int

    @property
    def applies(self) -> bool:
        """Whether the approval asks for more than one evaluator at all."""
        return self.needed > 1

    @property
    def enough(self) -> bool:
        return not self.applies or self.counted >= self.needed


def judgement_sets(progress: StageProgress) -> JudgementSets:
    """The one rule of how many evaluators judged an evaluation: a judge counts once they
    judged EVERY criterion of the record's framework version (judgement and finding); the
    approval counts such judges who are evaluators acting on the city (`acting_evaluators_q`:
    a recused evaluator's or a coordinator's judgements count for none), and the
    completeness rule asks for one complete set, whoever's (`kinds.evaluation`). One query."""
    criteria = (
        EvaluationCriterion.objects.filter(framework_id=OuterRef("record__framework_id"))
        .order_by()
        .values("framework_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    acting = get_user_model().objects.filter(
        acting_evaluators_q(progress), pk=OuterRef("judged_by_id")
    )
    rows = list(
        CriterionJudgement.objects.filter(
            record__progress=progress, criterion__framework_id=F("record__framework_id")
        )
        .exclude(judgement="")
        .exclude(finding="")
        .values("judged_by_id")
        .annotate(
            judged=Count("criterion_id", distinct=True),
            total=Subquery(criteria),
            acting=Exists(acting),
        )
        .order_by()
    )
    complete = [row for row in rows if row["total"] and row["judged"] >= row["total"]]
    return JudgementSets(
        total=rows[0]["total"] if rows else 0,
        complete=tuple(row["judged_by_id"] for row in complete),
        counted=sum(1 for row in complete if row["acting"] and row["judged_by_id"] is not None),
        most=max((row["judged"] for row in rows), default=0),
        needed=progress.definition.min_evaluators,
    )


@dataclass
class Assessment:
    """One criterion and every judge's judgement of it (in the order of `Evaluation.judges`),
    each with its `judge_label`."""

    criterion: EvaluationCriterion
    judgements: list[CriterionJudgement] = field(default_factory=list)


@dataclass
class Evaluation:
    record: EvaluationRecord | None
    assessments: list[Assessment] = field(default_factory=list)
    #: The judges in the order they first judged (`judged_by` ids; None: unattributed).
    judges: list[int | None] = field(default_factory=list)

    @property
    def judged(self) -> int:
        """How many criteria at least one judge judged."""
        return sum(1 for row in self.assessments if row.judgements)

    @property
    def version(self) -> int | None:
        """The number of the framework version judged (read with its criteria)."""
        return self.assessments[0].criterion.framework.number if self.assessments else None


def judge_label(judge, number: int, *, names: bool) -> str:
    """How a page names a judge: by name for a reader allowed to see who judged
    (`permissions.can_see_judges`), else "Evaluator N" (N in the order they first judged);
    the judgements recorded before judges were kept as such."""
    if judge is None:
        return _("Earlier judgement (judge not recorded)")
    if names:
        return judge.get_full_name() or judge.get_username()
    return _("Evaluator %(number)s") % {"number": format_number(number)}


def evaluation_of(progress: StageProgress, *, names: bool = False) -> Evaluation:
    """The stage's evaluation record (with its report) and every criterion of its framework
    version (the one it was opened under, else the one in force) with every judge's judgement,
    labelled by `judge_label` (`names`: by name; else "Evaluator 1", "Evaluator 2", as the
    stage page, the dossier and every reader outside the programme's evaluators and
    coordinators see them): three queries, four before the record exists."""
    record = EvaluationRecord.objects.filter(progress=progress).select_related("report").first()
    criteria = criteria_of(framework_of(progress, record))
    by_criterion: dict[int, list[CriterionJudgement]] = {}
    judges: list[int | None] = []
    if record is not None:
        rows = CriterionJudgement.objects.filter(record=record).order_by("pk")
        if names:
            rows = rows.select_related("judged_by")
        numbers: dict[int | None, int] = {}
        for row in rows:
            if row.judged_by_id not in numbers:
                judges.append(row.judged_by_id)
                numbers[row.judged_by_id] = len(judges) - (None in numbers)
            row.judge_label = judge_label(
                row.judged_by if names else row.judged_by_id,
                numbers[row.judged_by_id],
                names=names,
            )
            by_criterion.setdefault(row.criterion_id, []).append(row)
        order = {judge: position for position, judge in enumerate(judges)}
        for found in by_criterion.values():
            found.sort(key=lambda row: order[row.judged_by_id])
    return Evaluation(
        record=record,
        assessments=[
            Assessment(criterion, by_criterion.get(criterion.pk, [])) for criterion in criteria
        ],
        judges=judges,
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
