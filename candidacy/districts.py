"""A district's page (issue 12): the plan actions of one district of a city, the actions that
serve the whole city apart, and the latest value of each atlas indicator in the district.

Every list is read a page at a time (a world-scale city has 100 districts, 100 indicators and
hundreds of actions): a fixed number of queries whatever the sizes, never a whole table."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.shortcuts import get_object_or_404

from cities.models import City, District

from .models import (
    ActionStatus,
    GoalArea,
    IndicatorValue,
    StageKind,
    StageProgress,
    atlas_indicators,
)
from .records.plans.selectors import WHOLE_CITY, district_filter
from .selectors import plan_actions_of_city

#: How many of the district's actions, of the whole city's and of the indicators a page lists.
ACTIONS_PER_PAGE = 25
WHOLE_CITY_SHOWN = 10
INDICATORS_PER_PAGE = 25


@dataclass
class DistrictPage:
    district: District
    plans: StageProgress | None  # the city's plans stage, for its links
    atlas: StageProgress | None  # the city's atlas stage
    actions: Page  # of the district's actions (`?page=`)
    whole_city: Page  # the first of the actions that serve the whole city
    indicators: Page  # of the programme's indicators (`?indicators=`), each with `latest`

    @property
    def whole_city_filter(self) -> str:
        return WHOLE_CITY


def _page(rows, per_page: int, number) -> Page:
    paginator = Paginator(rows, per_page)
    page = paginator.get_page(number)
    page.object_list = list(page.object_list)
    page.numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page


def _labelled(actions) -> None:
    """Each action's goal area and status labels, translated once for the page."""
    areas = {value: str(label) for value, label in GoalArea.choices}
    statuses = {value: str(label) for value, label in ActionStatus.choices}
    for action in actions:
        action.goal_area_label = areas.get(action.goal_area, action.goal_area)
        action.status_label = statuses.get(action.status, action.status)


def district_page(city: City, number: int, params) -> DistrictPage:
    """The district numbered `number` of `city` (404 if it has none) with its page's lists as
    the query string `params` asks (`page`: the district's actions, `indicators`: the
    indicators; a bad page number is the nearest page). Nine queries, whatever the sizes."""
    district = get_object_or_404(District, city=city, number=number)
    stages = {
        progress.definition.kind: progress
        for progress in StageProgress.objects.filter(
            candidacy__city=city,
            definition__kind__in=(StageKind.PLANS, StageKind.CHILDRENS_ATLAS),
        )
        .select_related("definition")
        .only("pk", "definition__kind", "definition__key")
        .order_by("-definition__position")  # the first of a kind wins
    }
    actions = _page(
        plan_actions_of_city(city.pk).filter(district=district),
        ACTIONS_PER_PAGE,
        params.get("page"),
    )
    whole_city = _page(
        plan_actions_of_city(city.pk).filter(district_filter(WHOLE_CITY)), WHOLE_CITY_SHOWN, 1
    )
    _labelled(actions.object_list)
    _labelled(whole_city.object_list)
    atlas = stages.get(StageKind.CHILDRENS_ATLAS)
    # The indicators of the version the city's atlas keeps (issue 13), else the one in force.
    indicators = _page(
        atlas_indicators(city.programme_id, IndicatorValue.objects.filter(progress=atlas)).order_by(
            "order", "key"
        ),
        INDICATORS_PER_PAGE,
        params.get("indicators"),
    )
    latest = {}
    if atlas is not None and indicators.object_list:
        for value in IndicatorValue.objects.filter(
            progress=atlas, district=district, indicator__in=list(indicators.object_list)
        ).order_by("year", "pk"):
            latest[value.indicator_id] = value  # later years win
    for indicator in indicators.object_list:
        indicator.latest = latest.get(indicator.pk)
    return DistrictPage(
        district=district,
        plans=stages.get(StageKind.PLANS),
        atlas=atlas,
        actions=actions,
        whole_city=whole_city,
        indicators=indicators,
    )
