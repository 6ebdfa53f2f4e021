"""The public library of good practice (`/good-practice/`): anonymous, a page at a time, kept
in the public cache (`reporting.cache`) under the lists' edition, which a change of an entry,
a theme or a marked initiative raises (`reporting.signals`). What it shows is
`library.selectors`' public read: no person, no contact."""

from django.http import Http404
from django.shortcuts import render

from core.listing import list_page
from library import selectors
from library.forms import LibraryFilterForm
from library.models import GoodPractice

from .cache import public_page


def library(request):
    """Every published entry, a page at a time: searched, filtered by goal area, country,
    theme and city, sorted."""

    def page():
        published = GoodPractice.objects.filter(selectors.PUBLISHED)
        form = LibraryFilterForm(request.GET, sorts=selectors.PUBLIC_SORTS, entries=published)
        listing = list_page(
            request,
            form.filtered(selectors.public_entries()),
            sorts=selectors.PUBLIC_SORTS,
            search=selectors.public_search,
            form=form,
        )
        listing.page.object_list = selectors.entry_cards(listing.page.object_list)
        return render(request, "reporting/good_practice.html", {"listing": listing})

    return public_page(request, page)


def library_entry(request, entry):
    """One published entry (404 for any other)."""

    def page():
        found = selectors.entry_cards(selectors.public_entries().filter(pk=entry))
        if not found:
            raise Http404
        return render(request, "reporting/good_practice_entry.html", {"entry": found[0]})

    return public_page(request, page)
