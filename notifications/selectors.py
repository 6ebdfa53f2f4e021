"""Reads of the inbox, shaped for its pages."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet

from core.editions import INBOX, kept_key

from .models import Kind, Notification, Preference


def inbox_of(user) -> QuerySet[Notification]:
    """The user's own notifications (the list pages them, newest first)."""
    return Notification.objects.filter(recipient=user).only(
        "pk", "kind", "subject", "body", "link", "created_at", "read_at"
    )


def unread_count(user) -> int:
    """How many of the user's notifications are unread: one indexed count."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_count_kept(user) -> int:
    """`unread_count`, kept in the cache under the inbox's edition (`core.editions.INBOX`,
    read with the session: no query while it stands), which every notification sent or read
    raises (`notifications.services`). Outside a request, counted afresh."""
    key = kept_key("unread", user.pk, name=INBOX)
    if key is None:
        return unread_count(user)
    count = cache.get(key)
    if count is None:
        count = unread_count(user)
        cache.set(key, count, 60 * 60)
    return count


def preferences_of(user) -> dict[str, str]:
    """The user's delivery per kind (immediate where they chose nothing)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, "immediate") for kind in Kind.values}
