"""The signed-in user's Django permissions (their own and their groups', asked by the admin on
every page) are kept under the lists' edition with the user's row (`core.auth`): read once,
and a change of them (a group given or taken, a group's permissions, the user's own) counts at
the next request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.auth import KeptUserBackend
from core.editions import EditionMiddleware
from tests import factories as f

pytestmark = pytest.mark.django_db


def _request(user_id) -> dict:
    """Whether the user may view cities, and the queries it took, in a request of its own."""
    seen = {}

    def view(request):
        user = KeptUserBackend().get_user(user_id)
        with CaptureQueriesContext(connection) as queries:
            seen["may"] = user.has_perm("cities.view_city")
            user.has_perm("cities.change_city")  # asked again: read once per request
        seen["queries"] = len(queries)

    EditionMiddleware(view)(None)
    return seen


def test_permissions_are_kept_and_every_change_counts_at_the_next_request(
    django_capture_on_commit_callbacks,
):
    user = f.UserFactory()
    group = Group.objects.create(name="Readers")
    view_city = Permission.objects.get(codename="view_city")
    assert _request(user.pk)["may"] is False
    assert _request(user.pk) == {"may": False, "queries": 0}  # kept
    with django_capture_on_commit_callbacks(execute=True):
        group.permissions.add(view_city)
        user.groups.add(group)
    assert _request(user.pk)["may"] is True
    with django_capture_on_commit_callbacks(execute=True):
        group.permissions.remove(view_city)
    assert _request(user.pk)["may"] is False
    with django_capture_on_commit_callbacks(execute=True):
        user.user_permissions.add(view_city)
    assert _request(user.pk)["may"] is True
    with django_capture_on_commit_callbacks(execute=True):
        user.user_permissions.clear()
    assert _request(user.pk)["may"] is False
    with django_capture_on_commit_callbacks(execute=True):
        group.permissions.add(view_city)
    assert _request(user.pk)["may"] is True
    with django_capture_on_commit_callbacks(execute=True):
        group.delete()
    assert _request(user.pk)["may"] is False
