"""Versioned frameworks (issue 13): a change of the criteria in the middle of a call makes the
next version and leaves the evaluations opened before it as they were; a criterion in use is
refused on every form; the versions and their comparison are for the programme's coordinators
and evaluators."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from candidacy import dossier
from candidacy.frameworks import framework_revise
from candidacy.models import (
    CriterionJudgement,
    EvaluationCriterion,
    EvaluationRecord,
    FrameworkKind,
    FrameworkVersion,
    Judgement,
    criterion_in_use,
    framework_in_force,
)
from candidacy.records.evaluations import selectors
from candidacy.records.evaluations.criteria import criteria_seed
from candidacy.services import candidacy_join_round, round_open
from tests.navigation import NAV_TASKS_COUNTED

pytestmark = pytest.mark.django_db

IN_USE = "This criterion is used by 1 evaluation: revise the framework to change it."


def _revise_and_edit(ew) -> FrameworkVersion:
    """Version 2: a copy of version 1, its first criterion reworded (in English and Persian),
    its last removed, one added."""
    version = framework_revise(
        programme=ew.programme, kind=FrameworkKind.EVALUATION, by=ew.coordinator
    )
    criteria = list(version.criteria)
    first, last = criteria[0], criteria[-1]
    first.text_en, first.text_fa = "Reworded in version 2", "بازنویسی شده"
    first.full_clean()
    first.save()
    last.delete()
    added = EvaluationCriterion(
        programme=ew.programme, framework=version, key="added-in-2", text="Added in version 2"
    )
    added.full_clean()
    added.save()
    return version


def test_a_change_mid_call_leaves_the_earlier_evaluation_intact(client, ew):
    ew.save()  # the joint evaluation opened (and judged) under version 1
    v1 = EvaluationRecord.objects.get(progress=ew.stage("joint")).framework
    v1_texts = [c.text for c in v1.criteria]
    assert v1.number == 1 and len(v1_texts) == 3

    v2 = _revise_and_edit(ew)
    assert v2.number == 2
    assert framework_in_force(ew.programme.pk, FrameworkKind.EVALUATION) == v2

    # The evaluation opened under version 1 still shows version 1's criteria and judgements.
    evaluation = selectors.evaluation_of(ew.stage("joint"))
    assert [row.criterion.text for row in evaluation.assessments] == v1_texts
    assert evaluation.judged == 3
    client.force_login(ew.evaluator)
    page = client.get(ew.url("stage", "joint"))
    assert page.status_code == 200
    for text in v1_texts:
        assert escape(text) in page.text
    assert "Reworded in version 2" not in page.text
    assert page.text.count("Shown by the plans.") == 3

    # An evaluation opened now keeps version 2, and judges its criteria.
    ew.approve("joint")
    ew.save("final")
    final = EvaluationRecord.objects.get(progress=ew.stage("final"))
    assert final.framework == v2
    judged = CriterionJudgement.objects.filter(record=final)
    assert {row.criterion.framework_id for row in judged} == {v2.pk}
    assert "Added in version 2" in {row.criterion.text for row in judged}
    # ... and the first still has its own.
    first = EvaluationRecord.objects.get(progress=ew.stage("joint"))
    assert first.framework == v1 and first.judgements.count() == 3


def test_judging_a_criterion_of_another_version_is_refused(ew):
    ew.save()
    v2 = _revise_and_edit(ew)
    record = EvaluationRecord.objects.get(progress=ew.stage("joint"))
    row = CriterionJudgement(
        record=record, criterion=v2.criteria.first(), judgement=Judgement.MET, finding="Yes."
    )
    with pytest.raises(ValidationError):
        row.full_clean()


def test_a_criterion_in_use_is_refused_with_its_message(ew):
    criterion = ew.criteria()[0]
    assert not criterion_in_use(criterion)
    ew.save()
    assert criterion_in_use(criterion)
    criterion.text = "Changed behind the evaluators' backs"
    with pytest.raises(ValidationError) as refused:
        criterion.full_clean()
    assert refused.value.messages == [IN_USE]
    # Adding a criterion to the version in use is refused too.
    added = EvaluationCriterion(
        programme=ew.programme, framework=criterion.framework, key="late", text="Late"
    )
    with pytest.raises(ValidationError):
        added.full_clean()
    # The loader adds nothing to a version in use.
    assert criteria_seed(ew.programme) == 0


def _admin_change(client, criterion, **changes):
    data = {
        "programme": criterion.programme_id,
        "framework": criterion.framework_id,
        "key": criterion.key,
        "order": criterion.order,
        "is_global": "on" if criterion.is_global else "",
    }
    for code in ("en", "fa", "ru", "kk", "lt"):
        data[f"text_{code}"] = getattr(criterion, f"text_{code}") or ""
    data.update(changes)
    url = reverse("admin:candidacy_evaluationcriterion_change", args=[criterion.pk])
    return client.post(url, {**data, "_loaded_version": ""})


def test_the_admin_refuses_to_change_or_delete_a_criterion_in_use(client, ew, superuser):
    ew.save()
    criterion = ew.criteria()[0]
    before = criterion.text_en
    client.force_login(superuser)
    page = _admin_change(client, criterion, text_en="Changed in the admin")
    assert page.status_code == 200
    assert IN_USE in page.text
    criterion.refresh_from_db()
    assert criterion.text_en == before

    url = reverse("admin:candidacy_evaluationcriterion_delete", args=[criterion.pk])
    answer = client.post(url, {"post": "yes"}, follow=True)
    assert IN_USE in answer.text
    assert EvaluationCriterion.objects.filter(pk=criterion.pk).exists()


def test_the_admin_action_revises_and_the_coordinator_edits_the_new_version(client, ew):
    ew.save()
    v1 = framework_in_force(ew.programme.pk, FrameworkKind.EVALUATION)
    client.force_login(ew.coordinator)
    answer = client.post(
        reverse("admin:candidacy_frameworkversion_changelist"),
        {"action": "revise", "_selected_action": [v1.pk]},
        follow=True,
    )
    assert answer.status_code == 200
    v2 = framework_in_force(ew.programme.pk, FrameworkKind.EVALUATION)
    assert v2.number == 2 and v2.created_by == ew.coordinator
    assert [c.key for c in v2.criteria] == [c.key for c in v1.criteria]
    criterion = v2.criteria.first()
    page = _admin_change(client, criterion, text_en="Edited in version 2")
    assert page.status_code == 302, page.text
    criterion.refresh_from_db()
    assert criterion.text_en == "Edited in version 2"


def test_only_the_programmes_coordinators_revise(ew):
    for outsider in (ew.far_coordinator, ew.evaluator, ew.office):
        with pytest.raises(PermissionDenied):
            framework_revise(programme=ew.programme, kind=FrameworkKind.EVALUATION, by=outsider)
    assert FrameworkVersion.objects.filter(programme=ew.programme).count() == 1


def _compare_url(ew, query="?from=1&to=2"):
    return (
        reverse("candidacy:framework-compare", args=[ew.programme.key, FrameworkKind.EVALUATION])
        + query
    )


def test_the_comparison_shows_what_was_added_removed_and_changed(client, ew):
    v1 = framework_in_force(ew.programme.pk, FrameworkKind.EVALUATION)
    removed = list(v1.criteria)[-1]
    _revise_and_edit(ew)
    client.force_login(ew.evaluator)
    page = client.get(_compare_url(ew))
    assert page.status_code == 200
    changes = {change.key: change for change in page.context["changes"]}
    assert changes["added-in-2"].status == "added"
    assert changes[removed.key].status == "removed"
    changed = changes[list(v1.criteria)[0].key]
    assert changed.status == "changed"
    assert [language for language, _old, _new in changed.texts] == ["English", "Persian"]
    assert "Reworded in version 2" in page.text and "بازنویسی شده" in page.text
    assert len(changes) == 3
    # The versions page links to it.
    versions = client.get(
        reverse("candidacy:framework-versions", args=[ew.programme.key, "evaluation"])
    )
    assert versions.status_code == 200
    assert "?from=1&amp;to=2" in versions.text


def test_the_comparison_shows_a_change_of_guidance_alone(client, ew):
    version = framework_revise(
        programme=ew.programme, kind=FrameworkKind.EVALUATION, by=ew.coordinator
    )
    criterion = list(version.criteria)[1]
    old_guidance = criterion.guidance_en or ""
    criterion.guidance_en = "Look for the council's minutes of the last year."
    criterion.full_clean()
    criterion.save()
    client.force_login(ew.coordinator)
    page = client.get(_compare_url(ew))
    changes = {change.key: change for change in page.context["changes"]}
    assert list(changes) == [criterion.key]
    assert changes[criterion.key].texts == [
        ("English · guidance", old_guidance, "Look for the council's minutes of the last year.")
    ]
    assert "English · guidance" in page.text
    client.cookies["django_language"] = "ru"
    assert "Английский · указания" in client.get(_compare_url(ew)).text


def test_the_comparison_answers_bad_addresses_without_error(client, ew):
    _revise_and_edit(ew)
    client.force_login(ew.coordinator)
    assert client.get(_compare_url(ew, "?from=abc&to=")).status_code == 200  # the defaults
    assert client.get(_compare_url(ew, "?from=1&to=99")).status_code == 404
    wrong_kind = reverse("candidacy:framework-compare", args=[ew.programme.key, "nonsense"])
    assert client.get(wrong_kind).status_code == 404


@pytest.mark.parametrize("name", ["framework-versions", "framework-compare"])
def test_the_framework_pages_are_for_the_programmes_coordinators_and_evaluators(client, ew, name):
    _revise_and_edit(ew)
    url = reverse(f"candidacy:{name}", args=[ew.programme.key, "evaluation"])
    assert client.get(url).status_code == 302  # to the login page
    for outsider in (ew.office, ew.far_coordinator, ew.far_evaluator):
        client.force_login(outsider)
        assert client.get(url).status_code in (403, 404), outsider
    for insider in (ew.coordinator, ew.evaluator):
        client.force_login(insider)
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [3, 12])
def test_an_old_evaluations_page_costs_the_same_at_two_sizes(
    client, ew, django_assert_max_num_queries, size
):
    for number in range(size - 3):
        EvaluationCriterion.objects.create(
            programme=ew.programme, key=f"national-{number}", text=f"National {number}", order=50
        )
    ew.save()
    _revise_and_edit(ew)
    client.force_login(ew.evaluator)
    # measured: 18, as the page costs with one version (test_queries.py)
    with django_assert_max_num_queries(18 + NAV_TASKS_COUNTED):
        page = client.get(ew.url("stage"))
    assert page.status_code == 200
    assert page.text.count("Shown by the plans.") == size


VERSION_LINE = "Criteria version 1"


def test_the_overview_and_the_evaluation_link_the_frameworks_for_those_who_may_read_them(
    client, ew
):
    ew.save()
    overview = reverse("candidacy:overview", args=[ew.programme.key])
    versions = [
        reverse("candidacy:framework-versions", args=[ew.programme.key, kind])
        for kind in FrameworkKind.values
    ]
    client.force_login(ew.coordinator)
    page = client.get(overview)
    assert page.status_code == 200
    for url in versions:
        assert f'href="{url}"' in page.text
    page = client.get(ew.url("stage", "joint"))
    assert VERSION_LINE in page.text and f'href="{versions[0]}"' in page.text

    client.force_login(ew.office)  # the city's office reads the stage, not the frameworks
    page = client.get(ew.url("stage", "joint"))
    assert page.status_code == 200
    assert VERSION_LINE not in page.text and versions[0] not in page.text
    assert versions[0] not in client.get(overview).text


def test_the_admins_versions_link_to_their_pages(client, ew):
    _revise_and_edit(ew)
    client.force_login(ew.coordinator)
    page = client.get(reverse("admin:candidacy_frameworkversion_changelist"))
    assert page.status_code == 200
    versions = reverse("candidacy:framework-versions", args=[ew.programme.key, "evaluation"])
    assert f'href="{versions}"' in page.text
    assert f'href="{_compare_url(ew).replace("&", "&amp;")}"' in page.text


def test_a_change_in_the_middle_of_a_call_round_leaves_its_earlier_evaluation_intact(client, ew):
    """Both cities' candidacies in one open round; the framework revised between their
    evaluations: the earlier keeps version 1 on its page and in its dossier, the later judges
    version 2, and the round's report holds them both."""
    today = timezone.localdate()
    call_round = round_open(
        programme=ew.programme,
        by=ew.coordinator,
        name="Call 2026",
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=30),
    )
    for city in (ew.city, ew.other_city):
        candidacy_join_round(candidacy=city.candidacy, call_round=call_round, by=ew.coordinator)

    ew.save()  # the first city's evaluation, under version 1
    v1_texts = [c.text for c in framework_in_force(ew.programme.pk, "evaluation").criteria]
    v2 = _revise_and_edit(ew)
    ew.save(city=ew.other_city)  # the second's, under version 2
    v2_texts = [c.text for c in v2.criteria]
    earlier = EvaluationRecord.objects.get(progress=ew.stage("joint"))
    later = EvaluationRecord.objects.get(progress=ew.stage("joint", ew.other_city))
    assert (earlier.framework.number, later.framework.number) == (1, 2)

    client.force_login(ew.coordinator)
    report = client.get(reverse("candidacy:round", args=[ew.programme.key, call_round.pk]))
    assert report.status_code == 200
    in_round = {candidacy.city_id for candidacy in report.context["listing"].page}
    assert in_round == {ew.city.pk, ew.other_city.pk}

    client.force_login(ew.evaluator)
    for city, texts, others, number in (
        (ew.city, v1_texts, ["Reworded in version 2", "Added in version 2"], 1),
        (ew.other_city, v2_texts, [v1_texts[0], v1_texts[-1]], 2),
    ):
        page = client.get(ew.url("stage", "joint", city=city))
        assert page.status_code == 200
        assert f"Criteria version {number}" in page.text
        html = dossier.dossier_html(city, base_url="http://testserver/")
        for text in texts:
            assert escape(text) in page.text and escape(text) in html
        for text in others:
            assert escape(text) not in page.text and escape(text) not in html
        assert page.text.count("Shown by the plans.") == 3
