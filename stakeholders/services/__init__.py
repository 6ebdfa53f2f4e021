"""Everything that writes a city's stakeholders, one module per concern: `councils`
(organisations, councils and their members), `participation` (children's councils' make-up,
sessions and proposals), `memoranda` (memoranda and their commitments), `comments`, and
`history` (the history row every change writes, and the admin's edits). Views, the admin's
actions, the demo command and tests call these functions; nothing else writes these tables (the
demo data is seed data written in bulk).

Each service checks permission with the predicates of `stakeholders.permissions` (raising
`PermissionDenied`), and writes inside one transaction (re-reading the row it changes with its
lock held) through `history.save_with_history`: the row is validated with the model's own rules
(`full_clean`, raising `ValidationError` keyed by field), saved, and its change recorded in
`StakeholderChange` in that same transaction. Uploaded documents are checked by
`core.uploads.evidence_file_type` before anything is written.
"""

from .comments import comment_add
from .councils import (
    council_create,
    council_member_add,
    council_member_remove,
    council_member_replace,
    council_member_update,
    council_update,
    organisation_create,
    organisation_update,
)
from .history import admin_change_record, record_change, save_with_history
from .memoranda import (
    commitment_add,
    commitment_set_status,
    commitment_update,
    memorandum_create,
    memorandum_update,
)
from .participation import (
    MAKEUP_FIELDS,
    makeup_save,
    proposal_add,
    proposal_answer,
    proposal_update,
    session_add,
    session_update,
)

__all__ = [
    "MAKEUP_FIELDS",
    "admin_change_record",
    "comment_add",
    "commitment_add",
    "commitment_set_status",
    "commitment_update",
    "council_create",
    "council_member_add",
    "council_member_remove",
    "council_member_replace",
    "council_member_update",
    "council_update",
    "makeup_save",
    "memorandum_create",
    "memorandum_update",
    "organisation_create",
    "organisation_update",
    "proposal_add",
    "proposal_answer",
    "proposal_update",
    "record_change",
    "save_with_history",
    "session_add",
    "session_update",
]
