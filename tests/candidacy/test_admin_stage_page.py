"""The admin's stage page as a signatory uses it (issue 11): it approves and returns through
the services with a comment and the submission it showed, only for whoever may sign the stage
off now; its sign-offs, evidence and history read as the portal's pages do (labels, names,
the reader's calendar, links to the documents) at a cost that does not grow with them; the
stage list opens on "awaiting my sign-off"; batch decisions ask first."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from candidacy import services
from candidacy.models import Evidence, SignOff, StageState, Transition
from cities.calendars import SOLAR_HIJRI
from cities.roles import Role
from tests.candidacy.workflow import bring

pytestmark = pytest.mark.django_db

RESUBMITTED = "This stage was resubmitted or changed after you opened it; review it again."


def _page(stage) -> str:
    return reverse("admin:candidacy_stageprogress_change", args=[stage.pk])


def _changelist() -> str:
    return reverse("admin:candidacy_stageprogress_changelist")


def _decide(client, stage, decision, comment="", submission=None):
    shown = stage.submission if submission is None else submission
    return client.post(
        _page(stage), {"decision": decision, "comment": comment, "submission": shown}
    )


def _section(html: str, prefix: str) -> str:
    """One inline's table (its group, up to the end of its fieldset)."""
    start = html.index(f'id="{prefix}-group"')
    return html[start : html.index("</fieldset>", start)]


@pytest.fixture
def submitted(world):
    """City A's office stage awaiting the coordinator's sign-off (they alone sign it)."""
    return bring(world, world.city_a, "office", StageState.SUBMITTED)


# --- the inlines ---------------------------------------------------------------------------


def test_the_inlines_read_as_the_pages_do(client, world, submitted):
    world.office_a.first_name, world.office_a.last_name = "Parisa", "Ahmadi"
    world.office_a.save()
    client.force_login(world.coordinator_a)
    html = client.get(_page(submitted)).content.decode()

    history = _section(html, "transitions")
    assert "Awaiting sign-off" in history and "In preparation" in history  # states' labels
    assert "submitted" in history  # the action's label ("submitted")
    assert "Parisa Ahmadi" in history
    assert world.office_a.username not in history
    assert not re.search(r"(open|submitted|locked) → ", history)  # no row's raw __str__
    assert "Parisa Ahmadi" in _section(html, "evidence")

    evidence = Evidence.objects.filter(progress=submitted).first()
    url = reverse("candidacy:evidence-download", args=["city-a", "office", evidence.pk])
    assert f'<a href="{url}"' in html
    assert client.get(url).status_code == 200  # the link downloads, in the reader's scope
    client.force_login(world.coordinator_b)
    assert client.get(url).status_code == 404


def test_the_inlines_date_in_the_programmes_calendar(client, world, submitted):
    world.programme_a.calendar = SOLAR_HIJRI
    world.programme_a.save()
    mordad_10_1403 = timezone.make_aware(datetime.datetime(2024, 7, 31, 12))
    Transition.objects.filter(progress=submitted).update(created_at=mordad_10_1403)
    client.force_login(world.coordinator_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    history = _section(client.get(_page(submitted)).content.decode(), "transitions")
    assert "۱۰ مرداد ۱۴۰۳" in history and "2024" not in history


def test_the_page_costs_the_same_with_a_long_history(client, world, submitted):
    """As a signatory: sign-offs, evidence and history grow."""
    other = bring(world, world.city_a2, "joint", StageState.SUBMITTED)
    services.stage_approve(progress=other, by=world.evaluator_a)  # the coordinator's awaits
    counts = []
    for size in (2, 20):
        for n in range(size):
            Transition.objects.create(
                progress=other,
                action=Transition.Action.RETURN,
                actor=world.evaluator_a,
                actor_role=Role.EVALUATOR,
                from_state=StageState.SUBMITTED,
                to_state=StageState.RETURNED,
                comment="Add the decree.",
            )
            Evidence.objects.create(
                progress=other,
                file=f"evidence/{size}-{n}.pdf",
                original_name=f"decree-{size}-{n}.pdf",
                content_type="application/pdf",
                size=1000 + n,
                uploaded_by=world.office_a2,
            )
        client.force_login(world.coordinator_a)
        client.get(_page(other))
        with CaptureQueriesContext(connection) as queries:
            page = client.get(_page(other))
        counts.append(len(queries))
    assert SignOff.objects.filter(progress=other).count() == 1
    assert counts[0] == counts[1]
