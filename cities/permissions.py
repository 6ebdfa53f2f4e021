"""Who may see and work on which city: the scope every object rule in the portal builds on.

A user's scope is read from `RoleAssignment` once per request (cached on the user object), so
predicates called many times on one page cost no extra queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from .models import City, Programme, RoleAssignment
from .roles import Role


@dataclass(frozen=True)
class Scope:
    authenticated: bool
    superuser: bool
    office_city_ids: frozenset[int]
    coordinated_programme_ids: frozenset[int]
    evaluated_programme_ids: frozenset[int]
    #: The calendars of the programmes the user works in (`user_calendar`).
    calendars: frozenset[str] = frozenset()

    @property
    def programme_ids(self) -> frozenset[int]:
        return self.coordinated_programme_ids | self.evaluated_programme_ids

    @property
    def has_role(self) -> bool:
        return bool(self.office_city_ids or self.programme_ids)


_ANONYMOUS = Scope(False, False, frozenset(), frozenset(), frozenset())

#: Where scopes are kept between requests: a function of the user giving a cache key that
#: changes whenever what the scope is read from may have (None: read afresh). `core` hands in
#: `core.editions.scope_key` when it is ready; this layer cannot import it.
_scope_key: Callable[[object], str | None] = lambda user: None  # noqa: E731


def scope_keep_under(key_of: Callable[[object], str | None]) -> None:
    """Keep scopes in the cache under `key_of(user)`: it must change whenever the user's role
    assignments, their programmes' calendars or their cities' programmes or joint partners
    (`City.joint_with`) change."""
    global _scope_key
    _scope_key = key_of


def _scope_from(user, assignments) -> Scope:
    """The scope from the user's assignments (`_ASSIGNMENT_FIELDS`). An office of city P is an
    office of every city held jointly with P (`City.joint_with`): it prepares their candidacy
    too. Not the other way round: a joint city's office does not gain its partner's own."""
    offices, coordinated, evaluated, calendars = set(), set(), set(), set()
    for role, city_id, programme_id, calendar, city_calendar, joint_city_id in assignments:
        calendars.add(calendar or city_calendar)
        if role == Role.OFFICE:
            offices.add(city_id)
            if joint_city_id is not None:
                offices.add(joint_city_id)
        elif role == Role.COORDINATOR:
            coordinated.add(programme_id)
        elif role == Role.EVALUATOR:
            evaluated.add(programme_id)
    return Scope(
        True,
        user.is_superuser,
        frozenset(offices),
        frozenset(coordinated),
        frozenset(evaluated),
        frozenset(calendars - {None}),
    )


_ASSIGNMENT_FIELDS = (
    "role",
    "city_id",
    "programme_id",
    "programme__calendar",
    "city__programme__calendar",
    # One row per city held jointly with the assignment's city (partners do not chain): read
    # in the same query.
    "city__joint_candidacies__id",
)


def scope_of(user) -> Scope:
    """The user's roles and their scope, read once and cached on the user object (and kept
    between requests under `_scope_key`)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _ANONYMOUS
    cached = getattr(user, "_cfc_scope", None)
    if cached is not None:
        return cached
    key = _scope_key(user)
    if key is not None:
        cached = cache.get(key)
        if cached is not None:
            user._cfc_scope = cached
            return cached
    scope = _scope_from(user, user.role_assignments.values_list(*_ASSIGNMENT_FIELDS))
    user._cfc_scope = scope
    if key is not None:
        cache.set(key, scope, 60 * 60)
    return scope


def scopes_read(users) -> None:
    """Read the scopes of many users in one query and keep each on its user, as `scope_of`
    would one by one (for commands that ask the predicates about many people at once)."""
    users = [user for user in users if user.is_active and getattr(user, "_cfc_scope", None) is None]
    rows: dict[int, list] = {user.pk: [] for user in users}
    for user_id, *row in RoleAssignment.objects.filter(user_id__in=list(rows)).values_list(
        "user_id", *_ASSIGNMENT_FIELDS
    ):
        rows[user_id].append(row)
    for user in users:
        user._cfc_scope = _scope_from(user, rows[user.pk])


def user_calendar(user) -> str | None:
    """The calendar of the programmes the user works in (their cities' and those they
    coordinate or evaluate), if they all date in one; else None (the reader's language decides,
    `cities.calendars.calendar_active`). A superuser's is None."""
    scope = scope_of(user)
    if scope.superuser or len(scope.calendars) != 1:
        return None
    return next(iter(scope.calendars))


def roles_of(user) -> set[str]:
    scope = scope_of(user)
    roles = set()
    if scope.office_city_ids:
        roles.add(Role.OFFICE)
    if scope.coordinated_programme_ids:
        roles.add(Role.COORDINATOR)
    if scope.evaluated_programme_ids:
        roles.add(Role.EVALUATOR)
    return roles


def cities_visible_to(user) -> QuerySet[City]:
    """Every city whose private pages the user may read."""
    scope = scope_of(user)
    if scope.superuser:
        return City.objects.all()
    return City.objects.filter(
        Q(pk__in=scope.office_city_ids) | Q(programme_id__in=scope.programme_ids)
    )


def can_view_programme(user, programme: Programme) -> bool:
    """See the programme's overview: its coordinators and evaluators (and superusers);
    `programmes_visible_to` is the same rule as a query."""
    scope = scope_of(user)
    return scope.superuser or programme.pk in scope.programme_ids


def programmes_visible_to(user) -> QuerySet[Programme]:
    """Every programme for which `can_view_programme` holds."""
    scope = scope_of(user)
    if scope.superuser:
        return Programme.objects.all()
    return Programme.objects.filter(pk__in=scope.programme_ids)


# --- a programme's lifecycle: the one rule every edit predicate asks ---------------------------

#: The statuses in which a programme's work may change: a suspended or closed programme is
#: read-only (its record stays readable), a handed-over one goes on under its new body.
OPEN_STATUSES = (Programme.Status.ACTIVE, Programme.Status.HANDED_OVER)


def programme_is_open(programme: Programme) -> bool:
    """Whether anything of the programme's cities may change: every edit, sign-off and
    management predicate asks this (`candidacy.permissions`, `stakeholders.permissions`)."""
    return programme.status in OPEN_STATUSES


def programme_closed_message(programme: Programme) -> str:
    """Why nothing of a programme that is not open may change, in the reader's words."""
    if programme.status == Programme.Status.SUSPENDED:
        return gettext("This programme is suspended: its record can be read but not changed.")
    return gettext("This programme is closed: its record can be read but not changed.")


def open_programmes_q(prefix: str = "") -> Q:
    """`programme_is_open`, as a filter on the programme at lookup `prefix` (e.g.
    `"candidacy__city__programme"`); the queues and lists built beside the predicates use it."""
    p = f"{prefix}__" if prefix else ""
    return Q(**{f"{p}status__in": OPEN_STATUSES})


def can_change_programme_status(user, programme: Programme) -> bool:
    """Suspend, resume, close or hand over a programme: superusers (who also give the
    coordinator role)."""
    return scope_of(user).superuser


def city_is_open(city: City) -> bool:
    """`programme_is_open` for the city's programme (read with the city where pages do)."""
    return programme_is_open(city.programme)


def can_view_city(user, city: City) -> bool:
    scope = scope_of(user)
    return scope.superuser or (
        city.pk in scope.office_city_ids or city.programme_id in scope.programme_ids
    )


def is_office_of(user, city: City) -> bool:
    return city.pk in scope_of(user).office_city_ids


def coordinates(user, programme_id: int) -> bool:
    return programme_id in scope_of(user).coordinated_programme_ids


def evaluates(user, programme_id: int) -> bool:
    return programme_id in scope_of(user).evaluated_programme_ids


def can_use_signoff_queue(user) -> bool:
    """Coordinators and evaluators sign stages off: the sign-off queue is theirs."""
    return bool(scope_of(user).programme_ids)


def can_administer_programme(user, programme_id: int) -> bool:
    """Read the programme's rows in the admin: its coordinators (and superusers)."""
    return scope_of(user).superuser or coordinates(user, programme_id)


def can_manage_city(user, city: City | None = None) -> bool:
    """Add a city, or correct one and its districts, in the admin: the coordinators of its
    programme (for a city not yet created, a coordinator of any programme)."""
    scope = scope_of(user)
    if scope.superuser and (city is None or city_is_open(city)):
        return True
    if city is None:
        return bool(scope.coordinated_programme_ids)
    return city_is_open(city) and coordinates(user, city.programme_id)


def can_publish_city(user, city: City) -> bool:
    """Choose what the city's public page shows (`City.publish_plan`, `publish_proposals`):
    the city's own office and its programme's coordinators (and superusers)."""
    if not city_is_open(city):
        return False
    scope = scope_of(user)
    return scope.superuser or is_office_of(user, city) or coordinates(user, city.programme_id)


# --- a programme's people ------------------------------------------------------------------

#: The roles a coordinator may give: the coordinator role itself is given by superusers.
INVITABLE_ROLES = (Role.OFFICE, Role.EVALUATOR)


def has_role_in_programme(user, programme: Programme) -> bool:
    """Any role in the programme: office staff of one of its cities, coordinator, evaluator."""
    scope = scope_of(user)
    if scope.superuser or programme.pk in scope.programme_ids:
        return True
    return City.objects.filter(programme=programme, pk__in=scope.office_city_ids).exists()


def can_manage_people(user, programme: Programme) -> bool:
    """List, invite, move and remove the programme's office staff and evaluators: its
    coordinators (and superusers)."""
    return scope_of(user).superuser or coordinates(user, programme.pk)


def assignment_in_programme(assignment, programme: Programme) -> bool:
    if assignment.role == Role.OFFICE:
        return assignment.city is not None and assignment.city.programme_id == programme.pk
    return assignment.programme_id == programme.pk


def can_manage_role_assignment(user, assignment, programme: Programme) -> bool:
    """Move or end a role assignment: an office or evaluator role in a programme the user
    manages people of. Nobody changes their own roles here; coordinators' roles are the
    superusers' (in the admin)."""
    return (
        assignment.role in INVITABLE_ROLES
        and assignment.user_id != user.pk
        and assignment_in_programme(assignment, programme)
        and can_manage_people(user, programme)
    )


def can_deactivate_user(user, target, programme: Programme) -> bool:
    """Deactivate an account: one whose every role is an office or evaluator role in this
    programme (never staff, a superuser, or oneself), by someone who manages its people."""
    if target.pk == user.pk or target.is_superuser or target.is_staff or not target.is_active:
        return False
    if not can_manage_people(user, programme):
        return False
    assignments = list(target.role_assignments.all())  # prefetched (with city) on lists
    return bool(assignments) and all(
        a.role in INVITABLE_ROLES and assignment_in_programme(a, programme) for a in assignments
    )


def people_of_programme_q(programme: Programme) -> Q:
    """The role assignments that make someone one of the programme's people."""
    return Q(programme=programme) | Q(city__programme=programme)
