"""The CSV import: every kind of bad row is named with its row and column, a bad file imports
nothing, a good one replaces values in one transaction with a fixed number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from candidacy.models import IndicatorValue
from candidacy.records.atlas import services
from candidacy.records.atlas.csv_import import HEADER, ImportRefused, template_csv
from candidacy.records.atlas.selectors import latest_values

from .conftest import csv_bytes, full_rows, make_indicators

pytestmark = pytest.mark.django_db

NEXT_YEAR = datetime.date.today().year + 1


def _refused(rw, progress, content) -> list[tuple[int, str, str]]:
    with pytest.raises(ImportRefused) as refused:
        services.values_import(progress=progress, by=rw.office, content=content)
    return [(p.row, p.column, p.message) for p in refused.value.problems]


def test_a_good_file_imports_every_value(rw, atlas):
    content = csv_bytes(full_rows(rw.districts, rw.indicators))
    result = services.values_import(progress=atlas, by=rw.office, content=content)
    assert (result.created, result.updated) == (6, 0)
    values = {(v.district.number, v.indicator.key): v.value for v in IndicatorValue.objects.all()}
    assert values[(3, "indicator-2")] == Decimal("32")
    assert IndicatorValue.objects.filter(year=2023, source="Statistics office").count() == 6


def test_a_second_file_updates_values_of_the_same_year_and_adds_other_years(rw, atlas):
    services.values_import(
        progress=atlas, by=rw.office, content=csv_bytes(full_rows(rw.districts, rw.indicators))
    )
    rows = full_rows(rw.districts[:1], rw.indicators[:1], value=lambda d, i: "99.5")
    rows += full_rows(rw.districts[:1], rw.indicators[:1], year=2024, value=lambda d, i: "7")
    result = services.values_import(progress=atlas, by=rw.office, content=csv_bytes(rows))
    assert (result.created, result.updated) == (1, 1)
    assert IndicatorValue.objects.count() == 7
    latest = latest_values(atlas)
    cell = latest[(rw.districts[0].pk, rw.indicators[0].pk)]
    assert (cell.year, cell.value) == (2024, Decimal("7"))


def test_rows_with_an_empty_value_are_skipped(rw, atlas):
    rows = full_rows(rw.districts, rw.indicators)
    rows[0][3] = rows[0][4] = rows[0][5] = ""
    result = services.values_import(progress=atlas, by=rw.office, content=csv_bytes(rows))
    assert result.created == 5


def test_persian_digits_and_a_byte_order_mark_are_read(rw, atlas):
    rows = [[1, "District 1", "indicator-1", "۱۲۳٫۵", "۲۰۲۳", "مرکز آمار"]]
    content = "\ufeff".encode() + csv_bytes(rows)
    services.values_import(progress=atlas, by=rw.office, content=content)
    value = IndicatorValue.objects.get()
    assert (value.value, value.year, value.source) == (Decimal("123.5"), 2023, "مرکز آمار")


@pytest.mark.parametrize(
    "header,message",
    [
        (
            ["district", "district_name", "indicator_key", "value", "year", "source"],
            "missing: district_number",
        ),
        ([*HEADER, "comment"], "unexpected: comment"),
        (HEADER[::-1], "in another order"),
        (HEADER[:-1], "missing: source"),
    ],
)
def test_wrong_headers_refuse_the_file(rw, atlas, header, message):
    content = csv_bytes(full_rows(rw.districts, rw.indicators), header=header)
    problems = _refused(rw, atlas, content)
    assert len(problems) == 1
    row, column, text = problems[0]
    assert (row, column) == (1, "header")
    assert message in text
    assert IndicatorValue.objects.count() == 0


def test_every_bad_row_and_column_is_named_and_nothing_is_imported(rw, atlas):
    rows = full_rows(rw.districts, rw.indicators)  # rows 2..7 of the file
    rows[0][0] = "9"  # row 2: unknown district number
    rows[1][0] = "one"  # row 3: not a number
    rows[2][2] = "no-such-indicator"  # row 4
    rows[3][3] = "12,5"  # row 5: not a number
    rows[4][3] = "-3"  # row 6: negative
    rows[5][4] = str(NEXT_YEAR)  # row 7: a year to come
    rows.append([1, "District 1", "indicator-1", "1", "20", "Census"])  # row 8: bad year
    rows.append([2, "District 2", "indicator-1", "1", "2023", ""])  # row 9: no source
    rows.append([2, "District 2", "indicator-2", "1", "2023"])  # row 10: a column short
    rows.append([2, "District 2", "indicator-2", "NaN", "2023", "x"])  # row 11
    rows.append([2, "District 2", "far-only", "1", "2023", "x"])  # row 12: other programme
    problems = _refused(rw, atlas, csv_bytes(rows))
    named = [(row, column) for row, column, _ in problems]
    assert named == [
        (2, "district_number"),
        (3, "district_number"),
        (4, "indicator_key"),
        (5, "value"),
        (6, "value"),
        (7, "year"),
        (8, "year"),
        (9, "source"),
        (10, ""),
        (11, "value"),
        (12, "indicator_key"),
    ]
    messages = dict(((row, column), text) for row, column, text in problems)
    assert "Record City has no district number 9." == messages[(2, "district_number")]
    assert "negative" in messages[(6, "value")]
    assert str(NEXT_YEAR) in messages[(7, "year")]
    assert IndicatorValue.objects.count() == 0


def test_one_bad_row_among_good_ones_refuses_the_whole_file(rw, atlas):
    rows = full_rows(rw.districts, rw.indicators)
    rows[-1][3] = "lots"
    assert [(r, c) for r, c, _ in _refused(rw, atlas, csv_bytes(rows))] == [(7, "value")]
    assert IndicatorValue.objects.count() == 0


def test_a_district_of_another_city_is_named(rw, atlas):
    rows = [
        # number unknown here, name of the other city's district
        [7, "Other district 1", "indicator-1", "1", "2023", "x"],
        # number known here, but the name is the other city's district
        [1, "Other district 1", "indicator-1", "1", "2023", "x"],
        # number known, name of another district of this city: a shifted row
        [1, "District 2", "indicator-2", "1", "2023", "x"],
    ]
    problems = _refused(rw, atlas, csv_bytes(rows))
    assert problems == [
        (
            2,
            "district_number",
            "“Other district 1” is a district of Other City, not of Record City.",
        ),
        (3, "district_name", "“Other district 1” is a district of Other City, not of Record City."),
        (4, "district_name", "District 1 of Record City is “District 1”, not “District 2”."),
    ]


def test_the_same_cell_twice_is_refused(rw, atlas):
    rows = full_rows(rw.districts[:1], rw.indicators[:1]) * 2
    assert _refused(rw, atlas, csv_bytes(rows)) == [
        (3, "year", "Row 2 already gives this district and indicator for 2023.")
    ]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "The file is empty."),
        ("district_number;value\n".encode("utf-16"), "not UTF-8"),
        (csv_bytes([]), "The file holds no values."),
    ],
)
def test_unreadable_or_empty_files_are_refused(rw, atlas, content, message):
    problems = _refused(rw, atlas, content)
    assert message in problems[0][2]


def test_an_approved_atlas_refuses_imports(rw, atlas):
    from candidacy.services import WorkflowError

    rw.approve("atlas")
    with pytest.raises(WorkflowError):
        services.values_import(
            progress=rw.stage("atlas"),
            by=rw.office,
            content=csv_bytes(full_rows(rw.districts, rw.indicators)),
        )


def test_the_template_lists_every_district_and_indicator_with_latest_values(rw, atlas):
    services.values_import(
        progress=atlas,
        by=rw.office,
        content=csv_bytes(full_rows(rw.districts[:1], rw.indicators[:1], value=lambda d, i: 5)),
    )
    text = template_csv(
        districts=rw.districts, indicators=rw.indicators, latest=latest_values(atlas)
    )
    lines = text.splitlines()
    assert lines[0] == ",".join(HEADER)
    assert len(lines) == 1 + 3 * 2
    assert lines[1] == "1,District 1,indicator-1,5,2023,Statistics office"
    assert lines[2] == "1,District 1,indicator-2,,,"
    # The template, filled in, imports as it is.
    filled = text.replace(",,,", ",8,2023,Census")
    result = services.values_import(progress=atlas, by=rw.office, content=filled.encode())
    assert (result.created, result.updated) == (5, 0)


@pytest.mark.parametrize("size", [(3, 2), (12, 25)])
def test_import_queries_do_not_grow_with_the_rows(rw, atlas, django_assert_max_num_queries, size):
    from tests import factories as f

    districts, count = size
    for number in range(4, districts + 1):
        rw.districts.append(
            f.DistrictFactory(city=rw.city, number=number, name=f"District {number}")
        )
    indicators = rw.indicators + make_indicators(rw.programme, count - 2, first=3)
    first = csv_bytes(full_rows(rw.districts, indicators))
    # measured on SQLite: about 10 with 300 values (a bulk insert is split by 999 parameters)
    with django_assert_max_num_queries(14):
        services.values_import(progress=atlas, by=rw.office, content=first)
    again = csv_bytes(full_rows(rw.districts, indicators, value=lambda d, i: 1))
    with django_assert_max_num_queries(14):
        result = services.values_import(progress=atlas, by=rw.office, content=again)
    assert result.updated == len(rw.districts) * len(indicators)


def test_the_same_file_again_changes_nothing_and_keeps_the_last_change(rw, atlas):
    content = csv_bytes(full_rows(rw.districts, rw.indicators))
    services.values_import(progress=atlas, by=rw.office, content=content)
    before = dict(IndicatorValue.objects.values_list("pk", "updated_at"))
    result = services.values_import(progress=atlas, by=rw.office, content=content)
    assert (result.created, result.updated) == (0, 0)
    assert dict(IndicatorValue.objects.values_list("pk", "updated_at")) == before
