"""The programme's charts: for exactly those who may see the overview; a funnel by stage, the
time in each stage and the budget by goal area (currencies apart), each an SVG with its table,
right to left and in Persian digits in Persian, cached, and in a fixed number of queries."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from candidacy.models import (
    GoalArea,
    OperationalPlan,
    PlanAction,
    StageProgress,
    StageState,
    StrategicGoal,
    StrategicPlan,
)
from reporting import charts
from tests import factories as f
from tests.candidacy.workflow import bring

pytestmark = pytest.mark.django_db


def _url(programme):
    return reverse("programme-charts", args=[programme.key])


def _action(city, *, area, budget, currency):
    """A plan action of the city (its plans hang on its first stage)."""
    plan, _new = StrategicPlan.objects.get_or_create(
        progress=f.stage_of(city, "office"),
        defaults={"start_year": 2022, "end_year": 2026, "vision": "Every child heard."},
    )
    goal, _new = StrategicGoal.objects.get_or_create(plan=plan, title="Play")
    operational, _new = OperationalPlan.objects.get_or_create(plan=plan, year=2023)
    return PlanAction.objects.create(
        operational_plan=operational,
        title="An action",
        goal=goal,
        goal_area=area,
        responsible_organisation="Parks",
        starts_on=datetime.date(2023, 3, 21),
        ends_on=datetime.date(2023, 12, 20),
        budget=Decimal(budget),
        currency=currency,
        children_participation="Chosen by the children's council.",
        indicator="Playgrounds",
        target="10",
    )


def _opened_and_approved(city, key, days):
    """Say the stage was opened `days` days before it was approved."""
    approved = timezone.now() - datetime.timedelta(days=1)
    StageProgress.objects.filter(candidacy__city=city, definition__key=key).update(
        opened_at=approved - datetime.timedelta(days=days), approved_at=approved
    )


@pytest.fixture
def built(world):
    """City A: office and joint approved (10 and 4 days), candidacy submitted; City A2: office
    approved (20 days), joint open; City B (the other programme) at the badge. Plans: City A
    1,000 IRR and 500 IRR for play, 300 EUR for voice; City A2 2,000 IRR for play; City B's
    actions are not counted."""
    bring(world, world.city_a, "candidacy", StageState.SUBMITTED)
    bring(world, world.city_a2, "joint", StageState.OPEN)
    bring(world, world.city_b, "badge", StageState.OPEN)
    _opened_and_approved(world.city_a, "office", 10)
    _opened_and_approved(world.city_a, "joint", 4)
    _opened_and_approved(world.city_a2, "office", 20)
    play, voice = GoalArea.FAMILY_PLAY_LEISURE, GoalArea.VOICE
    _action(world.city_a, area=play, budget="1000", currency="IRR")
    _action(world.city_a, area=play, budget="500", currency="IRR")
    _action(world.city_a, area=voice, budget="300", currency="EUR")
    _action(world.city_a2, area=play, budget="2000", currency="IRR")
    _action(world.city_b, area=play, budget="99999", currency="IRR")
    return world


@pytest.mark.parametrize(
    "who,expected",
    [
        (None, 302),
        ("office_a", 404),
        ("coordinator_b", 404),
        ("evaluator_b", 404),
        ("coordinator_a", 200),
        ("evaluator_a", None),  # as the overview
    ],
)
def test_who_sees_the_charts(client, world, who, expected):
    if who:
        client.force_login(getattr(world, who))
    response = client.get(_url(world.programme_a))
    overview = client.get(reverse("candidacy:overview", args=[world.programme_a.key]))
    assert response.status_code == overview.status_code
    if expected is not None:
        assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("login"))


def test_the_figures(built):
    definitions = list(built.programme_a.stage_definitions.order_by("position"))
    figures = {
        figure.definition.key: figure
        for figure in charts.stage_figures(built.programme_a, definitions)
    }
    assert list(figures) == ["office", "joint", "candidacy", "badge", "review"]
    office, joint, candidacy = figures["office"], figures["joint"], figures["candidacy"]
    assert (office.reached, office.approved, office.measured, office.under_way) == (2, 2, 2, 0)
    assert office.mean_days == Decimal("15.0")  # (10 + 20) / 2
    assert (joint.reached, joint.approved, joint.measured, joint.under_way) == (2, 1, 1, 1)
    assert joint.mean_days == Decimal("4.0")
    assert (candidacy.reached, candidacy.approved, candidacy.under_way) == (1, 0, 1)
    assert candidacy.mean_days is None and candidacy.measured == 0
    assert figures["badge"].reached == 0  # City B's badge is another programme's


def test_currencies_kept_apart(built):
    budgets = {
        budget.currency: dict(budget.by_area) for budget in charts.budgets(built.programme_a)
    }
    assert set(budgets) == {"EUR", "IRR"}
    play, voice = GoalArea.FAMILY_PLAY_LEISURE.label, GoalArea.VOICE.label
    assert budgets["IRR"][play] == Decimal("3500")  # not City B's
    assert budgets["IRR"][voice] == 0
    assert budgets["EUR"][voice] == Decimal("300") and budgets["EUR"][play] == 0


def _table_cells(html, caption):
    table = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", table)
    ]


def test_the_page_draws_each_chart_with_its_table(client, built):
    client.force_login(built.coordinator_a)
    html = client.get(_url(built.programme_a)).text
    assert html.count("<svg") == 4  # funnel, time, IRR, EUR
    assert html.count("<table") == 4
    assert 'aria-labelledby="funnel-title"' in html and '<title id="funnel-title">' in html
    assert "style=" not in html.split("<main", 1)[-1] and "<script>" not in html
    funnel = _table_cells(html, "Cities that reached each stage and that have it approved")
    assert funnel[3:9] == ["1. Office", "2", "2", "2. Joint", "2", "1"]
    assert "1 of 2 approved" in html
    irr = _table_cells(html, "Budget by goal area (Iranian rials)")
    assert irr[irr.index(GoalArea.FAMILY_PLAY_LEISURE.label) + 1] == "3,500"
    assert irr[-2:] == ["Total", "3,500"]
    assert "Budget by goal area (euros)" in html
    # the overview links to it
    overview = client.get(reverse("candidacy:overview", args=[built.programme_a.key])).text
    assert f'href="{_url(built.programme_a)}"' in overview


def test_persian_right_to_left_with_persian_digits(client, built):
    client.force_login(built.coordinator_a)
    html = client.get(_url(built.programme_a), HTTP_ACCEPT_LANGUAGE="fa").text
    assert 'dir="rtl"' in html and 'direction="rtl"' in html
    irr = _table_cells(html, "بودجه بر پایهٔ حوزهٔ هدف (ریال)")
    assert "۳٬۵۰۰" in irr
    assert "۱۵" in html  # the office's mean days
    # the bars grow from the right: each bar ends at the drawing's right edge
    bars = re.findall(r'<rect class="[^"]+" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', html)
    assert bars and all(abs(float(x) + float(w) - charts.WIDTH) < 0.05 for x, w in bars)


def test_cached_until_something_changes(
    client, built, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(built.coordinator_a)
    url = _url(built.programme_a)
    client.get(url)
    # session, user, roles, programme, two editions
    with django_assert_max_num_queries(7):  # with the inbox's unread count
        assert "3,500" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        _action(built.city_a2, area=GoalArea.VOICE, budget="700", currency="IRR")
    assert "4,200" in client.get(url).text  # a plan action raises the plans' edition


@pytest.mark.parametrize("size", [1, 8])
def test_queries_do_not_grow(client, world, django_assert_max_num_queries, size):
    for number in range(size):
        city = f.make_city(world.programme_a, slug=f"more-{number}", name=f"More {number}")
        _action(city, area=GoalArea.VOICE, budget="10", currency=["IRR", "KZT"][number % 2])
    client.force_login(world.coordinator_a)
    # measured: 10 (session, user, roles, programme, two editions, stage definitions, the
    # stages' figures, the budgets, the inbox's unread count)
    with django_assert_max_num_queries(10):
        response = client.get(_url(world.programme_a))
    assert response.status_code == 200
