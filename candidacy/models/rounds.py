"""Call rounds: a programme opens a round of applications with a deadline, and a city's
candidacy belongs to one (`Candidacy.call_round`). What a round's dates mean for a submission
(late, or refused) is `candidacy.rounds`; opening and changing a round is
`candidacy.services.round_open` / `round_update`."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.calendars import date_format
from cities.models import Programme
from cities.validators import NOTE_MAX_LENGTH, capped_text, plausible_date
from core.versions import Versioned

#: The refusal of a round that closes before it opens (the form, the admin and the service).
CLOSES_BEFORE_OPENS = _("The round cannot close before it opens.")
DECIDES_BEFORE_CLOSES = _("The decision cannot be due before the round closes.")


class CallRound(Versioned):
    """A programme's call for applications: open from `opens_on` to `closes_on` (both days
    included), decided by `decision_by`. With `applications_close`, a city's application (the
    first stage) is refused once the round has closed; any later submission after it closed
    is only flagged late (`candidacy.rounds`). Its name is stored per language."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="call_rounds",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    opens_on = models.DateField(_("opens on"), validators=[plausible_date])
    closes_on = models.DateField(_("closes on"), validators=[plausible_date])
    decision_by = models.DateField(
        _("decision by"), null=True, blank=True, validators=[plausible_date]
    )
    applications_close = models.BooleanField(
        _("refuse applications after the round closes"),
        default=True,
        help_text=_(
            "A city's application (its first stage) is refused once the round has closed; "
            "later stages submitted after it are only flagged late."
        ),
    )
    notes = capped_text(_("notes"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["programme", "-opens_on", "pk"]
        verbose_name = _("call round")
        verbose_name_plural = _("call rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="call_round_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(decision_by__isnull=True) | Q(decision_by__gte=F("closes_on")),
                name="call_round_decided_after_closing",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": CLOSES_BEFORE_OPENS}, code="closes_before_opens")
        if self.decision_by and self.closes_on and self.decision_by < self.closes_on:
            raise ValidationError(
                {"decision_by": DECIDES_BEFORE_CLOSES}, code="decides_before_closes"
            )

    def closed_on(self, day) -> bool:
        """Whether the round has closed by `day` (a date)."""
        return day > self.closes_on


class CallRoundChange(models.Model):
    """The history of a call round: opened, then each change of its name, dates, rule or
    notes (what each changed field was and became, as stored text: dates in ISO form). Written
    by `candidacy.services.round_open` / `round_update` in the same transaction as the change;
    read-only in the admin and on the round's report."""

    class Action(models.TextChoices):
        OPENED = "opened", _("Opened")
        CHANGED = "changed", _("Changed")

    call_round = models.ForeignKey(
        CallRound,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("call round"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    #: {field name: [before, after]}, each a stored value as text ("" for none).
    fields = models.JSONField(_("changed fields"), default=dict, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["call_round", "at", "pk"]
        verbose_name = _("change of a call round")
        verbose_name_plural = _("changes of a call round")

    def __str__(self):
        return f"{self.call_round} – {self.get_action_display()}"

    def field_rows(self) -> list[tuple[str, str, str]]:
        """(the field's label, before, after), for the reader: dates in the page's calendar
        (`cities.calendars.date_format`), yes/no in the reader's language."""
        fields = {field.name: field for field in CallRound._meta.fields}
        return [
            (
                str(fields[name].verbose_name) if name in fields else name,
                *(_shown(fields.get(name), value) for value in (before, after)),
            )
            for name, (before, after) in self.fields.items()
        ]


def _shown(field, value: str) -> str:
    if not value or field is None:
        return value
    if isinstance(field, models.DateField):
        return date_format(datetime.date.fromisoformat(value))
    if isinstance(field, models.BooleanField):
        return str(_("yes") if value == "True" else _("no"))
    return value
