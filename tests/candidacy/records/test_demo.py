"""The demo's records: complete for every kind that has one, Isfahan's from the sources."""

from __future__ import annotations

import datetime

import pytest

from candidacy import services
from candidacy.models import DataSet, GoalArea, Initiative, OfficeRecord, StageState
from candidacy.records import registry
from demo.records import fill_demo_record, fill_demo_records
from tests import factories as f

from .conftest import KEYS, iran_like_steps

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", KEYS)
def test_fill_demo_record_completes_every_kind(rw, key):
    progress = rw.open(key)
    fill_demo_record(progress)  # by one of the stage's preparers
    assert registry.missing(progress) == []
    assert fill_demo_record(progress) is False  # complete already: nothing more written


def test_dates_fall_on_the_day_of_the_story(rw):
    progress = rw.stage("office")
    fill_demo_record(progress, on=datetime.date(2019, 9, 1))
    record = OfficeRecord.objects.get()
    assert record.established_on <= datetime.date(2019, 9, 1)
    assert record.decree.uploaded_at.date() == datetime.date(2019, 9, 1)


def test_isfahan_records_follow_the_sources(db):
    programme = f.make_programme(key="iran-like", steps=iran_like_steps())
    isfahan = f.make_city(programme, slug="isfahan", name="Isfahan")
    office_user = f.office_user(isfahan, username="isfahan.office")
    coordinator = f.coordinator_user(programme, username="iran.coordinator")
    office = f.stage_of(isfahan, "office")
    assert fill_demo_records(isfahan) == 1  # only the open stage
    record = OfficeRecord.objects.get(progress=office)
    assert record.established_on == datetime.date(2019, 8, 19)  # 1398/05/28
    assert "Urban Planning" in record.parent_department

    services.stage_save_draft(progress=office, by=office_user, narrative="Formed.")
    services.stage_submit(progress=office, by=office_user)
    services.stage_approve(progress=office, by=coordinator)
    assert fill_demo_records(isfahan) == 1  # the database, now open; the office is approved
    areas = set(DataSet.objects.values_list("goal_area", flat=True))
    assert areas == set(GoalArea.values)

    database = isfahan.candidacy.stages.get(definition__key="database")
    services.stage_save_draft(progress=database, by=office_user, narrative="Listed.")
    services.stage_submit(progress=database, by=office_user)
    services.stage_approve(progress=database, by=coordinator)
    fill_demo_records(isfahan)
    titles = " ".join(Initiative.objects.values_list("title", flat=True))
    assert "Ghalamestan park" in titles
    assert "Soffeh and Kaveh" in titles
    assert isfahan.candidacy.stages.get(definition__key="office").state == StageState.APPROVED
