"""The evaluation's pages cost the same number of queries with 3 criteria (or conditions) as
with 12: each test runs at both sizes with one bound, the count measured (noted beside it)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from candidacy.models import Decision, EvaluationCriterion
from tests.navigation import NAV_TASKS_COUNTED

pytestmark = pytest.mark.django_db

SIZES = [3, 12]
DUE = datetime.date(2022, 6, 30)


def _criteria(ew, size):
    """The programme's three global criteria and `size - 3` of its own."""
    for number in range(size - 3):
        EvaluationCriterion.objects.create(
            programme=ew.programme, key=f"national-{number}", text=f"National {number}", order=50
        )
    assert len(ew.criteria()) == size


@pytest.mark.parametrize("size", SIZES)
def test_evaluation_stage_page_while_prepared(client, ew, django_assert_max_num_queries, size):
    _criteria(ew, size)
    ew.save(decision=Decision.APPROVE_WITH_CONDITIONS)
    for _ in range(size):
        ew.add_condition(due_on=DUE)
    client.force_login(ew.evaluator)
    # measured: 18 (the stage page's 10 with its comment thread and the inbox's unread count,
    # what the record still misses 4, the evaluation 4)
    # and 1 for the evaluator's conflict declarations (`permissions.has_cleared_conflict`)
    with django_assert_max_num_queries(19 + NAV_TASKS_COUNTED):
        page = client.get(ew.url("stage"))
    assert page.status_code == 200
    assert page.text.count("Shown by the plans.") == size
    assert page.text.count("Publish the budget") >= size


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("reader", ["office", "coordinator", "evaluator"])
def test_approved_evaluation_stage_page(client, ew, django_assert_max_num_queries, size, reader):
    _criteria(ew, size)
    ew.save(decision=Decision.APPROVE_WITH_CONDITIONS)
    for _ in range(size):
        ew.add_condition(due_on=DUE)
    ew.approve()
    client.force_login(getattr(ew, reader))
    with django_assert_max_num_queries(
        14 + NAV_TASKS_COUNTED + (reader == "evaluator")
    ):  # measured: 14 (10, and the evaluation's 4); an evaluator's declarations, 1
        page = client.get(ew.url("stage"))
    assert page.status_code == 200
    assert page.text.count("Shown by the plans.") == size


@pytest.mark.parametrize("size", SIZES)
def test_evaluation_edit_page(client, ew, django_assert_max_num_queries, size):
    _criteria(ew, size)
    ew.save()
    client.force_login(ew.evaluator)
    with django_assert_max_num_queries(
        11 + NAV_TASKS_COUNTED
    ):  # measured: 11 (with the inbox's unread count)
        page = client.get(ew.url("evaluation-edit"))
    assert page.status_code == 200
    assert len(page.context["form"].criterion_rows) == size


@pytest.mark.parametrize("size", SIZES)
def test_city_page_with_conditions(client, ew, django_assert_max_num_queries, size):
    ew.with_conditions(*[DUE] * size)
    client.force_login(ew.office)
    # measured: 10 (tests/candidacy/test_queries.py's city page bound, and the conditions)
    with django_assert_max_num_queries(10 + NAV_TASKS_COUNTED):
        page = client.get(reverse("candidacy:city", args=[ew.city.slug]))
    assert page.status_code == 200
    assert len(page.context["evaluation_conditions"]) == size
