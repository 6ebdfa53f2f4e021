"""Reads of a programme's people, shaped for the people page, and of a city's publication
history."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet

from .models import City, CityPublicationChange, Programme, RoleAssignment, RoleAssignmentChange
from .permissions import can_deactivate_user, can_manage_role_assignment, people_of_programme_q


@dataclass
class PersonRow:
    person: object
    assignments: list  # (assignment, may the viewer move or end it)
    can_deactivate: bool


def programme_people(programme: Programme) -> QuerySet:
    """Everyone with a role in the programme, each with `programme_roles` (their roles in it)
    and every role they hold prefetched."""
    in_programme = people_of_programme_q(programme)
    return (
        get_user_model()
        .objects.filter(role_assignments__in=RoleAssignment.objects.filter(in_programme))
        .distinct()
        .order_by("last_name", "first_name", "username")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.filter(in_programme).select_related("city"),
                to_attr="programme_roles",
            ),
            Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("city")),
        )
    )


def people_rows(viewer, programme: Programme) -> list[PersonRow]:
    return [
        PersonRow(
            person=person,
            assignments=[
                (a, can_manage_role_assignment(viewer, a, programme))
                for a in person.programme_roles
            ],
            can_deactivate=can_deactivate_user(viewer, person, programme),
        )
        for person in programme_people(programme)
    ]


def people_history(programme: Programme, *, limit: int = 20) -> QuerySet:
    return RoleAssignmentChange.objects.filter(programme=programme).select_related(
        "person", "city", "from_city", "by"
    )[:limit]


def city_publication_last_change(city: City) -> CityPublicationChange | None:
    """The latest change of what the city's public page shows, with who made it (one query)."""
    return CityPublicationChange.objects.filter(city=city).select_related("by").first()
