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
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from candidacy import permissions, selectors, services
from candidacy.models import (
    Evidence,
    SignOff,
    StageComment,
    StageProgress,
    StageState,
    Transition,
)
from cities.calendars import SOLAR_HIJRI
from cities.models import RoleAssignment
from cities.roles import Role
from tests import factories as f
from tests.candidacy.workflow import RETURN_COMMENT, bring, snapshot

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


# --- deciding on the page ------------------------------------------------------------------


def test_the_signatory_approves_on_the_page_through_the_service(client, world, submitted):
    client.force_login(world.coordinator_a)
    page = client.get(_page(submitted)).content.decode()
    assert 'id="stage-decision"' in page
    assert f'name="submission" value="{submitted.submission}"' in page
    assert "Approves the stage." in page  # what the approval will do

    response = _decide(client, submitted, "approve", comment="Well documented.")

    assert response.status_code == 302
    assert response["Location"] == _changelist()
    submitted.refresh_from_db()
    assert submitted.state == StageState.APPROVED
    last = Transition.objects.filter(progress=submitted).latest("pk")
    assert (last.action, last.actor, last.comment) == (
        Transition.Action.APPROVE,
        world.coordinator_a,
        "Well documented.",
    )
    assert world.stage(world.city_a, "joint").state == StageState.OPEN
    followed = client.get(response["Location"]).content.decode()
    assert "Your approval was recorded." in followed


def test_a_return_needs_a_comment_and_keeps_what_was_typed(client, world, submitted):
    client.force_login(world.coordinator_a)
    before = snapshot()
    refused = _decide(client, submitted, "return", comment="   ")
    assert refused.status_code == 400
    assert "Say what needs to change: a return needs a comment." in refused.content.decode()
    assert snapshot() == before

    done = _decide(client, submitted, "return", comment=RETURN_COMMENT)
    assert done.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == StageState.RETURNED
    assert Transition.objects.filter(progress=submitted, comment=RETURN_COMMENT).exists()


def test_a_stale_submission_is_refused_with_a_message_and_the_comment_kept(
    client, world, submitted
):
    client.force_login(world.coordinator_a)
    shown = submitted.submission
    services.stage_return(progress=submitted, by=world.coordinator_a, comment=RETURN_COMMENT)
    resubmitted = services.stage_submit(progress=submitted, by=world.office_a)
    before = snapshot()

    refused = _decide(client, submitted, "approve", comment="Fine by me.", submission=shown)

    assert refused.status_code == 400
    text = refused.content.decode()
    assert RESUBMITTED in text  # an admin message above the page
    assert "Fine by me.</textarea>" in text
    # The page is the stage as it is now: a decision from it is on the new submission.
    assert f'name="submission" value="{resubmitted.submission}"' in text
    assert snapshot() == before
    assert _decide(client, resubmitted, "approve").status_code == 302


def test_an_overlong_comment_is_a_form_error_not_a_500(client, world, submitted):
    client.force_login(world.coordinator_a)
    before = snapshot()
    refused = _decide(client, submitted, "approve", comment="x" * 5001)
    assert refused.status_code == 400
    assert 'class="errorlist' in refused.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    "user, key, state, shown",
    [
        ("coordinator_a", "office", StageState.SUBMITTED, True),
        ("coordinator_a", "office", StageState.OPEN, False),
        ("coordinator_a", "joint", StageState.SUBMITTED, False),  # already approved it
        ("superuser", "office", StageState.SUBMITTED, False),  # signs nothing
    ],
)
def test_the_buttons_follow_the_signing_rule(client, world, superuser, user, key, state, shown):
    stage = bring(world, world.city_a, key, state)
    person = superuser if user == "superuser" else getattr(world, user)
    if key == "joint":  # the coordinator's approval is given: the evaluator's awaits
        services.stage_approve(progress=stage, by=world.coordinator_a)
    client.force_login(person)
    page = client.get(_page(stage)).content.decode()
    stage = StageProgress.objects.get(pk=stage.pk)
    assert ('id="stage-decision"' in page) == shown == permissions.can_sign_stage(person, stage)


def test_people_outside_the_programme_cannot_decide(client, world, superuser, submitted):
    before = snapshot()
    data = {"decision": "approve", "comment": "", "submission": submitted.submission}

    client.force_login(world.coordinator_b)  # another country's coordinator
    assert client.post(_page(submitted), data).status_code == 404
    client.force_login(world.office_a)  # the city's own office: no admin at all
    response = client.post(_page(submitted), data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    client.force_login(superuser)  # sees everything, signs nothing: the service refuses
    refused = client.post(_page(submitted), data)
    assert refused.status_code == 403
    assert "You are not a signatory of this stage." in refused.content.decode()

    assert snapshot() == before


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


def test_the_thread_reads_as_the_stage_page(client, world, submitted):
    world.coordinator_a.first_name, world.coordinator_a.last_name = "Reza", "Karimi"
    world.coordinator_a.save()
    internal = StageComment.Visibility.INTERNAL
    StageComment.objects.create(progress=submitted, author=world.office_a, body="Question.")
    StageComment.objects.create(
        progress=submitted, author=world.coordinator_a, body="Between us.", visibility=internal
    )
    client.force_login(world.coordinator_a)
    thread = _section(client.get(_page(submitted)).content.decode(), "comments")
    assert thread.index("Question.") < thread.index("Between us.")
    assert "Reza Karimi" in thread and "Internal" in thread and "To the city" in thread
    assert "<textarea" not in thread  # read-only: the thread is written on the stage page


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
    """As a signatory, with the decision form: sign-offs, evidence and history grow."""
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
            StageComment.objects.create(
                progress=other, author=world.office_a2, body=f"Question {size}-{n}."
            )
        client.force_login(world.coordinator_a)
        client.get(_page(other))
        with CaptureQueriesContext(connection) as queries:
            page = client.get(_page(other))
        assert 'id="stage-decision"' in page.content.decode()
        thread = StageComment.objects.filter(progress=other).count()
        assert page.content.decode().count("Question ") == thread
        counts.append(len(queries))
    assert SignOff.objects.filter(progress=other).count() == 1
    assert counts[0] == counts[1]


# --- the list opens on "awaiting my sign-off" -----------------------------------------------


def _listed(client, query="") -> list[int]:
    response = client.get(_changelist() + query)
    assert response.status_code == 200
    return [row.pk for row in response.context["cl"].result_list]


def test_the_list_opens_on_awaiting_my_sign_off_with_a_way_to_all(client, world, submitted):
    client.force_login(world.coordinator_a)
    queue = [s.pk for s in selectors.signoff_queue(world.coordinator_a)]
    page = client.get(_changelist()).content.decode()
    assert "?awaiting_me=all" in page  # "All stages", the way to the rest

    assert _listed(client) == queue == [submitted.pk]
    everything = set(
        StageProgress.objects.filter(candidacy__city__programme=world.programme_a).values_list(
            "pk", flat=True
        )
    )
    assert set(_listed(client, "?awaiting_me=all")) == everything
    assert set(_listed(client, "?p=1")) == {submitted.pk}  # paging keeps the default
    assert set(_listed(client, "?q=City")) == everything  # a search is over every stage
    assert set(_listed(client, "?state=locked")) < everything  # so is a chosen filter


def test_a_superuser_opens_on_the_queue_only_if_they_sign(
    client, world, superuser, submitted, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    assert len(_listed(client)) == StageProgress.objects.count()
    with django_capture_on_commit_callbacks(execute=True):  # a new role: the scope read anew
        RoleAssignment.objects.create(
            user=superuser, role=Role.COORDINATOR, programme=world.programme_a
        )
    assert _listed(client) == [submitted.pk]


def test_the_default_list_costs_the_same_with_more_stages_awaiting(client, world):
    client.force_login(world.coordinator_a)
    counts, cities = [], 2  # City A and City A2
    for size in (2, 12):
        cities += size
        for n in range(size):
            f.make_city(world.programme_a, slug=f"awaiting-{size}-{n}", name=f"Awaiting {n}")
        StageProgress.objects.filter(
            candidacy__city__programme=world.programme_a, definition__key="office"
        ).update(state=StageState.SUBMITTED, submitted_at=timezone.now())
        client.get(_changelist())
        with CaptureQueriesContext(connection) as queries:
            listed = _listed(client)
        assert len(listed) == cities  # every office stage awaits the coordinator
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- batch decisions ask first -------------------------------------------------------------


@pytest.mark.parametrize("action", ["approve_stages", "return_stages"])
def test_a_batch_decision_changes_nothing_before_it_is_confirmed(client, world, submitted, action):
    client.force_login(world.coordinator_a)
    before = snapshot()
    page = client.post(
        _changelist(),
        {"action": action, ACTION_CHECKBOX_NAME: [submitted.pk], "comment": RETURN_COMMENT},
    )
    assert page.status_code == 200
    assert [t.name for t in page.templates][0] == "admin/candidacy/decide_stages.html"
    assert 'name="confirm"' in page.content.decode()
    assert snapshot() == before
