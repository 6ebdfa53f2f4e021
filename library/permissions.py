"""Who curates the library: the coordinators of an initiative's programme (and superusers), for
the initiatives their cities marked as good practice. Once as a predicate, once as the query
the curation page, "My tasks" and the admin read (`tests/library/test_permissions.py` holds
the two to the same answer over every role x marked/unmarked)."""

from __future__ import annotations

from django.db.models import Q

from candidacy.models import Initiative
from cities.permissions import coordinates, scope_of


def can_curate_programme_good_practice(user, programme_id: int) -> bool:
    """See a programme's curation page: its coordinators (and superusers)."""
    return scope_of(user).superuser or coordinates(user, programme_id)


def can_curate_good_practice(user, initiative: Initiative) -> bool:
    """Publish, withdraw or edit the library's entry of this initiative."""
    return initiative.good_practice and can_curate_programme_good_practice(
        user, initiative.progress.candidacy.city.programme_id
    )


def curatable_initiatives_q(user) -> Q:
    """`can_curate_good_practice(user, initiative)`, as a filter on `Initiative`."""
    scope = scope_of(user)
    marked = Q(good_practice=True)
    if scope.superuser:
        return marked
    return marked & Q(progress__candidacy__city__programme_id__in=scope.coordinated_programme_ids)
