"""Files the portal writes for spreadsheets (CSV), made safe to open.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (`=HYPERLINK(...)`, `@SUM(...)`): a value a user
typed could run in the reader's spreadsheet. Every writer goes through `csv_writer`, which
prefixes such a text cell with a single quote, as spreadsheets themselves do to show text.
Numbers are written as they are (a negative number is data, not a formula).
"""

from __future__ import annotations

import csv
from decimal import Decimal

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula(text: str) -> bool:
    """Would a spreadsheet read this text cell as a formula?"""
    return text.startswith(FORMULA_STARTS)


def safe_cell(value):
    """A cell's value as a spreadsheet will show it, never run it."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if is_formula(text) else text


class SafeWriter:
    """`csv.writer` whose rows pass through `safe_cell`."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs) -> SafeWriter:
    """The one CSV writer of the portal: like `csv.writer`, with formula cells neutralised."""
    return SafeWriter(out, **kwargs)
