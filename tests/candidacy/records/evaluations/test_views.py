"""The evaluation's pages: who reaches them, what a POST saves, and how bad input comes back
(status 400, the message on the field, what the user typed kept)."""

from __future__ import annotations

import datetime
import html

import pytest
from django.urls import reverse

from candidacy.models import (
    CriterionJudgement,
    Decision,
    EvaluationCondition,
    EvaluationRecord,
    Judgement,
    StageState,
)
from candidacy.records.documents import pdf_upload

from .conftest import form_data

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.text)


def test_the_evaluator_fills_in_the_evaluation(client, ew):
    client.force_login(ew.evaluator)
    page = client.get(ew.url("evaluation-edit"))
    assert page.status_code == 200
    for criterion in ew.criteria():
        assert criterion.text in text(page)
    assert "does not move the stage by itself" in text(page)  # the decision's help text
    data = form_data(ew, decision=Decision.APPROVE_WITH_CONDITIONS)
    data["document_upload"] = pdf_upload("joint-report.pdf", "Report")
    response = client.post(ew.url("evaluation-edit"), data)
    assert response.status_code == 302
    record = EvaluationRecord.objects.get()
    assert record.decision == Decision.APPROVE_WITH_CONDITIONS
    assert record.report.original_name == "joint-report.pdf"
    assert CriterionJudgement.objects.filter(record=record, judgement=Judgement.MET).count() == 3

    stage = client.get(ew.url("stage"))
    assert "Approve with conditions" in text(stage)
    assert "does not move the stage by itself" in text(stage)
    assert "3 of 3 judged" in text(stage)
    assert "joint-report.pdf" in text(stage)
    assert "Add a condition" in text(stage)


def _add_condition(client, ew, due_on):
    """Save the evaluation approving with conditions; post a condition due on `due_on` as the
    evaluator on the shared row page."""
    ew.save(decision=Decision.APPROVE_WITH_CONDITIONS)
    client.force_login(ew.evaluator)
    return client.post(ew.url("record-row-add"), {"text": "Publish the budget", "due_on": due_on})


def test_conditions_are_added_on_the_shared_row_pages(client, ew):
    response = _add_condition(client, ew, "2022-06-30")
    assert response.status_code == 302
    condition = EvaluationCondition.objects.get()
    assert (condition.text, condition.due_on) == ("Publish the budget", datetime.date(2022, 6, 30))
    assert "Publish the budget" in text(client.get(ew.url("stage")))


def test_a_condition_due_before_the_evaluation_comes_back(client, ew):
    response = _add_condition(client, ew, "2021-01-31")
    assert response.status_code == 400
    assert response.context["form"].errors["due_on"] == [
        "The due date cannot be before the evaluation's date (11 April 2021)."
    ]
    assert 'value="Publish the budget"' in text(response)
    assert not EvaluationCondition.objects.exists()


def test_a_return_with_conditions_comes_back(client, ew):
    ew.save(decision=Decision.APPROVE_WITH_CONDITIONS)
    ew.add_condition()
    client.force_login(ew.evaluator)
    response = client.post(
        ew.url("evaluation-edit"),
        form_data(ew, decision=Decision.RETURN, recommendation="Typed before the error."),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["decision"] == [
        "A decision to return cannot come with conditions: remove the condition first."
    ]
    assert "Typed before the error." in text(response)
    assert EvaluationRecord.objects.get().decision == Decision.APPROVE_WITH_CONDITIONS


def test_a_condition_for_a_return_comes_back(client, ew):
    ew.save(decision=Decision.RETURN)
    client.force_login(ew.evaluator)
    response = client.post(
        ew.url("record-row-add"), {"text": "Publish the budget", "due_on": "2022-06-30"}
    )
    assert response.status_code == 400
    assert "a return comes without conditions" in text(response)
    assert not EvaluationCondition.objects.exists()


def test_a_tampered_criterion_of_another_programme_comes_back(client, ew):
    foreign = ew.criteria(ew.far_programme)[0]
    client.force_login(ew.evaluator)
    data = form_data(ew)
    data[f"judgement_{foreign.pk}"] = Judgement.NOT_MET
    data[f"finding_{foreign.pk}"] = "Smuggled in."
    response = client.post(ew.url("evaluation-edit"), data)
    assert response.status_code == 400
    assert "not one of this programme's" in text(response)
    assert not EvaluationRecord.objects.exists()
    assert not CriterionJudgement.objects.exists()


def test_a_judgement_without_a_finding_comes_back(client, ew):
    criterion = ew.criteria()[1]
    client.force_login(ew.evaluator)
    response = client.post(
        ew.url("evaluation-edit"),
        form_data(ew, **{f"finding_{criterion.pk}": "", "recommendation": "Kept as typed."}),
    )
    assert response.status_code == 400
    assert response.context["form"].errors[f"finding_{criterion.pk}"] == [
        "Give the finding behind this judgement."
    ]
    assert "Kept as typed." in text(response)
    assert not EvaluationRecord.objects.exists()


def test_a_finding_without_a_judgement_comes_back(client, ew):
    criterion = ew.criteria()[0]
    client.force_login(ew.evaluator)
    response = client.post(
        ew.url("evaluation-edit"), form_data(ew, **{f"judgement_{criterion.pk}": ""})
    )
    assert response.status_code == 400
    assert f"judgement_{criterion.pk}" in response.context["form"].errors


def test_a_report_of_another_stage_comes_back(client, ew):
    joint_record = ew.save()  # the joint stage's report
    ew.approve()
    client.force_login(ew.coordinator)
    response = client.post(
        ew.url("evaluation-edit", "final"), form_data(ew, report=str(joint_record.report_id))
    )
    assert response.status_code == 400
    assert response.context["form"].errors["report"] == [
        "Choose one of the documents attached to this stage."
    ]


@pytest.mark.parametrize(
    "who,status",
    [
        ("office", 403),
        ("coordinator", 403),  # in scope, but the evaluator prepares the joint evaluation
        ("other_office", 404),
        ("far_evaluator", 404),  # an evaluator of another programme
        ("far_coordinator", 404),
    ],
)
def test_only_the_preparer_reaches_the_evaluation_page(client, ew, who, status):
    client.force_login(getattr(ew, who))
    assert client.get(ew.url("evaluation-edit")).status_code == status
    assert client.post(ew.url("evaluation-edit"), form_data(ew)).status_code == status
    assert (
        client.post(ew.url("record-row-add"), {"text": "X", "due_on": "2022-01-01"}).status_code
        == status
    )
    assert not EvaluationRecord.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, ew):
    response = client.get(ew.url("evaluation-edit"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_coordinator_edits_the_final_evaluation_and_the_evaluator_does_not(client, ew):
    ew.save()
    ew.approve()
    client.force_login(ew.evaluator)
    assert client.get(ew.url("evaluation-edit", "final")).status_code == 403
    client.force_login(ew.coordinator)
    assert client.get(ew.url("evaluation-edit", "final")).status_code == 200


def test_other_stages_have_no_evaluation_page(client, ew):
    ew.save()
    ew.approve()
    ew.save("final")
    ew.approve("final")
    client.force_login(ew.evaluator)  # the badge's preparer
    assert client.get(ew.url("evaluation-edit", "badge")).status_code == 404


def test_an_approved_evaluation_sends_the_preparer_back_to_the_stage(client, ew):
    ew.save()
    assert ew.approve().state == StageState.APPROVED
    client.force_login(ew.evaluator)
    response = client.get(ew.url("evaluation-edit"))
    assert response.status_code == 302
    assert response["Location"] == ew.url("stage")
    response = client.post(ew.url("evaluation-edit"), form_data(ew, recommendation="Late."))
    assert response.status_code == 302
    assert EvaluationRecord.objects.get().recommendation == "Recommend candidacy."
    stage = client.get(ew.url("stage"))
    assert "Edit the evaluation" not in text(stage)


@pytest.mark.parametrize("who", ["office", "coordinator", "evaluator"])
def test_everyone_in_scope_reads_the_evaluation(client, ew, who):
    ew.save()
    client.force_login(getattr(ew, who))
    page = client.get(ew.url("stage"))
    assert page.status_code == 200
    assert "Recommend candidacy." in text(page)
    assert ("Edit the evaluation" in text(page)) == (who == "evaluator")
