"""Reads shaped for the pages: every list is scoped to the user in the query and fetched in a
fixed number of queries whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from candidacy.models import PlanAction
from cities.models import City, Programme

from . import permissions
from .models import Candidacy, SignOff, StageProgress, StageState, Transition


def current_stage(stages: list[StageProgress]) -> StageProgress | None:
    for stage in stages:
        if stage.state != StageState.APPROVED:
            return stage
    return stages[-1] if stages else None


def city_pipeline(city: City) -> tuple[Candidacy | None, list[StageProgress]]:
    """The city's candidacy with its stages in order, their sign-offs and signatories. The
    candidacy's city is `city` itself (not read again)."""
    candidacy = Candidacy.objects.filter(city=city).first()
    if candidacy is None:
        return None, []
    candidacy.city = city
    stages = list(
        candidacy.stages.select_related("definition")
        .prefetch_related(Prefetch("signoffs", queryset=SignOff.objects.select_related("user")))
        .order_by("definition__position")
    )
    for stage in stages:
        stage.candidacy = candidacy
    return candidacy, stages


def stage_history(progress: StageProgress) -> QuerySet[Transition]:
    return progress.transitions.select_related("actor").order_by("-created_at", "-pk")


@dataclass
class OverviewRow:
    city: City
    candidacy: Candidacy | None
    current: StageProgress | None


def programme_overview(
    programme: Programme, *, stage_key: str = "", state: str = ""
) -> list[OverviewRow]:
    """Every city of the programme with its current stage, filterable by stage and state."""
    cities = list(
        City.objects.filter(programme=programme)
        .select_related("candidacy", "programme")
        .prefetch_related(
            Prefetch(
                "candidacy__stages",
                queryset=StageProgress.objects.select_related("definition").order_by(
                    "definition__position"
                ),
            )
        )
        .order_by("name")
    )
    rows = []
    for city in cities:
        candidacy = getattr(city, "candidacy", None)
        current = None
        if candidacy is not None:
            stages = list(candidacy.stages.all())
            for stage in stages:
                stage.candidacy = candidacy
            current = current_stage(stages)
        if stage_key and (current is None or current.definition.key != stage_key):
            continue
        if state and (current is None or current.state != state):
            continue
        rows.append(OverviewRow(city=city, candidacy=candidacy, current=current))
    return rows


def signoff_queue(user) -> list[StageProgress]:
    """The stages the user may sign off now (`permissions.signable_stages_q`, the query form of
    `permissions.signing_role`), oldest submission first."""
    return list(
        StageProgress.objects.filter(permissions.signable_stages_q(user))
        .select_related("definition", "candidacy__city__programme")
        .prefetch_related("signoffs")
        .order_by("submitted_at", "pk")
    )


def current_of(city: City) -> StageProgress | None:
    candidacy = getattr(city, "candidacy", None)
    if candidacy is None:
        return None
    return current_stage(list(candidacy.stages.all()))


def plan_actions_of_city(city_id: int) -> QuerySet[PlanAction]:
    """The actions of the city's operational plans (action → operational plan → strategic plan
    → its plans stage → candidacy → city), each with its operational plan, in plan order. The
    public read other apps use to offer or check a city's plan actions."""
    return (
        PlanAction.objects.filter(operational_plan__plan__progress__candidacy__city_id=city_id)
        .select_related("operational_plan")
        .order_by("operational_plan__year", "starts_on", "title", "pk")
    )


def stage_people(progress: StageProgress, predicate) -> list:
    """The active users for whom `predicate(user, progress)` holds, in sign-up order.

    Only users with a role at the stage's city can hold any stage predicate (its office staff,
    its programme's coordinators and evaluators), so those are the candidates; the predicate,
    the same one the pages and services use, decides. Workflow e-mail takes its recipients
    from here, so they are exactly the people who may act."""
    city = progress.candidacy.city
    candidates = (
        get_user_model()
        .objects.filter(
            Q(role_assignments__city_id=city.pk)
            | Q(role_assignments__programme_id=city.programme_id),
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )
    return [user for user in candidates if predicate(user, progress)]
