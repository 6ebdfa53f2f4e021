"""The programme's status as XLSX and CSV: for those who may see the overview, with its
filters, search and order, read back as a spreadsheet would."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from candidacy import services
from candidacy.models import StageDefinition, StageProgress
from demo.testing import complete_record
from stakeholders.models import Commitment, Memorandum
from tests import factories as f

pytestmark = pytest.mark.django_db


def _get(client, user, name, programme, query=None):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(name, args=[programme.key]), query or {})


@pytest.mark.parametrize(
    "who", [None, "office_a", "evaluator_b", "coordinator_b", "coordinator_a", "evaluator_a"]
)
def test_only_who_sees_the_overview(client, world, who):
    user = getattr(world, who) if who else None
    overview = _get(client, user, "candidacy:overview", world.programme_a).status_code
    expected = {None: 302, "evaluator_b": 404, "coordinator_b": 404, "coordinator_a": 200}
    if who in expected:
        assert overview == expected[who]
    for name in ["status-xlsx", "status-csv"]:
        assert _get(client, user, name, world.programme_a).status_code == overview


def _submitted_overdue(world):
    """City A's office stage submitted three days ago, with a day allowed for sign-off."""
    progress = f.stage_of(world.city_a, "office")
    services.stage_save_draft(progress=progress, by=world.office_a, narrative="Done.")
    complete_record(progress, by=world.office_a)
    services.stage_submit(progress=progress, by=world.office_a)
    StageDefinition.objects.filter(pk=progress.definition_id).update(signoff_days=1)
    StageProgress.objects.filter(pk=progress.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=3)
    )
    memorandum = Memorandum.objects.create(
        city=world.city_a, title="=HYPERLINK(1)", signed_on=datetime.date(2024, 1, 1)
    )
    for status, due in [
        (Commitment.Status.FULFILLED, datetime.date(2024, 2, 1)),
        (Commitment.Status.PENDING, datetime.date(2024, 2, 1)),
        (Commitment.Status.PENDING, datetime.date(2999, 2, 1)),
    ]:
        Commitment.objects.create(
            memorandum=memorandum, party="city", description="A promise.", due_on=due, status=status
        )


def _csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_rows_and_filters(client, world):
    _submitted_overdue(world)
    response = _get(client, world.coordinator_a, "status-csv", world.programme_a)
    assert response["Content-Type"].startswith("text/csv")
    rows = {row["City"]: row for row in _csv(response)}
    assert set(rows) == {"City A", "City A2"}
    a = rows["City A"]
    assert a["State"] == "Awaiting sign-off"
    assert a["Waiting (days)"] == "3"
    assert a["Waiting for"] == "waiting for sign-off"
    assert a["Overdue"] == "yes"
    assert (
        a["Submitted"]
        == timezone.localdate(timezone.now() - datetime.timedelta(days=3)).isoformat()
    )
    assert (a["Commitments"], a["Commitments met"], a["Commitments overdue"]) == ("3", "1", "1")
    assert rows["City A2"]["Waiting for"] == "in preparation"
    assert rows["City A2"]["Overdue"] == "no"
    # the overview's filters and search choose the rows
    overdue = _csv(_get(client, None, "status-csv", world.programme_a, {"overdue": "yes"}))
    assert [row["City"] for row in overdue] == ["City A"]
    searched = _csv(_get(client, None, "status-csv", world.programme_a, {"q": "A2"}))
    assert [row["City"] for row in searched] == ["City A2"]
    ordered = _csv(_get(client, None, "status-csv", world.programme_a, {"sort": "overdue"}))
    assert [row["City"] for row in ordered] == ["City A", "City A2"]


def test_xlsx_reads_back(client, world):
    _submitted_overdue(world)
    response = _get(client, world.coordinator_a, "status-xlsx", world.programme_a, {"q": "City A"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    assert header[0] == "City" and "Overdue" in header
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    a = rows["City A"]
    assert isinstance(a["Submitted"], datetime.datetime)  # a real date, not a text
    assert a["Overdue"] == "yes" and a["Waiting (days)"] == 3
    assert rows["City A2"]["Submitted"] is None


def test_headers_in_the_readers_language(client, world):
    client.force_login(world.coordinator_a)
    response = client.get(
        reverse("status-csv", args=[world.programme_a.key]), HTTP_ACCEPT_LANGUAGE="ru"
    )
    first = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert "Город" in first


@pytest.mark.parametrize("size", [3, 12])
def test_queries_do_not_grow(client, world, django_assert_max_num_queries, size):
    for number in range(size):
        f.make_city(world.programme_a, slug=f"more-{number}", name=f"More {number}")
    client.force_login(world.coordinator_a)
    # measured: 7 (session, user, roles, programme, stage definitions, the cities, their
    # commitments)
    with django_assert_max_num_queries(7):
        rows = _csv(client.get(reverse("status-csv", args=[world.programme_a.key])))
    assert len(rows) == size + 2
    with django_assert_max_num_queries(7):
        response = client.get(reverse("status-xlsx", args=[world.programme_a.key]))
    assert load_workbook(io.BytesIO(response.content)).active.max_row == size + 3
