""" "My tasks" (`reporting.tasks`), from the outside: each role sees its own tasks and nothing of
another city or programme; the navigation's count is the sum of the sections; a page reads a
fixed number of queries whatever the number of tasks; `/home/` shows the tasks when more than
one thing waits."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from candidacy.models import (
    Candidacy,
    ConditionStatus,
    EvaluationCondition,
    EvaluationRecord,
    StageDefinition,
    StageProgress,
    StageState,
)
from candidacy.models.frameworks import FrameworkKind, framework_for_opening
from cities.permissions import scope_of
from cities.templatetags.portal import cfc_date
from reporting import tasks
from reporting.context_processors import tasks as tasks_context
from stakeholders.models import Commitment, Memorandum
from tests import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _set(city, key, state, **fields):
    """Test set-up: a stage of `city` in `state` (written directly, as the generated rule
    tests do)."""
    StageProgress.objects.filter(candidacy__city=city, definition__key=key).update(
        state=state, **fields
    )


def _commitment(city, party, due_on, status=Commitment.Status.PENDING):
    memorandum, _new = Memorandum.objects.get_or_create(
        city=city, title="Memorandum", defaults={"signed_on": datetime.date(2024, 1, 1)}
    )
    return Commitment.objects.create(
        memorandum=memorandum,
        party=party,
        description=f"Promise of {city.slug}",
        due_on=due_on,
        status=status,
    )


def _condition(city, due_on, status=ConditionStatus.OPEN):
    """A condition of the city's approved evaluation ("joint")."""
    _set(city, "joint", StageState.APPROVED)
    progress = f.stage_of(city, "joint")
    EvaluationRecord.objects.get_or_create(
        progress=progress,
        defaults={
            "evaluated_on": datetime.date(2024, 1, 1),
            "decision": "approve_with_conditions",
            "framework": framework_for_opening(city.programme_id, FrameworkKind.EVALUATION),
        },
    )
    return EvaluationCondition.objects.create(
        progress=progress, text=f"Condition of {city.slug}", due_on=due_on, status=status
    )


def _page(client, user, name="tasks", *args):
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response


def _sections(response) -> dict:
    return {entry.section.key: entry for entry in response.context["shown"]}


def _cities(entry) -> set:
    found = set()
    for row in entry.rows:
        city = getattr(row, "city", None) or getattr(getattr(row, "candidacy", None), "city", None)
        if city is None:
            progress = getattr(row, "progress", None)
            city = progress.candidacy.city if progress else row.memorandum.city
        found.add(city.slug)
    return found


@pytest.fixture
def busy(world):
    """Something waiting in every city of both programmes."""
    today = timezone.localdate()
    for city in (world.city_a, world.city_a2, world.city_b):
        _commitment(city, Commitment.Party.CITY, today + 3 * DAY)
        _commitment(city, Commitment.Party.MINISTRY, today - DAY)
        _commitment(city, Commitment.Party.UNICEF, today + 90 * DAY)  # not due yet
        _commitment(city, Commitment.Party.CITY, today - DAY, Commitment.Status.FULFILLED)
        _condition(city, today + 5 * DAY)
        _condition(city, today - DAY, ConditionStatus.MET)
    # city A: its office stage awaits sign-off; city A2: its office stage is overdue in
    # preparation; city B: both
    _set(world.city_a, "office", StageState.SUBMITTED, submitted_at=timezone.now())
    StageDefinition.objects.filter(key="office").update(preparation_days=2)
    _set(world.city_a2, "office", StageState.OPEN, opened_at=timezone.now() - 5 * DAY)
    _set(world.city_b, "office", StageState.SUBMITTED, submitted_at=timezone.now())
    # evaluators prepare "candidacy": open in city A2 and city B
    for city in (world.city_a2, world.city_b):
        _set(city, "candidacy", StageState.OPEN, opened_at=timezone.now())
    # recognitions: city A ends in 30 days, city A2 in a year; city B in 10 days
    Candidacy.objects.filter(city=world.city_a).update(recognised_until=today + 30 * DAY)
    Candidacy.objects.filter(city=world.city_a2).update(recognised_until=today + 365 * DAY)
    Candidacy.objects.filter(city=world.city_b).update(recognised_until=today + 10 * DAY)
    return world


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for url in (reverse("tasks"), reverse("task-section", args=["prepare"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_office_sees_its_own_city_only(client, busy):
    sections = _sections(_page(client, busy.office_a2))
    assert set(sections) == {"prepare", "conditions", "commitments"}
    assert {cities for entry in sections.values() for cities in _cities(entry)} == {"city-a2"}
    # the overdue office stage, its open condition, its pending commitments due (every party)
    assert [row.definition.key for row in sections["prepare"].rows] == ["office"]
    assert [row.text for row in sections["conditions"].rows] == ["Condition of city-a2"]
    assert sorted(row.party for row in sections["commitments"].rows) == ["city", "ministry"]


def test_the_coordinator_sees_their_programme_only(client, busy):
    response = _page(client, busy.coordinator_a)
    sections = _sections(response)
    assert set(sections) == {"sign", "overdue", "recognitions", "commitments"}
    assert _cities(sections["sign"]) == {"city-a"}
    assert _cities(sections["overdue"]) == {"city-a2"}
    assert _cities(sections["recognitions"]) == {"city-a"}
    # the ministry's commitments, which the coordinator manages
    assert _cities(sections["commitments"]) == {"city-a", "city-a2"}
    assert {row.party for row in sections["commitments"].rows} == {"ministry"}
    assert "City B" not in response.text


def test_the_evaluator_sees_their_programme_only(client, busy):
    _set(busy.city_a, "joint", StageState.SUBMITTED, submitted_at=timezone.now())
    _set(busy.city_a2, "joint", StageState.OPEN, opened_at=timezone.now())
    sections = _sections(_page(client, busy.evaluator_a))
    assert set(sections) == {"sign", "prepare", "evaluations"}
    assert [(r.candidacy.city.slug, r.definition.key) for r in sections["sign"].rows] == [
        ("city-a", "joint")
    ]
    assert [(r.candidacy.city.slug, r.definition.key) for r in sections["prepare"].rows] == [
        ("city-a2", "candidacy")
    ]
    # the city prepares this evaluation: in progress, waiting on someone else
    assert [(r.candidacy.city.slug, r.definition.key) for r in sections["evaluations"].rows] == [
        ("city-a2", "joint")
    ]


def test_the_navigation_counts_what_the_page_lists(client, busy):
    response = _page(client, busy.coordinator_a)
    shown = response.context["shown"]
    assert all(entry.count == len(entry.rows) for entry in shown)  # all fit on the page
    total = sum(entry.count for entry in shown)
    assert total == 5
    assert tasks.task_count(busy.coordinator_a) == total  # kept by the page
    for user in (busy.coordinator_a, busy.evaluator_a, busy.office_a, busy.office_b):
        cache.clear()  # counted afresh, in one query
        assert tasks.task_count(user) == sum(entry.count for entry in tasks.tasks_of(user))
    # another page's navigation shows the same count
    profile = _page(client, busy.coordinator_a, "profile")
    assert 'id="nav-tasks"' in profile.text
    assert f'text-bg-light">{total}</span>' in profile.text


def test_the_count_follows_a_change(client, busy, django_capture_on_commit_callbacks):
    before = tasks.task_count(busy.office_a)  # kept in the cache
    condition = EvaluationCondition.objects.get(
        progress__candidacy__city=busy.city_a, status=ConditionStatus.OPEN
    )
    with django_capture_on_commit_callbacks(execute=True):
        condition.status = ConditionStatus.MET  # the coordinator marks it met
        condition.save()
    assert tasks.task_count(busy.office_a) == before - 1


def test_the_navigation_counts_only_when_shown(busy, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = busy.office_a
    scope_of(busy.office_a)  # the navigation has read the roles
    with django_assert_num_queries(0):
        context = tasks_context(request)
    with django_assert_num_queries(2):  # the edition, and every section counted in one
        first = context["nav_task_count"]()
    with django_assert_num_queries(1):  # the edition: the count is kept
        assert context["nav_task_count"]() == first == 3  # a condition, two commitments


def test_people_without_a_role_have_no_tasks_link(client, world):
    client.force_login(f.UserFactory(username="nobody"))
    response = client.get(reverse("tasks"))
    assert response.status_code == 200
    assert 'id="nav-tasks"' not in response.text
    assert "Nothing is waiting for you." in response.text


def _many(world, count):
    """`count` more cities of programme A, each with a stage awaiting sign-off, one overdue in
    preparation, an ending recognition and a ministry commitment due."""
    StageDefinition.objects.filter(key="office").update(preparation_days=2)
    for index in range(count):
        city = f.make_city(world.programme_a, slug=f"more-{index}", name=f"More {index}")
        _set(city, "office", StageState.OPEN, opened_at=timezone.now() - 5 * DAY)
        _set(city, "joint", StageState.SUBMITTED, submitted_at=timezone.now())
        Candidacy.objects.filter(city=city).update(recognised_until=timezone.localdate() + 10 * DAY)
        _commitment(city, Commitment.Party.MINISTRY, timezone.localdate())


QUERY_BOUND = 16  # session, user, roles; two a section (5), one for the good practice to review
# (none here: its rows are read only when it counts some); the programmes; the edition; the
# programmes linked (the overview)


@pytest.mark.parametrize("count", [2, 2 * tasks.SHOWN + 1])
def test_the_page_reads_a_fixed_number_of_queries(
    client, world, count, django_assert_max_num_queries
):
    _many(world, count)
    client.force_login(world.coordinator_a)
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(reverse("tasks"))
    sections = _sections(response)
    assert sections["sign"].count == count
    assert len(sections["sign"].rows) == min(count, tasks.SHOWN)
    # the coordinator reaches their overview from here, whatever waits
    assert reverse("candidacy:overview", args=[world.programme_a.key]) in response.text
    if count > tasks.SHOWN:
        assert sections["overdue"].see_all[0][1].endswith("?overdue=yes")
        assert reverse("task-section", args=["recognitions"]) in response.text
    with django_assert_max_num_queries(QUERY_BOUND):
        section = client.get(reverse("task-section", args=["recognitions"]))
    assert section.context["listing"].page.paginator.count == count


def test_a_section_not_yours_is_not_found(client, world):
    client.force_login(world.office_a)
    assert client.get(reverse("task-section", args=["sign"])).status_code == 404
    assert client.get(reverse("task-section", args=["nonsense"])).status_code == 404


def test_home_shows_the_tasks_when_more_than_one_thing_waits(client, world):
    client.force_login(world.office_a)
    # one thing (its first stage to prepare): the city, as before
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("candidacy:city", args=[world.city_a.slug])
    _commitment(world.city_a, Commitment.Party.CITY, timezone.localdate())
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert {entry.section.key for entry in response.context["shown"]} == {
        "prepare",
        "commitments",
    }


def test_a_persian_reader_of_a_solar_hijri_programme(client, busy, settings):
    busy.programme_a.calendar = "solar_hijri"
    busy.programme_a.save()
    Candidacy.objects.filter(city=busy.city_a).update(recognised_until=datetime.date(2026, 12, 21))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    with translation.override("fa"):
        response = _page(client, busy.coordinator_a)
        assert 'lang="fa" dir="rtl"' in response.text
        assert "وظایف من" in response.text  # "My tasks"
        assert cfc_date(datetime.date(2026, 12, 21)) in response.text  # ۳۰ آذر ۱۴۰۵
        assert "۱۴۰۵" in response.text
        # counts in Persian digits: five tasks in the navigation
        assert 'text-bg-light">۵</span>' in response.text


def test_a_section_lists_only_the_users_own(client, busy):
    response = _page(client, busy.office_a2, "task-section", "commitments")
    rows = response.context["listing"].rows
    assert {row.memorandum.city.slug for row in rows} == {"city-a2"}
    assert len(rows) == 2
