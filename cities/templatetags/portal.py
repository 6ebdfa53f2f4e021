"""Template helpers: dates in the reader's calendar, state colours, role names."""

import datetime

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


@register.filter
def digits(value):
    """Numbers in the reader's digits (Persian digits in Persian)."""
    text = str(value)
    if (get_language() or "").startswith("fa"):
        return text.translate(_PERSIAN_DIGITS)
    return text


@register.filter
def role_label(role):
    try:
        return Role(role).label
    except ValueError:
        return role
