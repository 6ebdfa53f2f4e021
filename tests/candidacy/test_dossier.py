"""A candidacy's dossier as a PDF: for whoever may see the city, in the reader's language and
the programme's calendar, read back as text; a fixed number of queries; a clear 503 where the
server cannot make PDFs. Rendering is slow: this module renders two PDFs, no more."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from candidacy import dossier, services
from candidacy.models import StageProgress
from cities.calendars import SOLAR_HIJRI
from tests.candidacy.workflow import PDF_BYTES, RETURN_COMMENT

pytestmark = pytest.mark.django_db

_LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def _url(city) -> str:
    return reverse("candidacy:city-dossier", args=[city.slug])


def _text(response) -> str:
    """The PDF's text, its runs of white space made one space."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="dossier-city-a.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _office_returned_then_approved(world, city=None, *, returns=1, documents=1):
    """The city's (A's) office stage returned `returns` times, given `documents` documents,
    approved."""
    stages, city = world.stages, city or world.city_a
    for _ in range(returns):
        stages.give_back("office", city=city)
    for number in range(documents):
        progress = stages.stage("office", city)
        services.evidence_add(
            progress=progress,
            by=stages.preparer(progress),
            upload=SimpleUploadedFile(
                f"council-minutes-{number}.pdf", PDF_BYTES, content_type="application/pdf"
            ),
            description="Minutes of the council",
        )
    return stages.approve("office", city=city)


@pytest.mark.parametrize("who", [None, "office_a2", "coordinator_b"])
def test_only_who_may_see_the_city_gets_its_dossier(client, world, who, monkeypatch):
    monkeypatch.setattr(dossier, "pdf_of", pytest.fail)  # refused before anything is made
    if who:
        client.force_login(getattr(world, who))
    response = client.get(_url(world.city_a))
    if who is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 404


def test_the_pdf_holds_the_stages_records_evidence_and_history(client, world):
    _office_returned_then_approved(world)
    client.force_login(world.office_a)
    city_page = client.get(reverse("candidacy:city", args=[world.city_a.slug]))
    assert _url(world.city_a) in city_page.text

    text = _text(client.get(_url(world.city_a)))
    office = world.stages.stage("office")
    assert f"Dossier of {world.city_a.name}" in text
    assert world.programme_a.name in text
    assert f"1. {office.definition.title} Approved" in text
    assert RETURN_COMMENT in text  # the history's comment
    assert "council-minutes-0.pdf" in text  # the evidence list
    assert "Office name" in text  # the office's record, as the stage page shows it


def test_a_persian_reader_reads_solar_hijri_dates(client, world):
    world.programme_a.calendar = SOLAR_HIJRI
    world.programme_a.save()
    office = _office_returned_then_approved(world)
    StageProgress.objects.filter(pk=office.pk).update(
        opened_at=datetime.datetime(2024, 7, 31, 9, tzinfo=datetime.UTC)
    )
    client.force_login(world.office_a)
    client.cookies["django_language"] = "fa"
    text = _text(client.get(_url(world.city_a))).translate(_LATIN_DIGITS)
    with translation.override("fa"):
        assert gettext("History") in text and gettext("Programme") in text
    # 10 Mordad 1403 (a right-to-left line may be read back with its digits reversed)
    assert "مرداد" in text
    assert re.search(r"\b(1403|3041)\b", text)
    assert "2024" not in text


def test_queries_do_not_grow_with_history_and_evidence(
    client, world, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(dossier, "pdf_of", lambda html, base_url: b"%PDF-1.7")
    _office_returned_then_approved(world, world.city_a, returns=1, documents=1)
    _office_returned_then_approved(world, world.city_a2, returns=4, documents=6)
    client.force_login(world.coordinator_a)
    for city in [world.city_a, world.city_a2]:
        # 14: the open joint evaluation's record reads its children's panel verdict too
        with django_assert_max_num_queries(14):
            assert client.get(_url(city)).status_code == 200


def test_a_server_without_weasyprint_says_so(client, world, monkeypatch):
    def missing():
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(dossier, "load_weasyprint", missing)
    client.force_login(world.coordinator_a)
    response = client.get(_url(world.city_a))
    assert response.status_code == 503
    assert "The dossier cannot be made just now" in response.text
    assert reverse("candidacy:city", args=[world.city_a.slug]) in response.text
