"""The atlas CSV import's throughput: 10,000 values (100 districts x 100 indicators) through
`candidacy.records.atlas.services.values_import`, as the import city's office, in a transaction
that is rolled back (the world is left as loaded)."""

from __future__ import annotations

import csv
import io
import statistics
import time

from django.db import transaction
from django.utils import timezone

from candidacy.models import StageKind, StageProgress
from candidacy.records.atlas import selectors, services
from candidacy.records.atlas.csv_import import HEADER
from cities.models import City, District, RoleAssignment
from cities.roles import Role


class _Rollback(Exception):
    pass


def import_csv(city: City) -> tuple[StageProgress, object, bytes, int]:
    """The city's atlas stage, its office login and a CSV of a value for every district and
    indicator (last year's); returns them with the number of values."""
    progress = StageProgress.objects.get(
        candidacy__city=city, definition__kind=StageKind.CHILDRENS_ATLAS
    )
    office = RoleAssignment.objects.filter(role=Role.OFFICE, city=city).order_by("pk")[0].user
    year = timezone.localdate().year - 1
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    count = 0
    indicators = selectors.indicators_of(progress)  # of the version the atlas keeps
    for district in District.objects.filter(city=city).order_by("number"):
        for number, indicator in enumerate(indicators):
            writer.writerow(
                [district.number, district.name, indicator.key, 100 + number, year, "Census"]
            )
            count += 1
    return progress, office, out.getvalue().encode(), count


def import_rate(city: City, *, rounds: int = 3) -> tuple[float, int]:
    """(median values per second over `rounds` imports, values per import)."""
    progress, office, content, count = import_csv(city)
    rates = []
    for _ in range(rounds):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                result = services.values_import(progress=progress, by=office, content=content)
                assert result.created + result.updated == count, result
                elapsed = time.perf_counter() - started
                raise _Rollback
        except _Rollback:
            pass
        rates.append(count / elapsed)
    return statistics.median(rates), count
