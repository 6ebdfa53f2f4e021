"""Reads shaped for the stakeholders pages, each in a fixed number of queries whatever the
number of councils, members and organisations."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from cities.models import City

from .models import Council, CouncilMember, CouncilType, Organisation


@dataclass
class OrganisationCatalogue:
    inside: list[Organisation]
    outside: list[Organisation]


def city_councils(city: City) -> list[Council]:
    """The city's councils ordered by type (for grouping), each with `member_count`."""
    return list(
        Council.objects.filter(city=city)
        .select_related("council_type")
        .annotate(member_count=Count("members"))
        .order_by("council_type__name", "council_type_id", "name", "pk")
    )


def city_organisations(city: City) -> OrganisationCatalogue:
    """The city's organisations, inside and outside the municipality, each with `seat_count`
    (the number of council seats it holds)."""
    organisations = list(
        Organisation.objects.filter(city=city)
        .annotate(seat_count=Count("seats"))
        .order_by("name", "pk")
    )
    return OrganisationCatalogue(
        inside=[o for o in organisations if o.inside_municipality],
        outside=[o for o in organisations if not o.inside_municipality],
    )


def council_in_city(city: City, pk: int) -> QuerySet[Council]:
    """The council `pk` if it belongs to the city (an empty queryset otherwise)."""
    return Council.objects.filter(city=city, pk=pk).select_related(
        "council_type", "city__programme"
    )


def council_members(council: Council) -> list[CouncilMember]:
    """The council's members with their organisations, chairs first, then by organisation."""
    members = list(
        CouncilMember.objects.filter(council=council)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    order = {role: index for index, role in enumerate(CouncilMember.SeatRole.values)}
    members.sort(key=lambda member: order.get(member.seat_role, len(order)))
    for member in members:
        member.council = council
    return members


def council_types_for(city: City) -> QuerySet[CouncilType]:
    """The council types the city's programme recognises."""
    return CouncilType.objects.filter(programme_id=city.programme_id).order_by("name", "pk")


def organisations_of(city: City) -> QuerySet[Organisation]:
    return Organisation.objects.filter(city=city).order_by("name", "pk")
