"""Workflow e-mail: who hears of a stage's change of state, and what they read."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from candidacy import permissions
from candidacy.models import StageProgress, Transition
from candidacy.selectors import stage_people

from .models import Kind
from .services import Message, messages_deliver


def _is_city_office(user, progress: StageProgress) -> bool:
    return permissions.is_office_of(user, progress.candidacy.city)


def stage_path(progress: StageProgress) -> str:
    """The stage page's path (`services.absolute` makes it the address in e-mail)."""
    return reverse(
        "candidacy:stage",
        kwargs={"city": progress.candidacy.city.slug, "stage": progress.definition.key},
    )


def _message(progress: StageProgress, action: str, comment: str):
    """(who, subject, body) for an action that tells anyone, else None, in the active language.
    Who: the predicate whose holders are told, the same one that lets them act on the stage
    now. The city and the stage are named as the pages name them, in the active language."""
    names = {
        "city": progress.candidacy.city.name,
        "stage": progress.definition.title,
    }
    if action == Transition.Action.SUBMIT:
        return (
            permissions.can_sign_stage,
            _("%(city)s: “%(stage)s” awaits your sign-off") % names,
            _("The stage has been submitted and awaits your review."),
        )
    if action == Transition.Action.APPROVE:
        return (
            _is_city_office,
            _("%(city)s: “%(stage)s” is approved") % names,
            comment or _("The stage has been approved by every signatory."),
        )
    if action == Transition.Action.RECALL:
        return (
            permissions.holds_signatory_role,
            _("%(city)s: “%(stage)s” was recalled before sign-off") % names,
            _(
                "The preparer has taken the submission back to work on it; it no longer awaits "
                "your review. You will be told when it is submitted again."
            )
            + (f"\n\n{comment}" if comment else ""),
        )
    if action == Transition.Action.RETURN:
        return (
            permissions.can_edit_stage,
            _("%(city)s: “%(stage)s” was returned") % names,
            comment,
        )
    return None


def stage_changed_notify(sender, *, progress: StageProgress, action: str, comment: str = "", **_):
    """Tell the people concerned by a committed change of a stage's state: on submission the
    users who may sign it off now, on approval the city's office, on a return its preparers,
    on a recall the stage's signatories (no one had signed the recalled submission).
    Each gets an inbox row and, as they prefer for stage changes, an e-mail now, in the day's
    digest or none (`services.messages_deliver`), written in their own language (the one they
    chose, else the programme's, else the portal's), whoever made the change."""
    message = _message(progress, action, comment)
    if message is None:
        return
    who = message[0]
    people = stage_people(progress, who)
    if not people:
        return
    link = stage_path(progress)

    def write():
        _who, subject, body = _message(progress, action, comment)
        return subject, body

    programme = progress.candidacy.city.programme
    messages_deliver(
        [
            Message(recipient=user, kind=Kind.STAGE, link=link, write=write, programme=programme)
            for user in people
        ]
    )
