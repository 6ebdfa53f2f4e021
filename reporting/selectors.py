"""Reads for the public pages: only what the public may see (no narrative, no evidence, no
people)."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from candidacy.selectors import long_texts
from cities.models import City
from cities.names import in_reader_language, names_contain
from core.listing import Sort

PUBLIC_SORTS = {
    "country": Sort(_("Country, then city"), ("shown_country", "shown_name", "pk")),
    "name": Sort(_("City"), ("shown_name", "pk")),
    "stage": Sort(
        _("Furthest along first"),
        (
            F("candidacy__current_stage__definition__position").desc(nulls_last=True),
            "shown_name",
            "pk",
        ),
    ),
}


def public_cities(*, programme=None) -> QuerySet[City]:
    """Every city (or `programme`'s) with its programme, country, candidacy and current stage
    (`city.candidacy.current_stage`); names in the reader's language (`shown_name`,
    `shown_country`) to sort on. Unordered: the page orders it by one of `PUBLIC_SORTS` and
    reads one screen of it."""
    found = City.objects.all() if programme is None else City.objects.filter(programme=programme)
    return (
        found.select_related("programme__country", "candidacy__current_stage__definition")
        .defer(*long_texts("candidacy__current_stage"))
        .annotate(
            shown_name=in_reader_language("name"),
            shown_country=in_reader_language("programme__country__name"),
        )
    )


def public_search(text: str) -> Q:
    return (
        names_contain("name", text)
        | names_contain("region", text)
        | names_contain("programme__country__name", text)
    )
