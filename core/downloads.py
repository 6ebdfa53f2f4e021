"""Downloads of stored documents. The caller has already found the object in the user's
scope (and checked any predicate); this only streams the file."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _


def stored_file_response(stored, name: str, content_type: str) -> FileResponse:
    """A stored document as an attachment, named as it was uploaded; 404 if there is none."""
    if not stored:
        raise Http404(_("No document was attached."))
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404(_("The document's file is missing.")) from error
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
