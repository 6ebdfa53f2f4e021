"""Reads of the inbox, shaped for its pages."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Kind, Notification, Preference


def inbox_of(user) -> QuerySet[Notification]:
    """The user's own notifications (the list pages them, newest first)."""
    return Notification.objects.filter(recipient=user).only(
        "pk", "kind", "subject", "body", "link", "created_at", "read_at"
    )


def unread_count(user) -> int:
    """How many of the user's notifications are unread: one indexed count."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_of(user) -> dict[str, str]:
    """The user's delivery per kind (immediate where they chose nothing)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, "immediate") for kind in Kind.values}
