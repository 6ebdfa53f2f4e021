"""The curation rule, once as a predicate and once as a query: the two agree for every role
over marked and unmarked initiatives of every city; the queue is the query's."""

import pytest

from candidacy.models import Initiative
from library.permissions import can_curate_good_practice, curatable_initiatives_q
from library.selectors import good_practice_to_review
from tests.library import make

pytestmark = pytest.mark.django_db

ROLES = [
    "office_a",
    "office_a2",
    "office_b",
    "coordinator_a",
    "coordinator_b",
    "evaluator_a",
    "evaluator_b",
]


@pytest.mark.parametrize("who", [*ROLES, "superuser"])
def test_the_predicate_and_the_query_agree(world, superuser, who):
    user = superuser if who == "superuser" else getattr(world, who)
    for city in (world.city_a, world.city_a2, world.city_b):
        for marked in (True, False):
            make.initiative(city, title=f"{city.slug} {marked}", good_practice=marked)
    initiatives = Initiative.objects.select_related("progress__candidacy__city")
    by_predicate = {i.pk for i in initiatives if can_curate_good_practice(user, i)}
    by_query = set(
        Initiative.objects.filter(curatable_initiatives_q(user)).values_list("pk", flat=True)
    )
    assert by_predicate == by_query
    expected = {"coordinator_a": 2, "coordinator_b": 1, "superuser": 3}.get(who, 0)
    assert len(by_query) == expected


def test_the_queue_leaves_out_what_was_decided(world):
    waiting = make.initiative(world.city_a, title="Waiting")
    make.published(world.city_a, world.coordinator_a, title="Published")
    make.initiative(world.city_b, title="Elsewhere")
    assert list(good_practice_to_review(world.coordinator_a)) == [waiting]
    assert list(good_practice_to_review(world.coordinator_a, world.programme_b)) == []
