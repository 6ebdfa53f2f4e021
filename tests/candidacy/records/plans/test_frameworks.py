"""Versioned frameworks (issue 13) for the self-assessment: a self-assessment keeps the version
of the criteria in force when its first version was saved, through every later save; a new
version of the criteria is for the self-assessments opened after it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidacy.frameworks import framework_revise
from candidacy.models import AssessmentCriterion, FrameworkKind, SelfAssessment
from candidacy.records.plans import selectors, services

from .conftest import assess_all

pytestmark = pytest.mark.django_db

IN_USE = "This criterion is used by 1 self-assessment: revise the framework to change it."


def test_a_self_assessment_keeps_its_version_and_a_new_one_takes_the_next(pw):
    situation = pw.open("situation")
    first = assess_all(pw, situation)
    v1 = first.framework
    assert v1.number == 1 and v1.kind == FrameworkKind.SELF_ASSESSMENT

    criterion = pw.criteria[0]
    criterion.text = "Changed under an open self-assessment"
    with pytest.raises(ValidationError) as refused:
        criterion.full_clean()
    assert refused.value.messages == [IN_USE]

    v2 = framework_revise(
        programme=pw.programme, kind=FrameworkKind.SELF_ASSESSMENT, by=pw.coordinator
    )
    copy = v2.criteria.get(key=criterion.key)
    copy.text = "Reworded in version 2"
    copy.full_clean()
    copy.save()
    AssessmentCriterion.objects.create(
        programme=pw.programme, framework=v2, key="new-in-2", text="New in version 2", order=99
    )

    # The stage's self-assessment goes on with version 1: its page, its next save.
    assert [c.pk for c in selectors.criteria_of(situation)] == [c.pk for c in pw.criteria]
    second = assess_all(pw, situation, level=4)
    assert second.version == 2 and second.framework == v1
    context = selectors.situation_analysis_context(situation)
    texts = [row.criterion.text for row in context["criterion_rows"]]
    assert "Reworded in version 2" not in texts and "New in version 2" not in texts

    # Another city's self-assessment, opened now, takes version 2 and its criteria.
    other = pw.open("situation", city=pw.other_city)
    criteria = list(selectors.criteria_of(other))
    assert {c.framework_id for c in criteria} == {v2.pk}
    assessment = services.self_assessment_save(
        progress=other,
        by=pw.preparer(other),
        scores={c.pk: (3, "", "Seen in the plan.") for c in criteria},
    )
    assert assessment.framework == v2
    assert SelfAssessment.objects.get(pk=first.pk).framework == v1


def test_the_self_assessment_shows_its_version_to_those_who_may_read_the_frameworks(client, pw):
    situation = pw.open("situation")
    assess_all(pw, situation)
    versions = reverse("candidacy:framework-versions", args=[pw.programme.key, "self_assessment"])
    client.force_login(pw.coordinator)
    page = client.get(pw.url("stage", "situation"))
    assert page.status_code == 200
    assert "Criteria version 1" in page.text and f'href="{versions}"' in page.text
    client.force_login(pw.office)
    page = client.get(pw.url("stage", "situation"))
    assert page.status_code == 200
    assert "Criteria version 1" not in page.text and versions not in page.text


def _admin_change(client, criterion, **changes):
    data = {
        "programme": criterion.programme_id,
        "framework": criterion.framework_id,
        "key": criterion.key,
        "order": criterion.order,
    }
    for code in ("en", "fa", "ru", "kk", "lt"):
        data[f"text_{code}"] = getattr(criterion, f"text_{code}") or ""
    data.update(changes)
    url = reverse("admin:candidacy_assessmentcriterion_change", args=[criterion.pk])
    return client.post(url, {**data, "_loaded_version": ""})


def test_the_admin_refuses_to_change_or_delete_a_criterion_in_use(client, pw, superuser):
    assess_all(pw, pw.open("situation"))
    criterion = pw.criteria[0]
    criterion.refresh_from_db()
    before = criterion.text_en
    client.force_login(superuser)
    page = _admin_change(client, criterion, text_en="Changed in the admin")
    assert page.status_code == 200
    assert IN_USE in page.text
    criterion.refresh_from_db()
    assert criterion.text_en == before

    url = reverse("admin:candidacy_assessmentcriterion_delete", args=[criterion.pk])
    answer = client.post(url, {"post": "yes"}, follow=True)
    assert IN_USE in answer.text
    assert AssessmentCriterion.objects.filter(pk=criterion.pk).exists()


def test_the_admin_changes_a_criterion_of_a_version_not_in_use(client, pw, superuser):
    criterion = pw.criteria[0]
    criterion.refresh_from_db()
    client.force_login(superuser)
    page = _admin_change(client, criterion, text_en="Changed before any use")
    assert page.status_code == 302, page.text
    criterion.refresh_from_db()
    assert criterion.text_en == "Changed before any use"
