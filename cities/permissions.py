"""Who may see and work on which city: the scope every object rule in the portal builds on.

A user's scope is read from `RoleAssignment` once per request (cached on the user object), so
predicates called many times on one page cost no extra queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import City, Programme
from .roles import Role


@dataclass(frozen=True)
class Scope:
    authenticated: bool
    superuser: bool
    office_city_ids: frozenset[int]
    coordinated_programme_ids: frozenset[int]
    evaluated_programme_ids: frozenset[int]

    @property
    def programme_ids(self) -> frozenset[int]:
        return self.coordinated_programme_ids | self.evaluated_programme_ids

    @property
    def has_role(self) -> bool:
        return bool(self.office_city_ids or self.programme_ids)


_ANONYMOUS = Scope(False, False, frozenset(), frozenset(), frozenset())


def scope_of(user) -> Scope:
    """The user's roles and their scope, read once and cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _ANONYMOUS
    cached = getattr(user, "_cfc_scope", None)
    if cached is not None:
        return cached
    offices, coordinated, evaluated = set(), set(), set()
    for role, city_id, programme_id in user.role_assignments.values_list(
        "role", "city_id", "programme_id"
    ):
        if role == Role.OFFICE:
            offices.add(city_id)
        elif role == Role.COORDINATOR:
            coordinated.add(programme_id)
        elif role == Role.EVALUATOR:
            evaluated.add(programme_id)
    scope = Scope(
        True, user.is_superuser, frozenset(offices), frozenset(coordinated), frozenset(evaluated)
    )
    user._cfc_scope = scope
    return scope


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


def programmes_visible_to(user) -> QuerySet[Programme]:
    scope = scope_of(user)
    if scope.superuser:
        return Programme.objects.all()
    return Programme.objects.filter(pk__in=scope.programme_ids)


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
    if scope.superuser:
        return True
    if city is None:
        return bool(scope.coordinated_programme_ids)
    return coordinates(user, city.programme_id)
