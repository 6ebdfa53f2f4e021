"""Benchmark (not a test): import a CSV file of 10,000 atlas values (100 districts × 100
indicators) through `candidacy.records.atlas.services.values_import`, then import it again
(every value updated), and print the times and rows per second.

    .venv/bin/python docs/bench_atlas_import.py                 # SQLite (a throw-away file)
    DATABASE_URL=postgres://root@127.0.0.1:5432/cfc_bench \
        .venv/bin/python docs/bench_atlas_import.py

It builds a throw-away test database (`test_...`, destroyed afterwards) with the test settings.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cfc_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

DISTRICTS = INDICATORS = 100


def _ensure_tables() -> None:
    """The atlas's tables, if the migrations do not create them yet."""
    from candidacy.models import (
        DistrictBoundaries,
        IndicatorDefinition,
        IndicatorValue,
    )

    existing = set(connection.introspection.table_names())
    with connection.schema_editor() as editor:
        for model in (IndicatorDefinition, IndicatorValue, DistrictBoundaries):
            if model._meta.db_table not in existing:
                editor.create_model(model)


def run() -> None:
    from candidacy.models import IndicatorValue, Preparer, StageKind
    from candidacy.records.atlas import services
    from tests import factories as f
    from tests.candidacy.records.atlas.conftest import csv_bytes, full_rows, make_indicators

    programme = f.make_programme(
        key="bench",
        steps=[dict(key="atlas", kind=StageKind.CHILDRENS_ATLAS, prepared_by=Preparer.CITY)],
    )
    city = f.make_city(programme, slug="bench-city", name="Bench City")
    office = f.office_user(city, username="bench.office")
    districts = [
        f.DistrictFactory(city=city, number=n, name=f"District {n}")
        for n in range(1, DISTRICTS + 1)
    ]
    indicators = make_indicators(programme, INDICATORS)
    progress = city.candidacy.stages.select_related("definition", "candidacy__city").get()
    first = csv_bytes(full_rows(districts, indicators, value=lambda d, i: d.number + i.order))
    again = csv_bytes(full_rows(districts, indicators, value=lambda d, i: d.number * i.order))
    rows = DISTRICTS * INDICATORS
    print(f"{connection.vendor}: {rows} values, {len(first) / 1024:.0f} KiB of CSV")
    for label, content in (("create", first), ("update", again)):
        started = time.perf_counter()
        result = services.values_import(progress=progress, by=office, content=content)
        seconds = time.perf_counter() - started
        print(
            f"  {label}: {seconds:.2f} s, {rows / seconds:,.0f} rows/s "
            f"({result.created} created, {result.updated} updated)"
        )
    assert IndicatorValue.objects.count() == rows


def main() -> None:
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        _ensure_tables()
        run()
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
