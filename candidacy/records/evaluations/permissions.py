"""Who may do what with an evaluation's conditions once they are tracked on the candidacy.
(Writing the evaluation itself is `candidacy.permissions.can_edit_stage`: its preparer.)"""

from __future__ import annotations

from candidacy.models import EvaluationCondition, StageState
from candidacy.permissions import can_view_stage
from cities.permissions import coordinates


def can_view_condition(user, condition: EvaluationCondition) -> bool:
    return can_view_stage(user, condition.progress)


def can_track_condition(user, condition: EvaluationCondition) -> bool:
    """Mark a condition met, waived or open again: the programme's coordinator, once the
    evaluation that set it is approved, while the candidacy runs."""
    progress = condition.progress
    return (
        progress.state == StageState.APPROVED
        and not progress.candidacy.withdrawn_on
        and coordinates(user, progress.candidacy.city.programme_id)
    )
