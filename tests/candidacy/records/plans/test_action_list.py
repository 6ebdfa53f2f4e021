"""The plans stage page lists a plan's actions a page at a time (a plan may hold hundreds):
the page, its size, the operational plan, goal area and status shown and the order are in the
address; whatever the address says, the page answers with a page of actions, never an error;
its queries do not grow with the actions or with what is asked."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from candidacy.models import ActionStatus, ActionYearNote, GoalArea, PlanAction
from candidacy.records.plans import selectors
from tests.navigation import NAV_TASKS_COUNTED

from .conftest import approve_situation, make_plan

pytestmark = pytest.mark.django_db

YEARS = (2022, 2023, 2024)


_STATUSES = [ActionStatus.PLANNED, ActionStatus.UNDER_WAY, ActionStatus.DONE, ActionStatus.DROPPED]


def _add_actions(operationals, goal, count):
    """`count` actions spread over the operational plans, goal areas and statuses, titled
    "Action 000", ... (written directly: this is about listing them, not the services)."""
    PlanAction.objects.bulk_create(
        PlanAction(
            operational_plan=operationals[number % len(operationals)],
            title=f"Action {number:03}",
            goal=goal,
            goal_area=GoalArea.values[number % 5],
            responsible_organisation="Municipality",
            starts_on=datetime.date(2022, 1 + number % 12, 1),
            ends_on=datetime.date(2025, 1, 1),
            budget=Decimal(number),
            currency="IRR",
            children_participation="The children's council chose.",
            indicator="Children reached",
            target="100",
            status=_STATUSES[number % 4],
            completion=(number * 7) % 101,
            started_on=datetime.date(2022, 1 + number % 12, 1) if number % 2 else None,
        )
        for number in range(count)
    )
    # Every other action with yearly notes, two years each: the page reads them in one query.
    ActionYearNote.objects.bulk_create(
        ActionYearNote(action=action, year=year, progress_text=f"Year {year}.", completion=10)
        for action in PlanAction.objects.filter(title__startswith="Action ")
        if action.started_on
        for year in (2022, 2023)
    )


@pytest.fixture
def plan_of(pw):
    """The plans stage open, with a strategic plan, a goal and operational plans 2022–2024;
    `plan_of(count)` adds that many actions and returns the stage."""
    approve_situation(pw)
    plans = pw.open("plans")
    _, goal, operationals = make_plan(pw, plans, years=YEARS)

    def make(count):
        _add_actions(operationals, goal, count)
        return plans

    return make


def _listed(page) -> list[str]:
    return [action.title for action in page.context["rec"]["actions"].object_list]


def _expected(**filters) -> list[str]:
    """The titles of the actions `filters` select, in the page's default order."""
    return list(
        PlanAction.objects.filter(**filters)
        .order_by(*selectors.ACTION_ORDERS["plan"])
        .values_list("title", flat=True)
    )


def test_a_long_plan_is_listed_a_page_at_a_time_in_plan_order(client, pw, plan_of):
    plan_of(60)
    client.force_login(pw.office)
    page = client.get(pw.url("stage", "plans"))
    assert page.status_code == 200
    assert _listed(page) == _expected()[:25]
    assert "Actions 1–25 of 60" in page.text
    assert 'aria-current="page"><span class="page-link">1</span>' in page.text
    assert "?page=2#h-actions" in page.text and "?page=3#h-actions" in page.text
    # The operational plans say how many actions each holds and link to them.
    assert page.text.count("20 actions") == 3
    assert "?year=2023#h-actions" in page.text

    page = client.get(pw.url("stage", "plans"), {"page": 3})
    assert _listed(page) == _expected()[50:]
    assert "Actions 51–60 of 60" in page.text


def test_the_page_size_filters_and_order_are_in_the_address_and_kept_by_the_links(
    client, pw, plan_of
):
    plan_of(60)
    client.force_login(pw.office)
    url = pw.url("stage", "plans")
    page = client.get(url, {"per_page": 10, "page": 2})
    assert _listed(page) == _expected()[10:20]
    assert "?per_page=10&amp;page=3#h-actions" in page.text
    assert '<option value="10" selected>' in page.text

    page = client.get(url, {"year": 2023, "area": GoalArea.VOICE})
    expected = _expected(operational_plan__year=2023, goal_area=GoalArea.VOICE)
    assert expected and _listed(page) == expected
    assert '<option value="2023" selected>' in page.text
    assert f"Actions 1–{len(expected)} of {len(expected)}" in page.text

    page = client.get(url, {"status": ActionStatus.DONE, "order": "title"})
    assert _listed(page) == sorted(_expected(status=ActionStatus.DONE))

    page = client.get(url, {"order": "progress", "per_page": 100})
    assert [row.completion for row in page.context["rec"]["actions"].object_list] == sorted(
        PlanAction.objects.values_list("completion", flat=True)
    )

    page = client.get(url, {"year": 2024, "status": ActionStatus.DROPPED, "area": "voice"})
    if not _expected(operational_plan__year=2024, status="dropped", goal_area="voice"):
        assert "No action matches what you chose." in page.text


@pytest.mark.parametrize(
    "query, first, size",
    [
        ({"page": "abc"}, 0, 25),  # not a number: the first page
        ({"page": "99999"}, 100, 25),  # beyond the last: the last page
        ({"page": "0"}, 100, 25),
        ({"page": "-2"}, 100, 25),
        ({"per_page": "100000"}, 0, 100),  # bounded
        ({"per_page": "100000", "page": "2"}, 100, 100),
        ({"per_page": "abc"}, 0, 25),
        ({"per_page": "0"}, 0, 1),
        ({"per_page": "-5"}, 0, 1),
        ({"per_page": "1e9"}, 0, 25),
        ({"year": "zz"}, 0, 25),  # ignored: every operational plan
        ({"year": "1999"}, 0, 25),  # no such operational plan: ignored
        ({"area": "nowhere", "status": "lost", "order": "random"}, 0, 25),
        ({"page": ["2", "x"]}, 0, 25),  # the last value given counts: no number
    ],
)
def test_bad_input_in_the_address_gives_a_page_of_actions(client, pw, plan_of, query, first, size):
    plan_of(120)
    client.force_login(pw.office)
    page = client.get(pw.url("stage", "plans"), query)
    assert page.status_code == 200
    assert _listed(page) == _expected()[first : first + size]


def test_the_preparer_gets_edit_buttons_for_the_listed_actions_only(client, pw, plan_of):
    plan_of(40)
    client.force_login(pw.office)
    page = client.get(pw.url("stage", "plans"), {"per_page": 10})
    listed = page.context["rec"]["actions"].object_list
    edits = [
        action.pk
        for action in PlanAction.objects.all()
        if pw.url("record-action-edit", "plans", action.pk) + '"' in page.text
    ]
    assert sorted(edits) == sorted(action.pk for action in listed) and len(edits) == 10
    # Each operational plan keeps its buttons: add an action to it, edit it, remove it.
    assert page.text.count(pw.url("record-action-add", "plans") + "?plan=") == len(YEARS)


@pytest.mark.parametrize("size", [30, 300])
@pytest.mark.parametrize(
    "query",
    [{}, {"page": "2", "per_page": "10"}, {"year": "2023", "status": "done", "order": "title"}],
    ids=["first page", "second page", "filtered"],
)
def test_the_list_costs_the_same_queries_whatever_the_size_and_query(
    client, pw, plan_of, django_assert_max_num_queries, size, query
):
    plan_of(size)
    client.force_login(pw.office)
    # 19 measured before the yearly notes, one more for their query (not measured again): 20
    # on the open stage for every operational plan or one (the plans with their counts of
    # actions, the goals and their gaps, the budget totals, the page's rows and their yearly
    # notes, the 4 of what the open stage still lacks, the stage page's own and its comment
    # thread, the inbox's unread count), 22 when a goal area or a status is chosen (then the
    # page's actions are counted)
    with django_assert_max_num_queries(22 + NAV_TASKS_COUNTED):
        page = client.get(pw.url("stage", "plans"), query)
    assert page.status_code == 200
    assert 0 < len(page.context["rec"]["actions"].object_list) <= 25
