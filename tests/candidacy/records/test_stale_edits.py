"""No lost edits on a stage's pages: the narrative, the one-to-one record and a row carry the
version they were loaded with; a save from a page someone else's save overtook is refused
(409), showing both versions and keeping what was typed."""

from __future__ import annotations

import pytest
from django.test import Client

from candidacy import services as workflow
from candidacy.models import DataSet, OfficeRecord
from candidacy.records import services
from tests.stale_edits import STALE_MESSAGE, form_post, walk_stale_edit

from .conftest import data_set_values, office_values

pytestmark = pytest.mark.django_db


def _two(rw):
    a, b = Client(), Client()
    a.force_login(rw.office)
    b.force_login(rw.office)
    return a, b


def test_the_office_record(rw):
    services.record_save(progress=rw.stage("office"), by=rw.office, values=office_values())
    a, b = _two(rw)
    url = rw.url("record-edit", "office")
    field, _typed_a, typed_b = walk_stale_edit(a, b, url)
    assert getattr(OfficeRecord.objects.get(), field) == typed_b


def test_a_data_set_row(rw):
    database = rw.open("database")
    row = services.row_add(progress=database, by=rw.office, values=data_set_values("voice"))
    a, b = _two(rw)
    field, _typed_a, typed_b = walk_stale_edit(a, b, rw.url("record-row-edit", "database", row.pk))
    assert getattr(DataSet.objects.get(pk=row.pk), field) == typed_b


def test_the_narrative_on_the_stage_page(rw):
    a, b = _two(rw)
    url, save = rw.url("stage", "office"), rw.url("stage-save", "office")
    form_a = a.get(url).context["narrative_form"]
    form_b = b.get(url).context["narrative_form"]
    assert a.post(save, form_post(form_a, narrative="A's narrative")).status_code == 302
    refused = b.post(save, form_post(form_b, narrative="B's narrative"))
    assert refused.status_code == 409
    text = refused.content.decode()
    assert STALE_MESSAGE in text and "B&#x27;s narrative" in text and "A&#x27;s narrative" in text
    assert rw.stage("office").narrative == "A's narrative"
    # The refused form now carries the stored version: saving it again keeps B's text.
    again = b.post(save, form_post(refused.context["narrative_form"]))
    assert again.status_code == 302
    assert rw.stage("office").narrative == "B's narrative"


def test_the_services_refuse_a_stale_version(rw):
    stage = rw.stage("office")
    loaded = stage.version
    workflow.stage_save_draft(progress=stage, by=rw.office, narrative="One", version=loaded)
    with pytest.raises(Exception, match="Someone else saved this"):
        workflow.stage_save_draft(progress=stage, by=rw.office, narrative="Two", version=loaded)
    assert rw.stage("office").narrative == "One"
    # Two first saves of a record not written yet (both loaded at version 0) clash too.
    services.record_save(progress=stage, by=rw.office, values=office_values(), version=0)
    with pytest.raises(Exception, match="Someone else saved this"):
        services.record_save(
            progress=stage, by=rw.office, values=office_values(head_name="X"), version=0
        )
    assert OfficeRecord.objects.get().head_name != "X"
