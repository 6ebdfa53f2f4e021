"""Everything that writes a city's councils, their members and its organisations. Views (and
tests) call these functions; nothing else writes these tables outside the admin.

Each service checks permission with the predicates of `stakeholders.permissions` (raising
`PermissionDenied`), validates the row with the model's own rules (`full_clean`, raising
`ValidationError` keyed by field) and writes inside one transaction, re-reading the row it
changes with its lock held.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cities.models import City

from . import permissions
from .models import Council, CouncilMember, CouncilType, Organisation


def _require_manager(by, city: City) -> None:
    if not permissions.can_manage_stakeholders(by, city):
        raise PermissionDenied(_("Only the city's CFC office manages its councils and members."))


# --- organisations ----------------------------------------------------------------------------


def organisation_create(
    *, city: City, by, name: str, inside_municipality: bool = False
) -> Organisation:
    """Add an organisation to the city's catalogue. Side effects: none beyond the row."""
    _require_manager(by, city)
    with transaction.atomic():
        organisation = Organisation(
            city=city, name=name.strip(), inside_municipality=inside_municipality
        )
        organisation.full_clean()
        organisation.save()
    return organisation


def organisation_update(
    *, organisation: Organisation, by, name: str, inside_municipality: bool
) -> Organisation:
    """Rename an organisation or move it inside or outside the municipality."""
    _require_manager(by, organisation.city)
    with transaction.atomic():
        locked = (
            Organisation.objects.select_for_update().select_related("city").get(pk=organisation.pk)
        )
        locked.name = name.strip()
        locked.inside_municipality = inside_municipality
        locked.full_clean()
        locked.save(update_fields=["name", "inside_municipality"])
    return locked


# --- councils ---------------------------------------------------------------------------------


def council_create(
    *,
    city: City,
    by,
    council_type: CouncilType,
    name: str,
    established_on: datetime.date | None = None,
) -> Council:
    """Add a council to the city. The type must be one of the city's programme."""
    _require_manager(by, city)
    with transaction.atomic():
        council = Council(
            city=city, council_type=council_type, name=name.strip(), established_on=established_on
        )
        council.full_clean()
        council.save()
    return council


def council_update(
    *,
    council: Council,
    by,
    council_type: CouncilType,
    name: str,
    established_on: datetime.date | None = None,
) -> Council:
    """Change a council's type, name or founding date."""
    _require_manager(by, council.city)
    with transaction.atomic():
        locked = Council.objects.select_for_update().select_related("city").get(pk=council.pk)
        locked.council_type = council_type
        locked.name = name.strip()
        locked.established_on = established_on
        locked.full_clean()
        locked.save(update_fields=["council_type", "name", "established_on"])
    return locked


# --- council members --------------------------------------------------------------------------


def _member_organisation(
    *, council: Council, by, organisation: Organisation | None, new_name: str, new_inside: bool
) -> Organisation:
    """The organisation chosen, or a new one created in the council's city from its name."""
    if organisation is not None:
        return organisation
    if new_name.strip():
        return organisation_create(
            city=council.city, by=by, name=new_name, inside_municipality=new_inside
        )
    raise ValidationError(
        {"organisation": _("Choose one of the city's organisations or type the name of a new one.")}
    )


def _apply_member_fields(member: CouncilMember, **fields) -> None:
    for name, value in fields.items():
        setattr(member, name, value.strip() if isinstance(value, str) else value)


def council_member_add(
    *,
    council: Council,
    by,
    organisation: Organisation | None = None,
    new_organisation_name: str = "",
    new_organisation_inside: bool = False,
    representative: str = "",
    position: str = "",
    contact: str = "",
    seat_role: str = CouncilMember.SeatRole.MEMBER,
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
) -> CouncilMember:
    """Seat an organisation on the council: one of the city's organisations, or a new one
    created from `new_organisation_name` in the same transaction (so a refused member leaves no
    stray organisation behind)."""
    _require_manager(by, council.city)
    with transaction.atomic():
        member = CouncilMember(council=council)
        member.organisation = _member_organisation(
            council=council,
            by=by,
            organisation=organisation,
            new_name=new_organisation_name,
            new_inside=new_organisation_inside,
        )
        _apply_member_fields(
            member,
            representative=representative,
            position=position,
            contact=contact,
            seat_role=seat_role,
            term_start=term_start,
            term_end=term_end,
        )
        member.full_clean()
        member.save()
    return member


def council_member_update(
    *,
    member: CouncilMember,
    by,
    organisation: Organisation | None = None,
    new_organisation_name: str = "",
    new_organisation_inside: bool = False,
    representative: str = "",
    position: str = "",
    contact: str = "",
    seat_role: str = CouncilMember.SeatRole.MEMBER,
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
) -> CouncilMember:
    """Change a member's organisation, representative, role or term. The council stays."""
    _require_manager(by, member.council.city)
    with transaction.atomic():
        locked = (
            CouncilMember.objects.select_for_update(of=("self",))
            .select_related("council__city")
            .get(pk=member.pk)
        )
        locked.organisation = _member_organisation(
            council=locked.council,
            by=by,
            organisation=organisation,
            new_name=new_organisation_name,
            new_inside=new_organisation_inside,
        )
        _apply_member_fields(
            locked,
            representative=representative,
            position=position,
            contact=contact,
            seat_role=seat_role,
            term_start=term_start,
            term_end=term_end,
        )
        locked.full_clean()
        locked.save()
    return locked


def council_member_remove(*, member: CouncilMember, by) -> None:
    """Take an organisation's seat off the council. The organisation stays in the catalogue."""
    _require_manager(by, member.council.city)
    with transaction.atomic():
        CouncilMember.objects.filter(pk=member.pk).delete()
