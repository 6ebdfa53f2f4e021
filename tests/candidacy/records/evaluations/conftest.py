"""A programme whose first stage is a joint evaluation (prepared by the evaluator, signed by
the coordinator and the evaluator), then a final evaluation prepared by the coordinator, and a
badge; its criteria seeded; a city of it, a city of another programme, one person per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse

from candidacy import services as workflow
from candidacy.models import (
    Decision,
    EvaluationCriterion,
    Judgement,
    Preparer,
    StageKind,
    StageProgress,
    StageState,
)
from candidacy.records import services as records
from candidacy.records.documents import pdf_upload
from candidacy.records.evaluations import services
from candidacy.records.evaluations.criteria import criteria_seed
from tests import factories as f

EVALUATED_ON = datetime.date(2021, 4, 11)

STEPS = [
    dict(
        key="joint",
        kind=StageKind.EVALUATION,
        prepared_by=Preparer.EVALUATOR,
        signed_by_coordinator=True,
        signed_by_evaluator=True,
    ),
    dict(
        key="final",
        kind=StageKind.EVALUATION,
        prepared_by=Preparer.COORDINATOR,
        signed_by_coordinator=False,
        signed_by_evaluator=True,
    ),
    dict(
        key="badge",
        kind=StageKind.RECOGNITION,
        prepared_by=Preparer.EVALUATOR,
        signed_by_coordinator=False,
        signed_by_evaluator=True,
        grants="recognition",
        validity_months=24,
    ),
]


@dataclass
class EvaluationWorld:
    programme: object
    far_programme: object
    city: object
    other_city: object  # same programme
    far_city: object  # another programme
    office: object
    other_office: object
    coordinator: object
    evaluator: object
    far_coordinator: object
    far_evaluator: object

    def stage(self, key="joint", city=None) -> StageProgress:
        return StageProgress.objects.select_related("definition", "candidacy__city__programme").get(
            candidacy__city=city or self.city, definition__key=key
        )

    def criteria(self, programme=None):
        return list(EvaluationCriterion.objects.filter(programme=programme or self.programme))

    def preparer(self, progress):
        return (
            self.evaluator
            if progress.definition.prepared_by == Preparer.EVALUATOR
            else (self.coordinator)
        )

    def save(self, key="joint", *, judged=None, upload=True, **values):
        """Save the evaluation through the service: every criterion met (or the first
        `judged`), a recommendation, the decision to approve and a report, unless told."""
        progress = self.stage(key)
        criteria = self.criteria()
        if judged is not None:
            criteria = criteria[:judged]
        values = {
            "evaluated_on": EVALUATED_ON,
            "recommendation": "Recommend candidacy.",
            "decision": Decision.APPROVE,
            **values,
        }
        return services.evaluation_save(
            progress=progress,
            by=self.preparer(progress),
            values=values,
            judgements={c.pk: (Judgement.MET, "Shown by the plans.") for c in criteria},
            document_upload=pdf_upload("report.pdf", "Evaluation report") if upload else None,
        )

    def add_condition(self, key="joint", *, text="Publish the budget", due_on=None):
        progress = self.stage(key)
        return records.row_add(
            progress=progress,
            by=self.preparer(progress),
            values={"text": text, "due_on": due_on or datetime.date(2022, 6, 30)},
        )

    def submit(self, key="joint"):
        progress = self.stage(key)
        by = self.preparer(progress)
        workflow.stage_save_draft(progress=progress, by=by, narrative="Evaluated, see the record.")
        workflow.stage_submit(progress=progress, by=by)
        return self.stage(key)

    def approve(self, key="joint"):
        progress = self.stage(key)
        if progress.state != StageState.SUBMITTED:
            progress = self.submit(key)
        signers = []
        if progress.definition.signed_by_coordinator:
            signers.append(self.coordinator)
        if progress.definition.signed_by_evaluator:
            signers.append(self.evaluator)
        for user in signers:
            workflow.stage_approve(progress=self.stage(key), by=user)
        return self.stage(key)

    def with_conditions(self, *due_dates):
        """The joint evaluation saved with the decision to approve with conditions, one
        condition per due date, and approved."""
        self.save(decision=Decision.APPROVE_WITH_CONDITIONS)
        for number, due_on in enumerate(due_dates, start=1):
            self.add_condition(text=f"Condition {number}", due_on=due_on)
        return self.approve()

    def url(self, name, key="joint", *args, city=None):
        return reverse(f"candidacy:{name}", args=[(city or self.city).slug, key, *args])


@pytest.fixture
def ew(db):
    programme = f.make_programme(key="evaluated", name="Evaluated programme", steps=STEPS)
    far_programme = f.make_programme(key="far-away", name="Far programme", steps=STEPS)
    criteria_seed(programme)
    criteria_seed(far_programme)
    city = f.make_city(programme, slug="eval-city", name="Evaluated City")
    other_city = f.make_city(programme, slug="eval-other", name="Other City")
    far_city = f.make_city(far_programme, slug="eval-far", name="Far City")
    return EvaluationWorld(
        programme=programme,
        far_programme=far_programme,
        city=city,
        other_city=other_city,
        far_city=far_city,
        office=f.office_user(city, username="office.eval"),
        other_office=f.office_user(other_city, username="office.other"),
        coordinator=f.coordinator_user(programme, username="coord.eval"),
        evaluator=f.evaluator_user(programme, username="eval.eval"),
        far_coordinator=f.coordinator_user(far_programme, username="coord.far"),
        far_evaluator=f.evaluator_user(far_programme, username="eval.far"),
    )


def form_data(ew, *, key="joint", **overrides) -> dict:
    """A complete POST of the evaluation page: every criterion met with a finding."""
    data = {
        "evaluated_on": EVALUATED_ON.isoformat(),
        "recommendation": "Recommend candidacy.",
        "decision": Decision.APPROVE,
        "report": "",
    }
    for criterion in ew.criteria():
        data[f"judgement_{criterion.pk}"] = Judgement.MET
        data[f"finding_{criterion.pk}"] = f"Finding on {criterion.key}."
    data.update(overrides)
    return data
