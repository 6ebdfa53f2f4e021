"""When the document storage (MEDIA_ROOT) cannot be written, an upload or a removal is refused
on its form with a message the user can act on, and nothing is half-written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidacy import services
from candidacy.models import Evidence, OfficeRecord
from tests.candidacy.records.conftest import office_values
from tests.candidacy.workflow import PDF_BYTES, snapshot
from tests.storages import UndeletableStorage, UnwritableStorage, failing_storage

pytestmark = pytest.mark.django_db

NOT_STORED = "The document could not be stored just now, so nothing was saved."
TRY_AGAIN = "Try again in a few minutes; if it keeps happening, tell the portal's administrators."
NOT_REMOVED = "The document could not be removed just now, so it is still attached."


def _url(name, **kwargs):
    return reverse(f"candidacy:{name}", kwargs={"city": "city-a", "stage": "office", **kwargs})


def test_evidence_upload_to_a_full_disk_is_refused_on_the_form(client, world):
    client.force_login(world.office_a)
    before = snapshot()
    with failing_storage(UnwritableStorage):
        page = client.post(
            _url("evidence-upload"),
            {
                "file": SimpleUploadedFile("decree.pdf", PDF_BYTES),
                "description": "The founding decree",
            },
        )
    assert page.status_code == 400
    assert NOT_STORED in page.text
    assert "The document was not attached: see below." in page.text
    assert 'value="The founding decree"' in page.text  # what was typed is kept
    assert "No space left" not in page.text
    assert snapshot() == before


def test_evidence_upload_refusal_is_translated(client, world):
    client.force_login(world.office_a)
    client.cookies["django_language"] = "fa"
    with failing_storage(UnwritableStorage):
        page = client.post(
            _url("evidence-upload"), {"file": SimpleUploadedFile("decree.pdf", PDF_BYTES)}
        )
    assert page.status_code == 400
    assert "سند اکنون ذخیره نشد" in page.text
    assert not Evidence.objects.exists()


def test_record_with_its_document_is_not_saved_when_the_document_cannot_be(client, world):
    client.force_login(world.office_a)
    values = {k: str(v) for k, v in office_values().items()}
    values["established_on"] = "2019-08-19"
    before = snapshot()
    with failing_storage(UnwritableStorage):
        page = client.post(
            _url("record-edit"),
            values | {"document_upload": SimpleUploadedFile("decree.pdf", PDF_BYTES)},
        )
    assert page.status_code == 400, page.text
    assert NOT_STORED in page.text
    assert 'value="Deputy for Urban Planning"' in page.text
    assert not OfficeRecord.objects.exists()
    assert snapshot() == before


def test_evidence_removal_the_storage_refuses_keeps_the_document(client, world):
    progress = world.stage(world.city_a, "office")
    evidence = services.evidence_add(
        progress=progress, by=world.office_a, upload=SimpleUploadedFile("decree.pdf", PDF_BYTES)
    )
    client.force_login(world.office_a)
    before = snapshot()
    with failing_storage(UndeletableStorage):
        page = client.post(_url("evidence-delete", pk=evidence.pk))
    assert page.status_code == 400
    assert NOT_REMOVED in page.text
    assert "Read-only" not in page.text
    assert snapshot() == before
    assert Evidence.objects.get().file.name == evidence.file.name


def test_the_services_refuse_with_a_validation_error(world):
    progress = world.stage(world.city_a, "office")
    with failing_storage(UnwritableStorage), pytest.raises(services.ValidationError) as refused:
        services.evidence_add(
            progress=progress, by=world.office_a, upload=SimpleUploadedFile("a.pdf", PDF_BYTES)
        )
    assert refused.value.message_dict == {"file": [NOT_STORED + " " + TRY_AGAIN]}
    assert not Evidence.objects.exists()
