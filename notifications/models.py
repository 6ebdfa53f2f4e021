"""The inbox, the preferences and the reminders' ledger.

A `Notification` is written once, in its recipient's language, and is both the inbox's row and
the e-mail's content: sent at once, kept for the day's digest, or not mailed at all, as the
recipient's `Preference` for its kind says. `ReminderSent` is the ledger that keeps the daily
reminders from repeating themselves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 2000
LINK_MAX_LENGTH = 300
REMINDER_KEY_MAX_LENGTH = 120


class Kind(models.TextChoices):
    """What a notification is about; each kind has its own preference."""

    STAGE = "stage", _("Changes of a stage's state")
    REMINDER = "reminder", _("Reminders")
    COMMENT = "comment", _("Comments")  # in a stage's thread (notifications/comments.py)


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("One e-mail a day (digest)")
    OFF = "off", _("No e-mail (inbox only)")


class Mail(models.TextChoices):
    """Where a notification's e-mail stands (never shown: the inbox shows no e-mail state)."""

    NONE = "none"
    QUEUED = "queued"
    SENT = "sent"


class Notification(models.Model):
    """One message in one user's inbox, written in their language when it was created."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    body = models.TextField(_("message"), max_length=BODY_MAX_LENGTH, blank=True)
    link = models.CharField(_("link"), max_length=LINK_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    language = models.CharField(max_length=10, blank=True)  # what it was written in
    mail = models.CharField(max_length=10, choices=Mail.choices, default=Mail.NONE)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # the inbox (newest first) and the navigation's unread count
            models.Index(fields=["recipient", "-created_at"], name="inbox_of_user"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="unread_of_user",
            ),
            models.Index(
                fields=["recipient"],
                condition=models.Q(mail="queued"),
                name="digest_of_user",
            ),
        ]

    def __str__(self):
        return self.subject


class Preference(models.Model):
    """How a user wants to hear of one kind of notification; no row means at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} {self.delivery}"


class ReminderSent(models.Model):
    """The ledger of reminders: one row per recipient and key (what, which object, which due
    window), so `send_reminders` run twice on a day, or every day, reminds of a thing once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
    )
    key = models.CharField(max_length=REMINDER_KEY_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="one_reminder_per_key")
        ]

    def __str__(self):
        return self.key
