"""`{% plan_record progress as rec %}`: what the stage page shows of the situation analysis,
the plans or the review rounds (`candidacy.records.plans.selectors.stage_context`). A template
tag, so that these records hook into the shared stage page without changing its view."""

from django import template

from candidacy.records.plans.selectors import stage_context

register = template.Library()


@register.simple_tag
def plan_record(progress):
    return stage_context(progress)
