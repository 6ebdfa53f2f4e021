"""E-mail of a new comment in a stage's thread: to those who may read it, never its author, and
an internal note never to the city's office (the recipients are the holders of the same
predicates that filter the thread), each in their own language."""

from __future__ import annotations

import logging
from collections import defaultdict

from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _

from candidacy import permissions
from candidacy.models import StageComment
from candidacy.selectors import stage_people
from cities.services import mail_languages

from .workflow import stage_url

logger = logging.getLogger(__name__)


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
    """E-mail a committed comment to the users who may read it, except its author."""
    progress = comment.progress
    readable = _readers_predicate(comment)
    people = [
        user
        for user in stage_people(progress, readable)
        if user.email and user.pk != comment.author_id
    ]
    if not people:
        return
    languages = mail_languages(people, programme=progress.candidacy.city.programme)
    by_language: dict[str, set[str]] = defaultdict(set)
    for user in people:
        by_language[languages[user.pk]].add(user.email)
    url = stage_url(progress)
    messages = []
    for language, addresses in sorted(by_language.items()):
        with translation.override(language):
            subject, body = _message(comment)
        text = f"{body}\n\n{url}\n"
        messages.extend((subject, text, None, [address]) for address in sorted(addresses))
    try:
        send_mass_mail(messages)
    except Exception:  # mail trouble must not undo or hide a committed comment
        logger.exception("Could not send the comment e-mail for %s", progress)
