"""The models of the candidacy app, one module per concern:

- `pipeline`: stage definitions, a city's candidacy, its stages' progress, sign-offs, evidence
  and history (`Transition`).
- `records`: the stages' structured records shared by several kinds (office, letters, grants,
  network membership, data sets, initiatives) and `GoalArea`, the five CFCI goal areas.
- `atlas`, `evaluations`, `plans`: the children's atlas, the evaluations, and the situation
  analysis, plans and review rounds.

Each module imports what it needs from its siblings (`pipeline` imports none of them); every
public name is imported here, so callers write `from candidacy.models import Gap`.
"""

from .atlas import (
    FIRST_YEAR,
    DistrictBoundaries,
    IndicatorDefinition,
    IndicatorValue,
)
from .evaluations import (
    ConditionStatus,
    ConditionStatusChange,
    CriterionJudgement,
    Decision,
    EvaluationCondition,
    EvaluationCriterion,
    EvaluationRecord,
    Judgement,
)
from .pipeline import (
    Candidacy,
    CandidacyStatus,
    Evidence,
    Grants,
    Preparer,
    SignOff,
    StageDefinition,
    StageKind,
    StageProgress,
    StageState,
    Transition,
    evidence_path,
)
from .plans import (
    STRATEGIC_PLAN_YEARS,
    ActionStatus,
    AssessmentCriterion,
    AssessmentLevel,
    CriterionScore,
    Currency,
    Gap,
    OperationalPlan,
    PlanAction,
    Priority,
    ReviewRound,
    SelfAssessment,
    StrategicGoal,
    StrategicPlan,
)
from .records import (
    DataSet,
    GoalArea,
    GrantRecord,
    Initiative,
    LetterRecord,
    NetworkRecord,
    OfficeRecord,
    StageRecord,
    StageRow,
    UpdateFrequency,
    not_in_future,
    required_document,
    year_not_in_future,
)

__all__ = [
    "ActionStatus",
    "AssessmentCriterion",
    "AssessmentLevel",
    "Candidacy",
    "CandidacyStatus",
    "ConditionStatus",
    "ConditionStatusChange",
    "CriterionJudgement",
    "CriterionScore",
    "Currency",
    "DataSet",
    "Decision",
    "DistrictBoundaries",
    "EvaluationCondition",
    "EvaluationCriterion",
    "EvaluationRecord",
    "Evidence",
    "FIRST_YEAR",
    "Gap",
    "GoalArea",
    "GrantRecord",
    "Grants",
    "IndicatorDefinition",
    "IndicatorValue",
    "Initiative",
    "Judgement",
    "LetterRecord",
    "NetworkRecord",
    "OfficeRecord",
    "OperationalPlan",
    "PlanAction",
    "Preparer",
    "Priority",
    "ReviewRound",
    "STRATEGIC_PLAN_YEARS",
    "SelfAssessment",
    "SignOff",
    "StageDefinition",
    "StageKind",
    "StageProgress",
    "StageRecord",
    "StageRow",
    "StageState",
    "StrategicGoal",
    "StrategicPlan",
    "Transition",
    "UpdateFrequency",
    "evidence_path",
    "not_in_future",
    "required_document",
    "year_not_in_future",
]
