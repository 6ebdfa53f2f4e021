"""Open and overdue commitments per party, on pages of the pipeline (the city page and the
coordinator's overview), which must not import `stakeholders` themselves: `reporting` is the
layer that reads both.

    {% load commitments %}
    {% commitment_summaries rows as commitments %}      {# one query for every city listed #}
    {% commitments_of commitments row.city %}           {# renders that city's summary #}

`commitment_summaries` accepts a city, or a list of cities or of rows with a `city` attribute.
"""

from django import template
from django.utils.translation import gettext as _

from stakeholders.selectors import CommitmentSummary, open_commitments_by_city

register = template.Library()


def _cities(items):
    if hasattr(items, "pk") and hasattr(items, "slug"):
        return [items]
    return [getattr(item, "city", item) for item in items]


@register.simple_tag
def commitment_summaries(items) -> dict[int, CommitmentSummary]:
    """Open and overdue commitments per party for every city of `items`, in one query."""
    return open_commitments_by_city(_cities(items))


@register.inclusion_tag("stakeholders/_commitment_summary.html")
def commitments_of(summaries, city, empty_text=None):
    """One city's open and overdue commitments per party, as a short list."""
    return {
        "summary": summaries.get(city.pk) or CommitmentSummary(),
        "empty_text": _("None open") if empty_text is None else empty_text,
    }
