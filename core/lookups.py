"""Scoped lookups: an object outside the user's scope does not exist for them (404).

The city (with its programme) and the programme are kept in the cache by slug or key under the
lists' edition (`core.editions`), which a change to either raises: a page of a city reads no
row of it while nothing has changed. Whether the user may read it is asked at every request
(`cities.permissions`)."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404

from cities.calendars import programme_calendar_activate
from cities.models import City, Programme
from cities.permissions import can_view_city, can_view_programme
from cities.selectors import with_joint_partners

from .editions import TIMEOUT, edition


def kept_lookup(kind: str, value: str, read):
    """The object `read()` finds, kept in the cache by `kind` and `value` under the lists'
    edition (so `read` must find only what a change raising that edition changes); 404 if there
    is none (not kept: a city made later is found at once)."""
    key = f"lookup:{edition()}:{kind}:{value}"
    found = cache.get(key)
    if found is None:
        found = read()
        if found is None:
            raise Http404
        cache.set(key, found, TIMEOUT)
    return found


def visible_city(user, slug: str) -> City:
    """The city with this slug, if the user may read its private pages; 404 otherwise. The
    rest of the request dates in its programme's calendar (`cities.calendars`)."""
    # The query is built only when the cache misses: building it (the annotation above all)
    # cost a third of the city page's own time.
    city = kept_lookup(
        "city",
        slug,
        lambda: (
            with_joint_partners(City.objects.select_related("programme"))  # the city page's
            .filter(slug=slug)
            .first()
        ),
    )
    if not can_view_city(user, city):
        raise Http404
    programme_calendar_activate(city.programme)
    return city


def visible_programme(user, key: str) -> Programme:
    """The programme with this key, if the user may see it (`can_view_programme`); 404
    otherwise."""
    programme = kept_lookup("programme", key, lambda: Programme.objects.filter(key=key).first())
    if not can_view_programme(user, programme):
        raise Http404
    return programme
