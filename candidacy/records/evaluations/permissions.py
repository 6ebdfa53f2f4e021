"""Who may do what with an evaluation's conditions once they are tracked on the candidacy.
(Writing the evaluation itself is `candidacy.permissions.can_edit_stage`: its preparer.)"""

from __future__ import annotations

from candidacy.models import EvaluationCondition, StageKind, StageProgress, StageState
from candidacy.permissions import acts_as, can_view_stage, stage_can_change
from cities.roles import Role


def can_view_condition(user, condition: EvaluationCondition) -> bool:
    return can_view_stage(user, condition.progress)


def can_track_condition(user, condition: EvaluationCondition) -> bool:
    """Mark a condition met, waived or open again (a judgement): the programme's coordinator
    not recused from the city (`acts_as`), once the evaluation that set it is approved, while
    the candidacy runs in an open programme."""
    progress = condition.progress
    return (
        progress.state == StageState.APPROVED
        and stage_can_change(progress)
        and acts_as(user, Role.COORDINATOR, progress)
    )


def can_record_panel_verdict(user, progress: StageProgress) -> bool:
    """Record or correct the children's panel verdict of an evaluation: the programme's
    coordinator or an evaluator who may act on the city (`acts_as`: declared no conflict),
    until the stage is approved, while the candidacy runs."""
    return (
        progress.definition.kind == StageKind.EVALUATION
        and progress.state in (StageState.OPEN, StageState.RETURNED, StageState.SUBMITTED)
        and stage_can_change(progress)
        and (acts_as(user, Role.COORDINATOR, progress) or acts_as(user, Role.EVALUATOR, progress))
    )


def can_see_judges(user, progress: StageProgress) -> bool:
    """See who judged which criterion (by name, on the evaluation's form page): the
    programme's coordinator or an evaluator who may act on the city (`acts_as`: declared no
    conflict). Everyone else, the city's office above all, and every page or document that
    reaches the office (the stage page, the dossier, the city's record) read "Evaluator 1",
    "Evaluator 2" (`selectors.judge_label`)."""
    return acts_as(user, Role.COORDINATOR, progress) or acts_as(user, Role.EVALUATOR, progress)
