"""Preparing is written once as predicates (`can_prepare_stage`, `can_edit_stage`) and once as
the queries beside them (`preparable_stages_q`, `editable_stages_q`), which the "My tasks" page
reads. This generated test holds each query to its predicate over every state x preparer x
role x withdrawn/active."""

import itertools

import pytest
from django.utils import timezone

from candidacy import permissions
from candidacy.models import Preparer, StageDefinition, StageProgress, StageState
from cities.roles import Role
from tests import factories as f


@pytest.fixture
def people(world, superuser):
    both = f.coordinator_user(world.programme_a, username="coord.and.office")
    f.RoleAssignmentFactory(user=both, role=Role.OFFICE, city=world.city_a)
    return {
        "office_a": world.office_a,
        "office_b": world.office_b,
        "coordinator_a": world.coordinator_a,
        "coordinator_b": world.coordinator_b,
        "evaluator_a": world.evaluator_a,
        "evaluator_b": world.evaluator_b,
        "coordinator_and_office_a": both,
        "superuser": superuser,
        "no_role": f.UserFactory(username="nobody"),
    }


@pytest.mark.parametrize(
    ("state", "withdrawn"), list(itertools.product(list(StageState), [False, True]))
)
def test_the_queries_equal_the_predicates(world, people, state, withdrawn):
    # every preparer: the programmes' "review" stage is the coordinator's here
    StageDefinition.objects.filter(key="review").update(prepared_by=Preparer.COORDINATOR)
    stages = StageProgress.objects.filter(candidacy__city__in=[world.city_a, world.city_b])
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
