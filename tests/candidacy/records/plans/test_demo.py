"""The demo's situation analyses, plans and review rounds; the criteria seed, its command and
its admin."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from candidacy import services as workflow
from candidacy.models import (
    AssessmentCriterion,
    Gap,
    GoalArea,
    OperationalPlan,
    PlanAction,
    ReviewRound,
    SelfAssessment,
    StrategicPlan,
)
from candidacy.records import registry
from candidacy.records.plans.criteria import CRITERIA, GENERIC
from demo.records import fill_demo_record, fill_demo_records
from tests import factories as f

from .conftest import KEYS, steps

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", ["situation", "plans", "review"])
def test_fill_demo_record_completes_each_kind(pw, key):
    progress = pw.open(key)
    assert registry.missing(progress)
    assert fill_demo_record(progress) is True
    assert registry.missing(progress) == []
    assert fill_demo_record(progress) is False  # complete already


def test_a_review_round_of_the_story_covers_the_year_before_its_day(pw):
    review = pw.open("review")
    fill_demo_record(review, on=datetime.date(2024, 6, 30))
    record = ReviewRound.objects.get()
    assert record.period_to == datetime.date(2024, 6, 30)
    assert record.period_from < record.period_to and record.round == 1


def test_isfahan_follows_the_sources(db):
    programme = f.make_programme(key="iran", steps=steps())
    isfahan = f.make_city(programme, slug="isfahan", name="Isfahan")
    for number in range(1, 16):
        f.DistrictFactory(city=isfahan, number=number, name=f"District {number}")
    office = f.office_user(isfahan, username="isfahan.office")
    coordinator = f.coordinator_user(programme, username="iran.coordinator")
    for key in KEYS[:-1]:
        progress = f.stage_of(isfahan, key)
        assert fill_demo_records(isfahan) >= 1
        workflow.stage_save_draft(progress=progress, by=office, narrative="Done.")
        workflow.stage_submit(progress=progress, by=office)
        workflow.stage_approve(progress=progress, by=coordinator)

    assert set(Gap.objects.values_list("goal_area", flat=True)) == set(GoalArea.values)
    assert "Soffeh and Kaveh" in Gap.objects.get(goal_area="essential_services").current_situation
    # The Iranian criteria, assessed twice: the page shows the previous and the current version.
    assert AssessmentCriterion.objects.filter(programme=programme).count() == len(CRITERIA["iran"])
    assert sorted(SelfAssessment.objects.values_list("version", flat=True)) == [1, 2]

    plan = StrategicPlan.objects.get()
    assert (plan.start_year, plan.end_year) == (2022, 2026)  # 1401–1405
    assert "1405" in plan.vision
    assert list(OperationalPlan.objects.values_list("year", flat=True)) == [2022, 2023]
    titles = " ".join(PlanAction.objects.values_list("title", flat=True))
    assert "Ghalamestan park" in titles and "Soffeh and Kaveh" in titles
    district_plans = PlanAction.objects.filter(title__startswith="CFC plan of District")
    assert sorted(district_plans.values_list("district__number", flat=True)) == list(range(1, 16))
    assert set(PlanAction.objects.values_list("currency", flat=True)) == {"IRR"}
    # Every high-priority gap has a goal.
    for gap in Gap.objects.filter(priority="high"):
        assert gap.goals.exists(), gap


def test_the_criteria_command_loads_every_programme_once(db):
    iran = f.make_programme(key="iran", steps=steps())
    other = f.make_programme(key="elsewhere", steps=steps())
    out = StringIO()
    call_command("load_assessment_criteria", stdout=out)
    assert AssessmentCriterion.objects.filter(programme=iran).count() == len(CRITERIA["iran"])
    assert AssessmentCriterion.objects.filter(programme=other).count() == len(GENERIC)
    assert 6 <= len(GENERIC) <= 10 and all(6 <= len(rows) <= 10 for rows in CRITERIA.values())
    # An administrator's edit survives a second run.
    edited = AssessmentCriterion.objects.filter(programme=iran).first()
    edited.text = "Edited by an administrator"
    edited.save()
    call_command("load_assessment_criteria", "iran", stdout=out)
    edited.refresh_from_db()
    assert edited.text == "Edited by an administrator"
    assert "iran: 0 added" in out.getvalue()
    with pytest.raises(CommandError, match="No such programme: nowhere"):
        call_command("load_assessment_criteria", "nowhere", stdout=out)


def test_coordinators_edit_their_programmes_unused_criteria_in_the_admin(client, pw):
    """Versioned frameworks (issue 13): the coordinator edits a version nobody uses yet; a
    criterion in use is refused (test_frameworks.py)."""
    criterion = pw.criteria[0]
    change = reverse("admin:candidacy_assessmentcriterion_change", args=[criterion.pk])
    client.force_login(pw.coordinator)
    listing = client.get(reverse("admin:candidacy_assessmentcriterion_changelist"))
    assert listing.status_code == 200
    assert criterion.text.replace("'", "&#x27;") in listing.text
    assert "Far programme" not in listing.text
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' in page.text
    values = {"programme": pw.programme.pk, "key": criterion.key, "order": 1}
    client.post(change, {**values, "text_en": "Without its version"})
    criterion.refresh_from_db()
    assert criterion.text != "Without its version"  # the version is required
    client.post(change, {**values, "framework": criterion.framework_id, "text_en": "Clarified"})
    criterion.refresh_from_db()
    assert criterion.text == "Clarified"

    client.force_login(pw.far_coordinator)
    assert client.get(change).status_code in (302, 403, 404)
