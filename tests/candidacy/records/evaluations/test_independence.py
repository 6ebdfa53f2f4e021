"""Independent evaluation (issue 13): the conflict-of-interest declaration and recusal, the
evaluators an approval needs, the children's panel verdict and its privacy, the guidance."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidacy import dossier, permissions, services
from candidacy.comments import stage_comment_add
from candidacy.models import (
    ChildrenPanelVerdict,
    ConflictDeclaration,
    CriterionJudgement,
    EvaluationRecord,
    Judgement,
    StageComment,
    StageProgress,
    StageState,
)
from candidacy.records.evaluations import selectors as evaluation_selectors
from candidacy.records.evaluations import services as evaluations
from cities.models import RoleAssignment
from cities.roles import Role
from notifications.models import Kind, Notification
from tests import factories as f
from tests.candidacy.workflow import PDF_BYTES

ONLY_EVALUATOR = (
    "You are the only evaluator who can sign this stage: ask the coordinator to add an "
    "evaluator before recusing yourself."
)


def conflict_url(ew):
    return reverse("candidacy:conflict", kwargs={"city": ew.city.slug})


def signable(user):
    return set(StageProgress.objects.filter(permissions.signable_stages_q(user)))


# --- the declaration comes first ---------------------------------------------------------------


def test_an_undeclared_evaluator_is_sent_to_the_declaration_and_sees_no_dossier(client, ew):
    ew.save()
    joint = ew.submit("joint")
    newcomer = f.evaluator_user(ew.programme, declared=False, username="eval.new")
    client.force_login(newcomer)
    stage_url = ew.url("stage", "joint")
    response = client.get(stage_url)
    assert response.status_code == 302
    assert response["Location"] == f"{conflict_url(ew)}?next={stage_url}"
    dossier = reverse("candidacy:city-dossier", kwargs={"city": ew.city.slug})
    assert client.get(dossier)["Location"] == f"{conflict_url(ew)}?next={dossier}"
    assert client.get(ew.url("evaluation-edit", "joint")).status_code == 403
    assert not permissions.can_sign_stage(newcomer, joint)
    assert joint not in signable(newcomer)
    # the one who declared no conflict signs, and the queue lists it
    assert permissions.can_sign_stage(ew.evaluator, joint)
    assert joint in signable(ew.evaluator)
    city_page = client.get(reverse("candidacy:city", kwargs={"city": ew.city.slug}))
    assert conflict_url(ew) in city_page.text


def test_declaring_no_conflict_opens_the_dossier(client, ew):
    ew.save()
    joint = ew.submit("joint")
    newcomer = f.evaluator_user(ew.programme, declared=False, username="eval.new")
    client.force_login(newcomer)
    stage_url = ew.url("stage", "joint")
    response = client.post(f"{conflict_url(ew)}?next={stage_url}", {"has_conflict": "no"})
    assert response.status_code == 302
    assert response["Location"] == stage_url
    assert client.get(stage_url).status_code == 200
    assert joint in signable(newcomer)
    # declared once: a second declaration is refused
    again = client.post(conflict_url(ew), {"has_conflict": "yes", "statement": "x"})
    assert again.status_code == 400
    assert ConflictDeclaration.objects.filter(evaluator=newcomer).count() == 1


def test_a_declared_conflict_recuses_the_evaluator(client, ew):
    ew.save()
    joint = ew.submit("joint")
    recused = f.evaluator_user(ew.programme, declared=False, username="eval.recused")
    client.force_login(recused)
    response = client.post(
        conflict_url(ew), {"has_conflict": "yes", "statement": "My sister runs its office."}
    )
    assert response.status_code == 302
    declaration = ConflictDeclaration.objects.get(evaluator=recused)
    assert declaration.has_conflict and declaration.statement == "My sister runs its office."
    assert client.get(ew.url("stage", "joint")).status_code == 403
    dossier = reverse("candidacy:city-dossier", kwargs={"city": ew.city.slug})
    assert client.get(dossier).status_code == 403
    assert not permissions.can_sign_stage(recused, joint)
    assert joint not in signable(recused)
    assert not permissions.can_prepare_stage(recused, joint)
    # another city of the programme is not concerned by the declaration
    other = f.stage_of(ew.other_city, "joint")
    assert permissions.can_see_dossier(recused, other.candidacy) is False  # not declared yet
    # the other evaluator still signs
    assert permissions.can_sign_stage(ew.evaluator, joint)


@pytest.mark.parametrize("office_evaluates", [False, True])
def test_a_recusal_that_leaves_no_evaluator_is_refused_with_the_input_kept(
    client, ew, office_evaluates
):
    """With `office_evaluates` the city's own office staff hold the evaluator's role too: they
    never sign or judge its stages, so they are no evaluator who could act, and count for none."""
    ConflictDeclaration.objects.filter(evaluator=ew.evaluator, candidacy=ew.city.candidacy).delete()
    if office_evaluates:
        f.RoleAssignmentFactory(user=ew.office, role=Role.EVALUATOR, programme=ew.programme)
    assert permissions.evaluators_who_could_act(ew.city.candidacy) == [ew.evaluator]
    client.force_login(ew.evaluator)
    response = client.post(
        conflict_url(ew), {"has_conflict": "yes", "statement": "I advised the mayor."}
    )
    assert response.status_code == 400
    assert ONLY_EVALUATOR.replace("'", "&#x27;") in response.text
    assert "I advised the mayor." in response.text
    assert (
        not ConflictDeclaration.objects.filter(evaluator=ew.evaluator)
        .filter(candidacy=ew.city.candidacy)
        .exists()
    )


def test_a_recused_evaluator_counts_for_no_recusal_another_evaluator_does(ew):
    ConflictDeclaration.objects.filter(evaluator=ew.evaluator, candidacy=ew.city.candidacy).delete()
    recused = f.evaluator_user(ew.programme, declared=False, username="eval.recused")
    ConflictDeclaration.objects.create(
        evaluator=recused, candidacy=ew.city.candidacy, has_conflict=True, statement="Kin."
    )
    with pytest.raises(ValidationError):
        services.conflict_declare(
            candidacy=ew.city.candidacy, by=ew.evaluator, has_conflict=True, statement="x"
        )
    other = f.evaluator_user(ew.programme, declared=False, username="eval.other")
    assert permissions.evaluators_who_could_act(ew.city.candidacy) == [ew.evaluator, other]
    declaration = services.conflict_declare(
        candidacy=ew.city.candidacy, by=ew.evaluator, has_conflict=True, statement="Advised."
    )
    assert declaration.has_conflict


def test_a_recusal_that_leaves_fewer_evaluators_than_the_evaluation_needs_is_refused(client, ew):
    """An evaluation needing two evaluators' judgements: with two who could act, neither may
    recuse themselves (the form says so and keeps what was typed); a third allows it."""
    _needs_two(ew)
    ConflictDeclaration.objects.filter(evaluator=ew.evaluator, candidacy=ew.city.candidacy).delete()
    f.evaluator_user(ew.programme, declared=False, username="eval.second")
    assert permissions.evaluators_needed(ew.city.candidacy) == 2
    client.force_login(ew.evaluator)
    response = client.post(conflict_url(ew), {"has_conflict": "yes", "statement": "Kin."})
    assert response.status_code == 400
    assert "Evaluators this city&#x27;s evaluation needs: 2; without you, only 1 could" in (
        response.text
    )
    assert "Kin." in response.text
    assert not ConflictDeclaration.objects.filter(
        evaluator=ew.evaluator, candidacy=ew.city.candidacy
    ).exists()
    f.evaluator_user(ew.programme, declared=False, username="eval.third")
    declaration = services.conflict_declare(
        candidacy=ew.city.candidacy, by=ew.evaluator, has_conflict=True, statement="Kin."
    )
    assert declaration.has_conflict


def test_an_approved_evaluation_needs_no_more_evaluators(ew):
    _needs_two(ew)
    StageProgress.objects.filter(pk=ew.stage("joint").pk).update(state=StageState.APPROVED)
    assert permissions.evaluators_needed(ew.city.candidacy) == 1


def test_the_evaluators_needed_refusal_is_translated(client, ew):
    _needs_two(ew)
    ConflictDeclaration.objects.filter(evaluator=ew.evaluator, candidacy=ew.city.candidacy).delete()
    f.evaluator_user(ew.programme, declared=False, username="eval.second")
    client.force_login(ew.evaluator)
    client.cookies["django_language"] = "fa"
    response = client.post(conflict_url(ew), {"has_conflict": "yes", "statement": "Kin."})
    assert response.status_code == 400
    assert "۲" in response.text and "Evaluators this city" not in response.text


def test_a_conflict_needs_a_statement(ew):
    newcomer = f.evaluator_user(ew.programme, declared=False, username="eval.new")
    with pytest.raises(ValidationError) as refused:
        services.conflict_declare(candidacy=ew.city.candidacy, by=newcomer, has_conflict=True)
    assert refused.value.message_dict == {"statement": ["Say what the conflict of interest is."]}
    assert not ConflictDeclaration.objects.filter(evaluator=newcomer).exists()


@pytest.mark.parametrize("who,status", [("office", 403), ("coordinator", 403), ("far", 404)])
def test_only_the_programmes_evaluators_declare(client, ew, who, status):
    user = {"office": ew.office, "coordinator": ew.coordinator, "far": ew.far_evaluator}[who]
    client.force_login(user)
    assert client.get(conflict_url(ew)).status_code == status
    response = client.post(conflict_url(ew), {"has_conflict": "no"})
    assert response.status_code == status
    assert not ConflictDeclaration.objects.filter(evaluator=user, candidacy=ew.city.candidacy)


def test_the_declaration_page_needs_a_login(client, ew):
    response = client.get(conflict_url(ew))
    assert response.status_code == 302
    assert "login" in response["Location"]


# --- the evaluators an approval needs ------------------------------------------------------------


def _needs_two(ew):
    definition = ew.stage("joint").definition
    definition.min_evaluators = 2
    definition.save()


def _judge(ew, by, criteria=None, *, level=Judgement.PARTLY_MET, finding="Only in two districts."):
    """`by`'s own judgements of `criteria` (every criterion unless told), through the service."""
    criteria = ew.criteria() if criteria is None else criteria
    return evaluations.evaluation_save(
        progress=ew.stage("joint"),
        by=by,
        values={},
        judgements={criterion.pk: (level, finding) for criterion in criteria},
    )


def test_an_evaluation_needs_its_number_of_evaluators_before_approval(ew):
    _needs_two(ew)
    ew.save()
    joint = ew.submit("joint")
    with pytest.raises(services.WorkflowError) as refused:
        services.stage_approve(progress=joint, by=ew.coordinator)
    assert "needs 2 evaluators who each judged every criterion; 1 evaluator has so far" in str(
        refused.value
    )
    assert ew.stage("joint").state == StageState.SUBMITTED
    assert not ew.stage("joint").signoffs.exists()


def test_two_evaluators_judging_one_criterion_keep_both_judgements(ew):
    ew.save()
    second = f.evaluator_user(ew.programme, username="eval.second")
    first_criterion = ew.criteria()[0]
    _judge(ew, second, [first_criterion])
    rows = CriterionJudgement.objects.filter(criterion=first_criterion)
    assert sorted(rows.values_list("judged_by", "judgement", "finding")) == sorted(
        [
            (ew.evaluator.pk, Judgement.MET, "Shown by the plans."),
            (second.pk, Judgement.PARTLY_MET, "Only in two districts."),
        ]
    )
    # clearing one's own judgement leaves the other's
    evaluations.evaluation_save(
        progress=ew.stage("joint"),
        by=second,
        values={},
        judgements={first_criterion.pk: ("", "")},
    )
    assert list(rows.values_list("judged_by", flat=True)) == [ew.evaluator.pk]


def test_the_approval_waits_for_two_complete_sets_then_allows(ew):
    _needs_two(ew)
    ew.save()
    second = f.evaluator_user(ew.programme, username="eval.second")
    first, *rest = ew.criteria()
    _judge(ew, second, [first])
    assert evaluation_selectors.judgement_sets(ew.stage("joint")).counted == 1
    joint = ew.submit("joint")
    with pytest.raises(services.WorkflowError) as refused:
        services.stage_approve(progress=joint, by=ew.coordinator)
    assert "1 evaluator has so far" in str(refused.value)
    services.stage_return(progress=ew.stage("joint"), by=ew.coordinator, comment="Judge all.")
    _judge(ew, second, rest)
    sets = evaluation_selectors.judgement_sets(ew.stage("joint"))
    assert (sets.counted, sets.needed, set(sets.complete)) == (2, 2, {ew.evaluator.pk, second.pk})
    assert ew.approve("joint").state == StageState.APPROVED


def test_a_recused_evaluators_judgements_do_not_count(ew):
    _needs_two(ew)
    ew.save()
    second = f.evaluator_user(ew.programme, username="eval.second")
    _judge(ew, second)
    ConflictDeclaration.objects.filter(evaluator=second).update(has_conflict=True)
    sets = evaluation_selectors.judgement_sets(ew.stage("joint"))
    assert len(sets.complete) == 2 and sets.counted == 1
    joint = ew.submit("joint")
    with pytest.raises(services.WorkflowError, match="1 evaluator has so far"):
        services.stage_approve(progress=joint, by=ew.coordinator)
    assert CriterionJudgement.objects.filter(judged_by=second).count() == len(ew.criteria())


def test_an_earlier_unattributed_judgement_completes_the_record_but_counts_for_no_evaluator(ew):
    ew.save()
    CriterionJudgement.objects.update(judged_by=None)
    sets = evaluation_selectors.judgement_sets(ew.stage("joint"))
    assert sets.complete == (None,) and sets.counted == 0
    assert ew.submit("joint").state == StageState.SUBMITTED  # the record is complete


def test_the_form_is_the_evaluators_own_with_the_others_judgements_beside_it(client, ew):
    ew.save()
    second = f.evaluator_user(ew.programme, username="eval.second", first_name="Soraya")
    first_criterion = ew.criteria()[0]
    _judge(ew, second, [first_criterion], finding="Seen in two districts only.")
    client.force_login(second)
    page = client.get(ew.url("evaluation-edit"))
    form = page.context["form"]
    assert form[f"judgement_{first_criterion.pk}"].value() == Judgement.PARTLY_MET
    assert form[f"finding_{first_criterion.pk}"].value() == "Seen in two districts only."
    other = ew.criteria()[1]
    assert form[f"finding_{other.pk}"].value() == ""  # the first evaluator's is not theirs
    assert "Shown by the plans." in page.text  # ...but shown beside it, read-only
    assert ew.evaluator.get_full_name() in page.text or ew.evaluator.username in page.text
    client.force_login(ew.evaluator)
    page = client.get(ew.url("evaluation-edit"))
    assert "Seen in two districts only." in page.text and "Soraya" in page.text


def test_the_stage_page_names_no_judge(client, ew):
    ew.save()
    second = f.evaluator_user(ew.programme, username="eval.second", first_name="Soraya")
    _judge(ew, second, ew.criteria()[:1], finding="Seen in two districts only.")
    client.force_login(ew.office)
    page = client.get(ew.url("stage"))
    assert "Seen in two districts only." in page.text
    assert "Evaluator 1" in page.text and "Evaluator 2" in page.text
    assert "Soraya" not in page.text and second.username not in page.text


def test_the_acting_evaluators_query_agrees_with_the_predicate(ew):
    """`acting_evaluators_q(stage)` holds exactly the users `acts_as(user, evaluator, stage)`."""
    undeclared = f.evaluator_user(ew.programme, declared=False, username="eval.undeclared")
    recused = f.evaluator_user(ew.programme, username="eval.recused")
    ConflictDeclaration.objects.filter(evaluator=recused).update(has_conflict=True)
    inactive = f.evaluator_user(ew.programme, username="eval.inactive", is_active=False)
    people = [
        ew.evaluator,
        ew.coordinator,
        ew.office,
        ew.far_evaluator,
        undeclared,
        recused,
        inactive,
    ]
    for key in ("joint", "final"):
        progress = ew.stage(key)
        acting = set(get_user_model().objects.filter(permissions.acting_evaluators_q(progress)))
        fresh = [get_user_model().objects.get(pk=person.pk) for person in people]
        assert acting == {
            person for person in fresh if permissions.acts_as(person, Role.EVALUATOR, progress)
        }
        assert acting == {ew.evaluator}


def test_the_dossier_shows_every_evaluators_judgements_naming_no_judge(ew):
    ew.save()
    second = f.evaluator_user(ew.programme, username="eval.second", first_name="Soraya")
    _judge(ew, second, finding="Seen in two districts only.")
    html = dossier.dossier_html(ew.city, base_url="http://testserver/")
    assert html.count("Seen in two districts only.") == len(ew.criteria())
    assert html.count("Shown by the plans.") == len(ew.criteria())
    assert "Evaluator 1" in html and "Evaluator 2" in html
    assert "Soraya" not in html and second.username not in html
    assert ew.evaluator.username not in html


def test_the_count_of_complete_sets_is_shown_where_the_approval_needs_several(client, ew):
    _needs_two(ew)
    ew.save()
    client.force_login(ew.evaluator)
    line = "1 of 2 required evaluators have judged every criterion."
    assert line in client.get(ew.url("evaluation-edit")).text
    assert line in client.get(ew.url("stage")).text


@pytest.mark.parametrize(
    ("language", "count_line", "judge"),
    [
        ("fa", "۱ از ۲ ارزیاب لازم همهٔ معیارها را داوری کرده‌اند.", "ارزیاب ۲"),
        ("ru", "Все критерии оценили: 1 из 2 необходимых экспертов.", "Эксперт 2"),
        ("kk", "Барлық критерийді бағалағандар: қажетті 2 бағалаушының 1.", "Бағалаушы 2"),
        ("lt", "Visus kriterijus įvertino 1 iš 2 reikalingų vertintojų.", "Vertintojas 2"),
    ],
)
def test_the_count_and_the_judges_are_translated(client, ew, language, count_line, judge):
    _needs_two(ew)
    ew.save()
    second = f.evaluator_user(ew.programme, username="eval.second")
    _judge(ew, second, ew.criteria()[:1])
    client.force_login(ew.office)
    client.cookies["django_language"] = language
    page = client.get(ew.url("stage"), HTTP_ACCEPT_LANGUAGE=language).text
    assert count_line in page
    assert judge in page


def test_a_judgement_without_a_finding_keeps_the_input_and_writes_nothing(client, ew):
    ew.save()
    second = f.evaluator_user(ew.programme, username="eval.second")
    first, missing, *_rest = ew.criteria()
    before = list(CriterionJudgement.objects.values_list("pk", "judgement", "finding"))
    client.force_login(second)
    data = {
        "evaluated_on": "2021-04-11",
        "recommendation": "Changed by the second.",
        "decision": "approve",
        "report": str(EvaluationRecord.objects.get().report_id),
        "version": EvaluationRecord.objects.get().version,
        f"judgement_{first.pk}": Judgement.NOT_MET,
        f"finding_{first.pk}": "Typed by the second evaluator.",
        f"judgement_{missing.pk}": Judgement.MET,
        f"finding_{missing.pk}": "",
    }
    response = client.post(ew.url("evaluation-edit"), data)
    assert response.status_code == 400
    assert response.context["form"].errors[f"finding_{missing.pk}"] == [
        "Give the finding behind this judgement."
    ]
    assert "Typed by the second evaluator." in response.text
    assert list(CriterionJudgement.objects.values_list("pk", "judgement", "finding")) == before
    assert EvaluationRecord.objects.get().recommendation == "Recommend candidacy."


# --- the children's panel verdict ---------------------------------------------------------------


def panel_data(**changes):
    return {
        "recorded_on": "2021-04-01",
        "panel_size": "12",
        "verdict": "recommend",
        "votes_for": "9",
        "votes_against": "2",
        "votes_abstain": "1",
        "summary": "The panel liked the new playgrounds.",
        **changes,
    }


@pytest.mark.parametrize("who", ["coordinator", "evaluator"])
def test_the_panel_verdict_is_recorded_and_shown(client, ew, who):
    client.force_login(getattr(ew, who))
    url = ew.url("evaluation-panel-verdict", "joint")
    assert client.get(url).status_code == 200
    assert client.post(url, panel_data()).status_code == 302
    verdict = ChildrenPanelVerdict.objects.get()
    assert (verdict.panel_size, verdict.votes_for, verdict.recorded_by) == (12, 9, getattr(ew, who))
    page = client.get(ew.url("stage", "joint")).text
    assert "The panel liked the new playgrounds." in page
    assert "Recommend" in page


def test_a_small_panels_votes_are_not_published(client, ew):
    client.force_login(ew.coordinator)
    url = ew.url("evaluation-panel-verdict", "joint")
    data = panel_data(panel_size="3", votes_for="2", votes_against="1", votes_abstain="0")
    assert client.post(url, data).status_code == 302
    page = client.get(ew.url("stage", "joint")).text
    assert page.count("fewer than 5 children: not shown") == 4  # its size and votes
    verdict = ChildrenPanelVerdict.objects.get()
    assert all(figure.hidden and figure.value is None for _n, _l, figure in verdict.figures())


def test_votes_beyond_the_panel_are_refused_with_the_input_kept(client, ew):
    client.force_login(ew.coordinator)
    response = client.post(
        ew.url("evaluation-panel-verdict", "joint"), panel_data(panel_size="5", votes_for="9")
    )
    assert response.status_code == 400
    assert "add up to more than the children on the panel" in response.text
    assert "The panel liked the new playgrounds." in response.text
    assert not ChildrenPanelVerdict.objects.exists()


@pytest.mark.parametrize("who,status", [("office", 403), ("far_coordinator", 404)])
def test_outsiders_record_no_panel_verdict(client, ew, who, status):
    client.force_login(getattr(ew, who))
    url = ew.url("evaluation-panel-verdict", "joint")
    assert client.post(url, panel_data()).status_code == status
    assert not ChildrenPanelVerdict.objects.exists()


def test_a_recused_evaluator_records_no_panel_verdict(client, ew):
    recused = f.evaluator_user(ew.programme, declared=False, username="eval.recused")
    ConflictDeclaration.objects.create(
        evaluator=recused, candidacy=ew.city.candidacy, has_conflict=True, statement="Kin."
    )
    client.force_login(recused)
    assert client.post(ew.url("evaluation-panel-verdict", "joint"), panel_data()).status_code == 403
    assert not ChildrenPanelVerdict.objects.exists()


# --- guidance ------------------------------------------------------------------------------------


def test_the_guidance_is_shown_beside_the_criterion(client, ew):
    criterion = ew.criteria()[0]
    criterion.guidance = "Look for the council's minutes."
    criterion.save()
    client.force_login(ew.evaluator)
    assert "Look for the council&#x27;s minutes." in client.get(ew.url("evaluation-edit")).text


def test_the_panel_date_is_bounded(ew):
    verdict = ChildrenPanelVerdict(
        progress=ew.stage("joint"),
        panel_size=5,
        verdict="recommend",
        votes_for=5,
        votes_against=0,
        votes_abstain=0,
        recorded_on=datetime.date.today() + datetime.timedelta(days=3),
    )
    with pytest.raises(ValidationError) as refused:
        verdict.full_clean()
    assert "recorded_on" in refused.value.message_dict


# --- recusal and the comment threads ------------------------------------------------------------


def recused_evaluator(ew, username="eval.recused"):
    user = f.evaluator_user(ew.programme, declared=False, username=username)
    ConflictDeclaration.objects.create(
        evaluator=user, candidacy=ew.city.candidacy, has_conflict=True, statement="Kin."
    )
    return user


def test_the_city_page_links_the_dossier_only_to_a_reader_who_may_read_it(
    client, ew, django_capture_on_commit_callbacks
):
    """The city page's content is kept for every reader; the dossier's links are the reader's
    (`can_read_dossier`): the office and a cleared evaluator get them, a recused evaluator none,
    an undeclared one the declaration's link instead."""
    ew.save()
    slug = ew.city.slug
    city_url = reverse("candidacy:city", kwargs={"city": slug})
    dossier_urls = [
        reverse("stakeholders:city", kwargs={"city": slug}),
        reverse("stakeholders:you-said-we-did", kwargs={"city": slug}),
        reverse("stakeholders:memoranda", kwargs={"city": slug}),
        reverse("candidacy:city-dossier", kwargs={"city": slug}),
        reverse("city-record", kwargs={"city": slug}),
    ]
    public_url = reverse("public-city", args=[ew.programme.key, slug])

    def page_of(user) -> str:
        client.force_login(user)
        return client.get(city_url).text

    for reader in (ew.office, ew.evaluator, ew.coordinator):
        page = page_of(reader)
        assert all(f'href="{url}"' in page for url in dossier_urls), reader
        assert conflict_url(ew) not in page
    recused = page_of(recused_evaluator(ew))
    assert not any(url in recused for url in dossier_urls)
    assert conflict_url(ew) not in recused
    assert f'href="{public_url}"' in recused  # the kept content, still the same
    newcomer = f.evaluator_user(ew.programme, declared=False, username="eval.new")
    undeclared = page_of(newcomer)
    assert not any(url in undeclared for url in dossier_urls)
    assert f'href="{conflict_url(ew)}">Declare conflicts of interest first</a>' in undeclared
    # every link shown opens (no 403, no detour to the declaration)
    client.force_login(ew.evaluator)
    for url in dossier_urls:
        assert client.get(url).status_code == 200, url


def test_a_recused_evaluator_reads_no_thread_and_is_told_of_no_comment(
    client, ew, django_capture_on_commit_callbacks
):
    recused = recused_evaluator(ew)
    newcomer = f.evaluator_user(ew.programme, declared=False, username="eval.new")
    joint = ew.stage("joint")
    with django_capture_on_commit_callbacks(execute=True):
        stage_comment_add(
            progress=joint,
            by=ew.coordinator,
            body="Internal: check the decree.",
            visibility="internal",
        )
        stage_comment_add(progress=joint, by=ew.office, body="When do you visit?")
    recipients = {message.to[0] for message in mail.outbox}
    assert ew.evaluator.email in recipients
    assert recused.email not in recipients and newcomer.email not in recipients
    readers = set(
        Notification.objects.filter(kind=Kind.COMMENT).values_list("recipient", flat=True)
    )
    assert ew.evaluator.pk in readers
    assert not readers & {recused.pk, newcomer.pk}
    for user in (recused, newcomer):
        assert not StageComment.objects.filter(permissions.visible_comments_q(user)).exists()
        assert permissions.comment_visibilities(user, joint) == []
    client.force_login(recused)
    page = client.get(ew.url("stage", "joint"))
    assert page.status_code == 403
    assert "check the decree" not in page.text
    posted = client.post(
        ew.url("stage-comment", "joint"), {"body": "Me too.", "visibility": "city"}
    )
    assert posted.status_code in (403, 404)
    assert StageComment.objects.count() == 2
    # once they declare no conflict, the newcomer reads the thread
    services.conflict_declare(candidacy=ew.city.candidacy, by=newcomer, has_conflict=False)
    assert StageComment.objects.filter(permissions.visible_comments_q(newcomer)).count() == 2


# --- declare first: the queue and "My tasks" ----------------------------------------------------


def test_declare_first_rules_agree_with_their_queries(ew):
    ew.save()
    ew.submit("joint")
    f.stage_of(ew.other_city, "joint")
    users = [
        ew.evaluator,
        ew.coordinator,
        ew.office,
        ew.far_evaluator,
        recused_evaluator(ew),
        f.evaluator_user(ew.programme, declared=False, username="eval.new"),
    ]
    stages = list(StageProgress.objects.select_related("definition", "candidacy__city"))
    rules = [
        (permissions.must_declare_to_sign, permissions.must_declare_to_sign_q),
        (permissions.must_declare_to_prepare, permissions.must_declare_to_prepare_q),
    ]
    for user in users:
        for predicate, query in rules:
            listed = set(StageProgress.objects.filter(query(user)))
            assert listed == {stage for stage in stages if predicate(user, stage)}, (user, query)
    newcomer = users[-1]
    assert permissions.must_declare_to_sign(newcomer, ew.stage("joint"))
    assert not permissions.must_declare_to_sign(users[-2], ew.stage("joint"))  # recused


def test_the_queue_sends_an_undeclared_evaluator_to_the_declaration_and_hides_a_recusal(
    client, ew, django_capture_on_commit_callbacks
):
    ew.save()
    ew.submit("joint")
    stage_url = ew.url("stage", "joint")
    newcomer = f.evaluator_user(ew.programme, declared=False, username="eval.new")
    client.force_login(newcomer)
    page = client.get(reverse("candidacy:queue")).text
    assert "Declare conflicts of interest first" in page
    assert f'href="{conflict_url(ew)}?next={stage_url}"' in page
    assert f'href="{stage_url}"' not in page
    tasks = client.get(reverse("tasks")).text
    assert f'href="{conflict_url(ew)}?next={stage_url}"' in tasks
    # declaring no conflict opens the stage from the queue (the kept list is renewed)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(conflict_url(ew), {"has_conflict": "no"})
    page = client.get(reverse("candidacy:queue")).text
    assert "Declare conflicts of interest first" not in page
    assert f'href="{stage_url}"' in page
    # a recused evaluator is listed nothing of the candidacy
    client.force_login(recused_evaluator(ew))
    for url in (reverse("candidacy:queue"), reverse("tasks")):
        page = client.get(url).text
        assert stage_url not in page and conflict_url(ew) not in page, url


# --- the children's panel in the admin -----------------------------------------------------------


@pytest.mark.parametrize("size,shown", [(3, False), (12, True)])
def test_the_admin_shows_a_panels_votes_only_as_the_small_group_rule_allows(
    client, ew, superuser, size, shown
):
    votes = (2, 1, 0) if size == 3 else (9, 2, 1)
    verdict = ChildrenPanelVerdict.objects.create(
        progress=ew.stage("joint"),
        panel_size=size,
        verdict="recommend",
        votes_for=votes[0],
        votes_against=votes[1],
        votes_abstain=votes[2],
        recorded_on=datetime.date(2021, 4, 1),
    )
    client.force_login(superuser)
    listing = client.get(reverse("admin:candidacy_childrenpanelverdict_changelist")).text
    change = client.get(
        reverse("admin:candidacy_childrenpanelverdict_change", args=[verdict.pk])
    ).text
    for page in (listing, change):
        if shown:
            assert "votes for: 9; votes against: 2; abstentions: 1" in page
            assert ">12<" in page
        else:
            assert page.count("fewer than 5 children: not shown") == 4  # size and votes
            assert "votes for: 2" not in page
    assert 'name="votes_for"' not in change


# --- the children's panel on the evaluation page ------------------------------------------------


def _panel_section(page: str) -> str:
    start = page.index('id="panel-verdict"')
    return page[start : page.index("</dl>", start)]


@pytest.mark.parametrize("who", ["office", "coordinator", "evaluator"])
def test_the_page_hides_a_small_panels_size_and_votes_from_every_reader(client, ew, who):
    _verdict(ew, panel_size=3, votes_for=2, votes_against=1, votes_abstain=0)
    client.force_login(getattr(ew, who))
    panel = _panel_section(client.get(ew.url("stage", "joint")).text)
    assert panel.count("fewer than 5 children: not shown") == 4
    assert not any(f">{count}<" in panel for count in "0123")
    assert "The panel liked the new playgrounds." in panel


@pytest.mark.parametrize("who", ["office", "coordinator", "evaluator"])
def test_the_page_shows_a_large_panels_size_and_votes(client, ew, who):
    _verdict(ew, panel_size=12, votes_for=9, votes_against=2, votes_abstain=1)
    client.force_login(getattr(ew, who))
    panel = _panel_section(client.get(ew.url("stage", "joint")).text)
    assert "not shown" not in panel
    for label, count in [
        ("Children on the panel", 12),
        ("Votes for", 9),
        ("Votes against", 2),
        ("Abstentions", 1),
    ]:
        assert f'{label}</dt><dd class="col-sm-8">{count}</dd>' in panel, label


@pytest.mark.parametrize("size,votes,shown", [(12, (9, 2, 1), "۱۲"), (3, (2, 1, 0), None)])
def test_the_panels_figures_are_in_persian_digits_in_persian(client, ew, size, votes, shown):
    _verdict(
        ew, panel_size=size, votes_for=votes[0], votes_against=votes[1], votes_abstain=votes[2]
    )
    client.force_login(ew.office)
    client.cookies["django_language"] = "fa"
    page = client.get(ew.url("stage", "joint"), HTTP_ACCEPT_LANGUAGE="fa").text
    panel = _panel_section(page)
    if shown:
        assert f">{shown}<" in panel and ">۹<" in panel and ">12<" not in panel
    else:
        assert panel.count("کمتر از ۵ کودک: نمایش داده نمی‌شود") == 4
        assert not any(f">{count}<" in panel for count in "0123۰۱۲۳")


# --- the dossier's downloads: one rule (`permissions.can_read_dossier`) -------------------------


def _dossier_downloads(ew) -> list[str]:
    evidence = services.evidence_add(
        progress=ew.stage("joint"),
        by=ew.evaluator,  # who prepares the evaluation
        upload=SimpleUploadedFile("decree.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    return [
        reverse("candidacy:city-dossier", kwargs={"city": ew.city.slug}),
        reverse("city-record", kwargs={"city": ew.city.slug}),
        reverse(
            "candidacy:evidence-download",
            kwargs={"city": ew.city.slug, "stage": "joint", "pk": evidence.pk},
        ),
    ]


def test_an_undeclared_evaluator_downloads_nothing_and_is_sent_to_declare(client, ew):
    newcomer = f.evaluator_user(ew.programme, declared=False, username="eval.new")
    client.force_login(newcomer)
    for url in _dossier_downloads(ew):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{conflict_url(ew)}?next={url}"
    assert permissions.can_read_dossier(newcomer, ew.city) is False


def test_a_recused_evaluator_downloads_nothing(client, ew):
    recused = f.evaluator_user(ew.programme, declared=False, username="eval.recused")
    ConflictDeclaration.objects.create(
        evaluator=recused, candidacy=ew.city.candidacy, has_conflict=True, statement="Family."
    )
    client.force_login(recused)
    for url in _dossier_downloads(ew):
        assert client.get(url).status_code == 403, url
    assert permissions.can_read_dossier(recused, ew.city) is False
    # those who may read the dossier still download it
    client.force_login(ew.evaluator)
    assert client.get(reverse("city-record", kwargs={"city": ew.city.slug})).status_code == 200


def _stakeholder_pages(ew) -> list[str]:
    city = {"city": ew.city.slug}
    return [
        reverse("stakeholders:city", kwargs=city),
        reverse("stakeholders:you-said-we-did", kwargs=city),
        reverse("stakeholders:memoranda", kwargs=city),
        reverse("stakeholders:history", kwargs=city),
    ]


def test_the_stakeholders_pages_send_an_undeclared_evaluator_to_declare(client, ew):
    client.force_login(f.evaluator_user(ew.programme, declared=False, username="eval.new"))
    for url in _stakeholder_pages(ew):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{conflict_url(ew)}?next={url}"


def test_the_stakeholders_pages_refuse_a_recused_evaluator(client, ew):
    recused = f.evaluator_user(ew.programme, declared=False, username="eval.recused")
    ConflictDeclaration.objects.create(
        evaluator=recused, candidacy=ew.city.candidacy, has_conflict=True, statement="Family."
    )
    client.force_login(recused)
    for url in _stakeholder_pages(ew):
        assert client.get(url).status_code == 403, url
    # an evaluator who declared no conflict reads them
    client.force_login(ew.evaluator)
    for url in _stakeholder_pages(ew)[:3]:
        assert client.get(url).status_code == 200, url


# --- what the city's record ZIP gives its office of the evaluation ------------------------------


def _office_record(client, ew) -> dict:
    client.force_login(ew.office)
    response = client.get(reverse("city-record", kwargs={"city": ew.city.slug}))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return json.loads(archive.read("record.json"))


def _verdict(ew, **counts) -> None:
    ChildrenPanelVerdict.objects.create(
        progress=ew.stage("joint"),
        verdict="recommend",
        recorded_on=datetime.date(2024, 5, 1),
        recorded_by=ew.evaluator,
        summary="The panel liked the new playgrounds.",
        **counts,
    )


def test_the_offices_record_holds_no_declaration_no_judge_and_no_raw_votes(client, ew):
    ew.save()
    assert CriterionJudgement.objects.filter(judged_by=ew.evaluator).exists()
    _verdict(ew, panel_size=3, votes_for=2, votes_against=1, votes_abstain=0)
    record = _office_record(client, ew)
    assert "candidacy.conflictdeclaration" not in record
    assert ConflictDeclaration.objects.filter(candidacy=ew.city.candidacy).exists()
    judgements = record["candidacy.criterionjudgement"]
    assert judgements and all("judged_by" not in row["fields"] for row in judgements)
    [verdict] = record["candidacy.childrenpanelverdict"]
    hidden = "fewer than 5 children: not shown"
    assert verdict["fields"]["verdict"] == "recommend"
    assert "recorded_by" not in verdict["fields"]
    assert {key: verdict["fields"][key] for key in PANEL_FIGURES} == dict.fromkeys(
        PANEL_FIGURES, hidden
    )


def test_a_large_panels_votes_are_in_the_record(client, ew):
    _verdict(ew, panel_size=12, votes_for=9, votes_against=2, votes_abstain=1)
    [verdict] = _office_record(client, ew)["candidacy.childrenpanelverdict"]
    assert [verdict["fields"][key] for key in PANEL_FIGURES] == [12, 9, 2, 1]


PANEL_FIGURES = ("panel_size", "votes_for", "votes_against", "votes_abstain")


def test_the_decide_page_refuses_too_few_evaluators_and_writes_nothing(client, ew):
    definition = ew.stage("joint").definition
    definition.min_evaluators = 2
    definition.save()
    ew.save()
    joint = ew.submit("joint")
    client.force_login(ew.coordinator)
    response = client.post(
        reverse("candidacy:stage-decide", args=[ew.city.slug, "joint"]),
        {"decision": "approve", "submission": joint.submission, "comment": "Fine."},
    )
    assert response.status_code == 400
    assert "needs 2 evaluators who each judged every criterion" in response.text
    assert response.context["decision_form"]["comment"].value() == "Fine."
    joint = ew.stage("joint")
    assert joint.state == StageState.SUBMITTED and not joint.signoffs.exists()


def _definition_post(client, definition, **changes):
    url = reverse("admin:candidacy_stagedefinition_change", args=[definition.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return client.post(url, {**data, **changes})


def test_the_admin_refuses_more_evaluators_than_the_programme_has(client, ew, superuser):
    definition = ew.stage("joint").definition
    client.force_login(superuser)
    response = _definition_post(client, definition, min_evaluators=2)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["min_evaluators"]
    assert "The programme has 1 evaluator: an evaluation cannot need more" in str(errors)
    definition.refresh_from_db()
    assert definition.min_evaluators == 1
    f.evaluator_user(ew.programme, username="eval.second")
    response = _definition_post(client, definition, min_evaluators=2)
    assert response.status_code == 302
    definition.refresh_from_db()
    assert definition.min_evaluators == 2


def test_the_admin_refuses_several_evaluators_for_an_evaluation_they_do_not_prepare(
    client, ew, superuser
):
    f.evaluator_user(ew.programme, username="eval.second")
    definition = ew.stage("final").definition  # prepared by the coordinator
    client.force_login(superuser)
    response = _definition_post(client, definition, min_evaluators=2)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["min_evaluators"]
    assert "Only an evaluation prepared by the evaluators" in str(errors)


ONLY_COORDINATOR = (
    "You are the only coordinator who can sign this city's stages: a conflict recuses you as "
    "its coordinator too. Ask for another coordinator of the programme before recusing yourself."
)


@pytest.mark.parametrize("another_coordinator", [False, True])
def test_a_recusal_that_leaves_no_coordinator_is_refused_with_the_input_kept(
    client, ew, another_coordinator
):
    """A conflict recuses a coordinator who also evaluates in both roles (`is_recused`): their
    recusal is refused while no other coordinator could act on the city (`who_could_act`),
    even with other evaluators left."""
    both = f.coordinator_user(ew.programme, username="coord.evaluates")
    f.RoleAssignmentFactory(user=both, role=Role.EVALUATOR, programme=ew.programme)
    RoleAssignment.objects.filter(role=Role.COORDINATOR, programme=ew.programme).exclude(
        user=both
    ).delete()
    if another_coordinator:
        f.coordinator_user(ew.programme, username="coord.other")
    assert ew.evaluator in permissions.who_could_act(ew.city.candidacy, Role.EVALUATOR)
    client.force_login(both)
    response = client.post(conflict_url(ew), {"has_conflict": "yes", "statement": "My cousin."})
    declared = ConflictDeclaration.objects.filter(evaluator=both, candidacy=ew.city.candidacy)
    if another_coordinator:
        assert response.status_code == 302
        assert declared.get().has_conflict
        return
    assert response.status_code == 400
    assert ONLY_COORDINATOR.replace("'", "&#x27;") in response.text
    assert "My cousin." in response.text
    assert not declared.exists()
