"""Fixtures shared by every test: two programmes (A and B), a city in each, plus a second city in
programme A, and one user of each role in each scope."""

from dataclasses import dataclass

import pytest

from tests import factories as f


@dataclass
class World:
    programme_a: object
    programme_b: object
    city_a: object
    city_a2: object
    city_b: object
    office_a: object
    office_a2: object
    office_b: object
    coordinator_a: object
    coordinator_b: object
    evaluator_a: object
    evaluator_b: object

    def stage(self, city, key):
        return city.candidacy.stages.select_related("definition", "candidacy__city__programme").get(
            definition__key=key
        )


@pytest.fixture
def world(db):
    programme_a = f.make_programme(key="alpha", name="Alpha programme")
    programme_b = f.make_programme(key="beta", name="Beta programme")
    city_a = f.make_city(programme_a, slug="city-a", name="City A")
    city_a2 = f.make_city(programme_a, slug="city-a2", name="City A2")
    city_b = f.make_city(programme_b, slug="city-b", name="City B")
    return World(
        programme_a=programme_a,
        programme_b=programme_b,
        city_a=city_a,
        city_a2=city_a2,
        city_b=city_b,
        office_a=f.office_user(city_a, username="office.a"),
        office_a2=f.office_user(city_a2, username="office.a2"),
        office_b=f.office_user(city_b, username="office.b"),
        coordinator_a=f.coordinator_user(programme_a, username="coord.a"),
        coordinator_b=f.coordinator_user(programme_b, username="coord.b"),
        evaluator_a=f.evaluator_user(programme_a, username="eval.a"),
        evaluator_b=f.evaluator_user(programme_b, username="eval.b"),
    )


@pytest.fixture
def superuser(db):
    return f.UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English: a request in Persian leaves its language active in the
    thread (LocaleMiddleware activates it and never resets it)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
