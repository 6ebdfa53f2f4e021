"""Reads for the public pages: only what the public may see (no narrative, no evidence, no
people)."""

from __future__ import annotations

from django.db.models import Prefetch

from candidacy.models import StageProgress
from candidacy.selectors import current_of
from cities.models import City


def public_cities(*, programme=None) -> list[City]:
    """Every city (or `programme`'s) with its programme, country, candidacy and current stage
    (`city.current`)."""
    found = City.objects.all() if programme is None else City.objects.filter(programme=programme)
    cities = list(
        found.select_related("programme__country", "candidacy")
        .prefetch_related(
            Prefetch(
                "candidacy__stages",
                queryset=StageProgress.objects.select_related("definition").order_by(
                    "definition__position"
                ),
            )
        )
        .order_by("programme__country__name", "name")
    )
    for city in cities:
        city.current = current_of(city)
    return cities
