"""Who may do what to a stage. Plain predicates, used by the services (which enforce them), the
views, the templates (to show or hide a button) and the admin alike."""

from __future__ import annotations

from cities.permissions import can_view_city, coordinates, evaluates, is_office_of
from cities.roles import Role

from .models import StageProgress, StageState


def _programme_id(progress: StageProgress) -> int:
    return progress.candidacy.city.programme_id


def acts_as(user, role: str, progress: StageProgress) -> bool:
    """Whether the user holds `role` in the scope of this stage's city."""
    if role == Role.OFFICE:
        return is_office_of(user, progress.candidacy.city)
    if role == Role.COORDINATOR:
        return coordinates(user, _programme_id(progress))
    if role == Role.EVALUATOR:
        return evaluates(user, _programme_id(progress))
    return False


def can_view_stage(user, progress: StageProgress) -> bool:
    return can_view_city(user, progress.candidacy.city)


def can_prepare_stage(user, progress: StageProgress) -> bool:
    """The stage's preparer (the city's office, the coordinator or the evaluator)."""
    return acts_as(user, progress.definition.prepared_by, progress)


def can_edit_stage(user, progress: StageProgress) -> bool:
    """Write the narrative, attach or remove evidence, submit: only while open or returned."""
    return (
        progress.is_editable_state
        and not progress.candidacy.withdrawn_on
        and can_prepare_stage(user, progress)
    )


def pending_signatory_roles(progress: StageProgress) -> list[str]:
    """Signatory roles that have not yet approved the current submission.
    Uses `progress.signoffs` (prefetch it on list pages)."""
    signed = {signoff.role for signoff in progress.signoffs.all()}
    return [role for role in progress.definition.signatory_roles if role not in signed]


def signing_role(user, progress: StageProgress) -> str | None:
    """The role in which the user may sign this submitted stage off now, if any."""
    if progress.state != StageState.SUBMITTED or progress.candidacy.withdrawn_on:
        return None
    if is_office_of(user, progress.candidacy.city):
        return None  # a city never signs off its own work
    for role in pending_signatory_roles(progress):
        if acts_as(user, role, progress):
            return role
    return None


def can_sign_stage(user, progress: StageProgress) -> bool:
    return signing_role(user, progress) is not None


def can_reopen_stage(user, progress: StageProgress) -> bool:
    """Coordinators reopen an approved stage (the service also checks later stages)."""
    return (
        progress.state == StageState.APPROVED
        and not progress.candidacy.withdrawn_on
        and coordinates(user, _programme_id(progress))
    )


def can_withdraw_candidacy(user, candidacy) -> bool:
    return candidacy.withdrawn_on is None and coordinates(user, candidacy.city.programme_id)
