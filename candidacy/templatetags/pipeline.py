"""Template helpers for the pipeline: the colours and names of stage states and statuses."""

from django import template

from candidacy import deadlines, permissions, rounds
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
    "ended": "secondary",
    "withdrawn": "dark",
}


@register.filter
def status_class(status):
    return _STATUS_CLASSES.get(status, "secondary")


@register.filter
def waiting(stage):
    """Which clock the stage runs on and for how long (`candidacy.deadlines.waiting`): shown
    as "in preparation, N days" or "waiting for sign-off, N days"; None with no clock."""
    return deadlines.waiting(stage) if stage else None


@register.filter
def overdue(stage) -> bool:
    """Is the stage past its deadline (`candidacy.deadlines.is_overdue`)?"""
    return bool(stage) and deadlines.is_overdue(stage)


@register.filter
def late(stage) -> bool:
    """Was the stage submitted after its candidacy's call round closed
    (`candidacy.rounds.is_late`)? A list's row annotated with `late` answers from it."""
    if not stage:
        return False
    annotated = getattr(stage, "late", None)
    return bool(annotated) if annotated is not None else rounds.is_late(stage)


@register.inclusion_tag("candidacy/frameworks/_version_line.html", takes_context=True)
def framework_version_line(context, city, kind, version):
    """ "Criteria version N · compare versions" on a record's page, for those who may read the
    city's programme's frameworks (`permissions.can_view_frameworks`); nothing while the record
    has no version (`version`: the version's number) nor in a page made without a request
    (the dossier)."""
    request = context.get("request")
    if not version or request is None:
        return {"shown": False}
    programme = city.programme
    return {
        "shown": permissions.can_view_frameworks(request.user, programme),
        "programme": programme,
        "kind": kind,
        "number": version,
    }
