"""Removing a stage's document: the Remove button leads to a page that asks first, names the
document and the record that keeps it as its required document; only the POST there removes it
(through `services.evidence_remove`), and the stage page then says what the record has lost."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidacy import services as workflow
from candidacy.models import Evidence, OfficeRecord
from candidacy.records import registry
from tests.candidacy.records.conftest import office_record_with_decree

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def decree(rw):
    """The office stage's record with its decree: the document a removal would take from it."""
    return office_record_with_decree(rw, rw.stage("office")).decree


@pytest.fixture
def loose_document(rw):
    """A document of the office stage that no record uses."""
    return workflow.evidence_add(
        progress=rw.stage("office"),
        by=rw.office,
        upload=SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf"),
    )


def delete_url(rw, document):
    return rw.url("evidence-delete", "office", document.pk)


def test_the_stage_page_links_to_the_confirmation_instead_of_removing(client, rw, decree):
    client.force_login(rw.office)
    page = client.get(rw.url("stage", "office")).content.decode()
    assert f'href="{delete_url(rw, decree)}"' in page
    assert f'action="{delete_url(rw, decree)}"' not in page  # no one-click removal


def test_asking_names_the_document_and_the_record_that_loses_it(client, rw, decree):
    client.force_login(rw.office)
    response = client.get(delete_url(rw, decree))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Remove a document" in page
    assert "decree.pdf" in page
    assert (
        "This document is the founding decree of the stage's office record. If you remove "
        "it, the office record has no founding decree and the stage cannot be submitted until "
        "another is chosen or uploaded."
    ) in page
    assert f'<form method="post" action="{delete_url(rw, decree)}"' in page
    assert Evidence.objects.filter(pk=decree.pk).exists()  # asking removes nothing


def test_asking_about_a_document_no_record_uses_says_so(client, rw, loose_document):
    client.force_login(rw.office)
    page = client.get(delete_url(rw, loose_document)).content.decode()
    assert "minutes.pdf" in page
    assert "No record of this stage uses this document." in page
    assert registry.document_uses(loose_document) == []


def test_asking_in_persian(client, rw, decree):
    client.force_login(rw.office)
    client.cookies["django_language"] = "fa"
    page = client.get(delete_url(rw, decree), HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    assert "حذف یک سند" in page
    assert "«حکم تشکیل» در «اطلاعات ثبتی دفتر» این مرحله است" in page


def test_confirming_removes_it_and_says_what_the_record_lost(client, rw, decree):
    client.force_login(rw.office)
    response = client.post(delete_url(rw, decree), follow=True)
    assert response.redirect_chain[-1][0] == rw.url("stage", "office")
    assert not Evidence.objects.filter(pk=decree.pk).exists()
    assert OfficeRecord.objects.get().decree is None
    page = response.content.decode()
    assert "The document was removed." in page
    assert (
        "The office record has no founding decree now: choose or upload another before "
        "submitting the stage."
    ) in page
    assert registry.missing(rw.stage("office"))  # the rule holds the stage back again


def test_the_service_returns_what_the_record_used_the_document_for(rw, decree, loose_document):
    uses = workflow.evidence_remove(evidence=decree, by=rw.office)
    assert uses == [registry.DocumentUse(record="office record", document="founding decree")]
    assert workflow.evidence_remove(evidence=loose_document, by=rw.office) == []


@pytest.mark.parametrize("who", ["coordinator", "evaluator"])
def test_people_who_do_not_prepare_the_stage_may_not_ask_or_remove(client, rw, decree, who):
    client.force_login(getattr(rw, who))
    assert client.get(delete_url(rw, decree)).status_code == 403
    assert client.post(delete_url(rw, decree)).status_code == 403
    assert Evidence.objects.filter(pk=decree.pk).exists()


@pytest.mark.parametrize("who", ["other_office", "far_office", "far_coordinator"])
def test_people_of_other_cities_get_404(client, rw, decree, who):
    client.force_login(getattr(rw, who))
    assert client.get(delete_url(rw, decree)).status_code == 404
    assert client.post(delete_url(rw, decree)).status_code == 404
    assert Evidence.objects.filter(pk=decree.pk).exists()


def test_a_submitted_stage_sends_the_asker_back_with_the_reason(client, rw, decree):
    rw.submit("office")
    client.force_login(rw.office)
    response = client.get(delete_url(rw, decree), follow=True)
    assert response.redirect_chain[-1][0] == rw.url("stage", "office")
    assert "awaiting sign-off; it cannot be changed now" in response.content.decode()
    assert Evidence.objects.filter(pk=decree.pk).exists()
