"""Public pages: deliberately public (no narrative, no evidence, no people), a page of cities at
a time, served from the public cache (`reporting.cache`) while nothing they show has changed."""

from django.shortcuts import get_object_or_404, render

from cities.languages import programme_language_apply
from cities.models import Programme
from core.listing import list_page

from . import selectors
from .cache import public_page


def _cities_page(request, cities, **context):
    listing = list_page(
        request, cities, sorts=selectors.PUBLIC_SORTS, search=selectors.public_search
    )
    return render(request, "reporting/public_cities.html", {"listing": listing, **context})


def public_cities(request):
    """Which cities are where."""
    return public_page(request, lambda: _cities_page(request, selectors.public_cities()))


def public_programme(request, programme):
    """One programme's cities, in the programme's language for a reader whose browser asks for
    none of ours."""
    programme = get_object_or_404(Programme.objects.select_related("country"), key=programme)
    programme_language_apply(request, programme)
    return public_page(
        request,
        lambda: _cities_page(
            request, selectors.public_cities(programme=programme), programme=programme
        ),
    )
