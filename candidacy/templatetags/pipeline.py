"""Template helpers for the pipeline: the colours and names of stage states and statuses."""

from django import template

from candidacy.models import StageState

register = template.Library()

_STATE_CLASSES = {
    StageState.LOCKED: "secondary",
    StageState.OPEN: "primary",
    StageState.SUBMITTED: "warning",
    StageState.RETURNED: "danger",
    StageState.APPROVED: "success",
}


@register.filter
def state_class(state):
    return _STATE_CLASSES.get(state, "secondary")


@register.filter
def state_label(state):
    try:
        return StageState(state).label
    except ValueError:
        return state


_STATUS_CLASSES = {
    "preparing": "secondary",
    "candidate": "info",
    "recognised": "success",
    "lapsed": "warning",
    "withdrawn": "dark",
}


@register.filter
def status_class(status):
    return _STATUS_CLASSES.get(status, "secondary")
