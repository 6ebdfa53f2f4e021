"""Public pages."""

from django.shortcuts import render

from . import selectors


def public_cities(request):
    """Deliberately public: which cities are where (no narrative, no evidence, no people)."""
    return render(request, "reporting/public_cities.html", {"cities": selectors.public_cities()})
