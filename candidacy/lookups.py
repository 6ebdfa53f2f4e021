"""Scoped lookups for the pipeline's pages: a stage outside the user's scope does not exist for
them (404). Built on `core.lookups.visible_city`."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from core.lookups import visible_city

from .models import SignOff, StageProgress


def visible_stage(user, city_slug: str, stage_key: str) -> StageProgress:
    """The city's stage with this key, with its definition, city and sign-offs; 404 if the
    user may not read the city or it has no such stage."""
    city = visible_city(user, city_slug)
    progress = get_object_or_404(
        StageProgress.objects.select_related("definition", "candidacy").prefetch_related(
            Prefetch("signoffs", queryset=SignOff.objects.select_related("user"))
        ),
        candidacy__city=city,
        definition__key=stage_key,
    )
    progress.candidacy.city = city  # with its programme, as `visible_city` read it
    return progress
