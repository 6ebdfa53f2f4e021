"""Who may do what to a stage. Plain predicates, used by the services (which enforce them), the
views, the templates (to show or hide a button) and the admin alike."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from cities.permissions import can_view_city, coordinates, evaluates, is_office_of, scope_of
from cities.roles import Role

from .models import SignOff, StageComment, StageProgress, StageState


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


# The same two rules as queries (the "My tasks" page, `reporting.tasks`);
# `tests/candidacy/test_preparing_rule.py` holds each to its predicate over every state x
# preparer x role x withdrawn/active.

#: Each preparer role with the scope in which a user acts as it (`acts_as`).
_PREPARERS = (
    (Role.OFFICE, "candidacy__city_id__in", "office_city_ids"),
    (Role.COORDINATOR, "candidacy__city__programme_id__in", "coordinated_programme_ids"),
    (Role.EVALUATOR, "candidacy__city__programme_id__in", "evaluated_programme_ids"),
)


def preparable_stages_q(user) -> Q:
    """`can_prepare_stage(user, stage)`, as a filter on `StageProgress`."""
    scope = scope_of(user)
    by_role = Q(pk__in=[])
    for role, lookup, scope_field in _PREPARERS:
        ids = getattr(scope, scope_field)
        if ids:
            by_role |= Q(definition__prepared_by=role, **{lookup: ids})
    return by_role


def editable_stages_q(user) -> Q:
    """`can_edit_stage(user, stage)`, as a filter on `StageProgress`: the stages the user
    prepares that are open or returned, of a candidacy not withdrawn."""
    return Q(
        state__in=[StageState.OPEN, StageState.RETURNED], candidacy__withdrawn_on__isnull=True
    ) & preparable_stages_q(user)


def pending_signatory_roles(progress: StageProgress) -> list[str]:
    """Signatory roles that have not yet approved the current submission.
    Uses `progress.signoffs` (prefetch it on list pages)."""
    signed = {signoff.role for signoff in progress.signoffs.all()}
    return [role for role in progress.definition.signatory_roles if role not in signed]


# --- signing: the rule, once as a predicate and once as the query that lists the same stages ---
#
# A user may sign a stage off now when: it awaits sign-off; its candidacy is not withdrawn; the
# user is not the city's own office (a city never signs off its own work); and the user holds,
# in the city's programme, a signatory role of the stage that has not approved this submission
# yet. `signing_role` answers it for one stage; `signable_stages_q` is the same rule as a query
# (the sign-off queue, the admin's "awaiting my sign-off" filter). A generated test over every
# state x role x withdrawn/active holds the two to the same answer.

#: The signatory roles, each with the stage-definition flag that asks for it and the scope in
#: which a user holds it.
_SIGNATORIES = (
    (Role.COORDINATOR, "signed_by_coordinator", "coordinated_programme_ids"),
    (Role.EVALUATOR, "signed_by_evaluator", "evaluated_programme_ids"),
)


def signing_role(user, progress: StageProgress) -> str | None:
    """The role in which the user may sign this stage off now, if any."""
    if progress.state != StageState.SUBMITTED or progress.candidacy.withdrawn_on:
        return None
    if is_office_of(user, progress.candidacy.city):
        return None
    for role in pending_signatory_roles(progress):
        if acts_as(user, role, progress):
            return role
    return None


def signable_stages_q(user) -> Q:
    """`signing_role(user, stage) is not None`, as a filter on `StageProgress`."""
    scope = scope_of(user)
    by_role = Q(pk__in=[])
    for role, flag, scope_field in _SIGNATORIES:
        programme_ids = getattr(scope, scope_field)
        if programme_ids:
            already_signed = Exists(SignOff.objects.filter(progress=OuterRef("pk"), role=role))
            by_role |= (
                Q(**{f"definition__{flag}": True})
                & Q(candidacy__city__programme_id__in=programme_ids)
                & ~already_signed
            )
    return (
        Q(state=StageState.SUBMITTED, candidacy__withdrawn_on__isnull=True)
        & ~Q(candidacy__city_id__in=scope.office_city_ids)
        & by_role
    )


def held_signatory_role(user, progress: StageProgress) -> str | None:
    """The first signatory role of the stage the user holds in its programme, whatever the
    stage's state (never for the city's own office). Those told of a recalled submission."""
    if is_office_of(user, progress.candidacy.city):
        return None
    for role in progress.definition.signatory_roles:
        if acts_as(user, role, progress):
            return role
    return None


def returning_role(user, progress: StageProgress) -> str | None:
    """The role in which the user may return this stage to its preparer now: any signatory
    role of the stage that the user holds, even one that already approved this submission."""
    if progress.state != StageState.SUBMITTED or progress.candidacy.withdrawn_on:
        return None
    return held_signatory_role(user, progress)


def holds_signatory_role(user, progress: StageProgress) -> bool:
    return held_signatory_role(user, progress) is not None


def can_sign_stage(user, progress: StageProgress) -> bool:
    return signing_role(user, progress) is not None


def can_recall_stage(user, progress: StageProgress) -> bool:
    """The stage's preparer takes back a submission nobody has signed off yet (every
    signatory role still pending; uses `progress.signoffs`, prefetched on the stage page)."""
    return (
        progress.state == StageState.SUBMITTED
        and not progress.candidacy.withdrawn_on
        and can_prepare_stage(user, progress)
        and len(pending_signatory_roles(progress)) == len(progress.definition.signatory_roles)
    )


def can_reopen_stage(user, progress: StageProgress) -> bool:
    """Coordinators reopen an approved stage (the service also checks later stages)."""
    return (
        progress.state == StageState.APPROVED
        and not progress.candidacy.withdrawn_on
        and coordinates(user, _programme_id(progress))
    )


def can_withdraw_candidacy(user, candidacy) -> bool:
    return candidacy.withdrawn_on is None and coordinates(user, candidacy.city.programme_id)


# --- comments: who reads and writes a stage's thread, once as predicates and once as a query ---
#
# A stage's thread has two visibilities. "To the city": the city's office, the stage's
# signatories and the programme's coordinators read it. "Internal": the signatories and the
# coordinators only; never the city's own office (a user who is also its office staff included).
# The signatories and coordinators ("the desk") are the programme's coordinators and its
# evaluators on a stage the evaluator signs or prepares. `visible_comments_q` is the same rule
# as a filter: the thread, the e-mail's recipients (through the predicates) and the admin read
# nothing else, and a generated test holds the predicate and the query to the same answer.

Visibility = StageComment.Visibility


def _at_the_desk(user, progress: StageProgress) -> bool:
    city = progress.candidacy.city
    if is_office_of(user, city):
        return False
    if coordinates(user, city.programme_id):
        return True
    definition = progress.definition
    return evaluates(user, city.programme_id) and (
        definition.signed_by_evaluator or definition.prepared_by == Role.EVALUATOR
    )


def comment_visibilities(user, progress: StageProgress) -> list[str]:
    """The visibilities the user may give a comment on this stage: the office writes only to
    the city; signatories and coordinators choose; anyone else writes nothing."""
    if _at_the_desk(user, progress):
        return [Visibility.CITY, Visibility.INTERNAL]
    if is_office_of(user, progress.candidacy.city):
        return [Visibility.CITY]
    return []


def can_comment_on_stage(user, progress: StageProgress, visibility: str | None = None) -> bool:
    """Whether the user may write in the stage's thread (with `visibility`, if given)."""
    visibilities = comment_visibilities(user, progress)
    return bool(visibilities) if visibility is None else visibility in visibilities


def can_read_internal_comments(user, progress: StageProgress) -> bool:
    return scope_of(user).superuser or _at_the_desk(user, progress)


def can_read_stage_comments(user, progress: StageProgress) -> bool:
    """Whether the user reads the stage's comments to the city."""
    return can_read_internal_comments(user, progress) or is_office_of(user, progress.candidacy.city)


def can_read_comment(user, comment: StageComment) -> bool:
    if comment.visibility == Visibility.INTERNAL:
        return can_read_internal_comments(user, comment.progress)
    return can_read_stage_comments(user, comment.progress)


def visible_comments_q(user) -> Q:
    """`can_read_comment(user, comment)`, as a filter on `StageComment`."""
    scope = scope_of(user)
    if scope.superuser:
        return Q()
    programme = "progress__candidacy__city__programme_id__in"
    desk = Q(**{programme: scope.coordinated_programme_ids}) | (
        Q(**{programme: scope.evaluated_programme_ids})
        & (
            Q(progress__definition__signed_by_evaluator=True)
            | Q(progress__definition__prepared_by=Role.EVALUATOR)
        )
    )
    own_city = Q(progress__candidacy__city_id__in=scope.office_city_ids)
    return (desk & ~own_city) | (own_city & Q(visibility=Visibility.CITY))
