"""The pages of the versioned frameworks (issue 13): a framework's versions, and what changed
from one version to another. Who may: the programme's coordinators and evaluators
(`permissions.can_view_frameworks`); another programme's people get a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cities.calendars import programme_calendar_activate
from core.lookups import visible_programme

from . import frameworks, permissions
from .models import FrameworkKind, FrameworkVersion


def _framework_of(request, programme_key: str, kind: str):
    programme = visible_programme(request.user, programme_key)
    if kind not in FrameworkKind.values:
        raise Http404
    if not permissions.can_view_frameworks(request.user, programme):
        raise PermissionDenied
    programme_calendar_activate(programme)
    return programme, FrameworkKind(kind)


def _number(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**15 else None


@login_required
@require_safe
def framework_versions(request, programme, kind):
    """The framework's versions, newest first, with their criteria counted, their uses, and a
    link to what each changed from the one before."""
    programme, kind = _framework_of(request, programme, kind)
    return render(
        request,
        "candidacy/frameworks/versions.html",
        {
            "programme": programme,
            "kind": kind,
            "versions": frameworks.framework_versions(programme, kind),
            "can_revise": frameworks.can_revise_framework(request.user, programme),
        },
    )


@login_required
@require_safe
def framework_compare(request, programme, kind):
    """What changed from version `from` to version `to` (`?from=1&to=2`; by default, from the
    version before the latest to the latest): criteria added, removed and changed, with their
    texts per language."""
    programme, kind = _framework_of(request, programme, kind)
    versions = {
        version.number: version
        for version in FrameworkVersion.objects.filter(programme=programme, kind=kind)
    }
    if not versions:
        return framework_versions(request, programme.key, kind)
    after = _number(request.GET.get("to")) or max(versions)
    before = _number(request.GET.get("from")) or max(after - 1, 1)
    if before not in versions or after not in versions:
        raise Http404
    return render(
        request,
        "candidacy/frameworks/compare.html",
        {
            "programme": programme,
            "kind": kind,
            "before": versions[before],
            "after": versions[after],
            "numbers": sorted(versions),
            "changes": frameworks.framework_compare(versions[before], versions[after]),
        },
    )
