"""Everything that writes a city's stakeholders: organisations, councils and their members,
children's participation (make-up, sessions, proposals), memoranda and their commitments, and
comments. Views, the admin's actions, the demo command and tests call these functions; nothing
else writes these tables (the demo data is seed data written in bulk).

Each service checks permission with the predicates of `stakeholders.permissions` (raising
`PermissionDenied`), validates the row with the model's own rules (`full_clean`, raising
`ValidationError` keyed by field), writes inside one transaction (re-reading the row it changes
with its lock held) and records the change in `StakeholderChange` in that same transaction.
Uploaded documents are checked by `core.uploads.evidence_file_type` before anything is
written.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City
from core.uploads import evidence_file_type

from . import permissions
from .models import (
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilMember,
    CouncilType,
    Memorandum,
    Organisation,
    StakeholderChange,
    StakeholderComment,
)

Action = StakeholderChange.Action


def _require_manager(by, city: City) -> None:
    if not permissions.can_manage_stakeholders(by, city):
        raise PermissionDenied(_("Only the city's CFC office manages its councils and members."))


def _record(*, city: City, obj: models.Model, action: str, summary: str, by) -> StakeholderChange:
    """Write the history row of a change (call inside the change's transaction)."""
    return StakeholderChange.objects.create(
        city=city,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        action=action,
        summary=summary[:500],
        user=by if getattr(by, "pk", None) else None,
    )


def _check_upload(upload):
    """The checked file type of an upload (None when there is no upload)."""
    if not upload:
        return None
    try:
        return evidence_file_type(upload)
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from error


def _attach(instance: models.Model, field: str, upload, file_type) -> str:
    """Store an already checked upload in `field` (with its name and type); return the name of
    the file it replaces, to delete once the transaction commits ("" if none)."""
    old = getattr(instance, field).name or ""
    setattr(instance, f"{field}_name", upload.name[-200:])
    setattr(instance, f"{field}_content_type", file_type.content_type)
    getattr(instance, field).save(upload.name, upload, save=False)
    return old


def _delete_file_on_commit(instance: models.Model, field: str, name: str) -> None:
    if name:
        storage = instance._meta.get_field(field).storage
        transaction.on_commit(lambda: storage.delete(name))


def _strip(value):
    return value.strip() if isinstance(value, str) else value


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
    _require_manager(by, city)
    with transaction.atomic():
        organisation = Organisation(
            city=city, name=name.strip(), inside_municipality=inside_municipality, sector=sector
        )
        organisation.full_clean()
        organisation.save()
        _record(
            city=city, obj=organisation, action=Action.CREATED, summary=organisation.name, by=by
        )
    return organisation


def organisation_update(
    *,
    organisation: Organisation,
    by,
    name: str,
    inside_municipality: bool,
    sector: str | None = None,
) -> Organisation:
    """Rename an organisation, move it inside or outside the municipality, change its sector.
    Side effects: history row."""
    _require_manager(by, organisation.city)
    with transaction.atomic():
        locked = (
            Organisation.objects.select_for_update().select_related("city").get(pk=organisation.pk)
        )
        before = locked.name
        locked.name = name.strip()
        locked.inside_municipality = inside_municipality
        if sector is not None:
            locked.sector = sector
        locked.full_clean()
        locked.save(update_fields=["name", "inside_municipality", "sector"])
        summary = locked.name if before == locked.name else f"{before} → {locked.name}"
        _record(city=locked.city, obj=locked, action=Action.UPDATED, summary=summary, by=by)
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
    _require_manager(by, city)
    with transaction.atomic():
        council = Council(
            city=city, council_type=council_type, name=name.strip(), established_on=established_on
        )
        council.full_clean()
        council.save()
        _record(city=city, obj=council, action=Action.CREATED, summary=council.name, by=by)
    return council


def council_update(
    *,
    council: Council,
    by,
    council_type: CouncilType,
    name: str,
    established_on: datetime.date | None = None,
) -> Council:
    """Change a council's type, name or founding date. Side effects: history row."""
    _require_manager(by, council.city)
    with transaction.atomic():
        locked = Council.objects.select_for_update().select_related("city").get(pk=council.pk)
        locked.council_type = council_type
        locked.name = name.strip()
        locked.established_on = established_on
        locked.full_clean()
        locked.save(update_fields=["council_type", "name", "established_on"])
        _record(city=locked.city, obj=locked, action=Action.UPDATED, summary=locked.name, by=by)
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


def _apply_member_fields(member: CouncilMember, **fields) -> None:
    for name, value in fields.items():
        setattr(member, name, _strip(value))


def _member_summary(member: CouncilMember) -> str:
    who = member.representative or "—"
    return f"{member.organisation.name}: {who} ({member.get_seat_role_display()})"


def council_member_add(
    *,
    council: Council,
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
) -> CouncilMember:
    """Seat an organisation on the council: one of the city's organisations, or a new one
    created from `new_organisation_name` in the same transaction (so a refused member leaves no
    stray organisation behind). An organisation holds one current seat per council, and a
    council one current chair and secretary. Side effects: history row(s)."""
    _require_manager(by, council.city)
    with transaction.atomic():
        member = CouncilMember(council=council)
        member.organisation = _member_organisation(
            council=council,
            by=by,
            organisation=organisation,
            new_name=new_organisation_name,
            new_inside=new_organisation_inside,
            new_sector=new_organisation_sector,
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
        _record(
            city=council.city,
            obj=member,
            action=Action.CREATED,
            summary=f"{council.name} · {_member_summary(member)}",
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
    *,
    member: CouncilMember,
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
) -> CouncilMember:
    """Correct a current member's organisation, representative, role or term. (To record that
    someone else now represents the organisation, use `council_member_replace`, which keeps the
    previous representative in the council's history.) Side effects: history row."""
    _require_manager(by, member.council.city)
    with transaction.atomic():
        locked = _locked_member(member)
        _require_current(locked)
        locked.organisation = _member_organisation(
            council=locked.council,
            by=by,
            organisation=organisation,
            new_name=new_organisation_name,
            new_inside=new_organisation_inside,
            new_sector=new_organisation_sector,
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
        _record(
            city=locked.council.city,
            obj=locked,
            action=Action.UPDATED,
            summary=f"{locked.council.name} · {_member_summary(locked)}",
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
) -> CouncilMember:
    """Someone else now represents the organisation on the council: the current row ends on
    `replaced_on` (today by default) and a new row for the same organisation and role starts
    that day, with the previous term's end unless another is given. The previous representative
    stays in the council's history with their dates. Side effects: history row."""
    _require_manager(by, member.council.city)
    replaced_on = replaced_on or timezone.localdate()
    if not representative.strip():
        raise ValidationError({"representative": _("Name the new representative.")})
    with transaction.atomic():
        previous = _locked_member(member)
        _require_current(previous)
        if previous.term_start and replaced_on < previous.term_start:
            raise ValidationError(
                {
                    "replaced_on": _(
                        "The replacement cannot come before the current term started (%(start)s)."
                    )
                    % {"start": previous.term_start.isoformat()}
                }
            )
        previous.ended_on = replaced_on
        previous.full_clean()
        previous.save(update_fields=["ended_on"])
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
        successor.full_clean()
        successor.save()
        _record(
            city=previous.council.city,
            obj=successor,
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
    _require_manager(by, member.council.city)
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = _locked_member(member)
        _require_current(locked)
        summary = f"{locked.council.name} · {_member_summary(locked)}"
        _record(city=locked.council.city, obj=locked, action=Action.REMOVED, summary=summary, by=by)
        if locked.term_start and locked.term_start > on:
            locked.delete()
        else:
            locked.ended_on = on
            locked.save(update_fields=["ended_on"])


# --- children's participation -----------------------------------------------------------------


def _require_children_council(council: Council) -> None:
    if not council.council_type.involves_children:
        raise ValidationError(_("Only a council in which children take part records this."))


MAKEUP_FIELDS = (
    "recorded_on",
    "girls_under_10",
    "boys_under_10",
    "girls_10_13",
    "boys_10_13",
    "girls_14_17",
    "boys_14_17",
    "selection",
    "selection_note",
    "children_with_disabilities",
    "minority_children",
)


def makeup_save(*, council: Council, by, **fields) -> ChildrenCouncilMakeUp:
    """Record (or correct) a children's council's make-up, in aggregate only. Side effects:
    history row."""
    _require_manager(by, council.city)
    _require_children_council(council)
    unknown = set(fields) - set(MAKEUP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown make-up fields: {sorted(unknown)}")
    with transaction.atomic():
        makeup = ChildrenCouncilMakeUp.objects.select_for_update().filter(council=council).first()
        created = makeup is None
        if created:
            makeup = ChildrenCouncilMakeUp(council=council)
        for name, value in fields.items():
            setattr(makeup, name, _strip(value))
        makeup.full_clean()
        makeup.save()
        _record(
            city=council.city,
            obj=makeup,
            action=Action.CREATED if created else Action.UPDATED,
            summary=_("%(council)s: %(total)s children (%(girls)s girls, %(boys)s boys)")
            % {
                "council": council.name,
                "total": makeup.total,
                "girls": makeup.girls,
                "boys": makeup.boys,
            },
            by=by,
        )
    return makeup


def session_add(
    *,
    council: Council,
    by,
    held_on: datetime.date,
    topic: str,
    attendance: int,
    upload=None,
) -> ChildrenCouncilSession:
    """Record a session of a children's council, with its minutes if given (checked like stage
    evidence). Side effects: history row, the stored file."""
    _require_manager(by, council.city)
    _require_children_council(council)
    file_type = _check_upload(upload)
    with transaction.atomic():
        session = ChildrenCouncilSession(
            council=council, held_on=held_on, topic=topic.strip(), attendance=attendance
        )
        session.full_clean(exclude=["minutes"])
        if file_type:
            _attach(session, "minutes", upload, file_type)
        session.save()
        _record(
            city=council.city,
            obj=session,
            action=Action.CREATED,
            summary=f"{council.name} · {held_on.isoformat()}: {session.topic}",
            by=by,
        )
    return session


def session_update(
    *,
    session: ChildrenCouncilSession,
    by,
    held_on: datetime.date,
    topic: str,
    attendance: int,
    upload=None,
) -> ChildrenCouncilSession:
    """Correct a session; a new upload replaces the minutes. Side effects: history row; the old
    minutes' file is deleted once the change is committed."""
    council = session.council
    _require_manager(by, council.city)
    file_type = _check_upload(upload)
    with transaction.atomic():
        locked = ChildrenCouncilSession.objects.select_for_update().get(pk=session.pk)
        locked.council = council
        locked.held_on, locked.topic, locked.attendance = held_on, topic.strip(), attendance
        locked.full_clean(exclude=["minutes"])
        old = _attach(locked, "minutes", upload, file_type) if file_type else ""
        locked.save()
        _delete_file_on_commit(locked, "minutes", old)
        _record(
            city=council.city,
            obj=locked,
            action=Action.UPDATED,
            summary=f"{council.name} · {held_on.isoformat()}: {locked.topic}",
            by=by,
        )
    return locked


def proposal_add(
    *,
    council: Council,
    by,
    title: str,
    received_on: datetime.date,
    details: str = "",
    responsible_organisation: Organisation | None = None,
) -> ChildrenProposal:
    """Record what a children's council asked the city for; it starts as received. Side
    effects: history row."""
    _require_manager(by, council.city)
    _require_children_council(council)
    with transaction.atomic():
        proposal = ChildrenProposal(
            council=council,
            title=title.strip(),
            details=details.strip(),
            received_on=received_on,
            responsible_organisation=responsible_organisation,
        )
        proposal.full_clean()
        proposal.save()
        _record(
            city=council.city,
            obj=proposal,
            action=Action.CREATED,
            summary=f"{council.name} · {proposal.title}",
            by=by,
        )
    return proposal


def _locked_proposal(proposal: ChildrenProposal) -> ChildrenProposal:
    locked = ChildrenProposal.objects.select_for_update().get(pk=proposal.pk)
    locked.council = proposal.council
    return locked


def proposal_update(
    *,
    proposal: ChildrenProposal,
    by,
    title: str,
    received_on: datetime.date,
    details: str = "",
    responsible_organisation: Organisation | None = None,
) -> ChildrenProposal:
    """Correct what a proposal asked for, when it came, and who is responsible. Side effects:
    history row."""
    _require_manager(by, proposal.council.city)
    with transaction.atomic():
        locked = _locked_proposal(proposal)
        locked.title, locked.details = title.strip(), details.strip()
        locked.received_on = received_on
        locked.responsible_organisation = responsible_organisation
        locked.full_clean()
        locked.save()
        _record(
            city=locked.council.city,
            obj=locked,
            action=Action.UPDATED,
            summary=f"{locked.council.name} · {locked.title}",
            by=by,
        )
    return locked


def proposal_answer(
    *,
    proposal: ChildrenProposal,
    by,
    status: str,
    answer: str = "",
    answered_on: datetime.date | None = None,
    responsible_organisation: Organisation | None = None,
    plan_action=None,
) -> ChildrenProposal:
    """Give or change the city's answer to a proposal and its status. A decision (accepted,
    implemented, declined) needs an answer; an answer is dated (today by default) and not
    before the proposal came. `plan_action`, if given, is an action of the city's own
    operational plans (a candidacy model, reached only through the proposal's foreign key).
    Side effects: history row ("status changed" when it did)."""
    _require_manager(by, proposal.council.city)
    with transaction.atomic():
        locked = _locked_proposal(proposal)
        before = locked.status
        locked.status = status
        locked.answer = answer.strip()
        locked.answered_on = answered_on or (timezone.localdate() if locked.answer else None)
        locked.responsible_organisation = responsible_organisation
        locked.plan_action = plan_action
        locked.full_clean()
        locked.save()
        changed = before != locked.status
        summary = f"{locked.council.name} · {locked.title}"
        if changed:
            summary += f": {ChildrenProposal.Status(before).label} → {locked.get_status_display()}"
        _record(
            city=locked.council.city,
            obj=locked,
            action=Action.STATUS_CHANGED if changed else Action.UPDATED,
            summary=summary,
            by=by,
        )
    return locked


# --- memoranda and commitments ------------------------------------------------------------------


def memorandum_create(
    *,
    city: City,
    by,
    title: str,
    parties: str,
    signed_on: datetime.date,
    summary: str = "",
    upload=None,
) -> Memorandum:
    """Record a memorandum the city signed, with its document if given. Side effects: history
    row, the stored file."""
    _require_manager(by, city)
    file_type = _check_upload(upload)
    with transaction.atomic():
        memorandum = Memorandum(
            city=city,
            title=title.strip(),
            parties=parties.strip(),
            signed_on=signed_on,
            summary=summary.strip(),
        )
        memorandum.full_clean(exclude=["document"])
        if file_type:
            _attach(memorandum, "document", upload, file_type)
        memorandum.save()
        _record(city=city, obj=memorandum, action=Action.CREATED, summary=memorandum.title, by=by)
    return memorandum


def memorandum_update(
    *,
    memorandum: Memorandum,
    by,
    title: str,
    parties: str,
    signed_on: datetime.date,
    summary: str = "",
    upload=None,
) -> Memorandum:
    """Correct a memorandum; a new upload replaces its document. The signing date cannot move
    after a commitment's due date. Side effects: history row; the old document's file is
    deleted once the change is committed."""
    _require_manager(by, memorandum.city)
    file_type = _check_upload(upload)
    with transaction.atomic():
        locked = Memorandum.objects.select_for_update().get(pk=memorandum.pk)
        locked.city = memorandum.city
        locked.title, locked.parties = title.strip(), parties.strip()
        locked.signed_on, locked.summary = signed_on, summary.strip()
        locked.full_clean(exclude=["document"])
        old = _attach(locked, "document", upload, file_type) if file_type else ""
        locked.save()
        _delete_file_on_commit(locked, "document", old)
        _record(city=locked.city, obj=locked, action=Action.UPDATED, summary=locked.title, by=by)
    return locked


def _require_party(by, city: City, party: str) -> None:
    allowed = permissions.commitment_parties_for(by, city)
    if not allowed:
        raise PermissionDenied(_("You may not manage this memorandum's commitments."))
    if party not in allowed:
        raise ValidationError(
            {"party": _("You manage only the commitments of the ministry or national coordinator.")}
        )


def _commitment_summary(commitment: Commitment) -> str:
    return f"{commitment.memorandum.title} · {commitment.party_label}: {commitment.description}"


def commitment_add(
    *,
    memorandum: Memorandum,
    by,
    party: str,
    description: str,
    party_name: str = "",
    due_on: datetime.date | None = None,
) -> Commitment:
    """Add what one party promised in the memorandum; it starts pending. Coordinators add only
    the ministry's. Not due before the memorandum was signed. Side effects: history row."""
    _require_party(by, memorandum.city, party)
    with transaction.atomic():
        commitment = Commitment(
            memorandum=memorandum,
            party=party,
            party_name=party_name.strip(),
            description=description.strip(),
            due_on=due_on,
        )
        commitment.full_clean()
        commitment.save()
        _record(
            city=memorandum.city,
            obj=commitment,
            action=Action.CREATED,
            summary=_commitment_summary(commitment),
            by=by,
        )
    return commitment


def _locked_commitment(commitment: Commitment, by) -> Commitment:
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    locked.memorandum = commitment.memorandum
    if not permissions.can_manage_commitment(by, locked):
        raise PermissionDenied(_("You may not manage this commitment."))
    return locked


def commitment_update(
    *,
    commitment: Commitment,
    by,
    party: str,
    description: str,
    party_name: str = "",
    due_on: datetime.date | None = None,
) -> Commitment:
    """Correct who promised what and by when. Side effects: history row."""
    with transaction.atomic():
        locked = _locked_commitment(commitment, by)
        _require_party(by, locked.memorandum.city, party)
        locked.party, locked.party_name = party, party_name.strip()
        locked.description, locked.due_on = description.strip(), due_on
        locked.full_clean()
        locked.save()
        _record(
            city=locked.memorandum.city,
            obj=locked,
            action=Action.UPDATED,
            summary=_commitment_summary(locked),
            by=by,
        )
    return locked


def commitment_set_status(
    *,
    commitment: Commitment,
    by,
    status: str,
    evidence_note: str = "",
    upload=None,
    on: datetime.date | None = None,
) -> Commitment:
    """Record that a commitment was fulfilled or cancelled (or is pending again), with its
    evidence: a note, a document, or both for a fulfilled one. Side effects: history row
    ("status changed" when it did); a new document replaces the old one, deleted on commit."""
    file_type = _check_upload(upload)
    with transaction.atomic():
        locked = _locked_commitment(commitment, by)
        before = locked.status
        if status not in Commitment.Status.values:
            raise ValidationError({"status": _("Choose a status.")})
        note = evidence_note.strip()
        if status == Commitment.Status.FULFILLED and not (note or file_type or locked.evidence):
            raise ValidationError(
                {"evidence_note": _("Say how the commitment was kept, or attach a document.")}
            )
        if status == Commitment.Status.CANCELLED and not note:
            raise ValidationError({"evidence_note": _("Say why the commitment was cancelled.")})
        locked.status, locked.evidence_note = status, note
        if before != status:
            locked.status_changed_on = on or timezone.localdate()
        locked.full_clean(exclude=["evidence"])
        old = _attach(locked, "evidence", upload, file_type) if file_type else ""
        locked.save()
        _delete_file_on_commit(locked, "evidence", old)
        summary = _commitment_summary(locked)
        if before != status:
            summary = (
                f"{Commitment.Status(before).label} → {locked.get_status_display()} · {summary}"
            )
        _record(
            city=locked.memorandum.city,
            obj=locked,
            action=Action.STATUS_CHANGED if before != status else Action.UPDATED,
            summary=summary,
            by=by,
        )
    return locked


# --- comments -----------------------------------------------------------------------------------


def comment_add(
    *,
    by,
    body: str,
    council: Council | None = None,
    proposal: ChildrenProposal | None = None,
    memorandum: Memorandum | None = None,
) -> StakeholderComment:
    """Add a comment to the thread of a council, a children's proposal or a memorandum
    (exactly one). Side effects: history row."""
    targets = [t for t in (council, proposal, memorandum) if t is not None]
    if len(targets) != 1:
        raise TypeError("Comment on exactly one council, proposal or memorandum.")
    target = targets[0]
    city = proposal.council.city if proposal is not None else target.city
    if not permissions.can_comment_on_stakeholders(by, city):
        raise PermissionDenied(
            _("Only the programme's coordinators and the city's office comment.")
        )
    if not body.strip():
        raise ValidationError({"body": _("Write the comment.")})
    with transaction.atomic():
        comment = StakeholderComment(
            city=city,
            council=council,
            proposal=proposal,
            memorandum=memorandum,
            author=by,
            body=body.strip(),
        )
        comment.full_clean()
        comment.save()
        _record(
            city=city,
            obj=comment,
            action=Action.CREATED,
            summary=f"{target}: {comment.body[:200]}",
            by=by,
        )
    return comment


# --- edits made in the admin --------------------------------------------------------------------


def _city_of(obj: models.Model) -> City:
    if isinstance(obj, Commitment):
        return obj.memorandum.city
    if hasattr(obj, "council_id") and not isinstance(obj, StakeholderComment):
        return obj.council.city
    return obj.city


def admin_change_record(*, obj: models.Model, by, created: bool = False, removed: bool = False):
    """The history row of an edit a superuser made in the admin (which the admin has already
    saved; it lets only superusers edit these rows directly)."""
    if not getattr(by, "is_superuser", False):
        raise PermissionDenied
    action = Action.REMOVED if removed else Action.CREATED if created else Action.UPDATED
    return _record(
        city=_city_of(obj),
        obj=obj,
        action=action,
        summary=_("In the admin: %(object)s") % {"object": obj},
        by=by,
    )
