"""Who manages a commitment is written once as a predicate (`can_manage_commitment`) and once as
the query beside it (`manageable_commitments_q`, read by the "My tasks" page): this test holds
the two to the same answer over every party x city x role."""

import datetime

from cities.roles import Role
from stakeholders.models import Commitment, Memorandum
from stakeholders.permissions import can_manage_commitment, manageable_commitments_q
from tests import factories as f


def test_the_query_equals_the_predicate(world, superuser):
    both = f.coordinator_user(world.programme_a, username="coord.and.office")
    f.RoleAssignmentFactory(user=both, role=Role.OFFICE, city=world.city_b)
    for city in (world.city_a, world.city_a2, world.city_b):
        memorandum = Memorandum.objects.create(
            city=city, title="Memorandum", signed_on=datetime.date(2024, 1, 1)
        )
        for party in Commitment.Party.values:
            Commitment.objects.create(memorandum=memorandum, party=party, description="A promise.")
    commitments = list(Commitment.objects.select_related("memorandum__city"))
    assert len(commitments) == 3 * len(Commitment.Party.values)
    people = [
        world.office_a,
        world.office_b,
        world.coordinator_a,
        world.coordinator_b,
        world.evaluator_a,
        both,
        superuser,
        f.UserFactory(username="nobody"),
    ]
    for user in people:
        found = set(
            Commitment.objects.filter(manageable_commitments_q(user)).values_list("pk", flat=True)
        )
        for commitment in commitments:
            assert (commitment.pk in found) == can_manage_commitment(user, commitment), (
                user.username,
                commitment.party,
                commitment.memorandum.city.slug,
            )
