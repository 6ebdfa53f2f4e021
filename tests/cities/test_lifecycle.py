"""A programme's lifecycle: suspended and closed programmes are read-only for everyone, through
the one rule (`cities.permissions.programme_is_open`) every edit predicate and query asks; a
handover moves the coordinators' scope and keeps the history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from candidacy import permissions, services
from candidacy.frameworks import can_edit_criteria, can_revise_framework
from candidacy.models import CallRound, EvaluationCriterion, StageProgress, StageState, Transition
from cities.models import Programme, ProgrammeChange, RoleAssignment, RoleAssignmentChange
from cities.permissions import can_manage_city, can_publish_city, scope_of
from cities.roles import Role
from cities.services import programme_hand_over, programme_status_change
from tests import factories as f
from tests.candidacy.workflow import NARRATIVE

CLOSED_ON = datetime.date(2024, 4, 30)


def _fresh(user):
    """The user as a new request would read them (their scope read again)."""
    return type(user).objects.get(pk=user.pk)


def _close(world, superuser, status=Programme.Status.CLOSED):
    return programme_status_change(
        programme=world.programme_a, by=superuser, status=status, on=CLOSED_ON, note="End."
    )


def test_closing_records_history_and_dates(world, superuser):
    closed = _close(world, superuser)
    assert closed.status == "closed"
    assert closed.status_since == closed.closed_on == CLOSED_ON
    change = ProgrammeChange.objects.get(programme=world.programme_a)
    assert (change.from_status, change.to_status, change.by) == ("active", "closed", superuser)


def test_only_superusers_change_a_programme_status(world):
    with pytest.raises(PermissionDenied):
        programme_status_change(
            programme=world.programme_a, by=world.coordinator_a, status="closed"
        )
    assert not ProgrammeChange.objects.exists()


@pytest.mark.parametrize("status", ["handed_over", "nonsense", "active"])
def test_a_status_the_programme_cannot_take_is_refused(world, superuser, status):
    with pytest.raises(ValidationError):
        programme_status_change(programme=world.programme_a, by=superuser, status=status)
    world.programme_a.refresh_from_db()
    assert world.programme_a.status == "active"
    assert not ProgrammeChange.objects.exists()


def test_a_closed_programme_cannot_be_reopened(world, superuser):
    _close(world, superuser)
    with pytest.raises(ValidationError):
        programme_status_change(programme=world.programme_a, by=superuser, status="active")


def test_a_suspended_programme_resumes(world, superuser):
    _close(world, superuser, status="suspended")
    resumed = programme_status_change(programme=world.programme_a, by=superuser, status="active")
    assert resumed.status == "active" and resumed.closed_on is None
    assert ProgrammeChange.objects.count() == 2


@pytest.mark.parametrize("status", ["suspended", "closed"])
def test_every_edit_predicate_says_no(world, superuser, status):
    world.stages.bring("joint", StageState.SUBMITTED)
    world.stages.bring("office", StageState.OPEN, city=world.city_a2)
    _close(world, superuser, status=status)
    submitted = world.stages.stage("joint")
    open_stage = world.stages.stage("office", world.city_a2)
    office, office2 = _fresh(world.office_a), _fresh(world.office_a2)
    coordinator, evaluator = _fresh(world.coordinator_a), _fresh(world.evaluator_a)
    assert not permissions.can_edit_stage(office2, open_stage)
    assert not permissions.can_sign_stage(coordinator, submitted)
    assert not permissions.can_sign_stage(evaluator, submitted)
    assert permissions.returning_role(coordinator, submitted) is None
    assert not permissions.can_recall_stage(office, submitted)
    assert not permissions.can_withdraw_candidacy(coordinator, submitted.candidacy)
    assert not permissions.can_comment_on_stage(office, submitted)
    assert not can_publish_city(office, submitted.candidacy.city)
    assert not can_manage_city(coordinator, submitted.candidacy.city)
    assert not can_manage_city(superuser, submitted.candidacy.city)
    # the programme's governance: call rounds, frameworks and criteria, declarations
    programme = Programme.objects.get(pk=world.programme_a.pk)
    criterion = EvaluationCriterion(programme=programme, key="budget")
    call_round = CallRound(programme=programme, name="Call")
    newcomer = f.evaluator_user(programme, declared=False, username="eval.newcomer")
    for user in (coordinator, superuser):
        assert not permissions.can_manage_rounds(user, programme)
        assert not permissions.can_manage_round(user, call_round)
        assert not permissions.can_manage_candidacy_round(user, submitted.candidacy)
        assert not can_revise_framework(user, programme)
        assert not can_edit_criteria(user, criterion)
        assert permissions.can_view_rounds(user, programme.pk)  # the reports stay readable
    assert not permissions.can_declare_conflict(newcomer, submitted.candidacy)
    # ... and one who never declared is not sent to a declaration they cannot make
    assert not permissions.must_declare_conflict(newcomer, submitted.candidacy)
    assert not StageProgress.objects.filter(permissions.must_declare_conflict_q(newcomer)).exists()
    assert not permissions.can_read_dossier(newcomer, submitted.candidacy.city)
    # ... and the queries made beside them list none of its stages
    for user in (office, office2, coordinator, evaluator):
        assert not StageProgress.objects.filter(permissions.editable_stages_q(user)).exists()
        assert not StageProgress.objects.filter(permissions.signable_stages_q(user)).exists()
    # still readable
    assert permissions.can_view_stage(coordinator, submitted)


def test_the_other_programme_is_untouched(world, superuser):
    world.stages.bring("joint", StageState.SUBMITTED, city=world.city_b)
    _close(world, superuser)
    far = world.stages.stage("joint", world.city_b)
    assert permissions.can_sign_stage(_fresh(world.coordinator_b), far)


def test_services_refuse_with_the_reason(world, superuser):
    world.stages.bring("joint", StageState.SUBMITTED)
    _close(world, superuser)
    before = Transition.objects.count()
    with pytest.raises(PermissionDenied, match="closed"):
        services.stage_approve(progress=world.stages.stage("joint"), by=world.coordinator_a)
    with pytest.raises(PermissionDenied, match="closed"):
        services.stage_recall(progress=world.stages.stage("joint"), by=world.office_a)
    with pytest.raises(PermissionDenied, match="closed"):
        services.candidacy_withdraw(
            candidacy=world.city_a.candidacy, by=world.coordinator_a, reason="x"
        )
    assert Transition.objects.count() == before


def test_a_closed_programmes_office_cannot_save_a_stage(client, world, superuser):
    _close(world, superuser)
    client.force_login(world.office_a)
    url = reverse("candidacy:stage-save", args=["city-a", "office"])
    response = client.post(url, {"narrative": NARRATIVE})
    assert response.status_code == 403
    assert "This programme is closed" in response.text
    assert world.stages.stage("office").narrative == ""


def test_a_closed_programmes_coordinator_cannot_sign(client, world, superuser):
    world.stages.bring("office", StageState.SUBMITTED)
    _close(world, superuser)
    client.force_login(world.coordinator_a)
    url = reverse("candidacy:stage-decide", args=["city-a", "office"])
    shown = {"submission": world.stages.stage("office").submission}
    response = client.post(url, {"decision": "approve", "comment": "", **shown})
    assert response.status_code == 403
    assert "This programme is closed" in response.text
    assert world.stages.stage("office").state == StageState.SUBMITTED


def test_the_city_page_says_the_programme_is_closed(client, world, superuser):
    _close(world, superuser)
    client.force_login(world.office_a)
    page = client.get(reverse("candidacy:city", args=["city-a"]))
    assert page.status_code == 200
    assert "This programme is closed" in page.text
    client.force_login(world.office_b)
    assert (
        "This programme is closed"
        not in client.get(reverse("candidacy:city", args=["city-b"])).text
    )


def test_handover_moves_the_coordinators_scope(world, superuser):
    incoming = f.UserFactory(username="coord.new", is_staff=True)
    old_body = world.programme_a.coordinating_body
    handed = programme_hand_over(
        programme=world.programme_a,
        by=superuser,
        to_body="National Association of Municipalities",
        coordinators=[incoming],
        on=CLOSED_ON,
    )
    assert handed.status == "handed_over"
    assert handed.coordinating_body == handed.handed_over_to
    change = ProgrammeChange.objects.get()
    assert (change.from_body, change.to_body) == (old_body, handed.coordinating_body)
    assert not RoleAssignment.objects.filter(user=world.coordinator_a, role=Role.COORDINATOR)
    assert world.programme_a.pk in scope_of(_fresh(incoming)).coordinated_programme_ids
    assert world.programme_a.pk not in scope_of(_fresh(world.coordinator_a)).programme_ids
    actions = set(RoleAssignmentChange.objects.values_list("person__username", "action"))
    assert actions == {("coord.a", "ended"), ("coord.new", "invited")}
    # the work goes on under the new body, with the same history
    world.stages.bring("office", StageState.SUBMITTED)
    progress = world.stages.stage("office")
    assert permissions.can_sign_stage(_fresh(incoming), progress)
    assert not permissions.can_sign_stage(_fresh(world.coordinator_a), progress)
    # offices and evaluators keep their roles
    assert RoleAssignment.objects.filter(user=world.evaluator_a).exists()


def test_handover_needs_a_body_and_an_open_programme(world, superuser):
    with pytest.raises(ValidationError):
        programme_hand_over(programme=world.programme_a, by=superuser, to_body="  ")
    assert RoleAssignment.objects.filter(user=world.coordinator_a).exists()
    _close(world, superuser)
    with pytest.raises(ValidationError):
        programme_hand_over(programme=world.programme_a, by=superuser, to_body="Somebody")
    with pytest.raises(PermissionDenied):
        programme_hand_over(programme=world.programme_b, by=world.coordinator_b, to_body="X")


def _admin_action(client, user, action, programme):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    client.force_login(user)
    return client.post(
        reverse("admin:cities_programme_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [programme.pk]},
        follow=True,
    )


def test_the_admin_actions_call_the_service(client, world, superuser):
    page = _admin_action(client, superuser, "suspend_programmes", world.programme_a)
    assert "1 programme(s) changed." in page.text
    world.programme_a.refresh_from_db()
    assert world.programme_a.status == "suspended"
    assert ProgrammeChange.objects.filter(by=superuser, to_status="suspended").exists()
    _admin_action(client, superuser, "resume_programmes", world.programme_a)
    world.programme_a.refresh_from_db()
    assert world.programme_a.status == "active"


def test_a_coordinator_cannot_close_their_programme_in_the_admin(client, world):
    _admin_action(client, world.coordinator_a, "close_programmes", world.programme_a)
    world.programme_a.refresh_from_db()
    assert world.programme_a.status == "active"
    assert not ProgrammeChange.objects.exists()


def test_a_closed_programmes_rounds_are_read_not_changed(client, world, superuser):
    call_round = services.round_open(
        programme=world.programme_a,
        by=world.coordinator_a,
        name="Call 2024",
        opens_on=datetime.date(2024, 1, 1),
        closes_on=datetime.date(2024, 6, 30),
    )
    _close(world, superuser)
    client.force_login(world.coordinator_a)
    rounds = reverse("candidacy:rounds", args=[world.programme_a.key])
    page = client.get(rounds)
    assert page.status_code == 200 and "Call 2024" in page.text
    assert "Open the round" not in page.text
    report = client.get(reverse("candidacy:round", args=[world.programme_a.key, call_round.pk]))
    assert report.status_code == 200
    posted = client.post(rounds, {"name": "Call 2025", "opens_on": "2025-01-01"})
    assert posted.status_code == 403 and "This programme is closed" in posted.text
    edit = reverse("candidacy:round-edit", args=[world.programme_a.key, call_round.pk])
    assert client.get(edit).status_code == 403
    assert list(CallRound.objects.values_list("name", flat=True)) == ["Call 2024"]


@pytest.mark.parametrize("status", [Programme.Status.SUSPENDED, Programme.Status.CLOSED])
def test_a_superuser_reads_a_closed_programmes_rows_in_the_admin_but_cannot_change_them(
    client, world, superuser, status
):
    from cities.models import Organisation

    organisation = f.OrganisationFactory(city=world.city_a, name="Youth centre")
    _close(world, superuser, status)
    client.force_login(superuser)
    pages = {
        reverse("admin:cities_city_change", args=[world.city_a.pk]): {"name_en": "Renamed"},
        reverse("admin:cities_organisation_change", args=[organisation.pk]): {"name_en": "Renamed"},
    }
    for url, data in pages.items():
        page = client.get(url)
        assert page.status_code == 200
        assert "its record can be read but not changed" in page.text
        assert 'name="_save"' not in page.text and 'name="name_en"' not in page.text
        assert client.post(url, data).status_code == 403
    assert (
        client.get(reverse("admin:cities_city_delete", args=[world.city_a.pk])).status_code == 403
    )
    world.city_a.refresh_from_db()
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert world.city_a.name != "Renamed" and organisation.name == "Youth centre"


def test_a_superuser_still_changes_an_open_programmes_rows_in_the_admin(client, world, superuser):
    organisation = f.OrganisationFactory(city=world.city_a, name="Youth centre")
    client.force_login(superuser)
    page = client.get(reverse("admin:cities_organisation_change", args=[organisation.pk]))
    assert page.status_code == 200 and 'name="_save"' in page.text
    assert "can be read but not changed" not in page.text
    page = client.get(reverse("admin:cities_city_change", args=[world.city_b.pk]))
    assert 'name="_save"' in page.text
