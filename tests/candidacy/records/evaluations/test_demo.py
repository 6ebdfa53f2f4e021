"""The demo's evaluations: complete records for every evaluation stage the demo submits, and
Isfahan's joint evaluation from the sources (approved in 2021 with two conditions: one met,
one still open and overdue)."""

from __future__ import annotations

import datetime
import html

import pytest
from django.urls import reverse

from candidacy import services as workflow
from candidacy.models import (
    ConditionStatus,
    ConditionStatusChange,
    Decision,
    EvaluationCondition,
    EvaluationCriterion,
    EvaluationRecord,
    Preparer,
    StageKind,
)
from candidacy.records import registry
from demo.records import fill_demo_record, fill_demo_records
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def isfahan(db):
    programme = f.make_programme(
        key="iran",
        name="Iran-like programme",
        steps=[
            f.step("joint-evaluation", StageKind.EVALUATION, Preparer.EVALUATOR, coordinator=True),
            f.step("final-evaluation", StageKind.EVALUATION, Preparer.EVALUATOR, coordinator=True),
        ],
    )
    city = f.make_city(programme, slug="isfahan", name="Isfahan")
    office = f.office_user(city, username="isfahan.office")
    coordinator = f.coordinator_user(programme, username="iran.coordinator")
    evaluator = f.evaluator_user(programme, username="iran.evaluator")
    return city, office, coordinator, evaluator


def test_isfahans_joint_evaluation_follows_the_sources(client, isfahan):
    city, office, coordinator, evaluator = isfahan
    joint = f.stage_of(city, "joint-evaluation")
    assert fill_demo_record(joint, on=datetime.date(2021, 4, 18)) is True
    assert registry.missing(joint) == []
    # The programme was given its criteria on the way: UNICEF's and Iran's.
    assert EvaluationCriterion.objects.filter(programme=city.programme).count() == 5
    record = EvaluationRecord.objects.get(progress=joint)
    assert record.decision == Decision.APPROVE_WITH_CONDITIONS
    assert record.evaluated_on == datetime.date(2021, 4, 11)
    assert record.report.uploaded_at.date() == datetime.date(2021, 4, 18)
    workflow.stage_save_draft(progress=joint, by=evaluator, narrative="Evaluated.")
    workflow.stage_submit(progress=joint, by=evaluator)
    workflow.stage_approve(progress=f.stage_of(city, "joint-evaluation"), by=coordinator)
    workflow.stage_approve(progress=f.stage_of(city, "joint-evaluation"), by=evaluator)

    fill_demo_records(city)  # the final evaluation, open now, and the conditions' story

    met, still_open = EvaluationCondition.objects.order_by("due_on")
    assert met.status == ConditionStatus.MET
    assert met.status_changed_by == coordinator
    assert met.status_changed_at.date() == datetime.date(2021, 12, 20)
    assert ConditionStatusChange.objects.get().changed_at.date() == datetime.date(2021, 12, 20)
    assert still_open.text == "Publish the child-friendly budget statement"
    assert still_open.due_on == datetime.date(2022, 6, 30)
    assert still_open.status == ConditionStatus.OPEN and still_open.is_overdue
    assert registry.missing(f.stage_of(city, "final-evaluation")) == []
    assert EvaluationRecord.objects.get(progress__definition__key="final-evaluation").decision == (
        Decision.APPROVE
    )

    client.force_login(office)
    page = html.unescape(client.get(reverse("candidacy:city", args=["isfahan"])).text)
    assert "Publish the child-friendly budget statement" in page
    assert page.count("overdue") == 1


def test_other_cities_evaluations_approve(isfahan):
    city, *_ = isfahan
    other = f.make_city(city.programme, slug="shiraz", name="Shiraz")
    joint = f.stage_of(other, "joint-evaluation")
    fill_demo_record(joint)
    assert registry.missing(joint) == []
    assert EvaluationRecord.objects.get(progress=joint).decision == Decision.APPROVE
    assert not EvaluationCondition.objects.exists()
    assert fill_demo_record(joint) is False  # complete already
