"""Scoped lookups for the pipeline's pages: a stage outside the user's scope does not exist for
them (404). Built on `core.lookups.visible_city`.

The stage (with its definition, call round and sign-offs) is kept in the cache under the lists'
edition (its definition, candidacy, call round, sign-offs, their signers' names) and the
stages' (its own row, a draft saved too): a stage page reads no row of it while nothing has
changed (`core.editions`). Whether the user may read it is asked at every request."""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from core.editions import STAGES, TIMEOUT, edition, kept_key
from core.lookups import visible_city

from .models import SignOff, StageProgress
from .permissions import can_see_dossier


class DossierClosed(PermissionDenied):
    """The user may read the city but not its dossier (an evaluator who has not declared, or
    declared a conflict of interest: `permissions.can_see_dossier`)."""

    def __init__(self, candidacy):
        super().__init__()
        self.candidacy = candidacy


def visible_stage(user, city_slug: str, stage_key: str) -> StageProgress:
    """The city's stage with this key, with its definition, city, call round and sign-offs;
    404 if the user may not read the city or it has no such stage; `DossierClosed` (403) if
    they may read the city but not its dossier."""
    city = visible_city(user, city_slug)
    key = kept_key("stage", city.pk, stage_key, edition(STAGES))
    progress = cache.get(key) if key else None
    if progress is None:
        progress = get_object_or_404(
            StageProgress.objects.select_related(
                "definition", "candidacy__call_round"
            ).prefetch_related(
                Prefetch("signoffs", queryset=SignOff.objects.select_related("user"))
            ),
            candidacy__city=city,
            definition__key=stage_key,
        )
        if key:
            cache.set(key, progress, TIMEOUT)
    progress.candidacy.city = city  # with its programme, as `visible_city` read it
    if not can_see_dossier(user, progress.candidacy):
        raise DossierClosed(progress.candidacy)
    return progress
