"""A new comment in a stage's thread, told to those who may read it, never its author, and an
internal note never to the city's office (the recipients are the holders of the same predicates
that filter the thread): an inbox row each and, as they prefer for comments, an e-mail now, in
the day's digest or none (`services.messages_deliver`), in their own language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from candidacy import permissions
from candidacy.models import StageComment
from candidacy.selectors import stage_people

from .models import Kind
from .services import Message, messages_deliver
from .workflow import stage_path


def _readers_predicate(comment: StageComment):
    if comment.visibility == StageComment.Visibility.INTERNAL:
        return permissions.can_read_internal_comments
    return permissions.can_read_stage_comments


def _message(comment: StageComment) -> tuple[str, str]:
    """(subject, body) in the active language."""
    progress = comment.progress
    names = {"city": progress.candidacy.city.name, "stage": progress.definition.title}
    author = comment.author.get_full_name() or comment.author.get_username()
    if comment.visibility == StageComment.Visibility.INTERNAL:
        subject = _("%(city)s: an internal note on “%(stage)s”") % names
        intro = _("%(author)s wrote an internal note (the city's office does not see it):") % {
            "author": author
        }
    else:
        subject = _("%(city)s: a comment on “%(stage)s”") % names
        intro = _("%(author)s wrote:") % {"author": author}
    return subject, f"{intro}\n\n{comment.body}"


def stage_commented_notify(sender, *, comment: StageComment, **_kwargs):
    """Tell the users who may read a committed comment, except its author."""
    progress = comment.progress
    readable = _readers_predicate(comment)
    people = [user for user in stage_people(progress, readable) if user.pk != comment.author_id]
    if not people:
        return
    link = stage_path(progress)
    programme = progress.candidacy.city.programme
    messages_deliver(
        [
            Message(
                recipient=user,
                kind=Kind.COMMENT,
                link=link,
                write=lambda: _message(comment),
                programme=programme,
            )
            for user in people
        ]
    )
