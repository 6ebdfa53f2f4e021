"""A programme whose first stage is a joint evaluation (prepared by the evaluator, signed by
the coordinator and the evaluator), then a final evaluation prepared by the coordinator, and a
badge; its criteria seeded; a city of it, a city of another programme, one person per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

import pytest

from candidacy.models import (
    Decision,
    EvaluationCriterion,
    FrameworkKind,
    Judgement,
    Preparer,
    StageKind,
    framework_in_force,
)
from candidacy.records import services as records
from candidacy.records.documents import pdf_upload
from candidacy.records.evaluations import services
from candidacy.records.evaluations.criteria import criteria_seed
from tests import factories as f
from tests.candidacy.workflow import StageWorld

EVALUATED_ON = datetime.date(2021, 4, 11)

STEPS = [
    f.step("joint", StageKind.EVALUATION, Preparer.EVALUATOR, coordinator=True),
    f.step("final", StageKind.EVALUATION, Preparer.COORDINATOR, coordinator=False, evaluator=True),
    f.step(
        "badge",
        StageKind.RECOGNITION,
        Preparer.EVALUATOR,
        grants="recognition",
        validity_months=24,
    ),
]


@dataclass
class EvaluationWorld(StageWorld):
    """Its stages' records are the evaluations the tests save: `submit` fills none."""

    fills_records: ClassVar[bool] = False

    def criteria(self, programme=None):
        """The criteria of the programme's framework version in force."""
        version = framework_in_force((programme or self.programme).pk, FrameworkKind.EVALUATION)
        return list(EvaluationCriterion.objects.filter(framework=version))

    def save(self, key="joint", *, judged=None, upload=True, city=None, **values):
        """Save the evaluation through the service: every criterion met (or the first
        `judged`), a recommendation, the decision to approve and a report, unless told."""
        progress = self.stage(key, city)
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

    def with_conditions(self, *due_dates):
        """The joint evaluation saved with the decision to approve with conditions, one
        condition per due date, and approved."""
        self.save(decision=Decision.APPROVE_WITH_CONDITIONS)
        for number, due_on in enumerate(due_dates, start=1):
            self.add_condition(text=f"Condition {number}", due_on=due_on)
        return self.approve()


@pytest.fixture
def ew(db):
    made = f.make_two_programmes(
        programmes=[("evaluated", "Evaluated programme"), ("far-away", "Far programme")],
        cities=[
            ("eval-city", "Evaluated City"),
            ("eval-other", "Other City"),
            ("eval-far", "Far City"),
        ],
        scopes=["eval", "other", "far"],
        steps=STEPS,
    )
    criteria_seed(made["programme"])
    criteria_seed(made["far_programme"])
    return EvaluationWorld(**made, keys=[fields["key"] for fields in STEPS])


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
