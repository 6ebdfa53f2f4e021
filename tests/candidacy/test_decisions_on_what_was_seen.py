"""A decision names the submission it decides: the stage page's decision form and the admin's
confirmation page carry the submission they showed, and a stage resubmitted or changed since
is refused with nothing changed. The admin's batch approval shows exactly what will change
before anything does."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from candidacy import services
from candidacy.models import SignOff, StageState, Transition
from tests.candidacy.workflow import RETURN_COMMENT, bring

pytestmark = pytest.mark.django_db

RESUBMITTED = "This stage was resubmitted or changed after you opened it; review it again."


def _resubmit(world, stage):
    """The office takes the stage back (a return) and submits it again."""
    services.stage_return(progress=stage, by=world.coordinator_a, comment=RETURN_COMMENT)
    return services.stage_submit(progress=stage, by=world.office_a)


@pytest.mark.parametrize("decide", ["approve", "return"])
def test_the_services_refuse_a_stale_submission(world, decide):
    stage = bring(world, world.city_a, "office", StageState.SUBMITTED)
    shown = stage.submission
    stage = _resubmit(world, stage)
    before = (Transition.objects.count(), SignOff.objects.count())
    with pytest.raises(services.WorkflowError, match="resubmitted or changed"):
        if decide == "approve":
            services.stage_approve(progress=stage, by=world.coordinator_a, submission=shown)
        else:
            services.stage_return(
                progress=stage, by=world.coordinator_a, comment="No.", submission=shown
            )
    stage.refresh_from_db()
    assert stage.state == StageState.SUBMITTED
    assert (Transition.objects.count(), SignOff.objects.count()) == before
    services.stage_approve(progress=stage, by=world.coordinator_a, submission=stage.submission)
    stage.refresh_from_db()
    assert stage.state == StageState.APPROVED


def test_the_stage_page_decides_what_it_showed(client, world, django_capture_on_commit_callbacks):
    stage = bring(world, world.city_a, "office", StageState.SUBMITTED)
    client.force_login(world.coordinator_a)
    page = client.get(reverse("candidacy:stage", args=["city-a", "office"]))
    shown = page.context["decision_form"]["submission"].value()
    assert shown == stage.submission
    with django_capture_on_commit_callbacks(execute=True):  # the stage is kept (STAGES)
        _resubmit(world, stage)
    url = reverse("candidacy:stage-decide", args=["city-a", "office"])
    refused = client.post(url, {"decision": "approve", "comment": "", "submission": shown})
    assert refused.status_code == 400
    assert RESUBMITTED in refused.content.decode()
    assert world.stage(world.city_a, "office").state == StageState.SUBMITTED
    # The page shown with the refusal is the stage as it is now: deciding from it works.
    fresh = refused.context["decision_form"]["submission"].value()
    assert fresh == world.stage(world.city_a, "office").submission != shown
    client.post(url, {"decision": "approve", "comment": "", "submission": fresh})
    assert world.stage(world.city_a, "office").state == StageState.APPROVED


def _changelist():
    return reverse("admin:candidacy_stageprogress_changelist")


def test_admin_approval_first_lists_what_will_change(client, world):
    office = bring(world, world.city_a, "office", StageState.SUBMITTED)
    joint = bring(world, world.city_a2, "joint", StageState.SUBMITTED)
    client.force_login(world.coordinator_a)
    signoffs = SignOff.objects.count()
    page = client.post(
        _changelist(), {"action": "approve_stages", ACTION_CHECKBOX_NAME: [office.pk, joint.pk]}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "City A" in text and "City A2" in text
    assert "Approves the stage." in text  # the office stage: the coordinator alone signs
    assert "Records your approval; the stage then awaits: UNICEF evaluator." in text  # joint
    assert f'name="submission_{office.pk}" value="{office.submission}"' in text
    for stage in (office, joint):
        stage.refresh_from_db()
        assert stage.state == StageState.SUBMITTED
    assert SignOff.objects.count() == signoffs

    confirmed = client.post(
        _changelist(),
        {
            "action": "approve_stages",
            ACTION_CHECKBOX_NAME: [office.pk, joint.pk],
            "confirm": "1",
            f"submission_{office.pk}": office.submission,
            f"submission_{joint.pk}": joint.submission,
        },
    )
    assert confirmed.status_code == 302
    office.refresh_from_db()
    joint.refresh_from_db()
    assert office.state == StageState.APPROVED
    assert joint.state == StageState.SUBMITTED
    assert [s.role for s in joint.signoffs.all()] == ["coordinator"]


def test_admin_approval_refuses_a_stage_resubmitted_in_between(client, world):
    stage = bring(world, world.city_a, "office", StageState.SUBMITTED)
    other = bring(world, world.city_a2, "office", StageState.SUBMITTED)
    client.force_login(world.coordinator_a)
    shown = {f"submission_{s.pk}": s.submission for s in (stage, other)}
    _resubmit(world, stage)
    response = client.post(
        _changelist(),
        {
            "action": "approve_stages",
            ACTION_CHECKBOX_NAME: [stage.pk, other.pk],
            "confirm": "1",
            **shown,
        },
        follow=True,
    )
    assert RESUBMITTED in response.content.decode()
    stage.refresh_from_db()
    other.refresh_from_db()
    assert stage.state == StageState.SUBMITTED
    assert other.state == StageState.APPROVED  # the one shown as it is was approved


def test_admin_return_passes_the_submission_it_showed(client, world):
    stage = bring(world, world.city_a, "office", StageState.SUBMITTED)
    client.force_login(world.coordinator_a)
    page = client.post(_changelist(), {"action": "return_stages", ACTION_CHECKBOX_NAME: [stage.pk]})
    assert f'name="submission_{stage.pk}" value="{stage.submission}"' in page.content.decode()
    shown = stage.submission
    stage = _resubmit(world, stage)
    client.post(
        _changelist(),
        {
            "action": "return_stages",
            ACTION_CHECKBOX_NAME: [stage.pk],
            "confirm": "1",
            "comment": "Again.",
            f"submission_{stage.pk}": shown,
        },
    )
    stage.refresh_from_db()
    assert stage.state == StageState.SUBMITTED
