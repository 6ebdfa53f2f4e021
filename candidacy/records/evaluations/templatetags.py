"""The template tag library `evaluations` (loaded through `candidacy.templatetags.evaluations`):
the stage page reads the evaluation through it, as the record's part of the page."""

from django import template

from . import selectors

register = template.Library()


@register.simple_tag
def evaluation_of(progress):
    """`{% evaluation_of progress as evaluation %}`: the record and every criterion with its
    judgement (a fixed number of queries)."""
    return selectors.evaluation_of(progress)
