"""Reads of a programme's people, shaped for the people page, of a city's joint partners and
of its publication history."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

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


@dataclass
class JointPartners:
    """The city's joint partner (`City.joint_with`), if it holds its candidacy jointly, and the
    cities whose candidacies it holds jointly as a partner (by name)."""

    partner: City | None
    joint_cities: list[City]


def with_joint_partners(cities: QuerySet[City]) -> QuerySet[City]:
    """`cities` read with what `joint_partners` needs in the same query: the partner, and
    whether any city is held jointly with each (`holds_jointly`)."""
    return cities.select_related("joint_with").annotate(
        holds_jointly=Exists(City.objects.filter(joint_with_id=OuterRef("pk")))
    )


def joint_partners(city: City) -> JointPartners:
    """`JointPartners` of the city: no query for a city read `with_joint_partners` that holds
    no candidacy jointly (most cities), one for the cities held jointly with a partner."""
    partner = city.joint_with if city.joint_with_id is not None else None
    joint_cities = []
    if getattr(city, "holds_jointly", True):
        joint_cities = list(City.objects.filter(joint_with_id=city.pk).order_by("name"))
    return JointPartners(partner, joint_cities)


def city_publication_last_change(city: City) -> CityPublicationChange | None:
    """The latest change of what the city's public page shows, with who made it (one query)."""
    return CityPublicationChange.objects.filter(city=city).select_related("by").first()
