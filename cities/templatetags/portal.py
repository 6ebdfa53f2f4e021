"""Template helpers: dates in the reader's calendar, numbers in the reader's digits and
separators, state colours, role names.

Every number a reader sees goes through `format_number` (the `number` filter), `format_percent`
(`percent`) or, for numbers that are never grouped (years, rounds), `format_digits` (`digits`).
Python code that builds a sentence with a number (e-mail, messages, labels) uses the same
functions, so a page never mixes two ways of writing one number."""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import formats, translation
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
def pre_status(programme, candidacy) -> str:
    """`Programme.pre_status_of(candidacy)`: the one rule of when a city shows the programme's
    pre-status, for the city's page and its public page alike."""
    return programme.pre_status_of(candidacy) if programme is not None else ""


@register.filter
def cfc_date(value, with_time=False):
    """A date or datetime in the page's calendar, for the reader (`cities.calendars.date_format`:
    Solar Hijri on an Iranian programme's pages, with the Gregorian date beside it for readers
    of other languages than Persian)."""
    return calendars.date_format(value, with_time=bool(with_time))


class _ProgrammeCalendarNode(template.Node):
    def __init__(self, programme, nodelist):
        self.programme, self.nodelist = programme, nodelist

    def render(self, context):
        programme = self.programme.resolve(context)
        with calendars.calendar_override(getattr(programme, "calendar", None)):
            return self.nodelist.render(context)


@register.tag
def programme_calendar(parser, token):
    """`{% programme_calendar programme %}…{% endprogramme_calendar %}`: the dates inside in the
    programme's calendar, on a page of several programmes (the public list): a programme's
    dates (its status, a candidacy's recognition, its stages) are always in its own calendar,
    as on its own pages (`cities.calendars.programme_calendar_activate`)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("programme_calendar takes one programme")
    nodelist = parser.parse(("endprogramme_calendar",))
    parser.delete_first_token()
    return _ProgrammeCalendarNode(parser.compile_filter(bits[1]), nodelist)


@register.filter
def cfc_year(value):
    """A stored (Gregorian) year counted in the page's calendar: 2024 is 1403 on Solar Hijri
    pages; in the reader's digits."""
    return calendars.year_format(value)


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
