"""The versioned frameworks' data migration (candidacy 0011 to 0013) on a database with data:
every programme's criteria become its version 1, and the evaluations and self-assessments
already saved keep it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from candidacy.models import (
    AssessmentCriterion,
    EvaluationCriterion,
    EvaluationRecord,
    FrameworkKind,
    FrameworkVersion,
    SelfAssessment,
)
from candidacy.records.plans.criteria import criteria_load

BEFORE = [("candidacy", "0012_evaluation_independence")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_existing_criteria_and_records_become_version_1(ew):
    ew.save()  # an evaluation record judged against the programme's criteria
    criteria_load(programme=ew.programme)
    criteria_load(programme=ew.far_programme)
    assessment = SelfAssessment.objects.create(
        progress=ew.stage("joint"),
        version=1,
        framework=AssessmentCriterion.objects.first().framework,
    )
    counts = (EvaluationCriterion.objects.count(), AssessmentCriterion.objects.count())

    _migrate(BEFORE)  # back to before the versions: the criteria and records stay, unversioned
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert (EvaluationCriterion.objects.count(), AssessmentCriterion.objects.count()) == counts
    for programme in (ew.programme, ew.far_programme):
        for kind in (FrameworkKind.EVALUATION, FrameworkKind.SELF_ASSESSMENT):
            version = FrameworkVersion.objects.get(programme=programme, kind=kind)
            assert version.number == 1
            assert not version.criteria.exclude(programme=programme).exists()
            assert (
                version.criteria.count()
                == (
                    EvaluationCriterion if kind == FrameworkKind.EVALUATION else AssessmentCriterion
                )
                .objects.filter(programme=programme)
                .count()
            )
    record = EvaluationRecord.objects.get(progress=ew.stage("joint"))
    assert record.framework.number == 1 and record.framework.kind == FrameworkKind.EVALUATION
    assert {row.criterion.framework_id for row in record.judgements.all()} == {record.framework_id}
    assessment.refresh_from_db()
    assert assessment.framework.kind == FrameworkKind.SELF_ASSESSMENT
    assert assessment.framework.programme == ew.programme
