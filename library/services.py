"""Every change of a library entry's state: one service, called by the curation page, the
admin's actions, the demo and the tests."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidacy.models import Initiative

from .models import GoodPractice, GoodPracticeChange, Theme
from .permissions import can_curate_good_practice

Status = GoodPractice.Status


def good_practice_curate(
    *,
    initiative: Initiative,
    by,
    status: str,
    summary: str | None = None,
    themes: Iterable[Theme] | None = None,
) -> GoodPractice:
    """Publish an initiative in the library, withdraw it (a rejection, or taking a published
    entry out), or keep it proposed, with its curated summary (in the curator's language;
    required to publish) and themes (`None`: left as they are). Side effects: a history row;
    the lists' edition is raised on commit (`reporting.signals`)."""
    if status not in Status.values:
        raise ValidationError({"status": _("Choose publish or withdraw.")})
    if not can_curate_good_practice(by, initiative):
        raise PermissionDenied
    with transaction.atomic():
        entry, created = GoodPractice.objects.select_for_update().get_or_create(
            initiative=initiative
        )
        before = "" if created else entry.status
        if summary is not None:
            entry.summary = summary.strip()
        if status == Status.PUBLISHED and not (entry.summary or "").strip():
            raise ValidationError({"summary": _("Write a summary before publishing.")})
        entry.full_clean(exclude=["initiative"])
        entry.status = status
        entry.curated_by = by
        if status == Status.PUBLISHED and before != Status.PUBLISHED:
            entry.published_at = timezone.now()
        entry.save()
        if themes is not None:
            entry.themes.set(themes)
        if before != status:
            GoodPracticeChange.objects.create(
                entry=entry, by=by, from_status=before, to_status=status
            )
    return entry
