"""Writes of children's participation: a children's council's make-up (in aggregate only), its
sessions with their minutes, and its proposals with the city's answers."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import District, Organisation
from core.versions import check_and_bump

from ..models import (
    MAKEUP_FIELDS,
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Council,
    require_children_council,
)
from .common import check_upload, require_manager, stripped
from .history import Action, save_with_history


def makeup_save(
    *, council: Council, by, version: int | None = None, **fields
) -> ChildrenCouncilMakeUp:
    """Record (or correct) a children's council's make-up, in aggregate only. Side effects:
    history row."""
    require_manager(by, council.city)
    require_children_council(council, field=None)
    unknown = set(fields) - set(MAKEUP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown make-up fields: {sorted(unknown)}")
    with transaction.atomic():
        makeup = ChildrenCouncilMakeUp.objects.select_for_update().filter(council=council).first()
        created = makeup is None
        if created:
            makeup = ChildrenCouncilMakeUp(council=council)
        check_and_bump(makeup, version)
        for name, value in fields.items():
            setattr(makeup, name, stripped(value))
        save_with_history(
            makeup,
            city=council.city,
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


def _save_session(session: ChildrenCouncilSession, *, upload, action: str, by) -> None:
    """Save a session with its minutes (a checked upload, or None) and its history row."""
    council = session.council
    save_with_history(
        session,
        file_field="minutes",
        upload=upload,
        city=council.city,
        action=action,
        summary=f"{council.name} · {session.held_on.isoformat()}: {session.topic}",
        by=by,
    )


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
    require_manager(by, council.city)
    require_children_council(council, field=None)
    checked = check_upload(upload)
    with transaction.atomic():
        session = ChildrenCouncilSession(
            council=council, held_on=held_on, topic=topic.strip(), attendance=attendance
        )
        _save_session(session, upload=checked, action=Action.CREATED, by=by)
    return session


def session_update(
    *,
    session: ChildrenCouncilSession,
    by,
    held_on: datetime.date,
    topic: str,
    attendance: int,
    upload=None,
    version: int | None = None,
) -> ChildrenCouncilSession:
    """Correct a session; a new upload replaces the minutes. Side effects: history row; the old
    minutes' file is deleted once the change is committed."""
    council = session.council
    require_manager(by, council.city)
    checked = check_upload(upload)
    with transaction.atomic():
        locked = ChildrenCouncilSession.objects.select_for_update().get(pk=session.pk)
        locked.council = council
        check_and_bump(locked, version)
        locked.held_on, locked.topic, locked.attendance = held_on, topic.strip(), attendance
        _save_session(locked, upload=checked, action=Action.UPDATED, by=by)
    return locked


def proposal_add(
    *,
    council: Council,
    by,
    title: str,
    received_on: datetime.date,
    details: str = "",
    responsible_organisation: Organisation | None = None,
    district: District | None = None,
    **counts: int,
) -> ChildrenProposal:
    """Record what a children's council asked the city for; it starts as received. Who put it
    forward: `counts`, girls and boys per age band (`ChildrenProposal.COUNT_FIELDS`, 0 if not
    given), and the `district` of the city it came from. Side effects: history row."""
    require_manager(by, council.city)
    require_children_council(council, field=None)
    _check_counts(counts)
    with transaction.atomic():
        proposal = ChildrenProposal(
            council=council,
            title=title.strip(),
            details=details.strip(),
            received_on=received_on,
            responsible_organisation=responsible_organisation,
            district=district,
            **counts,
        )
        save_with_history(
            proposal,
            city=council.city,
            action=Action.CREATED,
            summary=f"{council.name} · {proposal.title}",
            by=by,
        )
    return proposal


def _check_counts(counts: dict) -> None:
    unknown = set(counts) - set(ChildrenProposal.COUNT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown count fields: {sorted(unknown)}")


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
    district: District | None = None,
    version: int | None = None,
    **counts: int,
) -> ChildrenProposal:
    """Correct what a proposal asked for, when it came, who is responsible, and who put it
    forward (`counts` given replace the stored ones; the `district`). Side effects: history
    row."""
    require_manager(by, proposal.council.city)
    _check_counts(counts)
    with transaction.atomic():
        locked = _locked_proposal(proposal)
        check_and_bump(locked, version)
        locked.title, locked.details = title.strip(), details.strip()
        locked.received_on = received_on
        locked.responsible_organisation = responsible_organisation
        locked.district = district
        for name, value in counts.items():
            setattr(locked, name, value)
        save_with_history(
            locked,
            city=locked.council.city,
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
    version: int | None = None,
) -> ChildrenProposal:
    """Give or change the city's answer to a proposal and its status. A decision (accepted,
    implemented, declined) needs an answer; an answer is dated (today by default) and not
    before the proposal came. `plan_action`, if given, is an action of the city's own
    operational plans (a candidacy model, reached only through the proposal's foreign key).
    Side effects: history row ("status changed" when it did)."""
    require_manager(by, proposal.council.city)
    with transaction.atomic():
        locked = _locked_proposal(proposal)
        check_and_bump(locked, version)
        before = locked.status
        locked.status = status
        locked.answer = answer.strip()
        locked.answered_on = answered_on or (timezone.localdate() if locked.answer else None)
        locked.responsible_organisation = responsible_organisation
        locked.plan_action = plan_action
        changed = before != locked.status
        summary = f"{locked.council.name} · {locked.title}"
        if changed:
            summary += f": {ChildrenProposal.Status(before).label} → {locked.get_status_display()}"
        save_with_history(
            locked,
            city=locked.council.city,
            action=Action.STATUS_CHANGED if changed else Action.UPDATED,
            summary=summary,
            by=by,
        )
    return locked
