"""The programme's status as a spreadsheet (XLSX and CSV): the coordinator's overview with its
filters, search and order, one row per city, with its commitments. In `reporting`, the layer
that reads both domain apps.

Rows are read a chunk at a time (`CHUNK` cities, then their commitments in one grouped query),
so memory stays bounded and the queries are two per chunk, whatever the programme's size.
XLSX dates are real dates (the sheet sorts and filters them); CSV dates are ISO 8601. An
Iranian programme gets each date again in Solar Hijri (yyyy/mm/dd) in the next column.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator

import jdatetime
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from candidacy import deadlines
from cities.models import Programme
from core.spreadsheets import csv_writer, is_formula
from stakeholders.selectors import CommitmentCounts, commitment_counts_by_city

CHUNK = 500
DATES = ("opened", "submitted", "approved")


def _solar_hijri(programme: Programme) -> bool:
    return programme.calendar == Programme.Calendar.SOLAR_HIJRI


def headers(programme: Programme) -> list[str]:
    """The columns, in the reader's language."""
    dates = {"opened": _("Opened"), "submitted": _("Submitted"), "approved": _("Approved")}
    columns = [_("City"), _("Region"), _("Current stage"), _("State")]
    for key in DATES:
        columns.append(dates[key])
        if _solar_hijri(programme):
            columns.append(_("%(date)s (Solar Hijri)") % {"date": dates[key]})
    columns += [
        _("Waiting (days)"),
        _("Waiting for"),
        _("Overdue"),
        _("Candidacy status"),
        _("Commitments"),
        _("Commitments met"),
        _("Commitments open"),
        _("Commitments overdue"),
    ]
    return columns


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def rows(programme: Programme, cities: QuerySet) -> Iterator[list]:
    """One row per city of `cities` (ordered), in the order of `headers`; dates as dates."""
    now = timezone.now()
    solar = _solar_hijri(programme)
    start = 0
    while True:
        chunk = list(cities[start : start + CHUNK])
        if not chunk:
            return
        commitments = commitment_counts_by_city(city.pk for city in chunk)
        for city in chunk:
            candidacy = getattr(city, "candidacy", None)
            stage = candidacy.current_stage if candidacy else None
            row = [
                city.name,
                city.region or "",
                f"{stage.definition.position}. {stage.definition.title}" if stage else "",
                str(stage.get_state_display()) if stage else "",
            ]
            for key in DATES:
                day = _day(getattr(stage, f"{key}_at", None)) if stage else None
                row.append(day)
                if solar:
                    row.append(
                        jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d") if day else ""
                    )
            waiting = deadlines.waiting(stage, now=now) if stage else None
            counts = commitments.get(city.pk, CommitmentCounts())
            row += [
                waiting.days if waiting else None,
                str(waiting.clock.short) if waiting else "",
                _("yes") if waiting and waiting.overdue else _("no"),
                str(candidacy.get_status_display()) if candidacy else "",
                counts.total,
                counts.met,
                counts.open,
                counts.overdue,
            ]
            yield row
        if len(chunk) < CHUNK:
            return
        start += CHUNK


class _Echo:
    """A file that hands back what is written: each CSV line streams as it is made."""

    def write(self, value):
        return value


def csv_lines(programme: Programme, cities: QuerySet) -> Iterator[str]:
    """The status as CSV lines (formula-safe, `core.spreadsheets`), dates in ISO 8601."""
    writer = csv_writer(_Echo())
    yield "\ufeff"  # a byte-order mark: spreadsheets then read the file as UTF-8
    yield writer.writerow(headers(programme))
    for row in rows(programme, cities):
        yield writer.writerow(
            [cell.isoformat() if isinstance(cell, datetime.date) else cell for cell in row]
        )


def _xlsx_cell(sheet, value):
    """A text that a spreadsheet would read as a formula is kept as text (never run)."""
    if isinstance(value, str) and is_formula(value):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def xlsx_bytes(programme: Programme, cities: QuerySet) -> bytes:
    """The status as an XLSX workbook (write-only: rows go to a temporary file as they come)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=_("Status")[:31])
    sheet.append(headers(programme))
    for row in rows(programme, cities):
        sheet.append([_xlsx_cell(sheet, cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
