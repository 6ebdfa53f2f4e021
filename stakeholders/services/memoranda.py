"""Writes of a city's memoranda (with their documents) and the commitments each party made in
them (with the evidence that they were kept)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City
from core.versions import check_and_bump

from .. import permissions
from ..models import Commitment, Memorandum
from .common import check_upload, require_manager
from .history import Action, save_with_history


def _save_memorandum(memorandum: Memorandum, *, upload, action: str, by) -> None:
    """Save a memorandum with its document (a checked upload, or None) and its history row."""
    save_with_history(
        memorandum,
        file_field="document",
        upload=upload,
        city=memorandum.city,
        action=action,
        summary=memorandum.title,
        by=by,
    )


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
    require_manager(by, city)
    checked = check_upload(upload)
    with transaction.atomic():
        memorandum = Memorandum(
            city=city,
            title=title.strip(),
            parties=parties.strip(),
            signed_on=signed_on,
            summary=summary.strip(),
        )
        _save_memorandum(memorandum, upload=checked, action=Action.CREATED, by=by)
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
    version: int | None = None,
) -> Memorandum:
    """Correct a memorandum; a new upload replaces its document. The signing date cannot move
    after a commitment's due date. Side effects: history row; the old document's file is
    deleted once the change is committed."""
    require_manager(by, memorandum.city)
    checked = check_upload(upload)
    with transaction.atomic():
        locked = Memorandum.objects.select_for_update().get(pk=memorandum.pk)
        locked.city = memorandum.city
        check_and_bump(locked, version)
        locked.title, locked.parties = title.strip(), parties.strip()
        locked.signed_on, locked.summary = signed_on, summary.strip()
        _save_memorandum(locked, upload=checked, action=Action.UPDATED, by=by)
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
        save_with_history(
            commitment,
            city=memorandum.city,
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
    version: int | None = None,
) -> Commitment:
    """Correct who promised what and by when. Side effects: history row."""
    with transaction.atomic():
        locked = _locked_commitment(commitment, by)
        check_and_bump(locked, version)
        _require_party(by, locked.memorandum.city, party)
        locked.party, locked.party_name = party, party_name.strip()
        locked.description, locked.due_on = description.strip(), due_on
        save_with_history(
            locked,
            city=locked.memorandum.city,
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
    version: int | None = None,
) -> Commitment:
    """Record that a commitment was fulfilled or cancelled (or is pending again), with its
    evidence: a note, a document, or both for a fulfilled one. Side effects: history row
    ("status changed" when it did); a new document replaces the old one, deleted on commit."""
    checked = check_upload(upload)
    with transaction.atomic():
        locked = _locked_commitment(commitment, by)
        check_and_bump(locked, version)
        before = locked.status
        if status not in Commitment.Status.values:
            raise ValidationError({"status": _("Choose a status.")})
        note = evidence_note.strip()
        if status == Commitment.Status.FULFILLED and not (note or checked or locked.evidence):
            raise ValidationError(
                {"evidence_note": _("Say how the commitment was kept, or attach a document.")}
            )
        if status == Commitment.Status.CANCELLED and not note:
            raise ValidationError({"evidence_note": _("Say why the commitment was cancelled.")})
        locked.status, locked.evidence_note = status, note
        if before != status:
            locked.status_changed_on = on or timezone.localdate()
        summary = _commitment_summary(locked)
        if before != status:
            summary = (
                f"{Commitment.Status(before).label} → {locked.get_status_display()} · {summary}"
            )
        save_with_history(
            locked,
            file_field="evidence",
            upload=checked,
            city=locked.memorandum.city,
            action=Action.STATUS_CHANGED if before != status else Action.UPDATED,
            summary=summary,
            by=by,
        )
    return locked
