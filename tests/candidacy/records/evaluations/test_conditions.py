"""Conditions tracked on the candidacy once their evaluation is approved: listed on the city
page with due date, status and overdue (computed from today), and marked met or waived by the
programme's coordinator only, with who and when recorded."""

from __future__ import annotations

import datetime
import html

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from candidacy import services as workflow
from candidacy.models import (
    ConditionStatus,
    ConditionStatusChange,
    Decision,
    EvaluationCondition,
)
from candidacy.records.evaluations import services

pytestmark = pytest.mark.django_db

PAST = datetime.date(2022, 6, 30)


def _future():
    return timezone.localdate() + datetime.timedelta(days=90)


def _condition_url(ew, condition):
    return ew.url("evaluation-condition", "joint", condition.pk)


@pytest.fixture
def condition(ew):
    """The one open condition of the approved joint evaluation, due in the past."""
    ew.with_conditions(PAST)
    return EvaluationCondition.objects.get()


def test_the_city_page_lists_the_conditions_of_approved_evaluations(client, ew):
    ew.with_conditions(PAST, _future())
    client.force_login(ew.office)
    page = client.get(reverse("candidacy:city", args=[ew.city.slug]))
    text = html.unescape(page.text)
    assert "Conditions of the evaluations" in text
    overdue, upcoming = page.context["evaluation_conditions"]
    assert (overdue.text, overdue.is_overdue) == ("Condition 1", True)
    assert (upcoming.text, upcoming.is_overdue) == ("Condition 2", False)
    assert text.count("overdue") == 1
    assert "Open" in text


def test_conditions_wait_for_the_approval_of_their_evaluation(client, ew):
    ew.save(decision=Decision.APPROVE_WITH_CONDITIONS)
    ew.add_condition(due_on=PAST)
    ew.submit()
    client.force_login(ew.coordinator)
    page = client.get(reverse("candidacy:city", args=[ew.city.slug]))
    assert page.context["evaluation_conditions"] == []
    assert "Conditions of the evaluations" not in html.unescape(page.text)
    condition = EvaluationCondition.objects.get()
    detail = client.get(_condition_url(ew, condition))
    assert detail.status_code == 200
    assert detail.context["form"] is None
    response = client.post(_condition_url(ew, condition), {"status": "met"})
    assert response.status_code == 403
    assert EvaluationCondition.objects.get().status == ConditionStatus.OPEN


def test_overdue_is_computed_from_the_date_never_stored(ew, condition):
    field_names = {field.name for field in EvaluationCondition._meta.get_fields()}
    assert not any("overdue" in name for name in field_names)
    assert condition.is_overdue
    services.condition_set_status(condition=condition, by=ew.coordinator, status="met")
    assert not EvaluationCondition.objects.get().is_overdue  # met: no longer overdue


def test_the_coordinator_marks_a_condition_met(client, ew, condition):
    client.force_login(ew.coordinator)
    page = client.get(_condition_url(ew, condition))
    assert page.status_code == 200
    assert page.context["form"] is not None
    response = client.post(
        _condition_url(ew, condition), {"status": "met", "note": "Published in May."}
    )
    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.MET
    assert condition.status_changed_by == ew.coordinator
    assert condition.status_changed_at is not None
    change = ConditionStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.by, change.note) == (
        "open",
        "met",
        ew.coordinator,
        "Published in May.",
    )
    history = html.unescape(client.get(_condition_url(ew, condition)).text)
    assert "changed the status from Open to Met" in history
    city = html.unescape(client.get(reverse("candidacy:city", args=[ew.city.slug])).text)
    assert "changed by" in city
    assert "overdue" not in city


def test_waiving_needs_a_reason(client, ew, condition):
    client.force_login(ew.coordinator)
    response = client.post(_condition_url(ew, condition), {"status": "waived", "note": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["note"] == [
        "Say why the condition is waived or open again."
    ]
    assert EvaluationCondition.objects.get().status == ConditionStatus.OPEN
    response = client.post(
        _condition_url(ew, condition), {"status": "waived", "note": "Superseded by law."}
    )
    assert response.status_code == 302
    assert EvaluationCondition.objects.get().status == ConditionStatus.WAIVED


@pytest.mark.parametrize(
    "data",
    [{"status": "open", "note": "Again."}, {"status": "forgotten"}],
    ids=["the-status-it-already-has", "an-unknown-status"],
)
def test_a_status_it_cannot_take_is_refused(client, ew, condition, data):
    client.force_login(ew.coordinator)
    response = client.post(_condition_url(ew, condition), data)
    assert response.status_code == 400
    assert EvaluationCondition.objects.get().status == ConditionStatus.OPEN
    assert not ConditionStatusChange.objects.exists()


@pytest.mark.parametrize(
    "who,status",
    [
        ("office", 403),
        ("evaluator", 403),
        ("other_office", 404),
        ("far_coordinator", 404),
        ("far_evaluator", 404),
    ],
)
def test_only_the_programmes_coordinator_changes_a_condition(client, ew, condition, who, status):
    user = getattr(ew, who)
    client.force_login(user)
    assert client.get(_condition_url(ew, condition)).status_code == (200 if status == 403 else 404)
    assert client.post(_condition_url(ew, condition), {"status": "met"}).status_code == status
    with pytest.raises(PermissionDenied):
        services.condition_set_status(condition=condition, by=user, status="met")
    assert EvaluationCondition.objects.get().status == ConditionStatus.OPEN
    assert not ConditionStatusChange.objects.exists()


def test_a_condition_is_found_only_under_its_own_stage(client, ew, condition):
    client.force_login(ew.coordinator)
    assert client.get(ew.url("evaluation-condition", "final", condition.pk)).status_code == 404
    other = reverse(
        "candidacy:evaluation-condition", args=[ew.other_city.slug, "joint", condition.pk]
    )
    assert client.post(other, {"status": "met"}).status_code == 404
    assert EvaluationCondition.objects.get().status == ConditionStatus.OPEN


def test_a_withdrawn_candidacy_freezes_its_conditions(ew):
    ew.with_conditions(PAST)
    workflow.candidacy_withdraw(
        candidacy=ew.city.candidacy, by=ew.coordinator, reason="The city left the programme."
    )
    with pytest.raises(PermissionDenied):
        services.condition_set_status(
            condition=EvaluationCondition.objects.get(), by=ew.coordinator, status="met"
        )
