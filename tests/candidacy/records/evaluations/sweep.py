"""What `tests/test_url_sweeps.py` needs to fill the evaluation pages' parameters: the path
segment before a condition's id, and a condition of city A (on the sweep's office stage, as
the sweep's data set is: the pages answer outsiders before they look at the stage's kind)."""

from __future__ import annotations

import datetime

from candidacy.models import EvaluationCondition

SEGMENTS = {"conditions": EvaluationCondition}


def sweep_objects(progress) -> dict:
    condition = EvaluationCondition.objects.create(
        progress=progress, text="Publish the budget", due_on=datetime.date(2022, 6, 30)
    )
    return {EvaluationCondition: condition}


def sweep_snapshot() -> list:
    return sorted(EvaluationCondition.objects.values_list("pk", "text", "due_on", "status"))
