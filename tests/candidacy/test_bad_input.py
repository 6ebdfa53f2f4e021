"""What people get wrong, through the pages: each refused request shows a message the user can
act on and leaves the database exactly as it was."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from candidacy import services
from candidacy.models import Evidence, StageState
from demo.testing import complete_record
from tests.candidacy.workflow import PDF_BYTES, RETURN_COMMENT, bring, snapshot

pytestmark = pytest.mark.django_db


def _url(name, stage="office", city="city-a", **kwargs):
    return reverse(f"candidacy:{name}", kwargs={"city": city, "stage": stage, **kwargs})


def _upload(client, name, content, content_type="application/octet-stream", stage="office"):
    return client.post(
        _url("evidence-upload", stage=stage),
        {"file": SimpleUploadedFile(name, content, content_type=content_type), "description": "x"},
    )


# --- returning -------------------------------------------------------------------------------


@pytest.mark.parametrize("comment", ["", "   \n "])
def test_return_without_comment_is_refused(client, world, comment):
    bring(world, world.city_a, "office", StageState.SUBMITTED)
    client.force_login(world.coordinator_a)
    before = snapshot()
    page = client.post(_url("stage-decide"), {"decision": "return", "comment": comment})
    assert page.status_code == 400
    assert "a return needs a comment" in page.text
    assert snapshot() == before


# --- uploads -------------------------------------------------------------------------------


def _refused_upload(client, world, name, content):
    """Upload a document as city A's office; assert it is refused and changed nothing."""
    client.force_login(world.office_a)
    before = snapshot()
    page = _upload(client, name, content, "application/pdf")
    assert page.status_code == 400
    assert snapshot() == before
    return page


def test_oversized_upload_is_refused(client, world):
    with override_settings(EVIDENCE_MAX_BYTES=64):
        page = _refused_upload(client, world, "decree.pdf", PDF_BYTES)
    assert len(PDF_BYTES) > 64
    assert "documents may be at most 64" in page.text


def _zip_without_content_types() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name,content,shown",
    [
        ("decree.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 8, "PDF"),
        ("photo.png", b"Just some text pretending to be an image.\n" * 4, "PNG"),
        ("plan.docx", _zip_without_content_types(), "DOCX"),
        ("plan.docx", b"PK\x03\x04 but not really a zip archive at all", "DOCX"),
    ],
    ids=["exe-as-pdf", "text-as-png", "zip-as-docx", "broken-zip-as-docx"],
)
def test_disguised_upload_is_refused(client, world, name, content, shown):
    page = _refused_upload(client, world, name, content)
    assert f"not a real {shown} document" in page.text
    assert "The document was not attached" in page.text


@pytest.mark.parametrize("name", ["setup.exe", "notes.txt", "page.html", "no-extension"])
def test_unsupported_extension_is_refused(client, world, name):
    page = _refused_upload(client, world, name, PDF_BYTES)
    assert "are not accepted" in page.text


def test_empty_upload_is_refused(client, world):
    _refused_upload(client, world, "decree.pdf", b"")


def test_valid_pdf_is_attached_and_downloaded_by_the_coordinator(client, world):
    client.force_login(world.office_a)
    # The browser's claimed type is ignored: the stored type comes from the checked content.
    page = _upload(client, "decree.pdf", PDF_BYTES, "text/html")
    assert page.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.progress == world.stage(world.city_a, "office")
    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        "decree.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert evidence.uploaded_by == world.office_a
    assert "The document was attached." in client.get(page["Location"]).text

    client.force_login(world.coordinator_a)
    download = client.get(_url("evidence-download", pk=evidence.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert 'filename="decree.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_upload_to_a_submitted_stage_is_refused(client, world):
    bring(world, world.city_a, "office", StageState.SUBMITTED)
    client.force_login(world.office_a)
    before = snapshot()
    page = _upload(client, "decree.pdf", PDF_BYTES, "application/pdf")
    assert page.status_code == 400
    assert "awaiting sign-off" in page.text
    assert snapshot() == before


# --- submitting ------------------------------------------------------------------------------


def test_submitting_a_locked_stage_is_refused(client, world):
    client.force_login(world.office_a)
    before = snapshot()
    page = client.post(
        _url("stage-save", stage="joint"), {"narrative": "Evaluated.", "submit": "1"}
    )
    assert page.status_code == 400
    assert "This stage is locked" in page.text
    assert snapshot() == before
    assert world.stage(world.city_a, "joint").state == StageState.LOCKED


def test_submitting_twice_is_refused(client, world):
    complete_record(world.stage(world.city_a, "office"), by=world.office_a)
    client.force_login(world.office_a)
    first = client.post(_url("stage-save"), {"narrative": "Office formed.", "submit": "1"})
    assert first.status_code == 302
    assert world.stage(world.city_a, "office").state == StageState.SUBMITTED
    before = snapshot()
    again = client.post(_url("stage-save"), {"narrative": "Changed my mind.", "submit": "1"})
    assert again.status_code == 400
    assert "awaiting sign-off; it cannot be changed now" in again.text
    assert snapshot() == before
    assert world.stage(world.city_a, "office").narrative == "Office formed."


@pytest.mark.parametrize("narrative", ["", "  \r\n  "])
def test_submitting_without_narrative_is_refused(client, world, narrative):
    client.force_login(world.office_a)
    before = snapshot()
    page = client.post(_url("stage-save"), {"narrative": narrative, "submit": "1"})
    assert page.status_code == 400
    assert "Write the stage&#x27;s narrative before submitting it" in page.text
    assert snapshot() == before


def test_typed_narrative_is_kept_when_submit_fails(client, world):
    """Someone else submitted the stage in another tab: the text typed here is not lost."""
    complete_record(world.stage(world.city_a, "office"), by=world.office_a)
    client.force_login(world.office_a)
    client.post(_url("stage-save"), {"narrative": "First version.", "submit": "1"})
    typed = "A longer account of the office & its decree, typed while the other tab submitted."
    page = client.post(_url("stage-save"), {"narrative": typed, "submit": "1"})
    assert page.status_code == 400
    assert "A longer account of the office &amp; its decree" in page.text
    assert 'name="narrative"' in page.text
    assert world.stage(world.city_a, "office").narrative == "First version."


# --- signing off one's own work -------------------------------------------------------------


@pytest.mark.parametrize("decision", ["approve", "return"])
def test_office_cannot_sign_off_its_own_stage(client, world, decision):
    bring(world, world.city_a, "office", StageState.SUBMITTED)
    client.force_login(world.office_a)
    before = snapshot()
    page = client.post(_url("stage-decide"), {"decision": decision, "comment": RETURN_COMMENT})
    assert page.status_code == 403
    assert snapshot() == before


def test_office_sees_no_decision_form_on_its_submitted_stage(client, world):
    bring(world, world.city_a, "office", StageState.SUBMITTED)
    client.force_login(world.office_a)
    page = client.get(_url("stage"))
    assert page.status_code == 200
    assert reverse("candidacy:stage-decide", args=["city-a", "office"]) not in page.text


def test_reopen_without_reason_through_the_page(client, world):
    bring(world, world.city_a, "office", StageState.APPROVED)
    client.force_login(world.coordinator_a)
    before = snapshot()
    page = client.post(_url("stage-reopen"), {"reason": ""})
    assert page.status_code == 400
    assert "This field is required" in page.text
    assert snapshot() == before


def test_withdrawn_city_cannot_be_edited_through_the_page(client, world):
    services.candidacy_withdraw(
        candidacy=world.city_a.candidacy, by=world.coordinator_a, reason="The city left."
    )
    client.force_login(world.office_a)
    page = client.get(_url("stage"))
    assert reverse("candidacy:stage-save", args=["city-a", "office"]) not in page.text
    before = snapshot()
    page = client.post(_url("stage-save"), {"narrative": "More.", "submit": "1"})
    assert page.status_code == 400
    assert "has been withdrawn" in page.text
    assert snapshot() == before
