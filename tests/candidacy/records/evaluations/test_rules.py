"""The evaluation's completeness rules, one by one: each blocks the stage's submission with
its message and lets it through once fixed."""

from __future__ import annotations

import datetime

import pytest

from candidacy import services as workflow
from candidacy.models import CriterionJudgement, Decision, EvaluationCriterion, StageState
from candidacy.records import registry
from candidacy.records.documents import pdf_upload
from candidacy.records.evaluations import services
from candidacy.services import WorkflowError
from tests import factories as f

from .conftest import EVALUATED_ON, STEPS

pytestmark = pytest.mark.django_db

JUDGE_ALL = (
    "Judge every criterion as met, partly met or not met, with a finding (%s of %s still to judge)."
)
RECOMMENDATION = "Write the evaluators' overall recommendation."
DECISION = "Choose a decision: approve, approve with conditions, or return."
CONDITION = "A decision to approve with conditions needs at least one condition, with its due date."
REPORT = "Attach the evaluation report before submitting."


def _try_submit(ew, key="joint") -> list[str]:
    progress = ew.stage(key)
    by = ew.preparer(progress)
    workflow.stage_save_draft(progress=progress, by=by, narrative="Evaluated.")
    try:
        workflow.stage_submit(progress=progress, by=by)
    except WorkflowError as error:
        assert ew.stage(key).state == StageState.OPEN
        return error.messages
    assert ew.stage(key).state == StageState.SUBMITTED
    return []


def test_an_empty_evaluation_lists_everything_missing(ew):
    assert _try_submit(ew) == [JUDGE_ALL % (3, 3), RECOMMENDATION, DECISION, REPORT]


def test_a_complete_evaluation_is_submitted(ew):
    ew.save()
    assert registry.missing(ew.stage()) == []
    assert _try_submit(ew) == []


def test_every_criterion_must_be_judged(ew):
    ew.save(judged=1)
    assert _try_submit(ew) == [JUDGE_ALL % (2, 3)]
    ew.save()
    assert _try_submit(ew) == []


def test_a_judgement_without_its_finding_does_not_count(ew):
    ew.save()
    CriterionJudgement.objects.filter(pk=CriterionJudgement.objects.first().pk).update(finding="")
    assert _try_submit(ew) == [JUDGE_ALL % (1, 3)]


def test_a_criterion_added_later_must_be_judged_too(ew):
    ew.save()
    EvaluationCriterion.objects.create(programme=ew.programme, key="added", text="Added", order=99)
    assert _try_submit(ew) == [JUDGE_ALL % (1, 4)]


def test_a_programme_without_criteria_cannot_submit(db):
    programme = f.make_programme(key="bare", name="Bare programme", steps=STEPS)
    city = f.make_city(programme, slug="bare-city", name="Bare City")
    evaluator = f.evaluator_user(programme, username="eval.bare")
    progress = f.stage_of(city, "joint")
    services.evaluation_save(
        progress=progress,
        by=evaluator,
        values=dict(evaluated_on=EVALUATED_ON, recommendation="Fine.", decision=Decision.APPROVE),
        judgements={},
        document_upload=pdf_upload("report.pdf", "Report"),
    )
    assert registry.missing(progress) == [
        "This programme has no evaluation criteria yet: an administrator adds them before the "
        "evaluation can be submitted."
    ]
    workflow.stage_save_draft(progress=progress, by=evaluator, narrative="Evaluated.")
    with pytest.raises(WorkflowError):
        workflow.stage_submit(progress=progress, by=evaluator)


def test_a_recommendation_is_needed(ew):
    ew.save(recommendation="   ")
    assert _try_submit(ew) == [RECOMMENDATION]


def test_a_decision_is_needed(ew):
    ew.save(decision="")
    assert _try_submit(ew) == [DECISION]


def test_approval_with_conditions_needs_a_condition(ew):
    ew.save(decision=Decision.APPROVE_WITH_CONDITIONS)
    assert _try_submit(ew) == [CONDITION]
    ew.add_condition(due_on=datetime.date(2022, 6, 30))
    assert _try_submit(ew) == []


def test_the_report_is_needed(ew):
    ew.save(upload=False)
    assert _try_submit(ew) == [REPORT]


@pytest.mark.parametrize("decision", [Decision.APPROVE, Decision.RETURN])
def test_approval_and_return_need_no_condition(ew, decision):
    ew.save(decision=decision)
    assert _try_submit(ew) == []


def test_the_stage_page_lists_what_is_missing(client, ew):
    ew.save(judged=2, decision="")
    client.force_login(ew.evaluator)
    page = client.get(ew.url("stage"))
    assert page.status_code == 200
    assert JUDGE_ALL % (1, 3) in page.text
    assert DECISION in page.text
