"""Who may do what to a stage. Plain predicates, used by the services (which enforce them), the
views, the templates (to show or hide a button) and the admin alike."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from cities.models import Programme, RoleAssignment
from cities.permissions import (
    can_view_city,
    city_is_open,
    coordinates,
    evaluates,
    is_office_of,
    open_programmes_q,
    programme_is_open,
    scope_of,
    scopes_read,
)
from cities.roles import Role

from .models import (
    ConflictDeclaration,
    SignOff,
    StageComment,
    StageKind,
    StageProgress,
    StageState,
)


def _programme_id(progress: StageProgress) -> int:
    return progress.candidacy.city.programme_id


def stage_can_change(progress: StageProgress) -> bool:
    """Whether anything may happen to the stage at all: its candidacy is not withdrawn and its
    programme is open (`cities.permissions.programme_is_open`: not suspended, not closed).
    Every predicate below that lets someone act asks it; `_stage_can_change_q` is the query."""
    return not progress.candidacy.withdrawn_on and city_is_open(progress.candidacy.city)


def _stage_can_change_q() -> Q:
    """`stage_can_change`, as a filter on `StageProgress`."""
    return Q(candidacy__withdrawn_on__isnull=True) & open_programmes_q("candidacy__city__programme")


# --- conflicts of interest: the rule, once as a predicate and once as a query ---
#
# An evaluator acts on a city's candidacy (prepares, signs, returns, reads its dossier) only
# once they have declared no conflict of interest with it (`ConflictDeclaration`); a declared
# conflict recuses them. `has_cleared_conflict` answers it for one candidacy (the user's
# declarations read once per request); `cleared_conflict_q` is the same rule as a filter on
# `StageProgress`, used by the queues' queries below.


def _declarations(user) -> dict[tuple[str, int], bool]:
    """{("candidacy", id): has_conflict} and {("city", id): has_conflict} of the user's
    declarations, read once per user object (one query: a city's dossier is asked of the city
    without reading its candidacy)."""
    cached = getattr(user, "_cfc_conflicts", None)
    if cached is None:
        cached = {}
        for candidacy_id, city_id, has_conflict in ConflictDeclaration.objects.filter(
            evaluator_id=user.pk
        ).values_list("candidacy_id", "candidacy__city_id", "has_conflict"):
            cached[("candidacy", candidacy_id)] = has_conflict
            cached[("city", city_id)] = has_conflict
        user._cfc_conflicts = cached
    return cached


def conflict_declaration_of(user, candidacy) -> bool | None:
    """None while the user has not declared; else whether they declared a conflict."""
    if user is None or not user.is_authenticated:
        return None
    return _declarations(user).get(("candidacy", candidacy.pk))


def has_cleared_conflict(user, candidacy) -> bool:
    """The user declared no conflict of interest with this candidacy's city."""
    return conflict_declaration_of(user, candidacy) is False


def cleared_conflict_q(user, prefix: str = "") -> Q:
    """`has_cleared_conflict(user, stage.candidacy)`, as a filter on `StageProgress` (or,
    with `prefix`, on a model that reaches it through `prefix`)."""
    return Q(
        Exists(
            ConflictDeclaration.objects.filter(
                evaluator_id=user.pk,
                candidacy_id=OuterRef(f"{prefix}candidacy_id"),
                has_conflict=False,
            )
        )
    )


def recused_q(user, prefix: str = "") -> Q:
    """`conflict_declaration_of(user, stage.candidacy) is True` (the user declared a conflict),
    as a filter on `StageProgress` (or, with `prefix`, on a model that reaches it)."""
    return Q(
        Exists(
            ConflictDeclaration.objects.filter(
                evaluator_id=user.pk,
                candidacy_id=OuterRef(f"{prefix}candidacy_id"),
                has_conflict=True,
            )
        )
    )


def is_recused(user, candidacy) -> bool:
    """The user declared a conflict of interest with the candidacy's city. A conflict is
    personal: it recuses them from preparing, signing, returning and judging the city's stages
    and from its stages' threads in every role they hold, a coordinator's included (`acts_as`,
    `_at_the_desk`; the queries add `recused_q`). A coordinator keeps the programme's
    administrative reach (the overview, the city and its dossier, withdrawing, reopening, the
    call rounds, the recognition's dates). Only an evaluator of the programme declares
    (`can_declare_conflict`), so the declarations are read only for one: a coordinator who
    evaluates none of it pays no query. `recused_in_every_role_q` is the query."""
    return (
        evaluates(user, candidacy.city.programme_id)
        and conflict_declaration_of(user, candidacy) is True
    )


def recused_in_every_role_q(user, prefix: str = "") -> Q | None:
    """`is_recused(user, stage.candidacy)`, as a filter on `StageProgress` (or, with `prefix`,
    on a model that reaches it); None when it holds of no stage (the user evaluates none)."""
    evaluated = scope_of(user).evaluated_programme_ids
    if not evaluated:
        return None
    return Q(**{f"{prefix}candidacy__city__programme_id__in": evaluated}) & recused_q(user, prefix)


def must_declare_conflict(user, candidacy) -> bool:
    """The user reads the city only as an evaluator of its programme (not as its office, a
    coordinator or a superuser) and has not declared yet: the declaration comes first. Not in
    a suspended or closed programme, where nobody declares (`can_declare_conflict`): there an
    evaluator who never declared reads no dossier, and is not sent to a declaration."""
    return (
        _reads_only_as_evaluator(user, candidacy)
        and city_is_open(candidacy.city)
        and conflict_declaration_of(user, candidacy) is None
    )


def _reads_only_as_evaluator(user, candidacy) -> bool:
    return _reads_only_as_evaluator_of(user, candidacy.city)


def _reads_only_as_evaluator_of(user, city) -> bool:
    scope = scope_of(user)
    return (
        not scope.superuser
        and city.pk not in scope.office_city_ids
        and city.programme_id not in scope.coordinated_programme_ids
        and city.programme_id in scope.evaluated_programme_ids
    )


def must_declare_conflict_q(user, prefix: str = "") -> Q:
    """`must_declare_conflict(user, stage.candidacy)`, as a filter on `StageProgress` (or, with
    `prefix`, on a model that reaches it through `prefix`)."""
    scope = scope_of(user)
    if scope.superuser or not scope.evaluated_programme_ids:
        return Q(pk__in=[])
    programme = f"{prefix}candidacy__city__programme_id__in"
    undeclared = ~Exists(
        ConflictDeclaration.objects.filter(
            evaluator_id=user.pk, candidacy_id=OuterRef(f"{prefix}candidacy_id")
        )
    )
    return (
        Q(**{programme: scope.evaluated_programme_ids})
        & ~Q(**{programme: scope.coordinated_programme_ids})
        & ~Q(**{f"{prefix}candidacy__city_id__in": scope.office_city_ids})
        & open_programmes_q(f"{prefix}candidacy__city__programme")
        & Q(undeclared)
    )


def can_see_dossier(user, candidacy) -> bool:
    """Read the city's stages, records and dossier: whoever may read the city
    (`can_view_city`), except an evaluator (reading it only as one) who has not declared, or
    declared a conflict. `can_read_dossier` is the same rule asked of a city."""
    if not can_view_city(user, candidacy.city):
        return False
    return not _reads_only_as_evaluator(user, candidacy) or has_cleared_conflict(user, candidacy)


def can_read_dossier(user, city) -> bool:
    """`can_see_dossier` for the city's candidacy: the rule of every page and download that
    shows the city's dossier (its stages, records, evidence and documents, the dossier PDF,
    the record ZIP). A city without a candidacy has nothing to declare against: an evaluator
    reading it only as one reads none of it. (Asked of the city's id in the user's
    declarations: it reads no candidacy.)"""
    if not can_view_city(user, city):
        return False
    if not _reads_only_as_evaluator_of(user, city):
        return True
    return user.is_authenticated and _declarations(user).get(("city", city.pk)) is False


def evaluates_candidacy(user, candidacy) -> bool:
    """The user is one of the candidacy's possible evaluators: an evaluator of its city's
    programme who is not the city's own office (a city never judges or signs its own work,
    `signing_role`, and never declares, `can_declare_conflict`)."""
    return evaluates(user, candidacy.city.programme_id) and not is_office_of(user, candidacy.city)


def could_evaluate(user, candidacy) -> bool:
    """The user could act on the candidacy as its evaluator (sign, prepare, judge): one of its
    possible evaluators (`evaluates_candidacy`) who is not recused by a declared conflict. One
    who has not declared yet could, once they declare no conflict (`acts_as` then holds)."""
    return (
        evaluates_candidacy(user, candidacy)
        and conflict_declaration_of(user, candidacy) is not True
    )


def declarations_read(users) -> None:
    """Read the conflict declarations of many users in one query and keep each user's on the
    user, as `conflict_declaration_of` would one by one."""
    users = [user for user in users if getattr(user, "_cfc_conflicts", None) is None]
    read: dict[int, dict] = {user.pk: {} for user in users}
    for evaluator_id, candidacy_id, city_id, has_conflict in ConflictDeclaration.objects.filter(
        evaluator_id__in=list(read)
    ).values_list("evaluator_id", "candidacy_id", "candidacy__city_id", "has_conflict"):
        read[evaluator_id][("candidacy", candidacy_id)] = has_conflict
        read[evaluator_id][("city", city_id)] = has_conflict
    for user in users:
        user._cfc_conflicts = read[user.pk]


def could_coordinate(user, candidacy) -> bool:
    """The user could act on the candidacy as its coordinator (sign, return, track its
    conditions): a coordinator of its programme who is not recused by a declared conflict
    (`is_recused`)."""
    return coordinates(user, candidacy.city.programme_id) and not is_recused(user, candidacy)


#: Who could act on a candidacy in a role: the predicate of each role that declares.
_COULD_ACT = {Role.EVALUATOR: could_evaluate, Role.COORDINATOR: could_coordinate}


def who_could_act(candidacy, role: str) -> list:
    """The active users who could act on the candidacy in `role` (`could_evaluate`,
    `could_coordinate`), in sign-up order: the programme's holders of the role are the
    candidates, the predicate decides (their scopes and declarations read in two queries). A
    recusal that would leave none is refused (`services.conflict_declare`)."""
    users = list(
        get_user_model()
        .objects.filter(
            Exists(
                RoleAssignment.objects.filter(
                    user_id=OuterRef("pk"),
                    role=role,
                    programme_id=candidacy.city.programme_id,
                )
            ),
            is_active=True,
        )
        .order_by("pk")
    )
    scopes_read(users)
    declarations_read(users)
    could = _COULD_ACT[role]
    return [user for user in users if could(user, candidacy)]


def evaluators_needed(candidacy) -> int:
    """How many evaluators the candidacy's evaluations still to be approved need (the largest
    `StageDefinition.min_evaluators` among them; 1 when none needs more). A recusal that would
    leave fewer who could act is refused (`services.conflict_declare`)."""
    needed = (
        StageProgress.objects.filter(candidacy=candidacy, definition__kind=StageKind.EVALUATION)
        .exclude(state=StageState.APPROVED)
        .values_list("definition__min_evaluators", flat=True)
    )
    return max([1, *(n or 1 for n in needed)])


def evaluators_who_could_act(candidacy) -> list:
    """`who_could_act(candidacy, Role.EVALUATOR)`."""
    return who_could_act(candidacy, Role.EVALUATOR)


def can_declare_conflict(user, candidacy) -> bool:
    """A possible evaluator of the candidacy (`evaluates_candidacy`) declares once for it,
    while the programme is open (`programme_is_open`)."""
    return city_is_open(candidacy.city) and evaluates_candidacy(user, candidacy)


def acts_as(user, role: str, progress: StageProgress) -> bool:
    """Whether the user holds `role` in the scope of this stage's city (an evaluator: having
    declared no conflict of interest with it; a coordinator: not recused, `is_recused`)."""
    if role == Role.OFFICE:
        return is_office_of(user, progress.candidacy.city)
    if role == Role.COORDINATOR:
        return coordinates(user, _programme_id(progress)) and not is_recused(
            user, progress.candidacy
        )
    if role == Role.EVALUATOR:
        return evaluates(user, _programme_id(progress)) and has_cleared_conflict(
            user, progress.candidacy
        )
    return False


def acting_evaluators_q(progress: StageProgress) -> Q:
    """The users who `acts_as(user, Role.EVALUATOR, progress)`, as a filter on the user model:
    active evaluators of the stage's programme who declared no conflict of interest with its
    candidacy (the approval counts only their judgements, `evaluations.selectors`)."""
    return (
        Q(is_active=True)
        & Q(
            Exists(
                RoleAssignment.objects.filter(
                    user_id=OuterRef("pk"),
                    role=Role.EVALUATOR,
                    programme_id=_programme_id(progress),
                )
            )
        )
        & Q(
            Exists(
                ConflictDeclaration.objects.filter(
                    evaluator_id=OuterRef("pk"),
                    candidacy_id=progress.candidacy_id,
                    has_conflict=False,
                )
            )
        )
    )


def can_view_stage(user, progress: StageProgress) -> bool:
    return can_view_city(user, progress.candidacy.city)


def can_prepare_stage(user, progress: StageProgress) -> bool:
    """The stage's preparer (the city's office, the coordinator or the evaluator)."""
    return acts_as(user, progress.definition.prepared_by, progress)


def can_edit_stage(user, progress: StageProgress) -> bool:
    """Write the narrative, attach or remove evidence, submit: only while open or returned."""
    return (
        progress.is_editable_state
        and stage_can_change(progress)
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
            rule = Q(definition__prepared_by=role, **{lookup: ids})
            if role == Role.EVALUATOR:
                rule &= cleared_conflict_q(user)
            elif role == Role.COORDINATOR and (recused := recused_in_every_role_q(user)):
                rule &= ~recused
            by_role |= rule
    return by_role


def editable_stages_q(user) -> Q:
    """`can_edit_stage(user, stage)`, as a filter on `StageProgress`: the stages the user
    prepares that are open or returned, of a candidacy not withdrawn."""
    return (
        Q(state__in=[StageState.OPEN, StageState.RETURNED])
        & _stage_can_change_q()
        & preparable_stages_q(user)
    )


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
    if progress.state != StageState.SUBMITTED or not stage_can_change(progress):
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
            rule = (
                Q(**{f"definition__{flag}": True})
                & Q(candidacy__city__programme_id__in=programme_ids)
                & ~already_signed
            )
            if role == Role.EVALUATOR:
                rule &= cleared_conflict_q(user)
            elif recused := recused_in_every_role_q(user):
                rule &= ~recused
            by_role |= rule
    return (
        Q(state=StageState.SUBMITTED)
        & _stage_can_change_q()
        & ~Q(candidacy__city_id__in=scope.office_city_ids)
        & by_role
    )


# --- declare first: the stages an evaluator would sign or prepare once they have declared ---
#
# An evaluator who has not declared on a candidacy signs and prepares none of its stages, but
# their queue and "My tasks" list the stages that wait on them as its evaluator, each with a
# link to the declaration instead of the stage ("Declare conflicts of interest first"). A
# recused evaluator (a declared conflict) is listed nothing of the candidacy. Each rule once as
# a predicate and once as a query, held to the same answer by a generated test.


def must_declare_to_sign(user, progress: StageProgress) -> bool:
    """The stage awaits its evaluators' sign-off, which the user would give once they declare
    no conflict with its candidacy (`must_declare_conflict`)."""
    return (
        progress.state == StageState.SUBMITTED
        and stage_can_change(progress)
        and Role.EVALUATOR in pending_signatory_roles(progress)
        and must_declare_conflict(user, progress.candidacy)
    )


def must_declare_to_sign_q(user) -> Q:
    """`must_declare_to_sign(user, stage)`, as a filter on `StageProgress`."""
    signed = Exists(SignOff.objects.filter(progress=OuterRef("pk"), role=Role.EVALUATOR))
    return (
        Q(state=StageState.SUBMITTED, definition__signed_by_evaluator=True)
        & _stage_can_change_q()
        & ~signed
        & must_declare_conflict_q(user)
    )


def must_declare_to_prepare(user, progress: StageProgress) -> bool:
    """The evaluator prepares the stage and it is open or returned: the user would edit it
    once they declare no conflict with its candidacy (`must_declare_conflict`)."""
    return (
        progress.is_editable_state
        and stage_can_change(progress)
        and progress.definition.prepared_by == Role.EVALUATOR
        and must_declare_conflict(user, progress.candidacy)
    )


def must_declare_to_prepare_q(user) -> Q:
    """`must_declare_to_prepare(user, stage)`, as a filter on `StageProgress`."""
    return (
        Q(state__in=[StageState.OPEN, StageState.RETURNED], definition__prepared_by=Role.EVALUATOR)
        & _stage_can_change_q()
        & must_declare_conflict_q(user)
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
    if progress.state != StageState.SUBMITTED or not stage_can_change(progress):
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
        and stage_can_change(progress)
        and can_prepare_stage(user, progress)
        and len(pending_signatory_roles(progress)) == len(progress.definition.signatory_roles)
    )


def can_reopen_stage(user, progress: StageProgress) -> bool:
    """Coordinators reopen an approved stage (the service also checks later stages)."""
    return (
        progress.state == StageState.APPROVED
        and stage_can_change(progress)
        and coordinates(user, _programme_id(progress))
    )


def can_withdraw_candidacy(user, candidacy) -> bool:
    return (
        candidacy.withdrawn_on is None
        and city_is_open(candidacy.city)
        and coordinates(user, candidacy.city.programme_id)
    )


def can_correct_recognition(user, recognition) -> bool:
    """Correct a recognition cycle's dates (`services.recognition_dates_correct`): the
    programme's coordinators and superusers, while the programme is open (`programme_is_open`).
    The admin's link and page ask it too."""
    programme = recognition.candidacy.city.programme
    return programme_is_open(programme) and (
        scope_of(user).superuser or coordinates(user, programme.pk)
    )


# --- comments: who reads and writes a stage's thread, once as predicates and once as a query ---
#
# A stage's thread has two visibilities. "To the city": the city's office, the stage's
# signatories and the programme's coordinators read it. "Internal": the signatories and the
# coordinators only; never the city's own office (a user who is also its office staff included).
# The signatories and coordinators ("the desk") are the programme's coordinators who are not
# recused (`is_recused`) and its evaluators on a stage the evaluator signs or prepares, of a
# candidacy they declared no conflict with (`has_cleared_conflict`): a recused evaluator or
# coordinator reads no thread of the candidacy
# and is told of no comment on it, and one who has not declared yet reads none either until
# they declare, as they see no dossier before (`can_see_dossier`). `visible_comments_q` is the
# same rule as a filter: the thread, the e-mail's recipients (through the predicates) and the
# admin read nothing else, and a generated test holds the predicate and the query to the same
# answer.

Visibility = StageComment.Visibility


def _at_the_desk(user, progress: StageProgress) -> bool:
    city = progress.candidacy.city
    if is_office_of(user, city):
        return False
    if coordinates(user, city.programme_id):
        return not is_recused(user, progress.candidacy)
    definition = progress.definition
    return (
        evaluates(user, city.programme_id)
        and (definition.signed_by_evaluator or definition.prepared_by == Role.EVALUATOR)
        and has_cleared_conflict(user, progress.candidacy)
    )


def comment_visibilities(user, progress: StageProgress) -> list[str]:
    """The visibilities the user may give a comment on this stage: the office writes only to
    the city; signatories and coordinators choose; anyone else writes nothing. Nobody writes
    in a suspended or closed programme (its threads stay readable)."""
    if not city_is_open(progress.candidacy.city):
        return []
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


def readable_comment_visibilities(user, progress: StageProgress) -> list[str]:
    """The visibilities of the stage's comments the user reads (`can_read_comment`, for every
    comment of one stage at once)."""
    return [
        visibility
        for visibility, reads in (
            (Visibility.CITY, can_read_stage_comments(user, progress)),
            (Visibility.INTERNAL, can_read_internal_comments(user, progress)),
        )
        if reads
    ]


def can_read_comment(user, comment: StageComment) -> bool:
    return comment.visibility in readable_comment_visibilities(user, comment.progress)


def visible_comments_q(user) -> Q:
    """`can_read_comment(user, comment)`, as a filter on `StageComment`."""
    scope = scope_of(user)
    if scope.superuser:
        return Q()
    programme = "progress__candidacy__city__programme_id__in"
    coordinating = Q(**{programme: scope.coordinated_programme_ids})
    if recused := recused_in_every_role_q(user, "progress__"):
        coordinating &= ~recused
    desk = coordinating | (
        Q(**{programme: scope.evaluated_programme_ids})
        & (
            Q(progress__definition__signed_by_evaluator=True)
            | Q(progress__definition__prepared_by=Role.EVALUATOR)
        )
        & cleared_conflict_q(user, prefix="progress__")
    )
    own_city = Q(progress__candidacy__city_id__in=scope.office_city_ids)
    return (desk & ~own_city) | (own_city & Q(visibility=Visibility.CITY))


# --- frameworks ---------------------------------------------------------------------------------


def can_view_frameworks(user, programme: Programme) -> bool:
    """The programme's coordinators and evaluators (and superusers) read its frameworks'
    versions and their comparisons (`candidacy.framework_views`, the overview's links)."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or coordinates(user, programme.pk) or evaluates(user, programme.pk))
    )


# --- call rounds --------------------------------------------------------------------------------


def can_view_rounds(user, programme_id: int) -> bool:
    """Read a programme's call rounds and their reports: its coordinators (and superusers),
    whatever the programme's status (a closed programme's record stays readable)."""
    return scope_of(user).superuser or coordinates(user, programme_id)


def can_manage_rounds(user, programme: Programme) -> bool:
    """Open and change a programme's call rounds and put its candidacies in them: those who
    read them (`can_view_rounds`), while the programme is open (`programme_is_open`)."""
    return programme_is_open(programme) and can_view_rounds(user, programme.pk)


def can_manage_candidacy_round(user, candidacy) -> bool:
    """Put this candidacy in a call round (the admin's candidacy form): `can_manage_rounds` of
    its city's programme. `None` (a candidacy not yet created): never (a candidacy is started
    by the portal)."""
    return candidacy is not None and can_manage_rounds(user, candidacy.city.programme)


def can_manage_round(user, call_round) -> bool:
    """Change this call round (the admin's rule); `None`: open a round in some programme."""
    if call_round is None:
        scope = scope_of(user)
        return scope.superuser or bool(scope.coordinated_programme_ids)
    return can_manage_rounds(user, call_round.programme)
