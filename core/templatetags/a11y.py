"""Template helpers for accessible markup: ids that are unique on the page, so that a region,
a table and its caption can name each other however many tables a page shows."""

from itertools import count

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def element_id(context, prefix: str) -> str:
    """A new id, `<prefix>-<n>`, unique within the request's page (counted on the request)."""
    request = context.get("request")
    holder = request if request is not None else context.render_context
    counter = getattr(holder, "_element_ids", None)
    if counter is None:
        counter = count(1)
        holder._element_ids = counter
    return f"{prefix}-{next(counter)}"
