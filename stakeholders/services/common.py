"""What the stakeholders' services share: the manager's permission, and uploaded documents
(checked before anything is written, stored only once the row is valid)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from cities.models import City
from core.uploads import FileType, document_store, evidence_file_type

from .. import permissions

logger = logging.getLogger(__name__)


def require_manager(by, city: City) -> None:
    """Refuse (`PermissionDenied`) anyone but the city's managers of stakeholders."""
    if not permissions.can_manage_stakeholders(by, city):
        raise PermissionDenied(_("Only the city's CFC office manages its councils and members."))


def stripped(value):
    """A text value without surrounding blanks; any other value as it is."""
    return value.strip() if isinstance(value, str) else value


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded document whose type was checked, not yet stored."""

    file: object
    file_type: FileType


def check_upload(upload) -> CheckedUpload | None:
    """The upload with its checked file type (None when there is no upload); a refused file
    raises `ValidationError` keyed `upload`."""
    if not upload:
        return None
    try:
        return CheckedUpload(upload, evidence_file_type(upload))
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from error


def attach_upload(instance: models.Model, field: str, upload: CheckedUpload) -> str:
    """Store a checked upload in `field` (with its name and type); return the name of the file
    it replaces, to delete once the transaction commits ("" if none). A storage that cannot be
    written raises `ValidationError` keyed `upload`, the instance's fields as they were: call it
    inside the change's transaction, which the refusal rolls back."""
    old = getattr(instance, field).name or ""
    document_store(getattr(instance, field), upload.file.name, upload.file, field="upload")
    setattr(instance, f"{field}_name", upload.file.name[-200:])
    setattr(instance, f"{field}_content_type", upload.file_type.content_type)
    return old


def delete_file_on_commit(instance: models.Model, field: str, name: str) -> None:
    """Delete a replaced file from storage once the change is committed (not if it rolls back).
    The change is already saved then: a storage that refuses leaves the old file behind, logged."""
    if not name:
        return
    storage = instance._meta.get_field(field).storage

    def delete() -> None:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete the replaced document %r", name)

    transaction.on_commit(delete)
