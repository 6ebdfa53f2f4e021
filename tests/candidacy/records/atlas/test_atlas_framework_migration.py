"""The atlas's versions' data migration (candidacy 0016 to 0019) on a database with data:
every programme's indicators become version 1 of its indicator set, and an atlas with values
keeps it through them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from candidacy.models import FrameworkKind, FrameworkVersion, IndicatorDefinition
from candidacy.records.atlas import selectors, services

from .conftest import csv_bytes, full_rows

BEFORE = [("candidacy", "0016_call_rounds")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_existing_indicators_become_version_1_and_atlases_keep_it(rw, atlas):
    services.values_import(
        progress=atlas, by=rw.office, content=csv_bytes(full_rows(rw.districts, rw.indicators))
    )
    count = IndicatorDefinition.objects.count()

    _migrate(BEFORE)  # back to before the versions: the indicators and values stay
    # ... and no atlas version yet (the indicators' column is gone: no cascade to collect).
    FrameworkVersion.objects.filter(kind=FrameworkKind.ATLAS)._raw_delete(connection.alias)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert IndicatorDefinition.objects.count() == count
    far = IndicatorDefinition.objects.get(key="far-only").programme  # the fixture's other one
    for programme in (rw.programme, far):
        version = FrameworkVersion.objects.get(programme=programme, kind=FrameworkKind.ATLAS)
        assert version.number == 1
        assert set(version.criteria) == set(IndicatorDefinition.objects.filter(programme=programme))
    assert not FrameworkVersion.objects.filter(
        programme=rw.far_programme, kind=FrameworkKind.ATLAS
    ).exists()  # a programme without indicators gets no version
    assert [i.key for i in selectors.indicators_of(atlas)] == [i.key for i in rw.indicators]
