"""A recognition that was still running when its programme closed, and has ended since, reads
"ended (programme closed)", not "lapsed", wherever a recognition's status is shown: the city
page (its status and its cycles), the public list and page, the open data (`status` "ended",
counted apart) and the admin (candidacies and recognition cycles). One rule decides
(`candidacy.models.ended_with_programme`); a recognition that ended before the programme
closed still lapsed, and `record_lapses` records no lapse for one that ended with it."""

from __future__ import annotations

import datetime
import html
import json

import pytest
from django.urls import reverse

from candidacy import services
from candidacy.models import Candidacy, CandidacyStatus, Recognition
from cities.services import programme_status_change

pytestmark = pytest.mark.django_db

D = datetime.date
CLOSED_ON = D(2024, 4, 30)


@pytest.fixture
def closed(world, superuser):
    """Programme A closed on 30 April 2024: city A recognised until 16 May 2025 (ran on the
    day it closed), city A2 recognised until 31 December 2023 (lapsed before it closed)."""
    for city, since, until in (
        (world.city_a, D(2021, 5, 17), D(2025, 5, 16)),
        (world.city_a2, D(2019, 1, 1), D(2023, 12, 31)),
    ):
        Candidacy.objects.filter(city=city).update(
            candidate_since=D(2018, 1, 1), recognised_since=since, recognised_until=until
        )
        Recognition.objects.create(
            candidacy=city.candidacy, cycle=1, starts_on=since, ends_on=until
        )
    programme_status_change(
        programme=world.programme_a, by=superuser, status="closed", on=CLOSED_ON
    )
    return world


def _text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_status_is_ended_not_lapsed(closed):
    assert Candidacy.objects.get(city=closed.city_a).status == CandidacyStatus.ENDED
    assert Candidacy.objects.get(city=closed.city_a2).status == CandidacyStatus.LAPSED
    ended = Recognition.objects.get(candidacy__city=closed.city_a)
    assert ended.ended_with_programme
    assert not Recognition.objects.get(candidacy__city=closed.city_a2).ended_with_programme


def test_record_lapses_records_no_lapse_for_a_recognition_ended_with_its_programme(closed):
    assert services.recognition_lapses_record() == 1
    assert Recognition.objects.get(candidacy__city=closed.city_a).lapsed_on is None
    assert Recognition.objects.get(candidacy__city=closed.city_a2).lapsed_on == D(2024, 1, 1)


def test_the_city_page_says_ended(client, closed):
    client.force_login(closed.office_a)
    page = _text(client.get(reverse("candidacy:city", args=[closed.city_a.slug])))
    assert "Ended (programme closed)" in page
    assert "recognised until 16 May 2025" in page
    assert "Lapsed" not in page and "lapsed after" not in page


def test_the_public_pages_say_ended(client, closed):
    key = closed.programme_a.key
    page = _text(client.get(reverse("public-city", args=[key, closed.city_a.slug])))
    assert "Ended (programme closed)" in page and "lapsed after" not in page
    listed = _text(client.get(reverse("public-cities")))
    assert "Ended (programme closed)" in listed  # city A
    assert "lapsed after 31 December 2023" in listed  # city A2, before the closure
    filtered = _text(client.get(reverse("public-cities"), {"status": "ended"}))
    assert "Ended (programme closed)" in filtered and "lapsed after" not in filtered


def test_the_open_data_says_ended_and_documents_it(client, closed):
    streamed = client.get(reverse("open-data-cities-json")).streaming_content
    rows = {row["city"]: row["status"] for row in json.loads(b"".join(streamed))["cities"]}
    assert rows[closed.city_a.slug] == "ended" and rows[closed.city_a2.slug] == "lapsed"
    programmes = client.get(reverse("open-data-programmes-json")).json()["programmes"]
    alpha = next(p for p in programmes if p["programme"] == closed.programme_a.key)
    assert alpha["cities_by_status"]["ended"] == 1 and alpha["cities_by_status"]["lapsed"] == 1
    documented = _text(client.get(reverse("open-data")))
    assert "lapsed, ended or withdrawn" in documented


def test_the_admin_says_ended(client, closed, superuser):
    client.force_login(superuser)
    candidacies = _text(client.get(reverse("admin:candidacy_candidacy_changelist")))
    assert "ended after 16 May 2025 (programme closed)" in candidacies
    assert "lapsed after 31 December 2023" in candidacies
    cycles = _text(client.get(reverse("admin:candidacy_recognition_changelist")))
    assert "Ended (programme closed)" in cycles
    ended = Recognition.objects.get(candidacy__city=closed.city_a)
    change = _text(client.get(reverse("admin:candidacy_recognition_change", args=[ended.pk])))
    assert "Ended (programme closed)" in change
