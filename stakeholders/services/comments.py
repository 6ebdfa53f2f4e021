"""Comments on a council, a children's proposal or a memorandum."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import permissions
from ..models import ChildrenProposal, Council, Memorandum, StakeholderComment
from .history import Action, save_with_history


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
        save_with_history(
            comment,
            city=city,
            action=Action.CREATED,
            summary=f"{target}: {comment.body[:200]}",
            by=by,
        )
    return comment
