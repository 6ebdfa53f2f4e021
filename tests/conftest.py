"""Fixtures shared by every test: two programmes (A and B), a city in each, plus a second city in
programme A, and one user of each role in each scope."""

from dataclasses import dataclass

import pytest

from tests import factories as f
from tests.candidacy.workflow import StageWorld


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
    stages: StageWorld  # the same people, to move a stage along (tests/candidacy/workflow.py)

    def stage(self, city, key):
        return f.stage_of(city, key)


@pytest.fixture
def world(db):
    made = f.make_two_programmes(
        programmes=[("alpha", "Alpha programme"), ("beta", "Beta programme")],
        cities=[("city-a", "City A"), ("city-a2", "City A2"), ("city-b", "City B")],
        scopes=["a", "a2", "b"],
    )
    return World(
        programme_a=made["programme"],
        programme_b=made["far_programme"],
        city_a=made["city"],
        city_a2=made["other_city"],
        city_b=made["far_city"],
        office_a=made["office"],
        office_a2=made["other_office"],
        office_b=made["far_office"],
        coordinator_a=made["coordinator"],
        coordinator_b=made["far_coordinator"],
        evaluator_a=made["evaluator"],
        evaluator_b=made["far_evaluator"],
        stages=StageWorld(**made, keys=["office", "joint", "candidacy", "badge", "review"]),
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


@pytest.fixture(autouse=True)
def no_calendar_by_default():
    """Each test starts with no programme's calendar active: a lookup called outside a request
    (which the middleware would reset) leaves its programme's calendar in the context."""
    from cities.calendars import calendar_override

    with calendar_override(None):
        yield


@pytest.fixture(autouse=True)
def _cache_emptied():
    """Each test starts with an empty cache: the public pages' cache (`reporting.cache`) is
    keyed on an edition number that rolled-back tests never raise."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
