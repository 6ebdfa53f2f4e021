"""The completeness rules of the situation analysis, the plans and the ongoing review: each
blocks the submission with its message and lets it through once the record is complete."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from candidacy import services as workflow
from candidacy.models import AssessmentCriterion, GoalArea, ReviewRound, StageKind, StageState
from candidacy.records import registry
from candidacy.records.kinds import ongoing_review, situation_analysis
from candidacy.records.kinds import plans as plans_kind
from candidacy.records.plans import services
from candidacy.services import WorkflowError

from .conftest import action_values, approve_situation, assess_all, gap_values, make_plan

pytestmark = pytest.mark.django_db

GAPS_ALL = (
    "Record the gap for each goal area (none yet for: Safe and protected; A fair share of "
    "essential services; A voice in decisions; A safe, clean environment; Family, play and "
    "leisure)."
)


def _try_submit(pw, progress) -> list[str]:
    workflow.stage_save_draft(progress=progress, by=pw.office, narrative="Done.")
    try:
        workflow.stage_submit(progress=progress, by=pw.office)
    except WorkflowError as error:
        assert pw.stage(progress.definition.key).state == StageState.OPEN
        return error.messages
    assert pw.stage(progress.definition.key).state == StageState.SUBMITTED
    return []


def test_the_three_kinds_are_registered_with_their_rules():
    kinds = registry.record_kinds()
    assert kinds[StageKind.SITUATION_ANALYSIS].rule is situation_analysis.situation_analysis
    assert kinds[StageKind.PLANS].rule is plans_kind.plans
    assert kinds[StageKind.ONGOING_REVIEW].rule is ongoing_review.ongoing_review
    for kind in (StageKind.SITUATION_ANALYSIS, StageKind.PLANS, StageKind.ONGOING_REVIEW):
        assert kinds[kind].template.startswith("candidacy/records/plans/")


def test_situation_analysis_needs_a_gap_for_every_goal_area_and_every_criterion(pw):
    situation = pw.open("situation")
    numbers = ", ".join(str(n) for n in range(1, len(pw.criteria) + 1))
    assessment = (
        "Assess the city against every criterion of the programme, on levels 1 to 4 (not yet "
        f"assessed: criteria {numbers})."
    )
    assert registry.missing(situation) == [GAPS_ALL, assessment]
    for area in GoalArea.values[:-1]:
        services.gap_add(progress=situation, by=pw.office, values=gap_values(area))
    expected = [
        "Record the gap for each goal area (none yet for: Family, play and leisure).",
        assessment,
    ]
    assert _try_submit(pw, situation) == expected

    services.gap_add(progress=situation, by=pw.office, values=gap_values("family_play_leisure"))
    assess_all(pw, situation)
    assert registry.missing(situation) == []

    # A criterion the programme adds later must be assessed too.
    late = AssessmentCriterion.objects.create(
        programme=pw.programme, key="late", text="A criterion added later", order=99
    )
    assert registry.missing(situation) == [
        "Assess the city against every criterion of the programme, on levels 1 to 4 (not yet "
        f"assessed: criteria {len(pw.criteria) + 1})."
    ]
    pw.criteria.append(late)
    assess_all(pw, situation)
    assert _try_submit(pw, situation) == []


def test_a_partial_self_assessment_is_refused(pw):
    situation = pw.open("situation")
    with pytest.raises(Exception) as refused:
        services.self_assessment_save(
            progress=situation, by=pw.office, scores={pw.criteria[0].pk: (3, "", "")}
        )
    assert "Give a level for every criterion" in str(refused.value)
    assert not situation.self_assessments.exists()


def test_plans_need_a_strategic_plan_with_a_goal_and_an_operational_plan_with_an_action(pw):
    approve_situation(pw)
    plans = pw.stage("plans")
    assert registry.missing(plans) == [
        "Write the five-year strategic plan: its period and vision.",
        "Add at least one goal to the strategic plan.",
        "Add at least one one-year operational plan with its actions.",
    ]
    plan, goal, (operational,) = make_plan(pw, plans, gaps=[])
    assert _try_submit(pw, plans) == ["Add at least one action to an operational plan."]
    services.action_add(progress=plans, by=pw.office, values=action_values(operational, goal))
    assert _try_submit(pw, plans) == []


def test_every_high_priority_gap_needs_a_goal(pw):
    gaps = approve_situation(pw, high=("safe_protected", "voice"))
    plans = pw.stage("plans")
    _, goal, (operational,) = make_plan(pw, plans, gaps=[gaps["safe_protected"]])
    services.action_add(progress=plans, by=pw.office, values=action_values(operational, goal))
    expected = [
        "Every high-priority gap needs a goal in the strategic plan (none yet for: A voice in "
        "decisions)."
    ]
    assert registry.missing(plans) == expected
    assert _try_submit(pw, plans) == expected
    # Low-priority gaps need no goal; the high one does.
    services.goal_add(
        progress=plans,
        by=pw.office,
        values=dict(title="Children heard", description="", gaps=[gaps["voice"]]),
    )
    assert _try_submit(pw, plans) == []


def test_a_gap_of_another_city_does_not_count(pw):
    """Only this city's situation analysis is asked about."""
    approve_situation(pw, high=("voice",), city=pw.other_city)
    approve_situation(pw)
    plans = pw.stage("plans")
    _, goal, (operational,) = make_plan(pw, plans)
    services.action_add(progress=plans, by=pw.office, values=action_values(operational, goal))
    assert registry.missing(plans) == []


def test_each_review_round_needs_its_record_and_earlier_rounds_keep_theirs(pw):
    review = pw.open("review")
    expected = [
        "Fill in this review round's record: the period it covers and a summary of progress."
    ]
    assert _try_submit(pw, review) == expected
    approved = pw.approve("review")  # fills round 1's record, then opens round 2
    assert approved.round == 2 and approved.state == StageState.OPEN
    assert registry.missing(approved) == expected
    first = ReviewRound.objects.get(progress=approved, round=1)
    assert first.summary
    pw.approve("review")
    assert sorted(ReviewRound.objects.values_list("round", flat=True)) == [1, 2]
    assert ReviewRound.objects.get(round=1).summary == first.summary


def test_a_level_without_justification_is_refused_and_nothing_is_written(pw):
    situation = pw.open("situation")
    scores = {criterion.pk: (3, "A comment.", "Why three.") for criterion in pw.criteria}
    scores[pw.criteria[0].pk] = (3, "A comment.", "   ")
    with pytest.raises(ValidationError) as refused:
        services.self_assessment_save(progress=situation, by=pw.office, scores=scores)
    assert refused.value.message_dict == {
        f"justification_{pw.criteria[0].pk}": ["Say why you chose this level."]
    }
    assert not situation.self_assessments.exists()
