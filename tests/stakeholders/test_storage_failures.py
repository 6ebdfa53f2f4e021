"""When the document storage (MEDIA_ROOT) cannot be written, the stakeholders' uploads (session
minutes, memorandum documents, commitment evidence) are refused on their form, with what was
typed kept and nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stakeholders import services
from stakeholders.models import ChildrenCouncilSession, Commitment, Memorandum, StakeholderChange
from tests.stakeholders.factories import PDF_BYTES
from tests.storages import UndeletableStorage, UnwritableStorage, failing_storage

pytestmark = pytest.mark.django_db

NOT_STORED = "The document could not be stored just now, so nothing was saved."


def url(name, **kwargs):
    return reverse(f"stakeholders:{name}", kwargs={"city": "city-a", **kwargs})


@pytest.fixture
def office(client, world):
    client.force_login(world.office_a)
    return client


def rows():
    return {
        "sessions": sorted(ChildrenCouncilSession.objects.values_list("pk", "topic", "minutes")),
        "memoranda": sorted(Memorandum.objects.values_list("pk", "title", "document")),
        "commitments": sorted(
            Commitment.objects.values_list("pk", "status", "evidence_note", "evidence")
        ),
        "history": StakeholderChange.objects.count(),
    }


def refused(response, *typed):
    page = response.content.decode()
    assert response.status_code == 400
    assert NOT_STORED in page
    assert "No space left" not in page
    for text in typed:
        assert text in page
    return page


def test_session_minutes_the_storage_refuses(office, participation_a):
    before = rows()
    with failing_storage(UnwritableStorage):
        response = office.post(
            url("session-add", pk=participation_a.council.pk),
            {
                "held_on": "2025-03-03",
                "topic": "Play spaces in district 5",
                "attendance": "19",
                "upload": SimpleUploadedFile("minutes.pdf", PDF_BYTES),
            },
        )
    refused(response, 'value="Play spaces in district 5"')
    assert rows() == before


def test_memorandum_document_the_storage_refuses(office, world):
    before = rows()
    with failing_storage(UnwritableStorage):
        response = office.post(
            url("memorandum-add"),
            {
                "title": "Memorandum with the akimat",
                "parties": "Akimat, Ministry of Education",
                "signed_on": "2019-09-10",
                "upload": SimpleUploadedFile("memorandum.pdf", PDF_BYTES),
            },
        )
    refused(response, 'value="Memorandum with the akimat"')
    assert rows() == before


def test_commitment_evidence_the_storage_refuses(office, memoranda_a):
    commitment = memoranda_a.city_commitment
    before = rows()
    with failing_storage(UnwritableStorage):
        response = office.post(
            url("commitment-status", pk=memoranda_a.memorandum.pk, commitment=commitment.pk),
            {
                "status": "fulfilled",
                "evidence_note": "Three play spaces opened.",
                "upload": SimpleUploadedFile("report.pdf", PDF_BYTES),
            },
        )
    refused(response, "Three play spaces opened.")
    assert rows() == before


def test_a_replaced_document_the_storage_cannot_delete_is_left_behind(
    world, memoranda_a, django_capture_on_commit_callbacks, caplog
):
    """The change is committed; the old file stays behind (logged), and nobody sees an error."""
    memorandum = memoranda_a.memorandum
    values = {"title": memorandum.title, "parties": "UNICEF", "signed_on": memorandum.signed_on}
    services.memorandum_update(
        memorandum=memorandum,
        by=world.office_a,
        upload=SimpleUploadedFile("first.pdf", PDF_BYTES),
        **values,
    )
    with (
        failing_storage(UndeletableStorage),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        services.memorandum_update(
            memorandum=memorandum,
            by=world.office_a,
            upload=SimpleUploadedFile("second.pdf", PDF_BYTES),
            **values,
        )
    assert len(callbacks) == 1
    memorandum.refresh_from_db()
    assert memorandum.document_name == "second.pdf"
    assert "Could not delete the replaced document" in caplog.text
