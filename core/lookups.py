"""Scoped lookups: an object outside the user's scope does not exist for them (404)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from cities.calendars import programme_calendar_activate
from cities.models import City
from cities.permissions import cities_visible_to


def visible_city(user, slug: str) -> City:
    """The city with this slug, if the user may read its private pages; 404 otherwise. The
    rest of the request dates in its programme's calendar (`cities.calendars`)."""
    city = get_object_or_404(cities_visible_to(user).select_related("programme"), slug=slug)
    programme_calendar_activate(city.programme)
    return city
