"""The coordinator's overview: its filters (stage, state, candidacy status, overdue), the
cities per stage, bad input, and the Overdue badge wherever a stage's state is shown."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from candidacy import selectors, services
from candidacy.models import Candidacy, CandidacyStatus, StageDefinition, StageProgress
from demo.testing import complete_record
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
DAY = datetime.timedelta(days=1)

# candidate_since, recognised_until, withdrawn_on
STATUS_CASES = [
    (None, None, None),
    (TODAY, None, None),
    (TODAY, TODAY, None),
    (TODAY, TODAY - DAY, None),
    (TODAY, TODAY + DAY, TODAY),
    (None, None, TODAY),
]


# the programme's status and closing day: a recognition that ran on the day its programme
# closed has ended with it (ended), one that ended before lapsed.
PROGRAMME_CASES = [
    ("active", None),
    ("closed", TODAY - DAY),
    ("closed", TODAY),
    ("handed_over", None),
]


@pytest.mark.parametrize("programme", PROGRAMME_CASES)
@pytest.mark.parametrize("case", STATUS_CASES)
def test_status_query_agrees_with_the_property(world, case, programme, monkeypatch):
    candidate, until, withdrawn = case
    Candidacy.objects.filter(city=world.city_a).update(
        candidate_since=candidate, recognised_until=until, withdrawn_on=withdrawn
    )
    programme_status, closed_on = programme
    type(world.programme_a).objects.filter(pk=world.programme_a.pk).update(
        status=programme_status, closed_on=closed_on
    )
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    candidacy = Candidacy.objects.get(city=world.city_a)
    matching = {
        status
        for status in CandidacyStatus.values
        if Candidacy.objects.filter(selectors.candidacy_status_q(status), pk=candidacy.pk).exists()
    }
    assert matching == {candidacy.status}
    # The same from the cities' side, the programme read from the city.
    cities = type(world.city_a).objects.filter(pk=world.city_a.pk)
    assert {
        status
        for status in CandidacyStatus.values
        if cities.filter(
            selectors.candidacy_status_q(status, "candidacy", programme_at="programme")
        ).exists()
    } == {candidacy.status}
    if until == TODAY - DAY and not withdrawn:
        ended = programme == ("closed", TODAY - DAY)
        assert candidacy.status == (CandidacyStatus.ENDED if ended else CandidacyStatus.LAPSED)


@pytest.mark.parametrize(
    ("until", "withdrawn"),
    [
        (None, None),
        (TODAY - DAY, None),
        (TODAY, None),
        (TODAY + 90 * DAY, None),
        (TODAY + 91 * DAY, None),
        (TODAY + DAY, TODAY),
    ],
)
def test_expiring_recognition_query_agrees_with_the_status(world, until, withdrawn, monkeypatch):
    Candidacy.objects.filter(city=world.city_a).update(
        candidate_since=TODAY, recognised_until=until, withdrawn_on=withdrawn
    )
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    candidacy = Candidacy.objects.get(city=world.city_a)
    found = Candidacy.objects.filter(selectors.recognition_expiring_q(), pk=candidacy.pk).exists()
    expected = (
        candidacy.status == CandidacyStatus.RECOGNISED
        and candidacy.recognised_until <= TODAY + selectors.RECOGNITION_EXPIRY_NOTICE_DAYS * DAY
    )
    assert found == expected


def _overdue_submission(world):
    progress = f.stage_of(world.city_a, "office")
    services.stage_save_draft(progress=progress, by=world.office_a, narrative="Done.")
    complete_record(progress, by=world.office_a)
    services.stage_submit(progress=progress, by=world.office_a)
    StageDefinition.objects.filter(pk=progress.definition_id).update(signoff_days=2)
    StageProgress.objects.filter(pk=progress.pk).update(submitted_at=timezone.now() - 5 * DAY)
    return progress


def _overview(client, world, **query):
    client.force_login(world.coordinator_a)
    return client.get(reverse("candidacy:overview", args=[world.programme_a.key]), query)


def _names(page):
    return [city.name for city in page.context["listing"].rows]


def test_filters_and_counts(client, world):
    _overdue_submission(world)
    assert _names(_overview(client, world, overdue="yes")) == ["City A"]
    assert _names(_overview(client, world, status="preparing")) == ["City A", "City A2"]
    assert _names(_overview(client, world, status="candidate")) == []
    assert _names(_overview(client, world, state="submitted")) == ["City A"]
    page = _overview(client, world)
    counts = {link["definition"].key: link["count"] for link in page.context["stage_counts"]}
    assert counts == {"office": 2, "joint": 0, "candidacy": 0, "badge": 0, "review": 0}
    assert "?stage=office" in page.text and "Office: 2" in page.text
    # the counts keep the other filters: with "overdue", one city at the office stage
    page = _overview(client, world, overdue="yes")
    assert "Office: 1" in page.text
    assert "overdue=yes" in page.text.split("status.csv")[1].split('"')[0]  # the export link


def test_bad_filters_fall_back(client, world):
    page = _overview(
        client,
        world,
        stage="nope",
        state="<b>",
        status="lost",
        overdue="maybe",
        sort="'; drop",
        per_page="999999",
        page="x",
    )
    assert page.status_code == 200
    assert _names(page) == ["City A", "City A2"]
    for name in ["status-csv", "status-xlsx"]:
        response = client.get(
            reverse(name, args=[world.programme_a.key]), {"status": "lost", "sort": "x"}
        )
        assert response.status_code == 200


def test_overdue_badge_where_the_state_is_shown(client, world):
    progress = _overdue_submission(world)
    badge = "Overdue</span>"
    assert badge in _overview(client, world).text
    assert "waiting for sign-off, 5 days" in _overview(client, world).text
    client.force_login(world.coordinator_a)
    assert badge in client.get(reverse("candidacy:queue")).text
    city_page = client.get(reverse("candidacy:city", args=[world.city_a.slug])).text
    assert badge in city_page
    stage_page = client.get(reverse("candidacy:stage", args=[world.city_a.slug, "office"])).text
    assert badge in stage_page and "waiting for sign-off, 5 days" in stage_page
    assert badge not in client.get(reverse("candidacy:city", args=[world.city_a2.slug])).text
    # the admin's stage list filters on the same rule
    admin = client.get(reverse("admin:candidacy_stageprogress_changelist"), {"overdue": "yes"})
    assert list(admin.context["cl"].result_list) == [progress]
