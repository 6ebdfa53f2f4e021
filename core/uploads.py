"""Checks on every uploaded document (stage evidence, council minutes, memoranda): size, extension
and the file's own first bytes. The content type we store and serve comes from this table, never
from what the browser claimed."""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from cities.templatetags.portal import format_digits

logger = logging.getLogger(__name__)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class FileType:
    content_type: str
    magic: tuple[bytes, ...]
    zip_member: str = ""  # an office document is a zip archive holding this member


ALLOWED_TYPES: dict[str, FileType] = {
    "pdf": FileType("application/pdf", (b"%PDF-",)),
    "png": FileType("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "doc": FileType("application/msword", (_OLE,)),
    "xls": FileType("application/vnd.ms-excel", (_OLE,)),
    "ppt": FileType("application/vnd.ms-powerpoint", (_OLE,)),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (_ZIP,),
        "[Content_Types].xml",
    ),
    "xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (_ZIP,),
        "[Content_Types].xml",
    ),
    "pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (_ZIP,),
        "[Content_Types].xml",
    ),
    "odt": FileType("application/vnd.oasis.opendocument.text", (_ZIP,), "mimetype"),
    "ods": FileType("application/vnd.oasis.opendocument.spreadsheet", (_ZIP,), "mimetype"),
    "odp": FileType("application/vnd.oasis.opendocument.presentation", (_ZIP,), "mimetype"),
}


def evidence_file_type(upload) -> FileType:
    """Return the file's checked type, or raise ValidationError with a message for the user."""
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; documents may be at most %(limit)s.")
            % {
                "size": format_digits(filesizeformat(upload.size)),
                "limit": format_digits(filesizeformat(limit)),
            },
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    file_type = ALLOWED_TYPES.get(extension)
    if file_type is None:
        raise ValidationError(
            _(
                "Files of type “%(ext)s” are not accepted. Upload a PDF, an image (PNG, JPEG) "
                "or an office document (Word, Excel, PowerPoint, OpenDocument)."
            )
            % {"ext": extension or "?"},
            code="bad_type",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    mismatch = ValidationError(
        _("The file's content is not a real %(ext)s document; it may be renamed or damaged.")
        % {"ext": extension.upper()},
        code="disguised",
    )
    if not any(head.startswith(magic) for magic in file_type.magic):
        raise mismatch
    if file_type.zip_member:
        try:
            with zipfile.ZipFile(upload) as archive:
                if file_type.zip_member not in archive.namelist():
                    raise mismatch
        except zipfile.BadZipFile as error:
            raise mismatch from error
        finally:
            upload.seek(0)
    return file_type


def storage_failed_error(field: str | None = None) -> ValidationError:
    """What the user reads when the document storage (MEDIA_ROOT) cannot be written: keyed by
    the form's upload `field`, if given."""
    message = _(
        "The document could not be stored just now, so nothing was saved. Try again in a few "
        "minutes; if it keeps happening, tell the portal's administrators."
    )
    return ValidationError({field: [message]} if field else message, code="storage_failed")


def document_store(field_file, name: str, content, *, field: str | None = None) -> None:
    """Store an uploaded document in a model's file field (the row itself is not saved). If the
    storage cannot be written (disk full, read-only, permissions), log it and raise
    `ValidationError` (keyed `field`): call it inside the change's transaction, so that the
    refusal rolls the change back and no row points at a file that is not there."""
    try:
        field_file.save(name, content, save=False)
    except OSError as error:
        logger.error("Could not store the document %r: %s", name, error, exc_info=error)
        raise storage_failed_error(field) from error


def document_delete(field_file) -> None:
    """Delete a stored document from its storage. If the storage refuses, log it and raise
    `ValidationError` for the user: call it inside the removal's transaction, after deleting the
    row, so that the refusal keeps the row and its document together."""
    try:
        field_file.delete(save=False)
    except OSError as error:
        logger.error("Could not delete the document %r: %s", field_file.name, error, exc_info=error)
        raise ValidationError(
            _(
                "The document could not be removed just now, so it is still attached. Try "
                "again in a few minutes; if it keeps happening, tell the portal's administrators."
            ),
            code="storage_failed",
        ) from error
