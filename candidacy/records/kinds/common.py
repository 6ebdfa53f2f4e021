"""What several record kinds share: the reads every simple kind makes of its record, and the
wording of goal areas in a rule's message."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import models

from candidacy.models import StageProgress


def record_of(progress: StageProgress, model: type[models.Model]):
    """The stage's one-to-one record of this model (with its required document), or None."""
    related = [model.document_field] if model.document_field else []
    return model.objects.filter(progress=progress).select_related(*related).first()


def single_record_context(model: type[models.Model]) -> Callable[[StageProgress], dict]:
    """The page context of a kind whose record is one row of `model`."""

    def context(progress: StageProgress) -> dict:
        return {"record": record_of(progress, model)}

    return context


def goal_areas_text(areas: Iterable) -> str:
    """Goal areas as one line of a message: "Survival; Education"."""
    return "; ".join(str(area.label) for area in areas)
