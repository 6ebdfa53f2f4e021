"""Every criterion a programme is seeded with, global or national, evaluation or
self-assessment, carries its guidance in each of the portal's languages; an Iranian city's
evaluators read a national criterion's guidance in Persian."""

from __future__ import annotations

import pytest
from django.conf import settings

from candidacy.models import AssessmentCriterion, EvaluationCriterion
from candidacy.records.evaluations.criteria import NATIONAL, criteria_seed
from candidacy.records.plans.criteria import criteria_load
from tests import factories as f

from .conftest import STEPS, EvaluationWorld

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


# The demo's programmes, and one without a set of its own (the closed "lt-2018" is one).
@pytest.mark.parametrize("key", ["iran", "kazakhstan", "lithuania", "lt-2018"])
def test_every_seeded_criterion_has_guidance_in_every_language(key):
    programme = f.ProgrammeFactory(key=key)
    criteria_seed(programme)
    criteria_load(programme=programme)
    criteria = [
        *EvaluationCriterion.objects.filter(programme=programme),
        *AssessmentCriterion.objects.filter(programme=programme),
    ]
    assert criteria
    for criterion in criteria:
        english = criterion.guidance_en
        assert english, criterion.key
        for code in LANGUAGES:
            guidance = getattr(criterion, f"guidance_{code}")
            assert guidance, (criterion.key, code)
            assert code == "en" or guidance != english, (criterion.key, code)


@pytest.fixture
def iran(db):
    made = f.make_two_programmes(
        programmes=[("iran", "Iran"), ("far-away", "Far programme")],
        cities=[("isfahan", "Isfahan"), ("shiraz", "Shiraz"), ("far", "Far City")],
        scopes=["ir", "ir2", "far"],
        steps=STEPS,
    )
    criteria_seed(made["programme"])
    return EvaluationWorld(**made, keys=[fields["key"] for fields in STEPS])


def test_an_iranian_citys_evaluators_read_a_national_criterions_guidance_in_persian(client, iran):
    national = {spec.key for spec in NATIONAL["iran"]}
    budget = next(c for c in iran.criteria() if c.key == "child-friendly-budget")
    assert budget.key in national and not budget.is_global
    client.force_login(iran.evaluator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    page = client.get(iran.url("evaluation-edit"))
    assert page.status_code == 200
    assert (
        "ردیف‌های بودجه‌ای را که برای کودکان هزینه می‌شود و سهم آن‌ها از بودجهٔ شهر را بیابید"
        in page.text
    )
    assert "Look for the budget lines spent on children" not in page.text
