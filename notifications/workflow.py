"""Workflow e-mail: who hears of a stage's change of state, and what they read."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from candidacy import permissions
from candidacy.models import StageProgress, Transition
from candidacy.selectors import stage_people

logger = logging.getLogger(__name__)


def _is_city_office(user, progress: StageProgress) -> bool:
    return permissions.is_office_of(user, progress.candidacy.city)


def stage_url(progress: StageProgress) -> str:
    """The stage page's absolute address, for links in e-mail."""
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "candidacy:stage",
        kwargs={"city": progress.candidacy.city.slug, "stage": progress.definition.key},
    )


def _message(progress: StageProgress, action: str, comment: str):
    """(who, subject, body) for an action that tells anyone, else None. Who: the predicate
    whose holders are told, the same one that lets them act on the stage now."""
    names = {"city": progress.candidacy.city, "stage": progress.definition.title}
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
    if action == Transition.Action.RETURN:
        return (
            permissions.can_edit_stage,
            _("%(city)s: “%(stage)s” was returned") % names,
            comment,
        )
    return None


def stage_changed_notify(sender, *, progress: StageProgress, action: str, comment: str = "", **_):
    """E-mail the people concerned by a committed change of a stage's state: on submission the
    users who may sign it off now, on approval the city's office, on a return its preparers."""
    message = _message(progress, action, comment)
    if message is None:
        return
    who, subject, body = message
    addresses = sorted({user.email for user in stage_people(progress, who) if user.email})
    if not addresses:
        return
    text = f"{body}\n\n{stage_url(progress)}\n"
    try:
        send_mass_mail([(subject, text, None, [address]) for address in addresses])
    except Exception:  # mail trouble must not undo or hide a committed change
        logger.exception("Could not send workflow e-mail for %s", progress)
