"""Every write to the children's atlas. Each function checks that the user may edit the atlas
stage (`candidacy.permissions.can_edit_stage`: its preparer while it is open or returned, so an
approved atlas is read-only until reopened), validates everything before writing anything, and
writes in one transaction with the stage row locked. A write of values raises the atlases'
edition (`core.editions.ATLAS`, the atlas pages' cache) once it commits; the boundaries raise
it through their model's signal (`reporting.signals`).

Values are written in bulk: a fixed number of statements whatever the number of values
(on SQLite, Django splits a bulk statement into batches of at most 999 parameters)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidacy import services as workflow
from candidacy.models import (
    DistrictBoundaries,
    IndicatorDefinition,
    IndicatorValue,
    StageKind,
    StageProgress,
)
from cities.models import District
from core.editions import ATLAS, edition_bump

from .. import services as records
from . import csv_import, geojson, selectors


class AtlasChanged(ValidationError):
    """A save from a page loaded before someone else's save of the same part of the atlas
    (its values, or its boundaries); nothing was written."""


def _require_version(stored: str, loaded: str | None, message: str) -> None:
    if loaded is not None and loaded != stored:
        raise AtlasChanged(message, code="stale")


def _require_values_version(progress: StageProgress, loaded: str | None) -> None:
    _require_version(
        selectors.values_version(progress),
        loaded,
        _(
            "Someone else changed the atlas's values after you opened this page, so nothing "
            "was saved."
        ),
    )


@dataclass(frozen=True)
class SaveResult:
    created: int
    updated: int
    removed: int = 0


def _atlas_stage(progress: StageProgress, by) -> StageProgress:
    if progress.definition.kind != StageKind.CHILDRENS_ATLAS:
        raise workflow.WorkflowError(_("This stage keeps no atlas."))
    return records.editable_stage(progress, by)


def _districts(progress: StageProgress) -> list[District]:
    return list(District.objects.filter(city_id=progress.candidacy.city_id).order_by("number"))


def _indicators(progress: StageProgress) -> list[IndicatorDefinition]:
    """The indicators the atlas's values may be of: those of the version it keeps (issue 13;
    a first value opens it in the version in force)."""
    return selectors.indicators_of(progress)


def _upsert(progress: StageProgress, values: list[csv_import.ParsedValue]) -> SaveResult:
    """Create the values that are new and update those that changed (same district,
    indicator and year, another value or source); an unchanged value keeps its last change.
    One statement on PostgreSQL; elsewhere one read and one bulk upsert."""
    if not values:
        return SaveResult(created=0, updated=0)
    if connection.vendor == "postgresql":
        return _upsert_postgresql(progress, values)
    existing = {
        (district_id, indicator_id, year): (value, source)
        for district_id, indicator_id, year, value, source in IndicatorValue.objects.filter(
            progress=progress
        ).values_list("district_id", "indicator_id", "year", "value", "source")
    }
    rows, created = [], 0
    for item in values:
        stored = existing.get((item.district_id, item.indicator_id, item.year))
        if stored is None:
            created += 1
        elif stored == (item.value, item.source):
            continue
        rows.append(
            IndicatorValue(
                progress_id=progress.pk,
                district_id=item.district_id,
                indicator_id=item.indicator_id,
                value=item.value,
                year=item.year,
                source=item.source,
            )
        )
    # INSERT ... ON CONFLICT DO UPDATE: on SQLite six times faster than bulk_update's CASE
    # WHEN statements for 10,000 rows.
    IndicatorValue.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["progress", "district", "indicator", "year"],
        update_fields=["value", "source", "updated_at"],
    )
    return SaveResult(created=created, updated=len(rows) - created)


def _upsert_postgresql(progress: StageProgress, values: list[csv_import.ParsedValue]) -> SaveResult:
    """The upsert as one set-based statement: the values travel as five arrays, no model
    instance is built, and the database tells which rows it inserted (`xmax = 0`: a row no
    transaction has updated) and which it updated; a row whose value and source are unchanged
    is left alone (the WHERE of DO UPDATE)."""
    table = connection.ops.quote_name(IndicatorValue._meta.db_table)
    # The table's name is the model's, quoted; every value is a parameter.
    sql = f"""
        WITH written AS (
            INSERT INTO {table} AS stored
                (progress_id, district_id, indicator_id, year, value, source, updated_at)
            SELECT %s, given.district_id, given.indicator_id, given.year, given.value,
                given.source, %s
            FROM unnest(%s::bigint[], %s::bigint[], %s::smallint[], %s::numeric[], %s::text[])
                AS given (district_id, indicator_id, year, value, source)
            ON CONFLICT (progress_id, district_id, indicator_id, year) DO UPDATE
                SET value = EXCLUDED.value, source = EXCLUDED.source,
                    updated_at = EXCLUDED.updated_at
                WHERE (stored.value, stored.source) IS DISTINCT FROM
                    (EXCLUDED.value, EXCLUDED.source)
            RETURNING xmax = 0 AS created
        )
        SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created)
        FROM written
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                progress.pk,
                timezone.now(),
                [item.district_id for item in values],
                [item.indicator_id for item in values],
                [item.year for item in values],
                [item.value for item in values],
                [item.source for item in values],
            ],
        )
        created, updated = cursor.fetchone()
    return SaveResult(created=created, updated=updated)


def values_import(
    *, progress: StageProgress, by, content: bytes, version: str | None = None
) -> SaveResult:
    """Import a CSV file of indicator values (see `csv_import.HEADER`). The whole file is
    refused, with every bad row and column named, if any row is bad (`ImportRefused`); else
    its values replace those of the same district, indicator and year, all in one transaction.
    `version`: the values' version the import page was loaded with; an import over values
    saved since (which the file, made from the earlier template, would overwrite) is refused
    (`AtlasChanged`)."""
    with transaction.atomic():
        progress = _atlas_stage(progress, by)
        _require_values_version(progress, version)
        edition_bump(ATLAS)
        parsed = csv_import.values_parse(
            content,
            city=progress.candidacy.city,
            districts=_districts(progress),
            indicators=_indicators(progress),
        )
        return _upsert(progress, parsed)


def values_save_grid(
    *,
    progress: StageProgress,
    by,
    year: int,
    source: str,
    cells: dict[tuple[int, int], Decimal | None],
    version: str | None = None,
) -> SaveResult:
    """Save the grid of one year: `cells` maps (district id, indicator id) to a value, or to
    None to remove that year's value. Values that are new or changed take `source`. Every
    cell is checked first (ValidationError keyed by cell, nothing saved if one is bad).
    `version`: the values' version the grid was loaded with; a save over values saved since
    is refused (`AtlasChanged`): the grid is one edit, since emptying a cell removes it."""
    with transaction.atomic():
        progress = _atlas_stage(progress, by)
        _require_values_version(progress, version)
        edition_bump(ATLAS)
        district_ids = {district.pk for district in _districts(progress)}
        indicator_ids = {indicator.pk for indicator in _indicators(progress)}
        errors: dict[str, list[str]] = {}
        year_problem = csv_import.year_parse(str(year))[1]
        if year_problem:
            errors["year"] = [year_problem]
        for (district_id, indicator_id), value in cells.items():
            name = f"v_{district_id}_{indicator_id}"
            if district_id not in district_ids:
                errors[name] = [_("Choose a district of this city.")]
            elif indicator_id not in indicator_ids:
                errors[name] = [_("Choose an indicator of this programme's atlas.")]
            elif value is not None and value < 0:
                errors[name] = [_("A value cannot be negative.")]
        existing = {
            (row.district_id, row.indicator_id): row
            for row in IndicatorValue.objects.filter(progress=progress, year=year)
        }
        given = {cell: value for cell, value in cells.items() if value is not None}
        needs_source = any(
            cell not in existing or existing[cell].value != value for cell, value in given.items()
        )
        source = source.strip()
        if needs_source and not source:
            errors["source"] = [_("Give the source of the new or changed values.")]
        if errors:
            raise ValidationError(errors)
        items = [
            csv_import.ParsedValue(
                district_id,
                indicator_id,
                value,
                year,
                source
                if (district_id, indicator_id) not in existing
                or existing[(district_id, indicator_id)].value != value
                else existing[(district_id, indicator_id)].source,
            )
            for (district_id, indicator_id), value in given.items()
        ]
        removed = [
            existing[cell].pk for cell, value in cells.items() if value is None and cell in existing
        ]
        if removed:
            IndicatorValue.objects.filter(pk__in=removed).delete()
        result = _upsert(progress, items)
        return SaveResult(result.created, result.updated, len(removed))


def boundaries_upload(
    *, progress: StageProgress, by, content: bytes, name: str = "", version: str | None = None
):
    """Store the city's district boundaries (GeoJSON) from its atlas stage, replacing any
    earlier file; ValidationError listing every problem if the file is not valid. `version`:
    the boundaries' version the page was loaded with; replacing boundaries uploaded since is
    refused (`AtlasChanged`)."""
    with transaction.atomic():
        progress = _atlas_stage(progress, by)
        _require_version(
            selectors.boundaries_version(progress),
            version,
            _(
                "Someone else uploaded the districts' boundaries after you opened this page, "
                "so nothing was saved."
            ),
        )
        city = progress.candidacy.city
        numbers = set(District.objects.filter(city=city).values_list("number", flat=True))
        collection = geojson.boundaries_parse(content, district_numbers=numbers)
        boundaries, _created = DistrictBoundaries.objects.update_or_create(
            city=city,
            defaults={"geojson": collection, "original_name": name[:200], "uploaded_by": by},
        )
    return boundaries


def boundaries_remove(*, progress: StageProgress, by) -> None:
    with transaction.atomic():
        progress = _atlas_stage(progress, by)
        DistrictBoundaries.objects.filter(city_id=progress.candidacy.city_id).delete()
