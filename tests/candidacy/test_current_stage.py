"""`Candidacy.current_stage`, the stored pointer every list sorts and filters on, agrees with
the city's stages after every service that moves them: the first stage, in the programme's
order, not yet approved, else the last."""

import random

import pytest

from candidacy import services
from candidacy.models import Candidacy, StageDefinition, StageProgress, StageState
from tests import factories as f

from .workflow import RETURN_COMMENT

pytestmark = pytest.mark.django_db


def _expected(candidacy) -> int | None:
    stages = list(candidacy.stages.order_by("definition__position"))
    for stage in stages:
        if stage.state != StageState.APPROVED:
            return stage.pk
    return stages[-1].pk if stages else None


def _agrees(*cities):
    for city in cities:
        candidacy = Candidacy.objects.get(city=city)
        assert candidacy.current_stage_id == _expected(candidacy), city.slug


def test_a_new_candidacy_points_at_its_first_stage(world):
    _agrees(world.city_a, world.city_a2, world.city_b)
    assert Candidacy.objects.get(city=world.city_a).current_stage.definition.key == "office"


def test_the_pointer_follows_every_move(world):
    stages = world.stages
    for key in stages.keys[:3]:
        stages.submit(key)
        _agrees(world.city_a)
        stages.give_back(key)
        _agrees(world.city_a)
        stages.approve(key)
        _agrees(world.city_a)
    services.stage_reopen(
        progress=stages.stage(stages.keys[2]), by=world.coordinator_a, reason="Redo it."
    )
    _agrees(world.city_a)
    current = Candidacy.objects.get(city=world.city_a).current_stage
    assert current.definition.key == stages.keys[2]
    _agrees(world.city_a2, world.city_b)  # the other cities did not move


def test_random_walks_keep_the_pointer_right(world):
    """Many random sequences of the services, on two cities, checked after every step."""
    rng = random.Random(10)
    stages = world.stages
    for _ in range(25):
        city = rng.choice([world.city_a, world.city_a2])
        candidacy = Candidacy.objects.get(city=city)
        current = candidacy.current_stage
        key = current.definition.key
        action = rng.choice(["submit", "return", "approve", "reopen"])
        if current.state in (StageState.OPEN, StageState.RETURNED) and action == "submit":
            stages.submit(key, city=city)
        elif current.state == StageState.SUBMITTED and action == "return":
            services.stage_return(
                progress=current, by=stages.signatories(current)[0], comment=RETURN_COMMENT
            )
        elif action == "reopen":
            approved = list(
                StageProgress.objects.filter(candidacy=candidacy, state=StageState.APPROVED)
            )
            if approved and current.state == StageState.OPEN:
                services.stage_reopen(
                    progress=approved[-1], by=world.coordinator_a, reason="Look again."
                )
        elif current.state != StageState.APPROVED:
            stages.approve(key, city=city)
        _agrees(world.city_a, world.city_a2, world.city_b)


def test_every_stage_approved_points_at_the_last(world):
    stages = world.stages
    for key in stages.keys:
        stages.approve(key)
    candidacy = Candidacy.objects.get(city=world.city_a)
    _agrees(world.city_a)
    assert candidacy.current_stage.definition.key == stages.keys[-1]


def test_a_stage_appended_to_the_programme_is_pointed_at_when_it_is_next(world):
    stages = world.stages
    for key in stages.keys:
        stages.approve(key)
    last = StageDefinition.objects.filter(programme=world.programme_a).order_by("-position")[0]
    StageDefinition.objects.create(
        programme=world.programme_a,
        position=last.position + 1,
        key="appended",
        kind=last.kind,
        title="Appended",
        prepared_by=last.prepared_by,
        signed_by_coordinator=True,
    )
    services.stage_sync_definitions(candidacy=Candidacy.objects.get(city=world.city_a))
    _agrees(world.city_a)


def test_withdrawal_is_recorded_on_the_current_stage(world):
    world.stages.submit("office")
    candidacy = Candidacy.objects.get(city=world.city_a)
    services.candidacy_withdraw(candidacy=candidacy, by=world.coordinator_a, reason="Left.")
    assert candidacy.current_stage.transitions.filter(action="withdraw").count() == 1


def test_the_pointer_is_filled_for_a_bulk_of_candidacies(db):
    programme = f.make_programme(key="bulk", name="Bulk")
    cities = [f.make_city(programme, slug=f"bulk-{n}", name=f"Bulk {n}") for n in range(3)]
    Candidacy.objects.filter(city__in=cities).update(current_stage=None)
    assert services.current_stages_point(Candidacy.objects.filter(city__in=cities)) == 3
    _agrees(*cities)
