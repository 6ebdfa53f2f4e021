"""The evaluation's services: what they refuse (bad input, the wrong person, a stage that is
not open) and that a refusal writes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from candidacy.models import (
    CriterionJudgement,
    Decision,
    EvaluationCondition,
    EvaluationRecord,
    Judgement,
    StageState,
)
from candidacy.records import services as records
from candidacy.records.evaluations import services
from candidacy.services import WorkflowError

from .conftest import EVALUATED_ON

pytestmark = pytest.mark.django_db


def _messages(error) -> dict:
    return error.value.message_dict


def test_the_evaluation_is_saved_with_its_judgements(ew):
    record = ew.save(decision=Decision.APPROVE_WITH_CONDITIONS)
    assert record.decision == Decision.APPROVE_WITH_CONDITIONS
    assert record.report.progress_id == ew.stage().pk
    assert record.updated_by == ew.evaluator
    assert CriterionJudgement.objects.filter(record=record).count() == 3
    # Saving again changes the same rows; an emptied criterion loses its judgement.
    first = ew.criteria()[0]
    services.evaluation_save(
        progress=ew.stage(),
        by=ew.evaluator,
        values={"recommendation": "Changed."},
        judgements={first.pk: ("", "")},
    )
    assert EvaluationRecord.objects.get().recommendation == "Changed."
    assert CriterionJudgement.objects.count() == 2


def test_a_condition_cannot_fall_due_before_the_evaluation(ew):
    ew.save(decision=Decision.APPROVE_WITH_CONDITIONS)
    with pytest.raises(ValidationError) as error:
        ew.add_condition(due_on=EVALUATED_ON - datetime.timedelta(days=1))
    assert _messages(error) == {
        "due_on": ["The due date cannot be before the evaluation's date (11 April 2021)."]
    }
    assert not EvaluationCondition.objects.exists()
    ew.add_condition(due_on=EVALUATED_ON)  # the same day is fine


def test_the_evaluation_cannot_move_after_a_condition_falls_due(ew):
    ew.save(decision=Decision.APPROVE_WITH_CONDITIONS)
    ew.add_condition(due_on=datetime.date(2021, 5, 1))
    with pytest.raises(ValidationError) as error:
        ew.save(decision=Decision.APPROVE_WITH_CONDITIONS, evaluated_on=datetime.date(2021, 6, 1))
    assert list(_messages(error)) == ["evaluated_on"]
    assert EvaluationRecord.objects.get().evaluated_on == EVALUATED_ON


def test_a_return_cannot_get_conditions(ew):
    ew.save(decision=Decision.RETURN)
    with pytest.raises(ValidationError) as error:
        ew.add_condition()
    assert "a return comes without conditions" in " ".join(error.value.messages)
    assert not EvaluationCondition.objects.exists()


def test_conditions_cannot_be_turned_into_a_return(ew):
    ew.save(decision=Decision.APPROVE_WITH_CONDITIONS)
    ew.add_condition()
    with pytest.raises(ValidationError) as error:
        ew.save(decision=Decision.RETURN)
    assert _messages(error) == {
        "decision": [
            "A decision to return cannot come with conditions: remove the condition first."
        ]
    }
    assert EvaluationRecord.objects.get().decision == Decision.APPROVE_WITH_CONDITIONS


@pytest.mark.parametrize("decision", [Decision.APPROVE, ""])
def test_conditions_go_only_with_approval_with_conditions(ew, decision):
    ew.save(decision=decision)
    with pytest.raises(ValidationError):
        ew.add_condition()
    assert not EvaluationCondition.objects.exists()


def test_conditions_need_the_evaluation_first(ew):
    with pytest.raises(ValidationError) as error:
        ew.add_condition()
    assert "Fill in the evaluation first" in " ".join(error.value.messages)


def test_a_criterion_of_another_programme_is_refused(ew):
    foreign = ew.criteria(ew.far_programme)[0]
    with pytest.raises(ValidationError) as error:
        services.evaluation_save(
            progress=ew.stage(),
            by=ew.evaluator,
            values={"evaluated_on": EVALUATED_ON},
            judgements={foreign.pk: (Judgement.MET, "Borrowed.")},
        )
    assert "Judge only the criteria of this city's programme" in error.value.messages[0]
    assert not EvaluationRecord.objects.exists()
    assert not CriterionJudgement.objects.exists()


def test_a_judgement_needs_its_finding(ew):
    criterion = ew.criteria()[0]
    with pytest.raises(ValidationError):
        services.evaluation_save(
            progress=ew.stage(),
            by=ew.evaluator,
            values={"evaluated_on": EVALUATED_ON},
            judgements={criterion.pk: (Judgement.MET, "  ")},
        )
    assert not CriterionJudgement.objects.exists()
    assert not EvaluationRecord.objects.exists()  # one transaction: the record went too


def test_an_evaluation_date_in_the_future_is_refused(ew):
    with pytest.raises(ValidationError) as error:
        ew.save(evaluated_on=datetime.date.today() + datetime.timedelta(days=2))
    assert list(_messages(error)) == ["evaluated_on"]


@pytest.mark.parametrize(
    "who", ["office", "coordinator", "far_evaluator", "far_coordinator", "other_office"]
)
def test_only_the_preparer_saves_the_evaluation(ew, who):
    with pytest.raises((PermissionDenied, WorkflowError)):
        services.evaluation_save(
            progress=ew.stage(),
            by=getattr(ew, who),
            values={"evaluated_on": EVALUATED_ON},
            judgements={},
        )
    assert not EvaluationRecord.objects.exists()


def test_the_coordinator_prepares_the_final_evaluation(ew):
    ew.save()
    ew.approve()
    final = ew.stage("final")
    assert final.state == StageState.OPEN
    with pytest.raises((PermissionDenied, WorkflowError)):
        services.evaluation_save(
            progress=final, by=ew.evaluator, values={"evaluated_on": EVALUATED_ON}, judgements={}
        )
    record = ew.save("final")
    assert record.updated_by == ew.coordinator


def test_an_approved_evaluation_is_read_only(ew):
    ew.save(decision=Decision.APPROVE_WITH_CONDITIONS)
    condition = ew.add_condition()
    ew.approve()
    with pytest.raises(WorkflowError):
        ew.save(recommendation="Changed afterwards.")
    with pytest.raises(WorkflowError):
        records.row_update(
            row=condition, by=ew.evaluator, values={"text": "Changed", "due_on": condition.due_on}
        )
    with pytest.raises(WorkflowError):
        records.row_remove(row=condition, by=ew.evaluator)
    assert EvaluationRecord.objects.get().recommendation == "Recommend candidacy."
    assert EvaluationCondition.objects.get().text == "Publish the budget"


def test_the_evaluation_service_refuses_other_kinds_of_stage(ew):
    ew.save()
    ew.approve()
    ew.save("final")
    ew.approve("final")
    with pytest.raises(WorkflowError):
        services.evaluation_save(
            progress=ew.stage("badge"), by=ew.evaluator, values={}, judgements={}
        )
