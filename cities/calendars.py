"""The calendars the portal dates in, in one place: which one is active, and how a date or a
year is read from and written for a reader in it. Storage is always Gregorian; a programme's
calendar (`Programme.calendar`) decides how its dates are shown and entered.

- **Which calendar.** The page's programme decides: `core.lookups.visible_city` and the
  programme pages activate their programme's calendar for the request (`calendar_activate`),
  the admin the object's programme, or the user's own; with no programme in view the reader's
  language decides (Persian: Solar Hijri). `CalendarMiddleware` starts every request with none.
- **Dates.** `date_parse` reads what a user typed (Persian, Arabic-Indic or Latin digits;
  year/month/day with `/`, `-` or `.`) in a calendar, refusing a date the calendar does not
  have, or a year of the other calendar, with a message in that calendar: never reinterpreted.
  `date_format` shows a date for the reader (see `date_format`).
- **Years.** A Solar Hijri year Y is stored as the Gregorian year in which it begins, Y + 621
  (1403 began on 20 March 2024: stored 2024). The mapping is one to one, so stored year fields
  stay Gregorian and are shown and entered as Y.
- **Forms.** `CalendarDateField` and `CalendarYearField` with their text widgets are the only
  date and year inputs; `calendar_fields` puts them in place of a form's plain date fields (and of
  the model's year fields marked by `calendar_year`), and `CalendarFormMixin` does it for every
  form of the portal; the admin's base classes do the same (`cities.admin_scoping`).
"""

from __future__ import annotations

import calendar as gregorian_calendar
import contextlib
import datetime
import functools
import re
from contextvars import ContextVar

import jdatetime
from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

#: The calendars, with the values of `cities.models.Programme.Calendar`.
GREGORIAN = "gregorian"
SOLAR_HIJRI = "solar_hijri"

#: A Solar Hijri year begins in the Gregorian year Y + 621.
SOLAR_HIJRI_OFFSET = 621
#: The Solar Hijri years a date or a year may be given in: those of the portal's bounds (1900–2100,
#: `cities.validators`). Beyond them a number is a year of the other calendar or a typing mistake.
SOLAR_HIJRI_YEARS = range(1279, 1480)

#: The Solar Hijri months, transliterated; gettext gives each language its own spelling
#: (Persian: its own names).
SOLAR_HIJRI_MONTHS = (
    gettext_noop("Farvardin"),
    gettext_noop("Ordibehesht"),
    gettext_noop("Khordad"),
    gettext_noop("Tir"),
    gettext_noop("Mordad"),
    gettext_noop("Shahrivar"),
    gettext_noop("Mehr"),
    gettext_noop("Aban"),
    gettext_noop("Azar"),
    gettext_noop("Dey"),
    gettext_noop("Bahman"),
    gettext_noop("Esfand"),
)

#: The date the format hints and messages give as an example: 2024-07-31, 1403/05/10.
_EXAMPLE = datetime.date(2024, 7, 31)
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
#: Marks a right-to-left keyboard or a copy from a page may add around what was typed.
_INVISIBLE = dict.fromkeys(map(ord, "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2069"))
_YEAR_MONTH_DAY = re.compile(r"^(\d+)\s*[-/.]\s*(\d+)\s*[-/.]\s*(\d+)$")

_active: ContextVar[str | None] = ContextVar("cfc_calendar", default=None)


# Which calendar -------------------------------------------------------------------------------


def is_persian() -> bool:
    return (get_language() or "").startswith("fa")


def calendar_activate(calendar: str | None) -> None:
    """Date this request (or task) in `calendar`; None: the reader's language decides."""
    _active.set(calendar or None)


@contextlib.contextmanager
def calendar_override(calendar: str | None):
    """Date in `calendar` inside the block."""
    token = _active.set(calendar or None)
    try:
        yield
    finally:
        _active.reset(token)


def calendar_active() -> str:
    """The calendar the page dates in: the one activated for its programme, else the reader's
    language's (Persian: Solar Hijri)."""
    return _active.get() or (SOLAR_HIJRI if is_persian() else GREGORIAN)


def programme_calendar_activate(programme) -> None:
    """Date the rest of the request in the programme's calendar (the page is the programme's)."""
    calendar_activate(programme.calendar)


class CalendarMiddleware:
    """Every request starts with no calendar activated (the reader's language decides) until a
    lookup of its programme activates one; the next request does not inherit it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _active.set(None)
        try:
            return self.get_response(request)
        finally:
            _active.reset(token)


# Showing ---------------------------------------------------------------------------------------


def reader_digits(text: str) -> str:
    """Persian digits for a Persian reader; as it is for others."""
    return text.translate(_PERSIAN_DIGITS) if is_persian() else text


def _solar_hijri_text(day: datetime.date) -> str:
    jalali = jdatetime.date.fromgregorian(date=day)
    return f"{jalali.day} {gettext(SOLAR_HIJRI_MONTHS[jalali.month - 1])} {jalali.year}"


# A day's texts depend on the day and the language alone: a list of dates (an admin page of
# 50) converts and formats each once per process. `language` is the key: the active one.
@functools.lru_cache(maxsize=4096)
def _day_in_solar_hijri(day: datetime.date, language: str) -> str:
    return _solar_hijri_text(day)


@functools.lru_cache(maxsize=4096)
def _day_in_language(day: datetime.date, language: str) -> str:
    return formats.date_format(day, "DATE_FORMAT")


@receiver(setting_changed)
def _day_texts_forget(**kwargs) -> None:
    """A test that changes the formats' settings reads them afresh."""
    _day_in_solar_hijri.cache_clear()
    _day_in_language.cache_clear()


def date_format(value, calendar: str | None = None, *, with_time: bool = False) -> str:
    """A date (or a datetime, in the local time) for the reader, in `calendar` (default: the
    active one):

    - Solar Hijri for a Persian reader: "۱۰ مرداد ۱۴۰۳", Persian names and digits;
    - Solar Hijri for another reader: the Solar Hijri date with the months' transliterated names
      and the Gregorian date beside it, "10 Mordad 1403 (July 31, 2024)";
    - Gregorian: the language's own date format, with Persian digits for a Persian reader (the
      Gregorian programmes' documents are dated in it: never converted).

    A stored date the calendar cannot convert (written before the models bounded dates) is shown
    as its ISO date rather than failing the page."""
    if value in (None, ""):
        return ""
    calendar = calendar or calendar_active()
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        day = value.date()
    else:
        day, with_time = value, False
    language = get_language()
    try:
        if calendar != SOLAR_HIJRI:
            if with_time:
                return reader_digits(formats.date_format(value, "DATETIME_FORMAT"))
            return reader_digits(_day_in_language(day, language))
        text = _day_in_solar_hijri(day, language)
        beside = "" if is_persian() else _day_in_language(day, language)
    except (ValueError, OverflowError):
        return reader_digits(day.isoformat())
    if with_time:
        text += " " + value.strftime("%H:%M")
    if not beside:
        return reader_digits(text)
    return f"{text} ({beside})"


def date_input_text(day: datetime.date, calendar: str | None = None) -> str:
    """A date as a form shows it for editing: 1403/05/10 (Solar Hijri) or 2024-07-31."""
    calendar = calendar or calendar_active()
    if calendar == SOLAR_HIJRI:
        try:
            return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")
        except (ValueError, OverflowError):
            pass
    return day.isoformat()


def date_example(calendar: str | None = None) -> str:
    """The example of a date that the format hints and messages give."""
    calendar = calendar or calendar_active()
    return date_input_text(_EXAMPLE, calendar)


def date_hint(calendar: str | None = None) -> str:
    """The format a date input takes, naming the calendar."""
    calendar = calendar or calendar_active()
    if calendar == SOLAR_HIJRI:
        return gettext("A date in the Solar Hijri calendar, year/month/day, e.g. %(example)s.") % {
            "example": reader_digits(date_example(calendar))
        }
    return gettext("A date in the Gregorian calendar, year-month-day, e.g. %(example)s.") % {
        "example": reader_digits(date_example(calendar))
    }


def year_to_stored(year: int, calendar: str | None = None) -> int:
    """The stored (Gregorian) year of a year counted in `calendar`."""
    calendar = calendar or calendar_active()
    return year + SOLAR_HIJRI_OFFSET if calendar == SOLAR_HIJRI else year


def year_shown(stored: int | None, calendar: str | None = None) -> int | None:
    """A stored year as `calendar` counts it (the inverse of `year_to_stored`)."""
    if stored is None:
        return None
    calendar = calendar or calendar_active()
    return stored - SOLAR_HIJRI_OFFSET if calendar == SOLAR_HIJRI else stored


def date_year(day: datetime.date, calendar: str | None = None) -> int:
    """The stored year of the `calendar` year a day falls in (a Solar Hijri year runs from
    late March: 2024-03-19 falls in 1402, stored 2023)."""
    calendar = calendar or calendar_active()
    if calendar == SOLAR_HIJRI:
        return year_to_stored(jdatetime.date.fromgregorian(date=day).year, calendar)
    return day.year


def year_format(stored) -> str:
    """A stored year for the reader: in the active calendar, in the reader's digits."""
    if stored in (None, ""):
        return ""
    return reader_digits(str(year_shown(int(stored))))


def year_example(calendar: str | None = None) -> int:
    return year_shown(2024, calendar)


def year_hint(calendar: str | None = None) -> str:
    calendar = calendar or calendar_active()
    if calendar == SOLAR_HIJRI:
        return gettext("A year of the Solar Hijri calendar, e.g. %(example)s.") % {
            "example": reader_digits(str(year_example(calendar)))
        }
    return gettext("A year of the Gregorian calendar, e.g. %(example)s.") % {
        "example": reader_digits(str(year_example(calendar)))
    }


# Reading ---------------------------------------------------------------------------------------


def latin_digits(text: str) -> str:
    """What was typed, with Persian and Arabic-Indic digits as Latin ones and the invisible
    direction marks removed."""
    return str(text).translate(_INVISIBLE).translate(_LATIN_DIGITS).strip()


def _other_calendar_year(year: int, calendar: str) -> ValidationError:
    if calendar == SOLAR_HIJRI:
        message = gettext(
            "%(year)s is not a Solar Hijri year here; give the date in the Solar Hijri "
            "calendar, e.g. %(example)s."
        )
    else:
        message = gettext(
            "%(year)s is not a Gregorian year here; give the date in the Gregorian calendar, "
            "e.g. %(example)s."
        )
    return ValidationError(
        message
        % {"year": reader_digits(str(year)), "example": reader_digits(date_example(calendar))},
        code="other_calendar",
    )


def _month_name(month: int, calendar: str) -> str:
    if calendar == SOLAR_HIJRI:
        return gettext(SOLAR_HIJRI_MONTHS[month - 1])
    return str(MONTHS[month])


def date_parse(text: str, calendar: str | None = None) -> datetime.date:
    """The (Gregorian) date that `text` gives in `calendar` (default: the active one).

    Takes year/month/day with a four-digit year, in Persian, Arabic-Indic or Latin digits,
    separated by `/`, `-` or `.`; a Gregorian calendar also takes the language's input formats.
    Raises `ValidationError` with a message in the calendar: a day the month lacks ("Esfand 1402
    has only 29 days."), a month 13, a year of the other calendar (never reinterpreted)."""
    calendar = calendar or calendar_active()
    cleaned = latin_digits(text)
    match = _YEAR_MONTH_DAY.match(cleaned)
    if match is None or len(match.group(1)) != 4:
        if calendar == GREGORIAN:
            for input_format in formats.get_format("DATE_INPUT_FORMATS"):
                with contextlib.suppress(ValueError, TypeError):
                    return datetime.datetime.strptime(cleaned, input_format).date()
        raise ValidationError(_format_message(calendar), code="invalid")
    year_text, month_text, day_text = match.groups()
    year, month, day = int(year_text), int(month_text), int(day_text)
    if calendar == SOLAR_HIJRI and year not in SOLAR_HIJRI_YEARS:
        raise _other_calendar_year(year, calendar)
    if calendar == GREGORIAN and year in SOLAR_HIJRI_YEARS:
        raise _other_calendar_year(year, calendar)
    if not 1 <= month <= 12:
        raise ValidationError(
            gettext("There is no month %(month)s.") % {"month": reader_digits(str(month))},
            code="invalid_month",
        )
    if calendar == SOLAR_HIJRI:
        days = jdatetime.j_days_in_month[month - 1]
        if month == 12 and jdatetime.date(year, 1, 1).isleap():
            days = 30
    else:
        days = gregorian_calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValidationError(
            ngettext(
                "%(month)s %(year)s has only %(days)s day.",
                "%(month)s %(year)s has only %(days)s days.",
                days,
            )
            % {
                "month": _month_name(month, calendar),
                "year": reader_digits(str(year)),
                "days": reader_digits(str(days)),
            },
            code="invalid_day",
        )
    if calendar == SOLAR_HIJRI:
        return jdatetime.date(year, month, day).togregorian()
    return datetime.date(year, month, day)


def _format_message(calendar: str) -> str:
    if calendar == SOLAR_HIJRI:
        message = gettext("Give the date as year/month/day, e.g. %(example)s.")
    else:
        message = gettext("Give the date as year-month-day, e.g. %(example)s.")
    return message % {"example": reader_digits(date_example(calendar))}


def year_parse(text, calendar: str | None = None) -> int:
    """The stored year of a year typed in `calendar` (any digits); raises `ValidationError`
    for what is not a year, or is a year of the other calendar."""
    calendar = calendar or calendar_active()
    cleaned = latin_digits(text)
    if not cleaned.isdigit():
        raise ValidationError(
            gettext("Give the year as a number, e.g. %(example)s.")
            % {"example": reader_digits(str(year_example(calendar)))},
            code="invalid",
        )
    year = int(cleaned)
    if calendar == SOLAR_HIJRI and year not in SOLAR_HIJRI_YEARS:
        message = gettext(
            "%(year)s is not a Solar Hijri year here; give the year in the Solar Hijri "
            "calendar, e.g. %(example)s."
        )
    elif calendar == GREGORIAN and year in SOLAR_HIJRI_YEARS:
        message = gettext(
            "%(year)s is not a Gregorian year here; give the year in the Gregorian calendar, "
            "e.g. %(example)s."
        )
    else:
        return year_to_stored(year, calendar)
    raise ValidationError(
        message
        % {
            "year": reader_digits(str(year)),
            "example": reader_digits(str(year_example(calendar))),
        },
        code="other_calendar",
    )


# Forms -----------------------------------------------------------------------------------------


def _help(own_help, hint) -> str:
    own = str(own_help) if own_help else ""
    return f"{own} {hint()}".strip()


lazy_help = lazy(_help, str)


class CalendarDateInput(forms.TextInput):
    """A text input for a date in the active calendar: shows a stored date in it (a bound form
    shows what was typed, as typed), with the format as placeholder, left to right, and a
    numeric keyboard where there is one."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"inputmode": "numeric", "dir": "ltr", "autocomplete": "off", **(attrs or {})}
        )

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return date_input_text(value)
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", date_example())
        context["widget"]["attrs"]["dir"] = "ltr"  # digits and separators, whatever a form sets
        return context


class CalendarDateField(forms.DateField):
    """A date typed in the active calendar (`date_parse`), stored Gregorian. Its help names the
    calendar and the format."""

    widget = CalendarDateInput

    def __init__(self, *, input_formats=None, **kwargs):
        kwargs["help_text"] = lazy_help(kwargs.get("help_text") or "", date_hint)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return date_parse(value)

    def prepare_value(self, value):
        return value

    @classmethod
    def replacing(cls, field: forms.Field) -> CalendarDateField:
        """This field in place of a plain date field, keeping its label, help, requirement,
        initial value and validators."""
        new = cls(
            required=field.required,
            label=field.label,
            initial=field.initial,
            help_text=field.help_text,
            disabled=field.disabled,
            localize=False,
            validators=[v for v in field.validators if v not in cls.default_validators],
            error_messages={k: v for k, v in field.error_messages.items() if k not in ("invalid",)},
        )
        new.widget.attrs.update(
            {k: v for k, v in field.widget.attrs.items() if k not in ("type", "min", "max")}
        )
        return new


class CalendarYearInput(forms.TextInput):
    """A text input for a year in the active calendar (a stored 2024 shows as 1403)."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "inputmode": "numeric",
                "dir": "ltr",
                "autocomplete": "off",
                "size": 6,
                **(attrs or {}),
            }
        )

    def format_value(self, value):
        if isinstance(value, int):
            return str(year_shown(value))
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", str(year_example()))
        context["widget"]["attrs"]["dir"] = "ltr"
        return context


class CalendarYearField(forms.IntegerField):
    """A year counted in the active calendar (`year_parse`), stored as its Gregorian year; its
    bounds (`first`, `last`: stored years) are told in the calendar."""

    widget = CalendarYearInput

    def __init__(self, *, first: int | None = None, last: int | None = None, **kwargs):
        for ignored in ("min_value", "max_value", "step_size", "localize"):
            kwargs.pop(ignored, None)
        kwargs["help_text"] = lazy_help(kwargs.get("help_text") or "", year_hint)
        self.first, self.last = first, last
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        return year_parse(value)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if (self.first is not None and value < self.first) or (
            self.last is not None and value > self.last
        ):
            first = year_shown(self.first) if self.first is not None else None
            last = year_shown(self.last) if self.last is not None else None
            if first is not None and last is not None:
                message = gettext("Give a year from %(first)s to %(last)s.")
            elif first is not None:
                message = gettext("Give a year from %(first)s on.")
            else:
                message = gettext("Give a year up to %(last)s.")
            raise ValidationError(
                message % {"first": reader_digits(str(first)), "last": reader_digits(str(last))},
                code="year_bounds",
            )

    @classmethod
    def replacing(cls, field: forms.Field, model_field=None) -> CalendarYearField:
        """This field in place of a plain integer field for a year, keeping its label, help,
        requirement and initial value; its bounds from the model field's validators."""
        first, last = year_bounds(model_field) if model_field is not None else (None, None)
        first = first if first is not None else getattr(field, "min_value", None)
        last = last if last is not None else getattr(field, "max_value", None)
        return cls(
            required=field.required,
            label=field.label,
            initial=field.initial,
            help_text=field.help_text,
            disabled=field.disabled,
            first=first,
            last=last,
        )


def year_bounds(model_field) -> tuple[int | None, int | None]:
    """The stored bounds a model's year field keeps (its Min/MaxValueValidators)."""
    from django.core.validators import MaxValueValidator, MinValueValidator

    first = last = None
    for validator in model_field.validators:
        if isinstance(validator, MinValueValidator):
            first = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            last = validator.limit_value
    return first, last


def calendar_year(field):
    """Mark a model's integer field as a year: forms and the admin give it a
    `CalendarYearField`. (An attribute of the field object only: no migration.)"""
    field.calendar_year = True
    return field


def is_calendar_year(model_field) -> bool:
    return getattr(model_field, "calendar_year", False)


def calendar_fields(form: forms.BaseForm) -> None:
    """Put the calendar's date and year fields in place of a form's plain date fields and of
    its model's year fields (marked with `calendar_year`)."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    for name, field in list(form.fields.items()):
        if isinstance(field, forms.DateField) and not isinstance(
            field, (CalendarDateField, forms.DateTimeField)
        ):
            form.fields[name] = CalendarDateField.replacing(field)
        elif isinstance(field, forms.IntegerField) and not isinstance(field, CalendarYearField):
            model_field = _model_field(model, name)
            if model_field is not None and is_calendar_year(model_field):
                form.fields[name] = CalendarYearField.replacing(field, model_field)


def _model_field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a form field of its own
        return None


class CalendarFormMixin:
    """For every form of the portal: its date (and model year) fields count in the active
    calendar (`calendar_fields`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        calendar_fields(self)
