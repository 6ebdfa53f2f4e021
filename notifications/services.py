"""Everything that writes notifications: delivering messages (the inbox row, then the e-mail at
once, in the day's digest or not at all, as each recipient prefers), marking them read, the
preferences, and the daily digest."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cities.calendars import calendar_override
from cities.services import chosen_languages, programme_language
from cities.templatetags.portal import format_number
from core.editions import INBOX, edition_bump

from .models import (
    BODY_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    Delivery,
    Kind,
    Mail,
    Notification,
    Preference,
    ReminderSent,
)

logger = logging.getLogger(__name__)


@dataclass
class Message:
    """A notification to deliver to one person. `write()` gives (subject, body) in the active
    language and calendar: it is called once per recipient, in the recipient's language and
    the programme's calendar. `key`: a reminder's ledger key (what, which object, which due
    window); a message whose key the recipient has already had is not delivered again."""

    recipient: Any
    kind: str
    link: str  # a path of the portal ("/cities/…/"), made absolute in e-mail
    write: Callable[[], tuple[str, str]]
    programme: Any = None
    key: str = ""


def deliveries_of(user_ids) -> dict[tuple[int, str], str]:
    """The users' chosen deliveries by (user pk, kind); what is not there is immediate."""
    rows = Preference.objects.filter(user_id__in=list(user_ids)).values_list(
        "user_id", "kind", "delivery"
    )
    return {(user_id, kind): delivery for user_id, kind, delivery in rows}


def absolute(link: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + link


def _truncated(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def messages_deliver(messages: list[Message]) -> list[Notification]:
    """Deliver `messages`: each becomes an inbox row written in its recipient's language (the
    one they chose, else their programme's, else the portal's) and, as the recipient prefers
    for its kind, an e-mail now, an entry of tomorrow's digest, or nothing more. Messages with
    a `key` the recipient already had are dropped, and their keys written to the ledger in
    the same transaction as the rows. Queries: a fixed few, whatever the number of messages.
    Side effects: e-mail, after the rows are written (mail trouble is logged, not raised)."""
    if not messages:
        return []
    keyed = [message for message in messages if message.key]
    if keyed:
        had = _ledger_has(keyed)
        seen = set()
        kept = []
        for message in messages:
            mark = (message.recipient.pk, message.key)
            if message.key and (mark in had or mark in seen):
                continue
            seen.add(mark)
            kept.append(message)
        messages = kept
    if not messages:
        return []
    user_ids = {message.recipient.pk for message in messages}
    chosen = chosen_languages(user_ids)
    deliveries = deliveries_of(user_ids)
    rows, mails = [], []
    for message in messages:
        user = message.recipient
        language = chosen.get(user.pk) or programme_language(message.programme)
        calendar = getattr(message.programme, "calendar", None)
        with translation.override(language), calendar_override(calendar):
            subject, body = message.write()
        delivery = deliveries.get((user.pk, message.kind), Delivery.IMMEDIATE)
        mail = Mail.NONE
        if user.email and delivery == Delivery.IMMEDIATE:
            mail = Mail.SENT
            mails.append((subject, f"{body}\n\n{absolute(message.link)}\n", None, [user.email]))
        elif user.email and delivery == Delivery.DIGEST:
            mail = Mail.QUEUED
        rows.append(
            Notification(
                recipient=user,
                kind=message.kind,
                subject=_truncated(subject, SUBJECT_MAX_LENGTH),
                body=_truncated(body, BODY_MAX_LENGTH),
                link=message.link,
                language=language,
                mail=mail,
            )
        )
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows)
        edition_bump(INBOX)  # the navigation's unread counts (a bulk write sends no signal)
        ReminderSent.objects.bulk_create(
            ReminderSent(recipient=message.recipient, key=message.key)
            for message in messages
            if message.key
        )
    _send(mails)
    return created


#: Ledger keys looked up per query (a bound on the parameters of one statement).
LEDGER_CHUNK = 1000


def _ledger_has(keyed: list[Message]) -> set[tuple[int, str]]:
    """The (recipient pk, key) pairs among `keyed` that the ledger already holds: one query
    per thousand keys."""
    keys = sorted({message.key for message in keyed})
    had = set()
    for start in range(0, len(keys), LEDGER_CHUNK):
        had.update(
            ReminderSent.objects.filter(key__in=keys[start : start + LEDGER_CHUNK]).values_list(
                "recipient_id", "key"
            )
        )
    return had


def _send(mails: list) -> None:
    if not mails:
        return
    try:
        send_mass_mail(mails)
    except Exception:  # mail trouble must not undo or hide what was recorded
        logger.exception("Could not send %s notification e-mail(s)", len(mails))


# --- the inbox ------------------------------------------------------------------------------


def notification_read(*, notification: Notification, by) -> Notification:
    """Mark one of one's own notifications read (again reading it changes nothing)."""
    if notification.recipient_id != by.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        ):
            edition_bump(INBOX)
    return notification


def notifications_read_all(*, by) -> int:
    """Mark all of one's unread notifications read; how many were."""
    read = Notification.objects.filter(recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if read:
        edition_bump(INBOX)
    return read


# --- preferences ----------------------------------------------------------------------------


def preferences_save(*, user, by, deliveries: dict[str, str]) -> dict[str, str]:
    """Save how `user` wants to hear of each kind (`deliveries`: kind → delivery). Only the
    user themselves may. One row per kind chosen."""
    if by.pk != user.pk:
        raise PermissionDenied
    kinds = set(Kind.values)
    choices = set(Delivery.values)
    with transaction.atomic():
        for kind, delivery in deliveries.items():
            if kind in kinds and delivery in choices:
                Preference.objects.update_or_create(
                    user=user, kind=kind, defaults={"delivery": delivery}
                )
    return deliveries


# --- the digest -----------------------------------------------------------------------------


def _digest_text(items: list[Notification]) -> tuple[str, str]:
    count = len(items)
    subject = _("Your daily digest from the CFC Candidacy Portal")
    lines = [
        ngettext(
            "%(count)s notification since your last digest:",
            "%(count)s notifications since your last digest:",
            count,
        )
        % {"count": format_number(count)},
        "",
    ]
    for item in items:
        lines.append(f"• {item.subject}")
        if item.body:
            lines.append(f"  {item.body}")
        if item.link:
            lines.append(f"  {absolute(item.link)}")
        lines.append("")
    return subject, "\n".join(lines)


def digests_send() -> int:
    """E-mail each user one digest of their notifications waiting for it, in the language
    they were written in, and mark them sent; run again, it finds nothing to send. Queries: a
    fixed few, whatever the number of users. Returns the number of e-mails."""
    with transaction.atomic():
        waiting = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(mail=Mail.QUEUED)
            .select_related("recipient")
            .order_by("recipient_id", "created_at", "pk")
        )
        Notification.objects.filter(pk__in=[item.pk for item in waiting]).update(mail=Mail.SENT)
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for item in waiting:
        by_user[item.recipient_id].append(item)
    mails = []
    for items in by_user.values():
        recipient = items[0].recipient
        if not recipient.email or not recipient.is_active:
            continue
        with translation.override(items[-1].language or settings.LANGUAGE_CODE):
            subject, body = _digest_text(items)
        mails.append((subject, body, None, [recipient.email]))
    _send(mails)
    return len(mails)
