"""The bounds every input of the portal keeps, defined once at the lowest layer and used by the
models of every app, so that forms, the admin, services (which run `full_clean`) and imports all
refuse the same values with the same message, and the display code never meets a value it
cannot show (Solar Hijri conversion fails outside years 622–9998).
"""

from __future__ import annotations

import datetime

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import calendars
from .templatetags.portal import format_digits, format_number

#: The earliest and latest date the portal accepts anywhere.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)

#: Caps on free text: a short note or comment, a description, a narrative.
NOTE_MAX_LENGTH = 4_000
DESCRIPTION_MAX_LENGTH = 5_000
NARRATIVE_MAX_LENGTH = 20_000


def plausible_date(day) -> None:
    """A date between 1900 and 2100: anything else is a typing mistake (0001-01-01)."""
    if day is None:
        return
    if isinstance(day, datetime.datetime):
        day = day.date()
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        # The bounds as the page's calendar tells them: the years in the Gregorian calendar,
        # the dates themselves in the Solar Hijri (whose years do not begin on 1 January).
        if calendars.calendar_active() == calendars.SOLAR_HIJRI:
            bounds = {
                "earliest": calendars.date_format(EARLIEST_DATE),
                "latest": calendars.date_format(LATEST_DATE),
            }
        else:
            bounds = {"earliest": EARLIEST_DATE.year, "latest": LATEST_DATE.year}
        raise ValidationError(
            _("Give a date between %(earliest)s and %(latest)s."),
            code="implausible_date",
            params=bounds,
        )


#: The most people a headcount (an office's staff, children attending, a council's make-up)
#: can give: beyond it the number is a typing mistake.
MAX_HEADCOUNT = 10_000


def plausible_headcount(number) -> None:
    if number is not None and number > MAX_HEADCOUNT:
        raise ValidationError(
            _("Give at most %(max)s: check the number."),
            code="implausible_headcount",
            params={"max": format_number(MAX_HEADCOUNT)},
        )


#: Where a place can be on the map, in degrees (WGS 84): the latitude, then the longitude.
LATITUDE_BOUNDS = (-90, 90)
LONGITUDE_BOUNDS = (-180, 180)


def latitude_in_range(value) -> None:
    if value is not None and not LATITUDE_BOUNDS[0] <= value <= LATITUDE_BOUNDS[1]:
        raise ValidationError(
            _("A latitude lies between %(low)s and %(high)s degrees (south is negative)."),
            code="latitude_out_of_range",
            params={
                "low": format_number(LATITUDE_BOUNDS[0]),
                "high": format_number(LATITUDE_BOUNDS[1]),
            },
        )


def longitude_in_range(value) -> None:
    if value is not None and not LONGITUDE_BOUNDS[0] <= value <= LONGITUDE_BOUNDS[1]:
        raise ValidationError(
            _("A longitude lies between %(low)s and %(high)s degrees (west is negative)."),
            code="longitude_out_of_range",
            params={
                "low": format_number(LONGITUDE_BOUNDS[0]),
                "high": format_number(LONGITUDE_BOUNDS[1]),
            },
        )


def capped_text(verbose_name, *, max_length: int, **kwargs) -> models.TextField:
    """A TextField whose cap is kept by the model (a TextField's `max_length` alone only
    reaches its form field, as the textarea's `maxlength` and the form's check)."""
    return models.TextField(
        verbose_name,
        max_length=max_length,
        validators=[MaxLengthValidator(max_length)],
        **kwargs,
    )


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum password length, its number in the reader's digits (Persian digits in
    Persian): the help text and the error are Django's own sentences."""

    def get_error_message(self):
        return format_digits(super().get_error_message())

    def get_help_text(self):
        return format_digits(super().get_help_text())
