"""Writes of a city's catalogue of organisations, its councils and their members."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.calendars import date_format
from cities.models import City, Organisation
from core.versions import check_and_bump

from ..models import Council, CouncilMember, CouncilType
from .common import require_manager, stripped
from .history import Action, record_change, save_with_history

# --- organisations ----------------------------------------------------------------------------


def organisation_create(
    *,
    city: City,
    by,
    name: str,
    inside_municipality: bool = False,
    sector: str = Organisation.Sector.OTHER,
) -> Organisation:
    """Add an organisation to the city's catalogue. Side effects: history row."""
    require_manager(by, city)
    with transaction.atomic():
        organisation = Organisation(
            city=city, name=name.strip(), inside_municipality=inside_municipality, sector=sector
        )
        save_with_history(
            organisation, city=city, action=Action.CREATED, summary=organisation.name, by=by
        )
    return organisation


def organisation_update(
    *,
    organisation: Organisation,
    by,
    name: str,
    inside_municipality: bool,
    sector: str | None = None,
    version: int | None = None,
) -> Organisation:
    """Rename an organisation, move it inside or outside the municipality, change its sector.
    Side effects: history row."""
    require_manager(by, organisation.city)
    with transaction.atomic():
        locked = (
            Organisation.objects.select_for_update(of=("self",))
            .select_related("city")
            .get(pk=organisation.pk)
        )
        check_and_bump(locked, version)
        before = locked.name
        locked.name = name.strip()
        locked.inside_municipality = inside_municipality
        if sector is not None:
            locked.sector = sector
        save_with_history(
            locked,
            city=locked.city,
            action=Action.UPDATED,
            summary=locked.name if before == locked.name else f"{before} → {locked.name}",
            by=by,
            update_fields=["name", "inside_municipality", "sector", "version"],
        )
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
    """Add a council to the city. The type must be one of the city's programme. Side effects:
    history row."""
    require_manager(by, city)
    with transaction.atomic():
        council = Council(
            city=city, council_type=council_type, name=name.strip(), established_on=established_on
        )
        save_with_history(council, city=city, action=Action.CREATED, summary=council.name, by=by)
    return council


def council_update(
    *,
    council: Council,
    by,
    council_type: CouncilType,
    name: str,
    established_on: datetime.date | None = None,
    version: int | None = None,
) -> Council:
    """Change a council's type, name or founding date. Side effects: history row."""
    require_manager(by, council.city)
    with transaction.atomic():
        locked = (
            Council.objects.select_for_update(of=("self",))
            .select_related("city")
            .get(pk=council.pk)
        )
        check_and_bump(locked, version)
        locked.council_type = council_type
        locked.name = name.strip()
        locked.established_on = established_on
        save_with_history(
            locked,
            city=locked.city,
            action=Action.UPDATED,
            summary=locked.name,
            by=by,
            update_fields=["council_type", "name", "established_on", "version"],
        )
    return locked


# --- council members --------------------------------------------------------------------------


def _member_organisation(
    *,
    council: Council,
    by,
    organisation: Organisation | None,
    new_name: str,
    new_inside: bool,
    new_sector: str,
) -> Organisation:
    """The organisation chosen, or a new one created in the council's city from its name."""
    if organisation is not None:
        return organisation
    if new_name.strip():
        return organisation_create(
            city=council.city,
            by=by,
            name=new_name,
            inside_municipality=new_inside,
            sector=new_sector or Organisation.Sector.OTHER,
        )
    raise ValidationError(
        {"organisation": _("Choose one of the city's organisations or type the name of a new one.")}
    )


def _fill_member(
    member: CouncilMember,
    *,
    by,
    organisation: Organisation | None = None,
    new_organisation_name: str = "",
    new_organisation_inside: bool = False,
    new_organisation_sector: str = "",
    representative: str = "",
    position: str = "",
    contact: str = "",
    seat_role: str = CouncilMember.SeatRole.MEMBER,
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
) -> None:
    """Set what `council_member_add` and `council_member_update` accept on a member of its
    council: the organisation (one of the city's, or a new one created from
    `new_organisation_name`) and the seat's representative, role and term (blanks stripped;
    what is not given is reset to its default)."""
    member.organisation = _member_organisation(
        council=member.council,
        by=by,
        organisation=organisation,
        new_name=new_organisation_name,
        new_inside=new_organisation_inside,
        new_sector=new_organisation_sector,
    )
    seat = {
        "representative": representative,
        "position": position,
        "contact": contact,
        "seat_role": seat_role,
        "term_start": term_start,
        "term_end": term_end,
    }
    for name, value in seat.items():
        setattr(member, name, stripped(value))


def _member_summary(member: CouncilMember) -> str:
    who = member.representative or "—"
    seat = f"{member.organisation.name}: {who} ({member.get_seat_role_display()})"
    return f"{member.council.name} · {seat}"


def council_member_add(*, council: Council, by, **fields) -> CouncilMember:
    """Seat an organisation on the council: one of the city's organisations, or a new one
    created from `new_organisation_name` in the same transaction (so a refused member leaves no
    stray organisation behind). `fields` are those of `_fill_member`. An organisation holds one
    current seat per council, and a council one current chair and secretary. Side effects:
    history row(s)."""
    require_manager(by, council.city)
    with transaction.atomic():
        member = CouncilMember(council=council)
        _fill_member(member, by=by, **fields)
        save_with_history(
            member,
            city=council.city,
            action=Action.CREATED,
            summary=_member_summary(member),
            by=by,
        )
    return member


def _locked_member(member: CouncilMember) -> CouncilMember:
    return (
        CouncilMember.objects.select_for_update(of=("self",))
        .select_related("council__city", "council__council_type", "organisation")
        .get(pk=member.pk)
    )


def _require_current(member: CouncilMember) -> None:
    if member.ended_on is not None:
        raise ValidationError(
            _("This representative already left the council; former members stay as they were.")
        )


def council_member_update(
    *, member: CouncilMember, by, version: int | None = None, **fields
) -> CouncilMember:
    """Correct a current member's organisation, representative, role or term (`fields` are
    those of `_fill_member`). (To record that someone else now represents the organisation,
    use `council_member_replace`, which keeps the previous representative in the council's
    history.) Side effects: history row."""
    require_manager(by, member.council.city)
    with transaction.atomic():
        locked = _locked_member(member)
        _require_current(locked)
        check_and_bump(locked, version)
        _fill_member(locked, by=by, **fields)
        save_with_history(
            locked,
            city=locked.council.city,
            action=Action.UPDATED,
            summary=_member_summary(locked),
            by=by,
        )
    return locked


def council_member_replace(
    *,
    member: CouncilMember,
    by,
    representative: str,
    position: str = "",
    contact: str = "",
    replaced_on: datetime.date | None = None,
    term_end: datetime.date | None = None,
    version: int | None = None,
) -> CouncilMember:
    """Someone else now represents the organisation on the council: the current row ends on
    `replaced_on` (today by default) and a new row for the same organisation and role starts
    that day, with the previous term's end unless another is given. The previous representative
    stays in the council's history with their dates. `version`: the one the form was loaded
    with; a correction of the row since is refused (`core.versions.StaleEdit`). Side effects:
    history row."""
    require_manager(by, member.council.city)
    replaced_on = replaced_on or timezone.localdate()
    if not representative.strip():
        raise ValidationError({"representative": _("Name the new representative.")})
    with transaction.atomic():
        previous = _locked_member(member)
        _require_current(previous)
        check_and_bump(previous, version)
        if previous.term_start and replaced_on < previous.term_start:
            raise ValidationError(
                {
                    "replaced_on": _(
                        "The replacement cannot come before the current term started (%(start)s)."
                    )
                    % {"start": date_format(previous.term_start)}
                }
            )
        previous.ended_on = replaced_on
        previous.full_clean()
        previous.save(update_fields=["ended_on", "version"])
        if term_end is None and previous.term_end and previous.term_end >= replaced_on:
            term_end = previous.term_end
        successor = CouncilMember(
            council=previous.council,
            organisation=previous.organisation,
            seat_role=previous.seat_role,
            representative=representative.strip(),
            position=position.strip(),
            contact=contact.strip(),
            term_start=replaced_on,
            term_end=term_end,
        )
        save_with_history(
            successor,
            city=previous.council.city,
            action=Action.REPLACED,
            summary=(
                f"{previous.council.name} · {previous.organisation.name}: "
                f"{previous.representative or '—'} → {successor.representative} "
                f"({replaced_on.isoformat()})"
            ),
            by=by,
        )
    return successor


def council_member_remove(*, member: CouncilMember, by, on: datetime.date | None = None) -> None:
    """The organisation gives up its seat: the member row ends today (or `on`) and stays in
    the council's history. A seat whose term had not started yet is deleted (it never sat).
    The organisation stays in the catalogue. Side effects: history row."""
    require_manager(by, member.council.city)
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = _locked_member(member)
        _require_current(locked)
        summary = _member_summary(locked)
        record_change(
            city=locked.council.city, obj=locked, action=Action.REMOVED, summary=summary, by=by
        )
        if locked.term_start and locked.term_start > on:
            locked.delete()
        else:
            locked.ended_on = on
            locked.save(update_fields=["ended_on"])
