"""Template helpers: dates in the reader's calendar, numbers in the reader's digits and
separators, state colours, role names.

Every number a reader sees goes through `format_number` (the `number` filter), `format_percent`
(`percent`) or, for numbers that are never grouped (years, rounds), `format_digits` (`digits`).
Python code that builds a sentence with a number (e-mail, messages, labels) uses the same
functions, so a page never mixes two ways of writing one number."""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import jdatetime
from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language

from cities.roles import Role

register = template.Library()

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_JALALI_MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)


def solar_hijri(day: datetime.date) -> str:
    """A date in the Solar Hijri calendar with Persian month names and digits. A stored date
    the calendar cannot convert (outside years 622–9998, written before the models bounded
    dates) is shown as its ISO date rather than failing the page."""
    try:
        jalali = jdatetime.date.fromgregorian(date=day)
    except (ValueError, OverflowError):
        return day.isoformat().translate(_PERSIAN_DIGITS)
    text = f"{jalali.day} {_JALALI_MONTHS[jalali.month - 1]} {jalali.year}"
    return text.translate(_PERSIAN_DIGITS)


@register.filter
def cfc_date(value, with_time=False):
    """Format a date or datetime for the active language: Solar Hijri in Persian."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        day = value.date()
    else:
        day = value
    if (get_language() or "").startswith("fa"):
        text = solar_hijri(day)
        if with_time and isinstance(value, datetime.datetime):
            text += " " + value.strftime("%H:%M").translate(_PERSIAN_DIGITS)
        return text
    try:
        if with_time and isinstance(value, datetime.datetime):
            return formats.date_format(value, "DATETIME_FORMAT")
        return formats.date_format(day, "DATE_FORMAT")
    except (ValueError, OverflowError):
        return day.isoformat()


def _persian() -> bool:
    return (get_language() or "").startswith("fa")


def format_digits(value) -> str:
    """A number, or any text, with its digits in the reader's script (Persian digits in
    Persian) and nothing else changed: for years and other numbers that are never grouped."""
    if value is None:
        return ""
    text = str(value)
    return text.translate(_PERSIAN_DIGITS) if _persian() else text


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        return None


def format_number(value, decimals=None) -> str:
    """A number as the active language writes it: its grouping, its decimal separator (the
    locale formats of Django and of cfc_portal/formats) and its digits (Persian digits in
    Persian). `decimals`: that many places; without it, up to two, trailing zeros dropped.
    A value that is not a number is shown as it is (in the reader's digits)."""
    number = _decimal(value)
    if number is None or not number.is_finite():
        return format_digits("" if value is None else value)
    if decimals in (None, ""):
        number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        places = (
            0
            if number == number.to_integral_value()
            else (1 if number * 10 == (number * 10).to_integral_value() else 2)
        )
    else:
        places = max(0, int(decimals))
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = formats.number_format(number, decimal_pos=places, force_grouping=True)
    return format_digits(text)


#: How each language writes a percentage around its number; a no-break space where the
#: language puts a space (CLDR's percent patterns).
_PERCENT_PATTERNS = {"en": "{}%", "fa": "{}٪"}
_PERCENT_DEFAULT = "{}\xa0%"


def format_percent(value, decimals=None) -> str:
    """A percentage (100 means 100 %) in the active language: "100%", "۱۰۰٪", "100 %"."""
    if value in (None, ""):
        return ""
    language = (get_language() or "en").split("-")[0]
    return _PERCENT_PATTERNS.get(language, _PERCENT_DEFAULT).format(format_number(value, decimals))


@register.filter
def number(value, decimals=None):
    """`{{ value|number }}`, `{{ value|number:1 }}`: see format_number."""
    return format_number(value, decimals)


@register.filter
def percent(value, decimals=None):
    """`{{ share|percent }}`: see format_percent."""
    return format_percent(value, decimals)


@register.filter
def digits(value):
    """Years, rounds and other numbers never grouped, in the reader's digits."""
    return format_digits(value)


@register.filter
def role_label(role):
    try:
        return Role(role).label
    except ValueError:
        return role
