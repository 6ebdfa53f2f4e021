"""The plans stage page keeps its record (issue 10, "world scale": a city's 300 actions) in the
cache: under the lists' edition, the plans' (`core.editions.PLANS`, read with the session), the
address (filters, order, page) and whether the reader may edit the plans. A warm page reads
nothing of the plans; every change made through the services is on the next page; the remove
buttons' forms carry the reader's own CSRF token, never the one of the editor the body was
rendered for."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from candidacy.models import GoalArea, PlanAction
from candidacy.records.plans import services
from core.editions import TOKEN_MARK
from tests import factories as f
from tests.navigation import NAV_TASKS_COUNTED

from .conftest import action_values, approve_situation, make_plan

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def _without_tokens(html: str) -> str:
    return TOKEN.sub("", html)


@pytest.fixture
def plans(pw, django_capture_on_commit_callbacks):
    """The plans stage open, with a plan, a goal and operational plans 2022–2024, its changes
    committed (so the editions rise)."""
    with django_capture_on_commit_callbacks(execute=True):
        approve_situation(pw)
        progress = pw.open("plans")
        _, goal, operationals = make_plan(pw, progress, years=(2022, 2023, 2024))
    return progress, goal, operationals


def _add(pw, plans, count, commit, **changes):
    progress, goal, operationals = plans
    with commit(execute=True):
        for number in range(count):
            services.action_add(
                progress=progress,
                by=pw.office,
                values=action_values(
                    operationals[number % 3],
                    goal,
                    title=f"Action {number:03}",
                    goal_area=GoalArea.values[number % 5],
                    **changes,
                ),
            )


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize("reader", ["office", "coordinator"])
def test_a_warm_plans_page_reads_nothing_of_the_plans(
    client,
    pw,
    plans,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
    size,
    reader,
):
    _add(pw, plans, size, django_capture_on_commit_callbacks)
    client.force_login(getattr(pw, reader))
    url = pw.url("stage", "plans") + "?per_page=10&order=title&status=planned"
    first = client.get(url)
    # measured: 10 at both sizes (session with the editions, user, scope, the stage, its
    # evidence, sign-offs, history and comment thread, the inbox's unread count), against
    # 21 with the plans read
    with django_assert_max_num_queries(10 + NAV_TASKS_COUNTED):
        again = client.get(url)
    assert again.status_code == 200
    assert _without_tokens(again.text) == _without_tokens(first.text)
    assert "Action 000" in again.text and "Action 010" not in again.text


def test_every_change_through_the_services_is_on_the_next_page(
    client, pw, plans, django_capture_on_commit_callbacks
):
    progress, goal, operationals = plans
    _add(pw, plans, 3, django_capture_on_commit_callbacks)
    client.force_login(pw.office)
    url = pw.url("stage", "plans")
    assert "Action 001" in client.get(url).text
    action = PlanAction.objects.get(title="Action 001")
    with django_capture_on_commit_callbacks(execute=True):
        services.action_update(
            action=action,
            by=pw.office,
            values=action_values(operationals[1], goal, title="Renamed action"),
        )
    page = client.get(url).text
    assert "Renamed action" in page and "Action 001" not in page
    with django_capture_on_commit_callbacks(execute=True):
        services.action_note_add(
            action=action,
            by=pw.office,
            values=dict(year=2022, progress_text="Half the workshops held.", completion=50),
        )
    assert "Half the workshops held." in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        services.goal_update(
            goal=goal, by=pw.office, values=dict(title="Heard everywhere", description="")
        )
    assert "Heard everywhere" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        services.action_remove(action=action, by=pw.office)
    assert "Renamed action" not in client.get(url).text


def test_a_filter_and_a_page_are_kept_apart(client, pw, plans, django_capture_on_commit_callbacks):
    _add(pw, plans, 30, django_capture_on_commit_callbacks)
    client.force_login(pw.office)
    url = pw.url("stage", "plans")
    first = client.get(url, {"per_page": 10, "order": "title"}).text
    second = client.get(url, {"per_page": 10, "order": "title", "page": 2}).text
    assert "Action 000" in first and "Action 000" not in second
    assert "Action 010" in second and "Action 010" not in first


def test_a_reader_who_may_not_edit_gets_no_edit_buttons_after_an_editor(
    client, pw, plans, django_capture_on_commit_callbacks
):
    _add(pw, plans, 3, django_capture_on_commit_callbacks)
    url = pw.url("stage", "plans")
    client.force_login(pw.office)
    assert pw.url("record-action-edit", "plans", PlanAction.objects.first().pk) in (
        client.get(url).text
    )
    client.force_login(pw.coordinator)
    page = client.get(url).text
    assert "Action 001" in page
    assert "/plan-actions/" not in page and TOKEN_MARK not in page


def test_each_editor_removes_with_their_own_token(pw, plans, django_capture_on_commit_callbacks):
    _add(pw, plans, 2, django_capture_on_commit_callbacks)
    second_editor = f.office_user(pw.city, username="office.plan.second")
    url = pw.url("stage", "plans")
    first = Client(enforce_csrf_checks=True)
    first.force_login(pw.office)
    assert first.get(url).status_code == 200  # the body kept, with the first editor's buttons
    other = Client(enforce_csrf_checks=True)
    other.force_login(second_editor)
    page = other.get(url).text
    assert TOKEN_MARK not in page
    action = PlanAction.objects.get(title="Action 000")
    token = TOKEN.findall(page)[0]
    removed = other.post(
        pw.url("record-action-delete", "plans", action.pk), {"csrfmiddlewaretoken": token}
    )
    assert removed.status_code == 302
    assert not PlanAction.objects.filter(pk=action.pk).exists()
