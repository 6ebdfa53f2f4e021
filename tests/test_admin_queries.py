"""The admin pages that listed related rows one query at a time (issue 10's findings) cost the
same number of queries with few and with many rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cities.models import RoleAssignment
from cities.roles import Role
from tests import factories as f
from tests.stakeholders.factories import council_with_members

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    client.get(url)  # once first: per-process caches (content types...) are not the page's cost
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _same_at_both_sizes(build, client, url_of):
    counts = []
    for size in (2, 20):
        url = url_of(build(size))
        counts.append(_count(client, url))
    return counts


def test_role_assignment_changelist(client, world, superuser):
    def build(size):
        for _ in range(size):
            user = f.UserFactory()
            RoleAssignment.objects.create(user=user, role=Role.OFFICE, city=world.city_a)
            RoleAssignment.objects.create(
                user=user, role=Role.EVALUATOR, programme=world.programme_a
            )
        return None

    client.force_login(superuser)
    url = reverse("admin:cities_roleassignment_changelist")
    small, large = _same_at_both_sizes(build, client, lambda _: url)

    assert small == large


def test_council_change_page(client, world, superuser):
    def build(size):
        return council_with_members(world.city_a, members=size)

    client.force_login(superuser)
    small, large = _same_at_both_sizes(
        build,
        client,
        lambda council: reverse("admin:stakeholders_council_change", args=[council.pk]),
    )

    assert small == large


def test_stage_progress_change_page(client, world, superuser):
    from candidacy.models import SignOff, Transition

    stage = world.stage(world.city_a, "joint")

    def build(size):
        for _ in range(size):
            Transition.objects.create(
                progress=stage,
                action=Transition.Action.RETURN,
                actor=world.coordinator_a,
                actor_role=Role.COORDINATOR,
                from_state="submitted",
                to_state="returned",
                comment="Add the decree.",
            )
        SignOff.objects.get_or_create(
            progress=stage, role=Role.COORDINATOR, defaults={"user": world.coordinator_a}
        )
        return stage

    client.force_login(superuser)
    small, large = _same_at_both_sizes(
        build, client, lambda s: reverse("admin:candidacy_stageprogress_change", args=[s.pk])
    )

    assert small == large
