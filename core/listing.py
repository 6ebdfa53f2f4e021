"""Long lists as users expect them: a search, a choice of order and pages of a chosen size, all
kept in the URL (`?q=...&sort=...&per_page=...&page=...`), so a link or a bookmark shows the
same screen. A page reads one screen of rows and one count, whatever the size of the table.

    listing = list_page(request, cities, sorts=SORTS, search=name_contains)
    {% include "includes/list_controls.html" with listing=listing %}
    {% for city in listing.page %}...{% endfor %}
    {% include "includes/pager.html" with page=listing.page %}

A parameter that is not understood (an unknown sort, `per_page=100000`, `page=abc`) falls back
to the default, never to an error page: a URL typed by hand still shows a list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cities.templatetags.portal import format_number

PAGE_SIZES = (25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 50
SEARCH_MAX_LENGTH = 100


@dataclass(frozen=True)
class Sort:
    label: object  # a lazy translation
    order_by: tuple  # fields or expressions, as for QuerySet.order_by


class ListForm(forms.Form):
    """The list's controls. Pages with filters of their own subclass it and add fields."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False)
    per_page = forms.TypedChoiceField(
        label=_("Rows per page"),
        required=False,
        coerce=int,
        choices=[(size, size) for size in PAGE_SIZES],
    )

    def __init__(self, data=None, *args, sorts: dict[str, Sort], **kwargs):
        if data is not None:  # the controls show the order and page size in use
            data = data.copy()
            data.setdefault("sort", next(iter(sorts)))
            data.setdefault("per_page", str(DEFAULT_PAGE_SIZE))
        super().__init__(data, *args, **kwargs)
        for field in self.fields.values():  # Bootstrap's look, without a template per field
            kind = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = kind
        self.fields["sort"].choices = [(key, sort.label) for key, sort in sorts.items()]
        self.fields["per_page"].choices = [(size, format_number(size)) for size in PAGE_SIZES]

    def value(self, name, default):
        """The field's cleaned value, or `default` when it was left out or not understood."""
        self.is_valid()  # cleans once; an unbound form has no values
        value = getattr(self, "cleaned_data", {}).get(name)
        return default if value in (None, "") else value


@dataclass
class Listing:
    page: Page
    form: ListForm
    query: str
    sort: str
    per_page: int

    @property
    def rows(self):
        return self.page.object_list


def list_page(
    request,
    queryset: QuerySet,
    *,
    sorts: dict[str, Sort],
    search: Callable[[str], Q] | None = None,
    form: ListForm | None = None,
) -> Listing:
    """One page of `queryset`, searched with `search(text)` (a Q; no search box without it)
    and ordered by the chosen of `sorts` (the first is the default). `form`: a `ListForm`
    (subclass) already bound to `request.GET`, when the page filters too."""
    if form is None:
        form = ListForm(request.GET, sorts=sorts)
    if search is None:
        form.fields.pop("q")
    default_sort = next(iter(sorts))
    query = (form.value("q", "") or "").strip() if search else ""
    sort = form.value("sort", default_sort)
    per_page = form.value("per_page", DEFAULT_PAGE_SIZE)
    if query:
        queryset = queryset.filter(search(query))
    queryset = queryset.order_by(*sorts[sort].order_by)
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    return Listing(page=page, form=form, query=query, sort=sort, per_page=per_page)
