"""Scoped lookups for the pipeline's pages: a stage outside the user's scope does not exist for
them (404). Built on `core.lookups.visible_city`.

The stage (with its definition, call round and sign-offs) is kept in the cache under the lists'
edition (its definition, candidacy, call round, sign-offs, their signers' names) and the
stages' (its own row, a draft saved too): a stage page reads no row of it while nothing has
changed (`core.editions`). Whether the user may read it is asked at every request."""

from __future__ import annotations

from functools import wraps
from urllib.parse import quote

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from core.editions import STAGES, TIMEOUT, edition, kept_key
from core.lookups import visible_city

from .models import SignOff, StageProgress
from .permissions import can_read_dossier, can_see_dossier, must_declare_conflict


class DossierClosed(PermissionDenied):
    """The user may read the city but not its dossier (an evaluator who has not declared, or
    declared a conflict of interest: `permissions.can_see_dossier`)."""

    def __init__(self, candidacy):
        super().__init__()
        self.candidacy = candidacy  # None for a city without a candidacy


def visible_dossier_city(user, city_slug: str):
    """The city (with its programme), for a page or download of its dossier: 404 if the user
    may not read the city, `DossierClosed` (403) if they may read it but not its dossier
    (`permissions.can_read_dossier`)."""
    city = visible_city(user, city_slug)
    if not can_read_dossier(user, city):
        try:
            candidacy = city.candidacy
        except ObjectDoesNotExist:
            candidacy = None
        raise DossierClosed(candidacy)
    return city


def declare_first(view):
    """A dossier view's refusal, as the stage pages give it: an evaluator who has not declared
    whether they have a conflict of interest with the city (`permissions.must_declare_conflict`)
    is sent to the declaration (and back here after it, on a GET); anyone else the view refuses
    with `DossierClosed` (a recused evaluator) gets 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DossierClosed as closed:
            candidacy = closed.candidacy
            if candidacy is None or not must_declare_conflict(request.user, candidacy):
                raise
            url = reverse("candidacy:conflict", kwargs={"city": candidacy.city.slug})
            if request.method in ("GET", "HEAD"):
                url = f"{url}?next={quote(request.get_full_path(), safe='/')}"
            return redirect(url)

    return wrapped


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
