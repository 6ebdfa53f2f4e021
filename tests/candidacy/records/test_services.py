"""The record services: who may write, when, and what they refuse."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from candidacy import services as workflow
from candidacy.models import DataSet, GoalArea, Initiative, LetterRecord, OfficeRecord, StageState
from candidacy.records import services
from candidacy.records.documents import pdf_upload
from candidacy.services import WorkflowError

from .conftest import data_set_values, initiative_values, office_record_with_decree, office_values

pytestmark = pytest.mark.django_db


def test_office_creates_then_changes_its_record(rw):
    office = rw.stage("office")
    record = services.record_save(progress=office, by=rw.office, values=office_values())
    assert (record.office_name, record.staff_count, record.updated_by) == (
        "CFC office",
        5,
        rw.office,
    )
    services.record_save(progress=office, by=rw.office, values=office_values(staff_count=7))
    assert OfficeRecord.objects.get().staff_count == 7  # one record per stage, changed


def test_an_uploaded_document_becomes_evidence_of_the_stage(rw):
    office = rw.stage("office")
    record = office_record_with_decree(rw, office)
    assert record.decree.progress_id == office.pk
    assert record.decree.original_name == "decree.pdf"
    assert list(office.evidence.all()) == [record.decree]


def test_a_document_of_another_stage_is_refused(rw):
    office = rw.stage("office")
    other = rw.stage("office", city=rw.other_city)
    foreign = workflow.evidence_add(
        progress=other, by=rw.other_office, upload=pdf_upload("decree.pdf", "Decree")
    )
    with pytest.raises(ValidationError) as refused:
        services.record_save(progress=office, by=rw.office, values=office_values(decree=foreign))
    assert "decree" in refused.value.message_dict
    assert not OfficeRecord.objects.exists()


@pytest.mark.parametrize(
    "user", ["other_office", "far_office", "coordinator", "evaluator", "far_coordinator"]
)
def test_only_the_preparer_writes_the_record(rw, user):
    office = rw.stage("office")
    with pytest.raises(PermissionDenied):
        services.record_save(progress=office, by=getattr(rw, user), values=office_values())
    assert not OfficeRecord.objects.exists()


def test_a_coordinator_prepared_stage_is_written_by_the_coordinator(rw):
    request = rw.open("request")
    values = dict(reference="R-1", dated_on=datetime.date(2021, 1, 20), addressee="UNICEF")
    with pytest.raises(PermissionDenied):
        services.record_save(progress=request, by=rw.office, values=values)
    services.record_save(progress=request, by=rw.coordinator, values=values)
    assert LetterRecord.objects.get(progress=request).addressee == "UNICEF"


def test_a_locked_stage_cannot_be_written(rw):
    database = rw.stage("database")
    assert database.state == StageState.LOCKED
    with pytest.raises(WorkflowError):
        services.row_add(progress=database, by=rw.office, values=data_set_values(GoalArea.VOICE))
    assert not DataSet.objects.exists()


def test_an_approved_record_is_read_only_until_reopened(rw):
    rw.approve("office")
    office = rw.stage("office")
    with pytest.raises(WorkflowError, match="approved"):
        services.record_save(progress=office, by=rw.office, values=office_values(staff_count=9))
    assert OfficeRecord.objects.get().staff_count != 9

    workflow.stage_reopen(progress=office, by=rw.coordinator, reason="Wrong staff count.")
    services.record_save(
        progress=rw.stage("office"), by=rw.office, values=office_values(staff_count=9)
    )
    assert OfficeRecord.objects.get().staff_count == 9


def test_a_submitted_record_is_read_only(rw):
    database = rw.open("database")
    rw.submit("database")
    row = DataSet.objects.filter(progress=database).first()
    with pytest.raises(WorkflowError, match="awaiting sign-off"):
        services.row_update(row=row, by=rw.office, values={"name": "Changed"})
    with pytest.raises(WorkflowError):
        services.row_remove(row=row, by=rw.office)
    assert DataSet.objects.get(pk=row.pk).name != "Changed"


def test_rows_are_added_changed_and_removed(rw):
    database = rw.open("database")
    row = services.row_add(
        progress=database,
        by=rw.office,
        values=data_set_values(GoalArea.VOICE, districts=rw.districts[:2]),
    )
    assert set(row.districts.all()) == set(rw.districts[:2])
    services.row_update(row=row, by=rw.office, values={"name": "Council sessions", "districts": []})
    row.refresh_from_db()
    assert (row.name, list(row.districts.all())) == ("Council sessions", [])
    services.row_remove(row=row, by=rw.office)
    assert not DataSet.objects.exists()


def test_a_district_of_another_city_is_refused(rw):
    database = rw.open("database")
    with pytest.raises(ValidationError) as refused:
        services.row_add(
            progress=database,
            by=rw.office,
            values=data_set_values(GoalArea.VOICE, districts=rw.other_districts),
        )
    assert "districts" in refused.value.message_dict
    assert not DataSet.objects.exists()
    stocktake = rw.open("stocktake")
    with pytest.raises(ValidationError) as refused:
        services.row_add(
            progress=stocktake,
            by=rw.office,
            values=initiative_values(district=rw.other_districts[0]),
        )
    assert "district" in refused.value.message_dict
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"established_on": datetime.date.today() + datetime.timedelta(days=2)}, "established_on"),
        ({"staff_count": -2}, "staff_count"),
    ],
)
def test_the_service_validates_what_the_form_validates(rw, changes, field):
    with pytest.raises(ValidationError) as refused:
        services.record_save(
            progress=rw.stage("office"), by=rw.office, values=office_values(**changes)
        )
    assert field in refused.value.message_dict
    assert not OfficeRecord.objects.exists()


def test_a_stage_without_rows_refuses_a_row(rw):
    with pytest.raises(WorkflowError):
        services.row_add(
            progress=rw.stage("office"), by=rw.office, values=data_set_values(GoalArea.VOICE)
        )
