"""Demo evaluations, written through the services like every record (see
`candidacy.records.demo`). Isfahan's joint evaluation follows the source documents: approved
in 2021 with two conditions, the child-centred emergency preparedness guidelines (met that
December) and the child-friendly budget statement (still open, long overdue). Other cities'
evaluations approve on criteria met."""

from __future__ import annotations

import datetime

from django.utils import timezone

from candidacy import permissions, selectors
from candidacy.models import (
    ConditionStatus,
    ConditionStatusChange,
    Decision,
    EvaluationCondition,
    EvaluationCriterion,
    EvaluationRecord,
    Judgement,
    StageKind,
    StageProgress,
    StageState,
)
from candidacy.records import services as records
from candidacy.records.documents import pdf_upload
from candidacy.records.evaluations import selectors as evaluation_selectors
from candidacy.records.evaluations import services
from candidacy.records.evaluations.criteria import criteria_seed
from cities.models import City
from cities.roles import Role

ISFAHAN = "isfahan"
ISFAHAN_JOINT = "joint-evaluation"

#: Isfahan's joint evaluation: (condition, due date, met on, the coordinator's note).
ISFAHAN_CONDITIONS = (
    (
        "Adopt the child-centred emergency preparedness guidelines of the joint project with "
        "the Ministry of Interior",
        datetime.date(2021, 12, 31),
        datetime.date(2021, 12, 20),
        "The guidelines were adopted by the city council and sent to the 15 districts.",
    ),
    ("Publish the child-friendly budget statement", datetime.date(2022, 6, 30), None, ""),
)

#: What Isfahan's conditions are about: partly met when it was evaluated.
_ISFAHAN_PARTLY_MET = ("child-friendly-budget", "emergency-preparedness")

_FINDINGS = {
    Judgement.MET: "Shown by the plans, the reports attached to the earlier stages and the "
    "evaluators' visit.",
    Judgement.PARTLY_MET: "Under way, but not yet shown for the whole city.",
}


def criteria_ensure(programme) -> None:
    if not EvaluationCriterion.objects.filter(programme=programme).exists():
        criteria_seed(programme)


def fill(progress: StageProgress, city: City, by, day: datetime.date) -> None:
    """A complete evaluation for the stage, dated a week before `day` (its submission)."""
    criteria_ensure(city.programme)
    isfahan_joint = city.slug == ISFAHAN and progress.definition.key == ISFAHAN_JOINT
    evaluated_on = day - datetime.timedelta(days=7)
    judgements = {}
    record = EvaluationRecord.objects.filter(progress=progress).first()
    framework = evaluation_selectors.framework_of(progress, record)
    for criterion in EvaluationCriterion.objects.filter(framework_id=framework):
        partly = isfahan_joint and criterion.key in _ISFAHAN_PARTLY_MET
        level = Judgement.PARTLY_MET if partly else Judgement.MET
        judgements[criterion.pk] = (level, _FINDINGS[level])
    if isfahan_joint:
        decision = Decision.APPROVE_WITH_CONDITIONS
        recommendation = (
            "The plans and actions meet UNICEF's minimum criteria. We recommend candidacy, on "
            "condition that the emergency preparedness guidelines are adopted and the "
            "child-friendly budget statement is published."
        )
    else:
        decision = Decision.APPROVE
        recommendation = f"{city.name} meets the programme's criteria: we recommend approval."
    report = pdf_upload(
        f"{progress.definition.key}-report.pdf",
        f"{progress.definition.title}: {city.name}",
        f"Evaluated on {evaluated_on.isoformat()}",
        f"Decision: {Decision(decision).label}",
    )
    services.evaluation_save(
        progress=progress,
        by=by,
        values=dict(evaluated_on=evaluated_on, recommendation=recommendation, decision=decision),
        judgements=judgements,
        document_upload=report,
    )
    if isfahan_joint:
        for text, due_on, _met_on, _note in ISFAHAN_CONDITIONS:
            records.row_add(progress=progress, by=by, values=dict(text=text, due_on=due_on))


def after_replay(city: City) -> None:
    """Once the city's history is replayed: every programme has its criteria, and Isfahan's
    coordinator has marked the conditions met that were met, on the day they were."""
    criteria_ensure(city.programme)
    if city.slug != ISFAHAN:
        return
    progress = StageProgress.objects.filter(
        candidacy__city=city,
        definition__key=ISFAHAN_JOINT,
        definition__kind=StageKind.EVALUATION,
        state=StageState.APPROVED,
    ).first()
    if progress is None:
        return
    coordinator = selectors.stage_people(
        progress, lambda user, stage: permissions.acts_as(user, Role.COORDINATOR, stage)
    )[0]
    for text, _due_on, met_on, note in ISFAHAN_CONDITIONS:
        condition = EvaluationCondition.objects.filter(
            progress=progress, text=text, status=ConditionStatus.OPEN
        ).first()
        if condition is None or met_on is None:
            continue
        services.condition_set_status(
            condition=condition, by=coordinator, status=ConditionStatus.MET, note=note
        )
        # Dated back to the day it happened in the story (a date field only, as the demo
        # loader dates the workflow's history).
        moment = timezone.make_aware(datetime.datetime.combine(met_on, datetime.time(11)))
        EvaluationCondition.objects.filter(pk=condition.pk).update(status_changed_at=moment)
        ConditionStatusChange.objects.filter(condition=condition).update(changed_at=moment)
