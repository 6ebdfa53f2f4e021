"""Public pages."""

from django.shortcuts import get_object_or_404, render

from cities.languages import programme_language_apply
from cities.models import Programme

from . import selectors


def public_cities(request):
    """Deliberately public: which cities are where (no narrative, no evidence, no people)."""
    return render(request, "reporting/public_cities.html", {"cities": selectors.public_cities()})


def public_programme(request, programme):
    """Deliberately public: one programme's cities, in the programme's language for a reader
    whose browser asks for none of ours."""
    programme = get_object_or_404(Programme, key=programme)
    programme_language_apply(request, programme)
    cities = selectors.public_cities(programme=programme)
    return render(
        request, "reporting/public_cities.html", {"cities": cities, "programme": programme}
    )
