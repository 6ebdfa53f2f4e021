"""Preparing is written once as predicates (`can_prepare_stage`, `can_edit_stage`) and once as
the queries beside them (`preparable_stages_q`, `editable_stages_q`), which the "My tasks" page
reads. This generated test holds each query to its predicate over every state x preparer x
role x withdrawn/active, a joint candidacy's two offices among the roles (a rayon held
jointly with city A: city A's office prepares it too, the rayon's office not city A's own)."""

import itertools

import pytest
from django.utils import timezone

from candidacy import permissions
from candidacy.models import Preparer, StageDefinition, StageProgress, StageState
from cities.models import City
from cities.roles import Role
from tests import factories as f


@pytest.fixture
def people(world, superuser):
    both = f.coordinator_user(world.programme_a, username="coord.and.office")
    f.RoleAssignmentFactory(user=both, role=Role.OFFICE, city=world.city_a)
    rayon = f.make_city(
        world.programme_a,
        slug="city-a-rayon",
        entity_type=City.EntityType.DISTRICT_RAYON,
        joint_with=world.city_a,
    )
    return {
        "office_a": world.office_a,
        "office_of_the_rayon_held_jointly_with_a": f.office_user(rayon, username="office.rayon"),
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
    ("state", "withdrawn"), list(itertools.product(list(StageState), [False, True]))
)
def test_the_queries_equal_the_predicates(world, people, state, withdrawn):
    # every preparer: the programmes' "review" stage is the coordinator's here
    StageDefinition.objects.filter(key="review").update(prepared_by=Preparer.COORDINATOR)
    cities = [world.city_a, world.city_b, City.objects.get(slug="city-a-rayon")]
    stages = StageProgress.objects.filter(candidacy__city__in=cities)
    stages.update(state=state)
    if withdrawn:
        world.city_a.candidacy.__class__.objects.filter(city=world.city_a).update(
            withdrawn_on=timezone.localdate()
        )
    everything = list(
        StageProgress.objects.filter(pk__in=stages).select_related(
            "definition", "candidacy__city__programme"
        )
    )
    assert {p.definition.prepared_by for p in everything} == set(Preparer.values)
    for name, user in people.items():
        preparable = set(
            stages.filter(permissions.preparable_stages_q(user)).values_list("pk", flat=True)
        )
        editable = set(
            stages.filter(permissions.editable_stages_q(user)).values_list("pk", flat=True)
        )
        for progress in everything:
            where = (name, progress.definition.key, progress.candidacy.city.slug)
            assert (progress.pk in preparable) == permissions.can_prepare_stage(user, progress), (
                where
            )
            assert (progress.pk in editable) == permissions.can_edit_stage(user, progress), where


def test_the_partners_office_prepares_the_joint_candidacy_and_not_the_other_way(world, people):
    rayon = City.objects.get(slug="city-a-rayon")
    rayon_office = people["office_of_the_rayon_held_jointly_with_a"]
    for city, preparing, not_preparing in [
        (rayon, [world.office_a, rayon_office], [world.office_a2]),
        (world.city_a, [world.office_a], [rayon_office]),
    ]:
        first = f.stage_of(city, "office")
        assert first.state == StageState.OPEN
        for user in preparing:
            assert permissions.can_prepare_stage(user, first), (user, city)
        for user in not_preparing:
            assert not permissions.can_prepare_stage(user, first), (user, city)
