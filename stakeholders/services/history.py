"""The history of a city's stakeholders: every change a service makes writes one
`StakeholderChange` row in the change's own transaction; an edit a superuser made in the admin
is recorded the same way."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from cities.models import City

from ..models import Commitment, StakeholderChange, StakeholderComment
from .common import CheckedUpload, attach_upload, delete_file_on_commit

Action = StakeholderChange.Action


def record_change(
    *, city: City, obj: models.Model, action: str, summary: str, by
) -> StakeholderChange:
    """Write the history row of a change (call inside the change's transaction)."""
    return StakeholderChange.objects.create(
        city=city,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        action=action,
        summary=summary[:500],
        user=by if getattr(by, "pk", None) else None,
    )


def save_with_history(
    obj: models.Model,
    *,
    city: City,
    action: str,
    summary: str,
    by,
    update_fields: list[str] | None = None,
    file_field: str | None = None,
    upload: CheckedUpload | None = None,
) -> StakeholderChange:
    """Validate a row with the model's own rules (`ValidationError` keyed by field), save it
    and write its history row; call inside the change's transaction.

    A row that holds a document names its `file_field`: it is validated without the file, and a
    checked `upload` is stored only once the row is valid; the file it replaces is deleted once
    the transaction commits."""
    obj.full_clean(exclude=[file_field] if file_field else None)
    replaced = attach_upload(obj, file_field, upload) if file_field and upload else ""
    obj.save(update_fields=update_fields)
    if replaced:
        delete_file_on_commit(obj, file_field, replaced)
    return record_change(city=city, obj=obj, action=action, summary=summary, by=by)


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
    return record_change(
        city=_city_of(obj),
        obj=obj,
        action=action,
        summary=_("In the admin: %(object)s") % {"object": obj},
        by=by,
    )
