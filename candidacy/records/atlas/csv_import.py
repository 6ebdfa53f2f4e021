"""The atlas's CSV files: the template a city downloads, and the checks of a file it uploads.

A file is accepted whole or not at all: `values_parse` reads every row and reports every bad
row and column (`ImportRefused.problems`) before anything is written. Numbers may be written in
any script's decimal digits (Persian ۱۲ is 12), never in signs that only look like digits
(superscripts); a NUL character is refused anywhere, and a source that a spreadsheet would run
as a formula (`=HYPERLINK(...)`) is refused. The template is written by `core.spreadsheets`,
which neutralises such cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from candidacy.models import FIRST_YEAR, IndicatorDefinition
from cities import calendars
from cities.calendars import SOLAR_HIJRI
from cities.models import City, District
from cities.names import every_name
from cities.templatetags.portal import format_digits
from core.spreadsheets import csv_writer, is_formula

HEADER = ["district_number", "district_name", "indicator_key", "value", "year", "source"]
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 100_000
#: The largest value a cell holds (the model keeps 14 digits, 2 after the point).
MAX_VALUE = Decimal("999999999999.99")
SOURCE_MAX_LENGTH = 200

# Persian and Arabic-Indic digits, and the Arabic decimal separator, read as ASCII.
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫", "01234567890123456789.")


@dataclass(frozen=True)
class Problem:
    row: int  # the line of the file, the header being 1 (as a spreadsheet numbers it)
    column: str
    message: str

    def __str__(self):
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": format_digits(self.row),
            "column": self.column or "—",
            "message": self.message,
        }


class ImportRefused(ValidationError):
    """The whole file was refused; `problems` names every bad row and column."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([str(problem) for problem in problems], code="csv")


class ParsedValue(NamedTuple):
    """One value read from a file (a tuple: a file holds up to `MAX_ROWS` of them)."""

    district_id: int
    indicator_id: int
    value: Decimal
    year: int
    source: str


def value_parse(text: str) -> tuple[Decimal | None, str]:
    """A cell's number, rounded to two decimals, or None and the reason it is not one."""
    cleaned = text.strip().translate(_DIGITS)
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None, _(
            "“%(text)s” is not a number: write digits, with a point for decimals (e.g. 1234.5)."
        ) % {"text": text}
    if not number.is_finite():
        return None, _("“%(text)s” is not a number.") % {"text": text}
    if number < 0:
        return None, _("A value cannot be negative (%(text)s).") % {"text": text}
    number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if number > MAX_VALUE:
        return None, _("%(text)s is too large for the atlas.") % {"text": text}
    return number, ""


def year_parse(text: str, *, this_year: int | None = None) -> tuple[int | None, str]:
    """A year of the file (Gregorian), or None and the reason it is not one. `this_year`: the
    current year, when the caller reads many years at once."""
    cleaned = text.strip().translate(_DIGITS)
    if this_year is None:
        this_year = timezone.localdate().year
    if not cleaned.isdecimal():
        return None, _("“%(text)s” is not a year: give it in full, e.g. %(year)s.") % {
            "text": text,
            "year": this_year - 1,
        }
    year = int(cleaned)
    if year in calendars.SOLAR_HIJRI_YEARS and calendars.calendar_active() == SOLAR_HIJRI:
        # The file counts Gregorian years, whatever the pages' calendar: never reinterpreted.
        return None, _(
            "%(year)s is a Solar Hijri year: the file's year column counts Gregorian years "
            "(write %(year)s as %(gregorian)s)."
        ) % {"year": year, "gregorian": calendars.year_to_stored(year, SOLAR_HIJRI)}
    if not FIRST_YEAR <= year <= this_year:
        return None, _("The year %(year)s is outside %(first)s–%(last)s.") % {
            "year": year,
            "first": FIRST_YEAR,
            "last": this_year,
        }
    return year, ""


LANGUAGE_CODES = [code for code, _language in settings.LANGUAGES]


def _names_of(district: District) -> set[str]:
    """The district's names in every language it has one in, as `_name` compares them."""
    return {_name(name) for name in every_name(district)}


def _name(text: str) -> str:
    if text.startswith("'") and is_formula(text[1:]):
        text = text[1:]  # as the template wrote a name that looks like a formula
    return " ".join(text.split()).casefold()


def _number(text: str) -> int | None:
    """A district number in any script's decimal digits, or None."""
    cleaned = text.strip().translate(_DIGITS)
    return int(cleaned) if cleaned.isdecimal() else None


def _rows(content: bytes) -> list[list[str]]:
    if len(content) > MAX_BYTES:
        raise ImportRefused(
            [
                Problem(
                    0,
                    "",
                    _("The file is %(size)s; CSV files may be at most %(limit)s.")
                    % {"size": filesizeformat(len(content)), "limit": filesizeformat(MAX_BYTES)},
                )
            ]
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(
            [Problem(0, "", _("The file is not UTF-8 text: save it as “CSV UTF-8”."))]
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportRefused(
            [
                Problem(
                    line,
                    "",
                    _("The file contains a NUL character: save it again as “CSV UTF-8”."),
                )
            ]
        )
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ImportRefused(
            [
                Problem(
                    0, "", _("The file is not a readable CSV file (%(error)s).") % {"error": error}
                )
            ]
        ) from None


def values_parse(
    content: bytes,
    *,
    city: City,
    districts: list[District],
    indicators: list[IndicatorDefinition],
) -> list[ParsedValue]:
    """Read an uploaded CSV file of the city's indicator values. Rows whose value is empty are
    skipped (the template lists every district and indicator). Raises `ImportRefused` naming
    every bad row and column; one query at most (district names of other cities)."""
    rows = _rows(content)
    if not rows:
        raise ImportRefused([Problem(1, "", _("The file is empty."))])
    header = [cell.strip().lower() for cell in rows[0]]
    if header != HEADER:
        missing = [name for name in HEADER if name not in header]
        unexpected = [name for name in header if name not in HEADER]
        details = []
        if missing:
            details.append(_("missing: %(names)s") % {"names": ", ".join(missing)})
        if unexpected:
            details.append(_("unexpected: %(names)s") % {"names": ", ".join(unexpected)})
        if not details:
            details.append(_("in another order"))
        raise ImportRefused(
            [
                Problem(
                    1,
                    _("header"),
                    _("The columns must be %(expected)s (%(details)s).")
                    % {"expected": ", ".join(HEADER), "details": "; ".join(details)},
                )
            ]
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRefused(
            [Problem(0, "", _("The file has more than %(max)s rows.") % {"max": MAX_ROWS})]
        )

    by_number = {district.number: district for district in districts}
    names_of = {district.number: _names_of(district) for district in districts}
    # A file gives the same district numbers, names and years on many rows: each distinct
    # text is read once.
    numbers: dict[str, int | None] = {}
    named: dict[tuple[str, int], bool] = {}

    def number_of(text: str) -> int | None:
        if text not in numbers:
            numbers[text] = _number(text)
        return numbers[text]

    def names_it(text: str, district: District) -> bool:
        """Whether `text` is the district's name in one of the languages it has one in."""
        key = (text, district.number)
        if key not in named:
            named[key] = _name(text) in names_of[district.number]
        return named[key]

    by_key = {indicator.key: indicator for indicator in indicators}
    # District names that belong to another city, for the rows that name one.
    suspect_names = {
        row[1].strip()
        for row in rows[1:]
        if len(row) == len(HEADER)
        and row[1].strip()
        and (
            number_of(row[0].strip()) not in by_number
            or not names_it(row[1].strip(), by_number[number_of(row[0].strip())])
        )
    }
    elsewhere: dict[str, str] = {}
    if suspect_names:
        in_any_language = Q()
        for code in LANGUAGE_CODES:
            in_any_language |= Q(**{f"name_{code}__in": suspect_names})
        for district in (
            District.objects.exclude(city=city).filter(in_any_language).select_related("city")
        ):
            for name in every_name(district):
                elsewhere.setdefault(_name(name), district.city.name)

    problems: list[Problem] = []
    parsed: list[ParsedValue] = []
    seen: dict[tuple[int, int, int], int] = {}
    this_year = timezone.localdate().year
    years: dict[str, tuple[int | None, str]] = {}
    numbers_read: dict[str, tuple[Decimal | None, str]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not "".join(row).strip():
            continue  # a blank line
        if len(row) != len(HEADER):
            problems.append(
                Problem(
                    line,
                    "",
                    _("The row has %(count)s columns instead of %(expected)s.")
                    % {"count": len(row), "expected": len(HEADER)},
                )
            )
            continue
        number_text, name_text, key, value_text, year_text, source = (cell.strip() for cell in row)

        def bad(column, message, line=line):
            problems.append(Problem(line, column, message))

        district = None
        number = number_of(number_text)
        if number is None:
            bad(
                "district_number", _("“%(text)s” is not a district number.") % {"text": number_text}
            )
        elif number not in by_number:
            other = elsewhere.get(_name(name_text)) if name_text else None
            if other:
                bad(
                    "district_number",
                    _("“%(name)s” is a district of %(other)s, not of %(city)s.")
                    % {"name": name_text, "other": other, "city": city.name},
                )
            else:
                bad(
                    "district_number",
                    _("%(city)s has no district number %(number)s.")
                    % {"city": city.name, "number": number},
                )
        else:
            district = by_number[number]
            if name_text and not names_it(name_text, district):
                other = elsewhere.get(_name(name_text))
                if other:
                    message = _("“%(name)s” is a district of %(other)s, not of %(city)s.") % {
                        "name": name_text,
                        "other": other,
                        "city": city.name,
                    }
                else:
                    message = _(
                        "District %(number)s of %(city)s is “%(expected)s”, not “%(name)s”."
                    ) % {
                        "number": district.number,
                        "city": city.name,
                        "expected": district.name,
                        "name": name_text,
                    }
                bad("district_name", message)
                district = None

        indicator = by_key.get(key)
        if indicator is None:
            bad(
                "indicator_key",
                _("“%(key)s” is not an indicator of this programme's atlas (see the template).")
                % {"key": key},
            )

        if not value_text:
            continue  # no value for this district and indicator yet
        if value_text not in numbers_read:
            numbers_read[value_text] = value_parse(value_text)
        value, reason = numbers_read[value_text]
        if reason:
            bad("value", reason)
        if year_text not in years:
            years[year_text] = year_parse(year_text, this_year=this_year)
        year, reason = years[year_text]
        if reason:
            bad("year", reason)
        if not source:
            bad("source", _("Give the source of the value."))
        elif is_formula(source):
            bad(
                "source",
                _(
                    "A source cannot start with =, +, - or @: a spreadsheet would run it as a "
                    "formula."
                ),
            )
        elif len(source) > SOURCE_MAX_LENGTH:
            bad(
                "source",
                _("The source may be at most %(max)s characters.") % {"max": SOURCE_MAX_LENGTH},
            )
        if district is None or indicator is None or value is None or year is None:
            continue
        cell = (district.id, indicator.id, year)
        if cell in seen:
            bad(
                "year",
                _("Row %(first)s already gives this district and indicator for %(year)s.")
                % {"first": seen[cell], "year": year},
            )
            continue
        seen[cell] = line
        if source and len(source) <= SOURCE_MAX_LENGTH and not is_formula(source):
            parsed.append(ParsedValue(district.id, indicator.id, value, year, source))
    if problems:
        raise ImportRefused(problems)
    if not parsed:
        raise ImportRefused([Problem(0, "value", _("The file holds no values."))])
    return parsed


class _Line:
    """A file whose `write` hands back what it is given: a CSV writer's row as text."""

    def write(self, text: str) -> str:
        return text


def template_lines(rows: Iterable[list], *, batch: int = 500) -> Iterator[str]:
    """The template (its header, then `rows`) as text, `batch` rows at a time, for a
    streamed download; cells go through `core.spreadsheets`, as every CSV file's do."""
    writer = csv_writer(_Line(), lineterminator="\n")
    lines = [writer.writerow(HEADER)]
    for row in rows:
        lines.append(writer.writerow(row))
        if len(lines) >= batch:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def template_csv(
    *, districts: list[District], indicators: list[IndicatorDefinition], latest: dict
) -> str:
    """The template: one row per district and indicator, with the latest value already in
    the atlas (if any) so that a city can correct its own export. `latest` maps
    (district id, indicator id) to an `IndicatorValue`."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for district in districts:
        for indicator in indicators:
            value = latest.get((district.id, indicator.id))
            writer.writerow(
                [
                    district.number,
                    district.name,
                    indicator.key,
                    format(value.value.normalize(), "f") if value else "",
                    value.year if value else "",
                    value.source if value else "",
                ]
            )
    return out.getvalue()
