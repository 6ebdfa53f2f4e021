"""The signing rule is written once: `permissions.signing_role` for one stage and
`permissions.signable_stages_q` as a query. The sign-off queue, the admin's "awaiting my
sign-off" filter and the recipients of the "awaits your sign-off" e-mail derive from them.
This generated test holds queue membership to the predicate over every state x role x
withdrawn/active x approvals already given."""

import itertools

import pytest
from django.utils import timezone

from candidacy import permissions, selectors, services
from candidacy.models import SignOff, StageProgress, StageState
from cities.models import City
from cities.roles import Role
from demo.testing import complete_record
from tests import factories as f

STATES = list(StageState)
APPROVALS_GIVEN = [(), (Role.COORDINATOR,), (Role.EVALUATOR,)]


@pytest.fixture
def people(world, superuser):
    both = f.coordinator_user(world.programme_a, username="coord.and.office")
    f.RoleAssignmentFactory(user=both, role=Role.OFFICE, city=world.city_a)
    # A rayon held jointly with city A: city A's office is an office of the rayon too.
    rayon = f.make_city(
        world.programme_a,
        slug="city-a-rayon",
        entity_type=City.EntityType.DISTRICT_RAYON,
        joint_with=world.city_a,
    )
    return {
        "office_of_the_rayon_held_jointly_with_a": f.office_user(rayon, username="office.rayon"),
        "office_a": world.office_a,
        "office_a2": world.office_a2,
        "office_b": world.office_b,
        "coordinator_a": world.coordinator_a,
        "coordinator_b": world.coordinator_b,
        "evaluator_a": world.evaluator_a,
        "evaluator_b": world.evaluator_b,
        "coordinator_and_office_a": both,
        "coordinator_and_evaluator_recused_from_a": f.coordinator_recused_from(
            world.city_a, username="coord.recused"
        ),
        "superuser": superuser,
        "no_role": f.UserFactory(username="nobody"),
    }


@pytest.mark.parametrize(
    ("state", "withdrawn", "approved_by"),
    list(itertools.product(STATES, [False, True], APPROVALS_GIVEN)),
)
def test_queue_membership_equals_the_predicate(world, people, state, withdrawn, approved_by):
    # Arrange every stage of two cities in the same situation (test set-up writes state directly).
    cities = [world.city_a, world.city_b, City.objects.get(slug="city-a-rayon")]
    stages = StageProgress.objects.filter(candidacy__city__in=cities)
    stages.update(state=state, submitted_at=timezone.now())
    if withdrawn:
        world.city_a.candidacy.__class__.objects.filter(city=world.city_a).update(
            withdrawn_on=timezone.localdate()
        )
    for progress in stages.select_related("definition"):
        for role in approved_by:
            if role in progress.definition.signatory_roles:
                signer = world.coordinator_a if role == Role.COORDINATOR else world.evaluator_a
                SignOff.objects.create(progress=progress, role=role, user=signer)
    everything = list(
        StageProgress.objects.filter(pk__in=stages)
        .select_related("definition", "candidacy__city__programme")
        .prefetch_related("signoffs")
    )
    assert len(everything) == 15  # five stages of city A, of city B and of the rayon
    for name, user in people.items():
        queue = {progress.pk for progress in selectors.signoff_queue(user)}
        for progress in everything:
            assert (progress.pk in queue) == permissions.can_sign_stage(user, progress), (
                name,
                progress.definition.key,
                progress.candidacy.city.slug,
            )


def test_a_withdrawn_candidacy_leaves_the_queue(world):
    """Regression: a submitted stage of a withdrawn candidacy stayed in the coordinator's
    queue, although they could no longer sign it."""
    progress = world.stage(world.city_a, "office")
    complete_record(progress, by=world.office_a)
    services.stage_save_draft(progress=progress, by=world.office_a, narrative="Done.")
    services.stage_submit(progress=progress, by=world.office_a)
    assert [s.pk for s in selectors.signoff_queue(world.coordinator_a)] == [progress.pk]
    services.candidacy_withdraw(
        candidacy=progress.candidacy, by=world.coordinator_a, reason="The city left."
    )
    assert list(selectors.signoff_queue(world.coordinator_a)) == []
    progress = world.stage(world.city_a, "office")
    assert not permissions.can_sign_stage(world.coordinator_a, progress)


def test_the_admin_filter_awaiting_my_signoff_is_the_queue(client, world):
    progress = world.stage(world.city_a, "office")
    complete_record(progress, by=world.office_a)
    services.stage_save_draft(progress=progress, by=world.office_a, narrative="Done.")
    services.stage_submit(progress=progress, by=world.office_a)
    client.force_login(world.coordinator_a)
    response = client.get("/admin/candidacy/stageprogress/?awaiting_me=yes")
    assert response.status_code == 200
    listed = [row.pk for row in response.context["cl"].result_list]
    assert listed == [s.pk for s in selectors.signoff_queue(world.coordinator_a)] == [progress.pk]
    services.candidacy_withdraw(
        candidacy=progress.candidacy, by=world.coordinator_a, reason="The city left."
    )
    response = client.get("/admin/candidacy/stageprogress/?awaiting_me=yes")
    assert list(response.context["cl"].result_list) == []


def test_submission_email_goes_to_exactly_those_who_may_sign(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    progress = world.stage(world.city_a, "joint")
    progress.state = StageState.OPEN
    progress.save()
    complete_record(progress, by=world.office_a)
    services.stage_save_draft(progress=progress, by=world.office_a, narrative="Done.")
    with django_capture_on_commit_callbacks(execute=True):
        services.stage_submit(progress=progress, by=world.office_a)
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == sorted([world.coordinator_a.email, world.evaluator_a.email])
