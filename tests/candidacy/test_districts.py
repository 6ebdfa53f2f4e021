"""District plans (issue 12): the plans page's district filter and a district's page (its
actions, the whole city's apart, the latest value of each atlas indicator there), readable by
whoever may read the city's plans page, nobody else; a fixed number of queries at any size."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from candidacy.models import (
    FrameworkKind,
    GoalArea,
    IndicatorDefinition,
    IndicatorValue,
    OperationalPlan,
    PlanAction,
    StageKind,
    StrategicGoal,
    StrategicPlan,
    framework_for_opening,
)
from tests import factories as f
from tests.navigation import NAV_TASKS_COUNTED

pytestmark = pytest.mark.django_db


class DistrictWorld:
    """A programme whose cities have a children's atlas and plans; the city has `districts`
    districts, the programme `indicators` indicators, each with values of two years in every
    district; the plan `actions` actions spread over the districts, every third for the whole
    city."""

    def __init__(self, *, districts=3, indicators=3, actions=9):
        made = f.make_two_programmes(
            programmes=[("district-programme", "District programme"), ("far-d", "Far")],
            cities=[("isfahan-d", "Isfahan"), ("other-d", "Other"), ("far-city-d", "Far city")],
            scopes=["d", "d.other", "d.far"],
            steps=[
                f.step("atlas", StageKind.CHILDRENS_ATLAS),
                f.step("plans", StageKind.PLANS),
            ],
        )
        self.__dict__.update(made)
        self.districts = f.DistrictFactory._meta.model.objects.bulk_create(
            f.DistrictFactory.build(city=self.city, number=n, name=f"District {n}")
            for n in range(1, districts + 1)
        )
        f.DistrictFactory(city=self.other_city, number=1, name="Other district")
        self.add(indicators=indicators, actions=actions)

    def stage(self, key, city=None):
        return f.stage_of(city or self.city, key)

    def add(self, *, indicators, actions):
        atlas = self.stage("atlas")
        definitions = IndicatorDefinition.objects.bulk_create(
            IndicatorDefinition(
                programme=self.programme,
                framework=framework_for_opening(self.programme.pk, FrameworkKind.ATLAS),
                key=f"ind-{n}",
                name=f"Indicator {n}",
                unit="children",
                goal_area="voice",
                order=n,
            )
            for n in range(indicators)
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                progress=atlas,
                district=district,
                indicator=indicator,
                value=Decimal(district.number * 1000 + indicator.order + year - 2020),
                year=year,
                source=f"Census {year}",
            )
            for district in self.districts
            for indicator in definitions
            for year in (2020, 2023)
        )
        plans = self.stage("plans")
        plan = StrategicPlan.objects.create(
            progress=plans, start_year=2022, end_year=2026, vision="Every child heard."
        )
        goal = StrategicGoal.objects.create(plan=plan, title="Safe and heard")
        operational = OperationalPlan.objects.create(plan=plan, year=2023)
        PlanAction.objects.bulk_create(
            PlanAction(
                operational_plan=operational,
                title=f"Action {n:03}",
                goal=goal,
                goal_area=GoalArea.values[n % 5],
                responsible_organisation="Municipality",
                district=None if n % 3 == 0 else self.districts[n % len(self.districts)],
                starts_on=datetime.date(2023, 1, 1),
                ends_on=datetime.date(2023, 12, 1),
                budget=Decimal(n),
                currency="IRR",
                children_participation="The children's council chose.",
                indicator="Children reached",
                target="100",
            )
            for n in range(actions)
        )

    def district_url(self, number, city=None):
        return reverse("candidacy:district", args=[(city or self.city).slug, number])

    def plans_url(self):
        return reverse("candidacy:stage", args=[self.city.slug, "plans"])


@pytest.fixture
def dw(db):
    return DistrictWorld()


def _titles(rows) -> list[str]:
    return [action.title for action in rows]


# --- the plans page's district filter ------------------------------------------------------------


def test_the_plans_page_filters_actions_by_district_kept_in_the_address(client, dw):
    client.force_login(dw.office)
    two = dw.districts[1]
    page = client.get(dw.plans_url(), {"district": two.number})
    listed = _titles(page.context["rec"]["actions"].object_list)
    expected = sorted(
        PlanAction.objects.filter(district=two).values_list("title", flat=True), key=str
    )
    assert listed and sorted(listed) == expected
    assert f'<option value="{two.number}" selected>' in page.text
    # The whole city: the actions without a district; "all": every action.
    page = client.get(dw.plans_url(), {"district": "city"})
    listed = _titles(page.context["rec"]["actions"].object_list)
    assert listed and set(listed) == set(
        PlanAction.objects.filter(district=None).values_list("title", flat=True)
    )
    assert '<option value="city" selected>' in page.text
    page = client.get(dw.plans_url(), {"district": ""})
    assert len(page.context["rec"]["actions"].object_list) == PlanAction.objects.count()
    # The district names link to their pages.
    assert dw.district_url(two.number) in page.text


@pytest.mark.parametrize("value", ["99", "abc", "-1", "1e9", "other"])
def test_a_district_the_city_lacks_in_the_filter_is_ignored(client, dw, value):
    client.force_login(dw.office)
    page = client.get(dw.plans_url(), {"district": value})
    assert page.status_code == 200
    assert len(page.context["rec"]["actions"].object_list) == PlanAction.objects.count()


def test_the_pages_of_a_filtered_list_keep_the_district(client, db):
    world = DistrictWorld(districts=2, actions=90)
    client.force_login(world.office)
    page = client.get(world.plans_url(), {"district": "2", "per_page": "10"})
    assert "district=2&amp;per_page=10&amp;page=2#h-actions" in page.text


# --- the district page ---------------------------------------------------------------------------


def test_a_district_page_lists_its_actions_the_whole_citys_apart_and_its_indicators(client, dw):
    client.force_login(dw.office)
    district = dw.districts[1]
    page = client.get(dw.district_url(district.number))
    assert page.status_code == 200
    ours = page.context["page"].actions.object_list
    assert sorted(_titles(ours)) == sorted(
        PlanAction.objects.filter(district=district).values_list("title", flat=True)
    )
    whole = page.context["page"].whole_city.object_list
    assert set(_titles(whole)) == set(
        PlanAction.objects.filter(district=None).values_list("title", flat=True)
    )
    # The latest value of each indicator in this district (2023's, not 2020's), with its
    # year and source.
    indicators = page.context["page"].indicators.object_list
    assert [indicator.latest.year for indicator in indicators] == [2023, 2023, 2023]
    assert [indicator.latest.district_id for indicator in indicators] == [district.pk] * 3
    assert "Census 2023" in page.text and "Census 2020" not in page.text
    assert '<h1 class="h3">District 2</h1>' in page.text
    # Links: the plans page filtered on this district and on the whole city, the atlas.
    assert f"{dw.plans_url()}?district={district.number}#h-actions" in page.text
    assert f"{dw.plans_url()}?district=city#h-actions" in page.text
    assert reverse("candidacy:atlas", args=[dw.city.slug, "atlas"]) in page.text


def test_the_atlas_page_links_each_district(client, dw):
    client.force_login(dw.office)
    page = client.get(reverse("candidacy:atlas", args=[dw.city.slug, "atlas"]))
    for district in dw.districts:
        assert dw.district_url(district.number) in page.text


@pytest.mark.parametrize("reader", ["office", "coordinator", "evaluator"])
def test_whoever_reads_the_city_reads_its_districts(client, dw, reader):
    client.force_login(getattr(dw, reader))
    assert client.get(dw.district_url(1)).status_code == 200
    assert client.get(dw.plans_url()).status_code == 200


@pytest.mark.parametrize(
    "reader", ["other_office", "far_office", "far_coordinator", "far_evaluator"]
)
def test_outsiders_get_404_as_on_the_plans_page(client, dw, reader):
    client.force_login(getattr(dw, reader))
    assert client.get(dw.district_url(1)).status_code == 404
    assert client.get(dw.plans_url()).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, dw):
    response = client.get(dw.district_url(1))
    assert response.status_code == 302 and "/login" in response["Location"]


@pytest.mark.parametrize("number", [0, 4, 32767, 99999999])
def test_a_district_the_city_lacks_is_404(client, dw, number):
    client.force_login(dw.office)
    assert client.get(dw.district_url(number)).status_code == 404


def test_another_citys_district_number_is_not_this_citys(client, dw):
    client.force_login(dw.other_office)
    page = client.get(dw.district_url(1, city=dw.other_city))
    assert page.status_code == 200
    assert "Other district" in page.text
    assert not page.context["page"].actions.object_list  # the other city has no plan


def test_a_post_is_refused(client, dw):
    client.force_login(dw.office)
    assert client.post(dw.district_url(1)).status_code == 405


@pytest.mark.parametrize("query", [{"page": "abc"}, {"page": "999"}, {"indicators": "-3"}])
def test_bad_page_numbers_give_the_nearest_page(client, dw, query):
    client.force_login(dw.office)
    assert client.get(dw.district_url(1), query).status_code == 200


def test_a_big_district_is_read_a_page_at_a_time(client, db):
    world = DistrictWorld(districts=4, indicators=60, actions=200)
    client.force_login(world.office)
    page = client.get(world.district_url(2), {"indicators": "3"})
    shown = page.context["page"]
    ours = PlanAction.objects.filter(district__number=2, district__city=world.city).count()
    assert len(shown.actions.object_list) == 25 and shown.actions.paginator.count == ours
    whole = PlanAction.objects.filter(district=None).count()
    assert len(shown.whole_city.object_list) == 10 and shown.whole_city.paginator.count == whole
    assert [i.key for i in shown.indicators.object_list] == [f"ind-{n}" for n in range(50, 60)]
    # The other list's page is kept by each list's links.
    assert "?indicators=3&amp;page=2#h-district-actions" in page.text
    assert "?indicators=2#h-district-indicators" in page.text


@pytest.mark.parametrize("size", [(3, 3, 9), (12, 40, 300)], ids=["small", "big"])
def test_the_district_page_costs_the_same_queries_at_any_size(
    client, db, django_assert_max_num_queries, size
):
    districts, indicators, actions = size
    world = DistrictWorld(districts=districts, indicators=indicators, actions=actions)
    client.force_login(world.office)
    # The city, the district, the stages, the actions (count, page) of the district and of the
    # whole city, the indicators (count, page), their values; the session, the inbox's count.
    with django_assert_max_num_queries(13 + NAV_TASKS_COUNTED):
        page = client.get(world.district_url(2))
    assert page.status_code == 200


@pytest.mark.parametrize("size", [(3, 9), (12, 300)], ids=["small", "big"])
def test_the_filtered_plans_page_costs_the_same_queries_at_any_size(
    client, db, django_assert_max_num_queries, size
):
    districts, actions = size
    world = DistrictWorld(districts=districts, actions=actions)
    client.force_login(world.office)
    with django_assert_max_num_queries(22 + NAV_TASKS_COUNTED):
        page = client.get(world.plans_url(), {"district": "2"})
    assert page.status_code == 200


def test_the_district_page_in_persian(client, dw):
    client.force_login(dw.office)
    client.cookies["django_language"] = "fa"
    page = client.get(dw.district_url(2))
    assert page.status_code == 200
    assert 'dir="rtl"' in page.text
    assert "۲" in page.text  # the district's number in Persian digits
