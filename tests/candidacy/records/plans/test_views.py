"""The pages of the situation analysis, the plans and the review rounds: each form saves and
shows on the stage page, bad input is refused on its field keeping what was typed, approved
records are read-only until reopened, only the preparer reaches the forms, and the stage pages'
queries do not grow with the rows."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings

from candidacy import services as workflow
from candidacy.models import (
    Gap,
    GoalArea,
    OperationalPlan,
    PlanAction,
    ReviewRound,
    SelfAssessment,
    StrategicGoal,
    StrategicPlan,
)
from candidacy.records.plans import selectors, services
from tests.candidacy.workflow import snapshot
from tests.navigation import NAV_TASKS_COUNTED

from .conftest import (
    action_values,
    approve_situation,
    assess_all,
    data_set,
    gap_values,
    make_plan,
)

pytestmark = pytest.mark.django_db

AFTER_START = "The end of the period must come after its start."
# Two days ahead, not one: the parameters are made when the tests are collected, and a run that
# crosses midnight must still find this day in the future.
A_FUTURE_DAY = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()


def _records():
    return (
        sorted(Gap.objects.values_list("pk", "goal_area", "description")),
        sorted(SelfAssessment.objects.values_list("pk", "version")),
        sorted(StrategicPlan.objects.values_list("pk", "start_year", "end_year")),
        sorted(StrategicGoal.objects.values_list("pk", "title")),
        sorted(OperationalPlan.objects.values_list("pk", "year")),
        sorted(PlanAction.objects.values_list("pk", "title", "budget", "currency")),
        sorted(ReviewRound.objects.values_list("pk", "round", "summary")),
    )


def _gap_post(**changes):
    data = {
        "goal_area": GoalArea.VOICE,
        "current_situation": "The children's council meets twice a year.",
        "requirement": "Children heard on every plan.",
        "description": "District plans drafted without children.",
        "priority": "high",
        "data_sets": [],
        "indicators": [],
    }
    return {**data, **changes}


def _action_post(operational, goal, **changes):
    data = {
        "operational_plan": str(operational.pk),
        "title": "Mother-and-child rooms at the bus terminals",
        "goal": str(goal.pk),
        "goal_area": GoalArea.ESSENTIAL_SERVICES,
        "responsible_organisation": "Passenger Transport Management",
        "partners": "Welfare Organization",
        "district": "",
        "starts_on": "2022-04-01",
        "ends_on": "2022-12-20",
        "budget": "8500000000",
        "currency": "IRR",
        "children_participation": "Mothers and children were asked what the rooms need.",
        "indicator": "Terminals with a room",
        "target": "2 of 2",
        "status": "under_way",
        "completion": "40",
    }
    return {**data, **changes}


def _review_post(**changes):
    data = {
        "period_from": "2024-01-01",
        "period_to": "2024-12-31",
        "summary": "Twelve of fifteen district plans are under way.",
        "indicators_updated": "on",
        "indicators_note": "Play space per child updated.",
        "issues": "Budget agreed late.",
    }
    return {**data, **changes}


# --- each page saves and shows -----------------------------------------------------------------


def test_a_gap_is_recorded_with_its_data_sets_and_indicators_and_shown(client, pw):
    pw.approve("database")  # with the demo's data sets
    own = data_set(pw, "voice")
    client.force_login(pw.office)
    url = pw.url("record-gap-add", "situation")
    assert client.get(url).status_code == 200
    response = client.post(url, _gap_post(data_sets=[own.pk], indicators=[pw.indicators[2].pk]))
    assert response.status_code == 302, response.context["form"].errors
    gap = Gap.objects.get()
    assert list(gap.data_sets.all()) == [own]
    for reader in (pw.office, pw.coordinator, pw.evaluator):
        client.force_login(reader)
        page = client.get(pw.url("stage", "situation")).text
        assert "District plans drafted without children." in page
        assert "Data set: Data on voice" in page
        assert "Indicator: Indicator voice" in page
        assert page.count("Not recorded yet.") == 4

    client.force_login(pw.office)
    response = client.post(
        pw.url("record-gap-edit", "situation", gap.pk), _gap_post(priority="low")
    )
    assert response.status_code == 302
    gap.refresh_from_db()
    assert gap.priority == "low" and not gap.data_sets.exists()
    assert client.post(pw.url("record-gap-delete", "situation", gap.pk)).status_code == 302
    assert not Gap.objects.exists()


def test_each_self_assessment_save_keeps_the_previous_version_and_the_page_shows_both(client, pw):
    pw.open("situation")
    client.force_login(pw.office)
    url = pw.url("record-self-assessment", "situation")
    form = client.get(url)
    assert form.status_code == 200
    assert pw.criteria[0].text.replace("'", "&#x27;") in form.text

    def post(level, comment):
        data = {}
        for criterion in pw.criteria:
            data[f"level_{criterion.pk}"] = str(level)
            data[f"comment_{criterion.pk}"] = comment
            data[f"justification_{criterion.pk}"] = comment
        return client.post(url, data)

    assert post(2, "Begun in two districts.").status_code == 302
    assert post(3, "Now in most districts.").status_code == 302
    versions = list(SelfAssessment.objects.order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert {s.level for s in versions[0].scores.all()} == {2}  # version 1 unchanged
    # The form starts from the current version.
    assert "Now in most districts." in client.get(url).text

    page = client.get(pw.url("stage", "situation")).text
    section = page.split('id="h-self-assessment"', 1)[1]
    assert "Previous version" in section and "Current version" in section
    assert "Begun in two districts." in section and "Now in most districts." in section
    assert "2 – beginning" in section and "3 – largely in place" in section


def test_the_plans_are_written_and_shown_with_totals_and_a_chart(client, pw):
    gaps = approve_situation(pw, high=("voice",))
    pw.open("plans")
    client.force_login(pw.office)
    response = client.post(
        pw.url("record-strategic-plan", "plans"),
        {"start_year": "2022", "end_year": "2026", "vision": "Every child heard."},
    )
    assert response.status_code == 302
    response = client.post(
        pw.url("record-goal-add", "plans"),
        {"title": "Children's voice in every district", "gaps": [gaps["voice"].pk]},
    )
    assert response.status_code == 302, response.context["form"].errors
    goal = StrategicGoal.objects.get()
    assert list(goal.gaps.all()) == [gaps["voice"]]
    for year in ("2022", "2023"):
        response = client.post(
            pw.url("record-operational-plan-add", "plans"), {"year": year, "title": ""}
        )
        assert response.status_code == 302
    first, second = OperationalPlan.objects.order_by("year")
    add = pw.url("record-action-add", "plans")
    assert f'value="{first.pk}" selected' in client.get(add + f"?plan={first.pk}").text
    for operational, area, budget, currency in [
        (first, GoalArea.ESSENTIAL_SERVICES, "300", "IRR"),
        (second, GoalArea.VOICE, "100", "IRR"),
        (second, GoalArea.VOICE, "50", "EUR"),
    ]:
        response = client.post(
            add,
            _action_post(
                operational,
                goal,
                goal_area=area,
                budget=budget,
                currency=currency,
                district=str(pw.districts[1].pk),
            ),
        )
        assert response.status_code == 302, response.context["form"].errors

    page = client.get(pw.url("stage", "plans")).text
    assert "Every child heard." in page
    assert "Children&#x27;s voice in every district" in page
    assert "A voice in decisions (High)" in page
    assert "Mother-and-child rooms at the bus terminals" in page and "District 2" in page
    # One table and one chart per currency: never mixed.
    irr = page.split('id="budget-IRR"', 1)[1].split('id="budget-EUR"', 1)[0]
    eur = page.split('id="budget-EUR"', 1)[1]
    # Amounts with the currency's name in the reader's language (the code stays in the ids).
    assert "400 Iranian rials" in irr and "euro" not in irr.split("</table>")[0]
    assert "50 euros" in eur
    assert 'role="img"' in irr and "<title" in irr
    assert re.search(r'<rect x="0" y="18" width="75\.00%"', irr)  # essential services: 300/400
    assert re.search(r'<rect x="0" y="18" width="25\.00%"', irr)
    assert "75%" in irr
    assert ' style="' not in page.split('id="h-record"', 1)[1].split('id="h-evidence"', 1)[0]

    # In Persian the bars grow from the right and the labels are anchored there.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    persian = client.get(pw.url("stage", "plans")).text.split('id="budget-IRR"', 1)[1]
    assert re.search(r'<rect x="25\.00%" y="18" width="75\.00%"', persian)
    assert 'x="100%" y="13" font-size="12" fill="#212529" direction="rtl"' in persian
    assert "۷۵٪" in persian and "۴۰۰ ریال" in persian
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    client.force_login(pw.coordinator)
    assert "Every child heard." in client.get(pw.url("stage", "plans")).text


def test_a_review_round_is_recorded_and_earlier_rounds_stay_readable(
    client, pw, django_capture_on_commit_callbacks
):
    approve_situation(pw)
    plans = pw.stage("plans")
    _, goal, (operational,) = make_plan(pw, plans)
    for status in ("done", "done", "dropped", "planned"):
        services.action_add(
            progress=plans, by=pw.office, values=action_values(operational, goal, status=status)
        )
    pw.approve("plans")
    pw.open("review")
    client.force_login(pw.office)
    url = pw.url("record-review-round", "review")
    assert client.get(url).status_code == 200
    response = client.post(url, _review_post())
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(pw.url("stage", "review")).text
    assert "Twelve of fifteen district plans are under way." in page
    completion = page.split('id="h-completion"', 1)[1]
    assert "67%" in completion  # 2 done of (4 − 1 dropped)

    with django_capture_on_commit_callbacks(execute=True):  # the stage is kept (STAGES)
        pw.approve("review")  # round 2 opens
    page = client.get(pw.url("stage", "review")).text
    assert "This round's record has not been filled in yet." in page
    earlier = page.split('id="h-earlier-rounds"', 1)[1]
    assert "Twelve of fifteen district plans are under way." in earlier
    response = client.post(url, _review_post(summary="Round two."))
    assert response.status_code == 302
    assert dict(ReviewRound.objects.values_list("round", "summary")) == {
        1: "Twelve of fifteen district plans are under way.",
        2: "Round two.",
    }


def test_completion_is_done_over_all_but_dropped_per_plan_and_overall(pw):
    approve_situation(pw)
    plans = pw.stage("plans")
    _, goal, (first, second) = make_plan(pw, plans, years=(2022, 2023))
    for operational, statuses in ((first, ["done", "planned"]), (second, ["dropped", "dropped"])):
        for status in statuses:
            services.action_add(
                progress=plans,
                by=pw.office,
                values=action_values(operational, goal, status=status),
            )
    rows = selectors.plan_completion(pw.stage("review"))
    assert [(row.year, row.percent) for row in rows] == [(2022, 50), (2023, None), (None, 50)]


def test_budget_totals_are_one_query_per_currency_never_mixed(pw, django_assert_num_queries):
    approve_situation(pw)
    plans = pw.stage("plans")
    _, goal, (first, second) = make_plan(pw, plans, years=(2022, 2023))
    for operational, area, budget, currency in [
        (first, "voice", "10", "IRR"),
        (first, "voice", "5", "IRR"),
        (second, "voice", "7", "KZT"),
        (second, "environment", "3", "IRR"),
    ]:
        services.action_add(
            progress=plans,
            by=pw.office,
            values=action_values(
                operational, goal, goal_area=area, budget=budget, currency=currency
            ),
        )
    with django_assert_num_queries(1):
        totals = selectors.budget_totals(plans)
    irr, kzt = totals
    assert (irr.currency, irr.total, irr.years) == ("IRR", 18, [2022, 2023])
    assert irr.cells[("voice", 2022)] == 15 and irr.by_area["environment"] == 3
    assert (kzt.currency, kzt.total, kzt.years) == ("KZT", 7, [2023])


# --- bad input ---------------------------------------------------------------------------------


def _setup_plans(pw):
    approve_situation(pw)
    plans = pw.stage("plans")
    _, goal, (operational,) = make_plan(pw, plans)
    return plans, goal, operational


BAD = [
    # form, data changes, field, message, typed value kept
    ("action", {"ends_on": "2022-03-01"}, "ends_on",
     "The planned end cannot come before the planned start.", 'value="2022-03-01"'),
    ("action", {"started_on": "2022-05-01", "ended_on": "2022-04-20"}, "ended_on",
     "The actual end cannot come before the actual start.", 'value="2022-04-20"'),
    ("action", {"ended_on": "2022-04-20"}, "started_on",
     "Give the actual start of an action that has ended.", 'value="2022-04-20"'),
    ("action", {"status": "failed", "started_on": "2022-05-01"}, "ended_on",
     "Give the actual end of an action that is done or not achieved.", 'value="2022-05-01"'),
    ("action", {"started_on": "2099-05-01"}, "started_on",
     "This date is in the future.", 'value="2099-05-01"'),
    ("action", {"budget": "-5"}, "budget", "A budget cannot be negative.", 'value="-5"'),
    ("action", {"currency": "XYZ"}, "currency",
     "“XYZ” is not a currency the portal knows: choose one of IRR, KZT, EUR, USD, GBP, CHF "
     "(ISO 4217).", "Mother-and-child rooms"),
    ("action", {"completion": "150"}, "completion",
     "Give the progress as a percentage, 0 to 100.", 'value="150"'),
    ("action", {"completion": "-1"}, "completion",
     "Give the progress as a percentage, 0 to 100.", 'value="-1"'),
    ("operational", {"year": "2030"}, "year",
     "The year must fall within the strategic plan's period (2022 to 2026).", 'value="2030"'),
    ("operational", {"year": "2022"}, "year",
     "There is an operational plan for this year already.", 'value="2022"'),
    ("strategic", {"end_year": "2020"}, "end_year",
     "The last year cannot come before the first year.", 'value="2020"'),
    ("strategic", {"end_year": "2027"}, "end_year",
     "A strategic plan covers at most 5 years (2022 to 2026).", 'value="2027"'),
    ("strategic", {"start_year": "2023"}, "start_year",
     "The operational plans of 2022 would fall outside this period: change or remove them "
     "first.", 'value="2023"'),
]  # fmt: skip


@pytest.mark.parametrize("form,changes,field,message,kept", BAD)
def test_bad_plan_input_is_refused_on_its_field_keeping_the_input(
    client, pw, form, changes, field, message, kept
):
    plans, goal, operational = _setup_plans(pw)
    url, data = {
        "action": (pw.url("record-action-add", "plans"), _action_post(operational, goal)),
        "operational": (pw.url("record-operational-plan-add", "plans"), {"year": "2023"}),
        "strategic": (
            pw.url("record-strategic-plan", "plans"),
            {"start_year": "2022", "end_year": "2026", "vision": "Every child heard."},
        ),
    }[form]
    client.force_login(pw.office)
    before = snapshot(), _records()
    response = client.post(url, {**data, **changes})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert message.replace("'", "&#x27;") in response.text
    assert kept in response.text
    assert (snapshot(), _records()) == before


@pytest.mark.parametrize("field", ["district", "goal", "operational_plan"])
def test_an_action_naming_another_citys_rows_is_refused(client, pw, field):
    plans, goal, operational = _setup_plans(pw)
    approve_situation(pw, city=pw.other_city)
    other_plans = pw.stage("plans", pw.other_city)
    _, foreign_goal, (foreign_operational,) = make_plan(pw, other_plans, by=pw.other_office)
    foreign = {
        "district": pw.other_districts[0].pk,
        "goal": foreign_goal.pk,
        "operational_plan": foreign_operational.pk,
    }[field]
    client.force_login(pw.office)
    before = _records()
    response = client.post(
        pw.url("record-action-add", "plans"), {**_action_post(operational, goal), field: foreign}
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert _records() == before
    # The service refuses the same link when called directly.
    values = action_values(operational, goal)
    values[field] = {
        "district": pw.other_districts[0],
        "goal": foreign_goal,
        "operational_plan": foreign_operational,
    }[field]
    with pytest.raises(Exception, match="this"):
        services.action_add(progress=plans, by=pw.office, values=values)
    assert _records() == before


def test_a_gap_naming_another_citys_data_set_or_programmes_indicator_is_refused(client, pw):
    pw.approve("database")
    pw.approve("database", city=pw.other_city)
    foreign_data = data_set(pw, "voice", city=pw.other_city)
    client.force_login(pw.office)
    url = pw.url("record-gap-add", "situation")
    response = client.post(url, _gap_post(data_sets=[foreign_data.pk]))
    assert response.status_code == 400
    assert "Choose data sets of this city" in response.context["form"].errors["data_sets"][0]
    response = client.post(url, _gap_post(indicators=[pw.far_indicator.pk]))
    assert response.status_code == 400
    assert "Choose indicators of this programme" in response.context["form"].errors["indicators"][0]
    assert "District plans drafted without children." in response.text
    situation = pw.stage("situation")
    for values in (
        gap_values("voice", data_sets=[foreign_data]),
        gap_values("voice", indicators=[pw.far_indicator]),
    ):
        with pytest.raises(Exception, match="only"):
            services.gap_add(progress=situation, by=pw.office, values=values)
    assert not Gap.objects.exists()


def test_a_second_gap_for_the_same_goal_area_is_refused(client, pw):
    situation = pw.open("situation")
    services.gap_add(progress=situation, by=pw.office, values=gap_values("voice"))
    client.force_login(pw.office)
    response = client.post(pw.url("record-gap-add", "situation"), _gap_post())
    assert response.status_code == 400
    assert response.context["form"].errors["goal_area"] == [
        "The gap of this goal area is recorded already: edit it instead."
    ]
    assert Gap.objects.count() == 1


def test_a_goal_naming_another_citys_gap_is_refused(client, pw):
    foreign = approve_situation(pw, city=pw.other_city)["voice"]
    approve_situation(pw)
    services.strategic_plan_save(
        progress=pw.stage("plans"),
        by=pw.office,
        values={"start_year": 2022, "end_year": 2026, "vision": "V"},
    )
    client.force_login(pw.office)
    response = client.post(
        pw.url("record-goal-add", "plans"), {"title": "Taken", "gaps": [foreign.pk]}
    )
    assert response.status_code == 400
    assert "Choose gaps of this city" in response.context["form"].errors["gaps"][0]
    with pytest.raises(Exception, match="only"):
        services.goal_add(
            progress=pw.stage("plans"),
            by=pw.office,
            values={"title": "Taken", "description": "", "gaps": [foreign]},
        )
    assert not StrategicGoal.objects.exists()


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"level_FIRST": "5"}, "level_FIRST", "Choose a level from 1 to 4."),
        ({"level_FIRST": ""}, "level_FIRST", "Choose a level from 1 to 4."),
        ({"justification_FIRST": ""}, "justification_FIRST", "Say why you chose this level."),
        ({"justification_FIRST": "  "}, "justification_FIRST", "Say why you chose this level."),
    ],
)
def test_a_bad_self_assessment_level_is_refused(client, pw, changes, field, message):
    pw.open("situation")
    first = pw.criteria[0].pk
    data = {f"level_{c.pk}": "3" for c in pw.criteria}
    data.update({f"comment_{c.pk}": "Typed comment" for c in pw.criteria})
    data.update({f"justification_{c.pk}": "Typed justification" for c in pw.criteria})
    data.update({key.replace("FIRST", str(first)): value for key, value in changes.items()})
    client.force_login(pw.office)
    response = client.post(pw.url("record-self-assessment", "situation"), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field.replace("FIRST", str(first))] == [message]
    assert "Typed comment" in response.text
    assert not SelfAssessment.objects.exists()


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"period_to": "2024-01-01"}, "period_to", AFTER_START),
        ({"period_to": "2023-06-01"}, "period_to", AFTER_START),
        ({"period_to": A_FUTURE_DAY}, "period_to", "This date is in the future."),
        ({"summary": ""}, "summary", "This field is required."),
        ({"period_from": ""}, "period_from", "This field is required."),
    ],
)  # fmt: skip
def test_a_bad_review_round_is_refused(client, pw, changes, field, message):
    pw.open("review")
    client.force_login(pw.office)
    data = _review_post(**changes)
    response = client.post(pw.url("record-review-round", "review"), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert "Budget agreed late." in response.text
    assert not ReviewRound.objects.exists()


# --- read-only after approval, who reaches the pages ---------------------------------------------


def test_approved_plans_are_read_only_until_reopened(
    client, pw, django_capture_on_commit_callbacks
):
    approve_situation(pw)
    plans = pw.stage("plans")
    _, goal, (operational,) = make_plan(pw, plans)
    action = services.action_add(
        progress=plans, by=pw.office, values=action_values(operational, goal)
    )
    pw.approve("plans")
    client.force_login(pw.office)
    page = client.get(pw.url("stage", "plans")).text
    assert action.title.replace("'", "&#x27;") in page
    edit = pw.url("record-action-edit", "plans", action.pk)
    assert edit not in page and pw.url("record-strategic-plan", "plans") not in page
    before = _records()
    for url, data in [
        (edit, _action_post(operational, goal, title="Changed")),
        (pw.url("record-action-delete", "plans", action.pk), {}),
        (pw.url("record-strategic-plan", "plans"), {"start_year": "2023", "end_year": "2024"}),
        (pw.url("record-goal-delete", "plans", goal.pk), {}),
        (pw.url("record-operational-plan-add", "plans"), {"year": "2024"}),
    ]:
        response = client.post(url, data, follow=True)
        assert response.redirect_chain[-1] == (pw.url("stage", "plans"), 302)
        assert "A coordinator must reopen it" in response.text
    assert _records() == before

    with django_capture_on_commit_callbacks(execute=True):  # the stage is kept (STAGES)
        workflow.stage_reopen(progress=pw.stage("plans"), by=pw.coordinator, reason="Budget.")
    assert edit in client.get(pw.url("stage", "plans")).text
    response = client.post(edit, _action_post(operational, goal, title="Changed"))
    assert response.status_code == 302
    assert PlanAction.objects.get().title == "Changed"


def _all_urls(pw):
    approve_situation(pw)
    situation_gap = Gap.objects.filter(progress=pw.stage("situation")).first()
    plans = pw.stage("plans")
    _, goal, (operational,) = make_plan(pw, plans)
    action = services.action_add(
        progress=plans, by=pw.office, values=action_values(operational, goal)
    )
    return [
        pw.url("record-gap-add", "situation"),
        pw.url("record-gap-edit", "situation", situation_gap.pk),
        pw.url("record-gap-delete", "situation", situation_gap.pk),
        pw.url("record-self-assessment", "situation"),
        pw.url("record-strategic-plan", "plans"),
        pw.url("record-goal-add", "plans"),
        pw.url("record-goal-edit", "plans", goal.pk),
        pw.url("record-goal-delete", "plans", goal.pk),
        pw.url("record-operational-plan-add", "plans"),
        pw.url("record-operational-plan-edit", "plans", operational.pk),
        pw.url("record-operational-plan-delete", "plans", operational.pk),
        pw.url("record-action-add", "plans"),
        pw.url("record-action-edit", "plans", action.pk),
        pw.url("record-action-delete", "plans", action.pk),
        pw.url("record-review-round", "review"),
    ]


@pytest.mark.parametrize(
    "user,statuses",
    [
        ("other_office", {404}),
        ("far_office", {404}),
        ("far_coordinator", {404}),
        ("coordinator", {403}),  # reads the records on the stage page, does not prepare them
        ("evaluator", {403}),
    ],
)
def test_only_the_preparer_reaches_the_pages(client, pw, user, statuses):
    urls = _all_urls(pw)
    client.force_login(getattr(pw, user))
    before = snapshot(), _records()
    for url in urls:
        assert client.get(url).status_code in statuses | {405}, url
        assert client.post(url, {"title": "Taken", "year": "2023"}).status_code in statuses, url
    assert (snapshot(), _records()) == before


def test_a_page_of_another_kind_of_stage_is_not_found(client, pw):
    client.force_login(pw.office)
    assert client.get(pw.url("record-gap-add", "plans")).status_code == 404
    assert client.get(pw.url("record-strategic-plan", "situation")).status_code == 404
    assert client.get(pw.url("record-review-round", "plans")).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, pw):
    response = client.get(pw.url("record-strategic-plan", "plans"))
    assert response.status_code == 302 and "/login" in response["Location"]


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("reader", ["office", "coordinator"])
def test_plans_page_queries_do_not_grow_with_the_actions(
    client, pw, django_assert_max_num_queries, size, reader
):
    gaps = approve_situation(pw, high=("voice", "safe_protected"))
    plans = pw.stage("plans")
    _, goal, operationals = make_plan(pw, plans, gaps=list(gaps.values()), years=(2022, 2023, 2024))
    for number in range(size):
        services.action_add(
            progress=plans,
            by=pw.office,
            values=action_values(
                operationals[number % 3],
                goal,
                title=f"Action {number}",
                goal_area=GoalArea.values[number % 5],
                district=pw.districts[number % 2] if number % 3 else None,
                currency=("IRR", "EUR")[number % 2],
            ),
        )
    client.force_login(getattr(pw, reader))
    with django_assert_max_num_queries(
        21 + NAV_TASKS_COUNTED
    ):  # with the thread, the inbox's unread count, the yearly notes and the district filter
        page = client.get(pw.url("stage", "plans"))
    assert page.status_code == 200
    listed = min(size, selectors.ACTIONS_PER_PAGE)  # a page at a time
    assert len(page.context["rec"]["actions"].object_list) == listed
    assert f"Actions 1–{listed} of {size}" in page.text


@pytest.mark.parametrize("versions", [1, 6])
def test_situation_page_queries_do_not_grow(client, pw, django_assert_max_num_queries, versions):
    pw.approve("database")
    data_sets = [data_set(pw, area) for area in GoalArea.values for _ in range(versions)]
    situation = pw.stage("situation")
    for area in GoalArea.values:
        services.gap_add(
            progress=situation,
            by=pw.office,
            values=gap_values(
                area,
                data_sets=[row for row in data_sets if row.goal_area == area],
                indicators=pw.indicators[:versions],
            ),
        )
    for _ in range(versions):
        assess_all(pw, situation)
    client.force_login(pw.office)
    with django_assert_max_num_queries(
        21 + NAV_TASKS_COUNTED
    ):  # with the thread, the inbox's unread count, the yearly notes and the district filter
        page = client.get(pw.url("stage", "situation"))
    assert page.status_code == 200
    assert page.text.count("Data set: Data on") == 5 * versions


@pytest.mark.parametrize("rounds", [1, 4])
def test_review_page_queries_do_not_grow(client, pw, django_assert_max_num_queries, rounds):
    pw.open("review")
    for _ in range(rounds):
        pw.approve("review")
    client.force_login(pw.coordinator)
    with django_assert_max_num_queries(14):
        page = client.get(pw.url("stage", "review"))
    assert page.status_code == 200
    assert page.text.count('class="border rounded p-2 mb-2"') == rounds


def test_the_self_assessment_shows_the_seeded_guidance_in_persian(client, pw):
    """The seeded criteria carry their guidance in every language (`criteria.GUIDANCE`): an
    Iranian city's office reads it in Persian beside the criterion."""
    pw.programme.calendar = "solar_hijri"
    pw.programme.save()
    criterion = next(c for c in pw.criteria if c.key == "child-budget")
    assert criterion.guidance_fa and criterion.guidance_ru and criterion.guidance_kk
    assert criterion.guidance_lt
    pw.open("situation")
    client.force_login(pw.office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    page = client.get(pw.url("record-self-assessment", "situation"))
    assert "سهم بودجه‌ای را که امسال صرف کودکان شده است بنویسید." in page.text
