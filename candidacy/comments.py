"""A stage's thread of comments: the one service that writes it and the query that reads it.
Who reads and writes which visibility is `candidacy.permissions` (`comment_visibilities`,
`visible_comments_q`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from . import permissions
from .events import comment_event
from .models import StageComment, StageProgress
from .services import WorkflowError


def stage_comments(user, progress: StageProgress) -> QuerySet[StageComment]:
    """The stage's comments the user may read, oldest first, with their authors: filtered in
    the query by the visibilities `permissions.can_read_comment` lets them read on this stage
    (`readable_comment_visibilities`; `visible_comments_q` is the filter across stages)."""
    readable = permissions.readable_comment_visibilities(user, progress)
    if not readable:
        return StageComment.objects.none()
    return StageComment.objects.filter(progress=progress, visibility__in=readable).select_related(
        "author"
    )


def stage_comment_add(
    *, progress: StageProgress, by, body: str, visibility: str = StageComment.Visibility.CITY
) -> StageComment:
    """Add a comment to a stage's thread, to the city or internal. Refused (nothing saved) when
    the user may not comment, or not with that visibility; the body is bounded by the model.
    Side effect: after the commit, e-mail to those who may read it (`notifications`)."""
    if not permissions.can_comment_on_stage(by, progress):
        raise PermissionDenied(_("You may not comment on this stage."))
    if visibility not in StageComment.Visibility.values:
        raise WorkflowError(_("Choose who may read the comment."))
    if not permissions.can_comment_on_stage(by, progress, visibility):
        raise WorkflowError(
            _(
                "The comment was not saved: you write to the city; internal notes are for "
                "the signatories and coordinators."
            )
        )
    comment = StageComment(
        progress=progress, author=by, body=(body or "").strip(), visibility=visibility
    )
    comment.full_clean(exclude=["progress", "author"])
    with transaction.atomic():
        comment.save()
        comment_event(comment=comment)
    return comment
