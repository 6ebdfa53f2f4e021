"""Reads for the public pages: only what the public may see (no narrative, no evidence, no
people, no comments, no contacts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from candidacy.models import (
    ActionStatus,
    GoalArea,
    PlanAction,
    StageProgress,
    StageState,
    currency_name,
)
from candidacy.selectors import (
    action_progress,
    candidacy_status_q,
    long_texts,
    plan_actions_of_city,
)
from cities.models import City, District, MapPlacement, map_placement_q
from cities.names import in_reader_language, names_contain
from cities.selectors import JointPartners, joint_partners, with_joint_partners
from core.listing import Sort
from stakeholders.models import ChildrenProposal

PUBLIC_SORTS = {
    "country": Sort(_("Country, then city"), ("shown_country", "shown_name", "pk")),
    "name": Sort(_("City"), ("shown_name", "pk")),
    "stage": Sort(
        _("Furthest along first"),
        (
            F("candidacy__current_stage__definition__position").desc(nulls_last=True),
            "shown_name",
            "pk",
        ),
    ),
}


@dataclass(frozen=True)
class PublicFilters:
    """What the public list and its map filter on (`reporting.forms.PublicListForm`): a
    country's ISO code, a candidacy status (`Candidacy.status`), a current stage's key, a
    programme's status (`Programme.Status`: a closed programme's cities stay listed, with
    their recognition on record); "": no filter."""

    country: str = ""
    status: str = ""
    stage: str = ""
    programme_status: str = ""


def _filtered(cities: QuerySet[City], filters: PublicFilters) -> QuerySet[City]:
    if filters.country:
        cities = cities.filter(programme__country__code=filters.country)
    if filters.status:
        cities = cities.filter(
            candidacy_status_q(filters.status, "candidacy", programme_at="programme")
        )
    if filters.stage:
        cities = cities.filter(candidacy__current_stage__definition__key=filters.stage)
    if filters.programme_status:
        cities = cities.filter(programme__status=filters.programme_status)
    return cities


def public_cities(*, programme=None, filters: PublicFilters = PublicFilters()) -> QuerySet[City]:
    """Every city (or `programme`'s) that `filters` let through, with its programme, country,
    candidacy and current stage (`city.candidacy.current_stage`); names in the reader's
    language (`shown_name`, `shown_country`) to sort on. Unordered: the page orders it by one of
    `PUBLIC_SORTS` and reads one screen of it."""
    found = City.objects.all() if programme is None else City.objects.filter(programme=programme)
    found = _filtered(found, filters)
    return (
        found.select_related("programme__country", "candidacy__current_stage__definition")
        .defer(*long_texts("candidacy__current_stage"))
        .annotate(
            shown_name=in_reader_language("name"),
            shown_country=in_reader_language("programme__country__name"),
        )
    )


def public_search(text: str) -> Q:
    return (
        names_contain("name", text)
        | names_contain("region", text)
        | names_contain("programme__country__name", text)
    )


def public_map_cities(*, programme=None, filters: PublicFilters = PublicFilters(), search=""):
    """The cities of the public list (the same `filters` and search) that are on the map
    (`cities.models.map_placement_q`), with only what a marker shows: name, coordinates, the
    programme's key for the link. One query, unordered but stable (by id)."""
    found = City.objects.all() if programme is None else City.objects.filter(programme=programme)
    found = _filtered(found, filters).filter(map_placement_q(MapPlacement.ON_MAP))
    if search:
        found = found.filter(public_search(search))
    return (
        found.select_related("programme")
        .only("slug", "name", "latitude", "longitude", "programme__key")
        .order_by("pk")
    )


def public_city_url(city: City) -> str:
    """The public page of `city`, or its programme's public list while the portal has no
    public page per city (the `public-city` URL, issue 12)."""
    return public_city_urls()(city)


_PROGRAMME, _CITY = "programme-key-here", "city-slug-here"  # slugs, so the pattern takes them


def public_city_urls() -> Callable[[City], str]:
    """`public_city_url` for many cities (the map's thousands): the URLs reversed once, as a
    pattern filled in per city (a `reverse` costs about 0.2 ms, a NoReverseMatch more)."""
    try:
        pattern = reverse("public-city", kwargs={"programme": _PROGRAMME, "city": _CITY})
    except NoReverseMatch:
        pattern = reverse("public-programme", args=[_PROGRAMME])
    return lambda city: pattern.replace(_PROGRAMME, city.programme.key).replace(_CITY, city.slug)


# --- a city's public page (`reporting.public_city`) ----------------------------------------


def public_city(programme_key: str, city_slug: str) -> City | None:
    """The city with this slug in the programme with this key (None: no such city, or one of
    another programme), with its programme, country and candidacy."""
    return (
        with_joint_partners(City.objects.select_related("programme__country", "candidacy"))
        .filter(slug=city_slug, programme__key=programme_key)
        .first()
    )


def public_joint_partners(city: City) -> JointPartners:
    """The cities the city holds its candidacy with (`cities.selectors.joint_partners`, both
    directions) whose public page is public: those of its programme, as `public_city` finds
    them (a city read by `public_city` holding none jointly costs no query)."""
    joint = joint_partners(city)
    partner = joint.partner
    if partner is not None and partner.programme_id != city.programme_id:
        partner = None
    others = [other for other in joint.joint_cities if other.programme_id == city.programme_id]
    return JointPartners(partner, others)


def stages_passed(city: City) -> list[StageProgress]:
    """The city's approved stages, in the programme's order, with their definitions (titles)
    and the dates they were approved; nothing of what they record."""
    return list(
        StageProgress.objects.filter(candidacy__city=city, state=StageState.APPROVED)
        .select_related("definition")
        .defer(*long_texts(""))
        .order_by("definition__position")
    )


@dataclass
class GoalAreaSummary:
    """One goal area of a city's plan: how many actions, how many done (of those not
    dropped), and the budget per currency."""

    area: GoalArea
    actions: int = 0
    done: int = 0
    dropped: int = 0
    budgets: dict = field(default_factory=dict)  # currency -> Decimal

    @property
    def percent_done(self) -> int | None:
        """Done of the actions not dropped, in percent (None: no such action)."""
        counted = self.actions - self.dropped
        return round(self.done * 100 / counted) if counted else None

    @property
    def budget_list(self) -> list[tuple[str, Decimal]]:
        return [(currency_name(code, amount), amount) for code, amount in self.budgets.items()]


def plan_summary(city: City) -> list[GoalAreaSummary]:
    """The city's plan by goal area (every goal area, in the initiative's order), from one
    aggregate query over its plan actions."""
    rows = (
        plan_actions_of_city(city.pk)
        .order_by()
        .values("goal_area", "currency")
        .annotate(
            actions=Count("pk"),
            done=Count("pk", filter=Q(status=ActionStatus.DONE)),
            dropped=Count("pk", filter=Q(status=ActionStatus.DROPPED)),
            budget=Sum("budget"),
        )
        .order_by("goal_area", "currency")
    )
    areas = {area.value: GoalAreaSummary(area) for area in GoalArea}
    for row in rows:
        summary = areas.get(row["goal_area"])
        if summary is None:
            continue
        summary.actions += row["actions"]
        summary.done += row["done"]
        summary.dropped += row["dropped"]
        summary.budgets[row["currency"]] = row["budget"] or Decimal(0)
    return list(areas.values())


#: What the public is shown of an action: never who is responsible, partners, budgets per
#: action, how children take part (their words), indicators or targets.
PUBLIC_ACTION_FIELDS = (
    "title",
    "goal_area",
    "status",
    "completion",
    "starts_on",
    "ends_on",
    "started_on",
    "ended_on",
)


#: The district filter's value for the actions that serve the whole city.
WHOLE_CITY = "city"


def public_districts(city: City) -> list[District]:
    """The city's districts, to read its plan district by district."""
    return list(District.objects.filter(city=city).only("number", "name").order_by("number"))


def public_actions(city: City, *, district: str = "") -> QuerySet[PlanAction]:
    """The city's plan actions in plan order (or one district's, by its number, or those that
    serve the whole city: `WHOLE_CITY`), with only what the public page shows of them: planned
    and actual dates, status, completion, the district, whether each is late and its yearly
    progress notes (`candidacy.selectors.action_progress`, two queries)."""
    actions = (
        action_progress(city.pk)
        .select_related(None)
        .select_related("district")
        .only(*PUBLIC_ACTION_FIELDS, "district__number", "district__name")
    )
    if district == WHOLE_CITY:
        return actions.filter(district__isnull=True)
    if district:
        return actions.filter(district__number=int(district))
    return actions


def public_proposals(city: City) -> list[ChildrenProposal]:
    """The proposals of the city's children's councils, newest first, each with the plan
    action that carries it out: what the children asked for, when, its status and the city's
    answer; never the details, the council or who is responsible. One query."""
    return list(
        ChildrenProposal.objects.filter(council__city=city)
        .select_related("plan_action")
        .only(
            "title",
            "received_on",
            "status",
            "answer",
            "answered_on",
            *(f"plan_action__{name}" for name in PUBLIC_ACTION_FIELDS),
        )
        .order_by("-received_on", "-pk")
    )
