"""Open data (issue 12): the public information of the portal as files anyone may download
and reuse: every city (CSV and JSON) and every programme with its cities counted by status
(JSON). Only what the public list shows already: names, places, status, current stage and
dates; never a person, a contact, a narrative, a document or a comment.

The cities' files are streamed from one query read in chunks by the database cursor
(`iterator`), so memory stays flat and the queries are the same at 50 cities or 5,000. Column
names are stable keys (English, never translated); the names in the reader's language sit
beside the names in every stored language. Dates are ISO 8601 (Gregorian). Status is
`Candidacy.status`, the property's own rule (`candidacy.models.candidacy_status`), on the dates
and the programme's status and closing day read with the row; the programme's
status (`Programme.Status`) and its dates sit beside it, so a closed programme's cities keep
their recognition on record.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from candidacy.models import CandidacyStatus, candidacy_status
from candidacy.selectors import candidacy_status_q
from cities.models import City, Programme
from cities.names import in_reader_language
from core.spreadsheets import csv_writer

#: Rows the database cursor hands over at once.
CHUNK = 1000


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header and the JSON field: stable, never translated
    description: Promise | str  # for the open data page, in the reader's language
    kind: str = "text"  # "text", "date" (ISO 8601) or "number"


def _languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def coordinate_fields() -> list[str]:
    """The City's latitude and longitude, where the model has them (published only then)."""
    names = {field.name for field in City._meta.get_fields()}
    return [name for name in ("latitude", "longitude") if name in names]


def city_columns() -> list[Column]:
    """The columns of cities.csv (and the fields of cities.json's rows), in order."""
    columns = [
        Column("programme", _("The programme's key (see programmes.json).")),
        Column("country", _("The country's name in the reader's language.")),
        Column("country_code", _("The country's ISO 3166 code.")),
        Column("city", _("The city's key, as in the portal's addresses.")),
        Column("name", _("The city's name in the reader's language.")),
    ]
    columns += [
        Column(
            f"name_{code}",
            _("The city's name in %(language)s, empty if not given.") % {"language": name},
        )
        for code, name in _languages()
    ]
    columns += [
        Column("region", _("The city's region or province in the reader's language.")),
        Column(
            "entity_type",
            _(
                "Who holds the candidacy: municipality, district_rayon (a district or rayon) "
                "or intercommunality."
            ),
        ),
        Column(
            "joint_with",
            _("The key of the city that holds the candidacy jointly with this one, if any."),
        ),
        Column(
            "status",
            _(
                "The candidacy's status: preparing, candidate, recognised, lapsed, ended or "
                "withdrawn. Ended: the recognition was still running when the programme closed "
                "and has ended since (it could not be renewed); lapsed: it ended without renewal "
                "while the programme went on."
            ),
        ),
        Column("current_stage", _("The key of the stage the city is at.")),
        Column("current_stage_title", _("That stage's title in the reader's language.")),
        Column(
            "current_stage_position", _("That stage's place in the programme's order."), "number"
        ),
        Column("recognised_until", _("The last day of the city's recognition, if any."), "date"),
        Column("joined_on", _("The day the city joined the programme, if known."), "date"),
        Column(
            "programme_status",
            _(
                "The programme's status: active, suspended, closed or handed_over. A closed "
                "programme's cities stay listed with their recognition on record."
            ),
        ),
        Column(
            "programme_status_since",
            _("The day the programme took that status, if it has changed."),
            "date",
        ),
        Column("programme_closed_on", _("The day the programme closed, if it has."), "date"),
    ]
    coordinates = {
        "latitude": _("The city's latitude (WGS 84, decimal degrees), if known."),
        "longitude": _("The city's longitude (WGS 84, decimal degrees), if known."),
    }
    columns += [Column(name, coordinates[name], "number") for name in coordinate_fields()]
    return columns


def programme_fields() -> list[Column]:
    """The fields of each programme in programmes.json."""
    return [
        Column("programme", _("The programme's key.")),
        Column("name", _("The programme's name in the reader's language.")),
        Column("country", _("The country's name in the reader's language.")),
        Column("country_code", _("The country's ISO 3166 code.")),
        Column("coordinating_body", _("The national body that runs the programme.")),
        Column("calendar", _("The calendar its documents are dated in: gregorian or solar_hijri.")),
        Column("status", _("Its status: active, suspended, closed or handed_over.")),
        Column("status_since", _("The day it took that status, if it has changed."), "date"),
        Column("closed_on", _("The day it closed, if it has."), "date"),
        Column(
            "handed_over_to",
            _("The body it was handed over to, if it was; empty otherwise."),
        ),
        Column("cities", _("How many cities take part."), "number"),
        Column(
            "cities_by_status",
            _("How many cities are at each status (preparing, candidate, recognised, lapsed, "
              "ended, withdrawn)."),
            "number",
        ),
    ]  # fmt: skip


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def city_rows() -> Iterator[dict]:
    """Every city as a dict of `city_columns()`, in the order of programme and city key: one
    query, read a chunk at a time."""
    languages = [code for code, _name in _languages()]
    coordinates = coordinate_fields()
    stage = "candidacy__current_stage__definition"
    rows = (
        City.objects.order_by("programme__key", "slug")
        .annotate(
            shown_name=in_reader_language("name"),
            shown_region=in_reader_language("region"),
            shown_country=in_reader_language("programme__country__name"),
            shown_stage=in_reader_language(f"{stage}__title"),
        )
        .values(
            "programme__key",
            "programme__country__code",
            "slug",
            "shown_name",
            "shown_region",
            "shown_country",
            "shown_stage",
            "joined_on",
            "entity_type",
            "joint_with__slug",
            "programme__status",
            "programme__status_since",
            "programme__closed_on",
            f"{stage}__key",
            f"{stage}__position",
            "candidacy__pk",
            "candidacy__candidate_since",
            "candidacy__recognised_until",
            "candidacy__withdrawn_on",
            *(f"name_{code}" for code in languages),
            *coordinates,
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        status = None
        if row["candidacy__pk"] is not None:
            status = candidacy_status(
                candidate_since=row["candidacy__candidate_since"],
                recognised_until=row["candidacy__recognised_until"],
                withdrawn_on=row["candidacy__withdrawn_on"],
                programme_status=row["programme__status"],
                programme_closed_on=row["programme__closed_on"],
            )
        record = {
            "programme": row["programme__key"],
            "country": row["shown_country"],
            "country_code": row["programme__country__code"],
            "city": row["slug"],
            "name": row["shown_name"],
            **{f"name_{code}": row[f"name_{code}"] or "" for code in languages},
            "region": row["shown_region"],
            "entity_type": row["entity_type"],
            "joint_with": row["joint_with__slug"],
            "status": str(status) if status else None,
            "current_stage": row[f"{stage}__key"],
            "current_stage_title": row["shown_stage"] or None,
            "current_stage_position": row[f"{stage}__position"],
            "recognised_until": _iso(row["candidacy__recognised_until"]),
            "joined_on": _iso(row["joined_on"]),
            "programme_status": row["programme__status"],
            "programme_status_since": _iso(row["programme__status_since"]),
            "programme_closed_on": _iso(row["programme__closed_on"]),
        }
        for name in coordinates:
            value = row[name]
            record[name] = float(value) if value is not None else None
        yield record


def _csv_line(row: list) -> str:
    out = io.StringIO()
    csv_writer(out).writerow(row)
    return out.getvalue()


def cities_csv_lines() -> Iterator[str]:
    """cities.csv, line by line (a byte-order mark first, for spreadsheets), every text cell
    formula-safe (`core.spreadsheets`)."""
    columns = [column.key for column in city_columns()]
    yield "\ufeff" + _csv_line(columns)
    for record in city_rows():
        yield _csv_line(["" if record[key] is None else record[key] for key in columns])


def _json_array(name: str, items: Iterable[dict], head: dict) -> Iterator[str]:
    """A JSON object of `head`'s fields and the array `name` of `items`, piece by piece."""
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield f'{opening}, "{name}": ['
    first = True
    for item in items:
        yield ("" if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "]}\n"


def about(language: str) -> dict:
    """What every JSON file says of itself: its licence and language."""
    return {"licence": settings.OPEN_DATA_LICENCE, "language": language}


def cities_json_chunks(language: str) -> Iterator[str]:
    return _json_array("cities", city_rows(), about(language))


def programmes(language: str) -> dict:
    """Every programme with its cities counted by status: one grouped query."""
    statuses = list(CandidacyStatus.values)
    counts = {
        f"n_{status}": Count(
            "cities", filter=candidacy_status_q(status, "cities__candidacy", programme_at="")
        )
        for status in statuses
    }
    rows = (
        Programme.objects.order_by("key")
        .annotate(
            shown_name=in_reader_language("name"),
            shown_body=in_reader_language("coordinating_body"),
            shown_country=in_reader_language("country__name"),
            n_cities=Count("cities"),
            **counts,
        )
        .values(
            "key",
            "shown_name",
            "shown_body",
            "shown_country",
            "country__code",
            "calendar",
            "status",
            "status_since",
            "closed_on",
            "handed_over_to",
            "n_cities",
            *counts,
        )
    )
    return {
        **about(language),
        "programmes": [
            {
                "programme": row["key"],
                "name": row["shown_name"],
                "country": row["shown_country"],
                "country_code": row["country__code"],
                "coordinating_body": row["shown_body"],
                "calendar": row["calendar"],
                "status": row["status"],
                "status_since": _iso(row["status_since"]),
                "closed_on": _iso(row["closed_on"]),
                "handed_over_to": row["handed_over_to"],
                "cities": row["n_cities"],
                "cities_by_status": {status: row[f"n_{status}"] for status in statuses},
            }
            for row in rows
        ],
    }
