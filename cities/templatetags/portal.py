"""Template helpers: dates in the reader's calendar, state colours, role names."""

import datetime

from django import template
from django.utils import translation
from django.utils.translation import get_language

from cities import calendars
from cities.roles import Role

register = template.Library()

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def solar_hijri(day: datetime.date) -> str:
    """A date in the Solar Hijri calendar as a Persian reader sees it (Persian month names and
    digits): `cities.calendars.date_format` in Persian."""
    with translation.override("fa"):
        return calendars.date_format(day, calendars.SOLAR_HIJRI)


@register.filter
def cfc_date(value, with_time=False):
    """A date or datetime in the page's calendar, for the reader (`cities.calendars.date_format`:
    Solar Hijri on an Iranian programme's pages, with the Gregorian date beside it for readers
    of other languages than Persian)."""
    return calendars.date_format(value, with_time=bool(with_time))


@register.filter
def cfc_year(value):
    """A stored (Gregorian) year counted in the page's calendar: 2024 is 1403 on Solar Hijri
    pages; in the reader's digits."""
    return calendars.year_format(value)


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
