"""A city's public page and its report for children (issue 12): anyone may read them; they show
the status, the stages passed and, as the city chooses, its plan and its children's proposals,
never anything private; they are cached and rendered afresh after a change; and the page where
the city's office chooses what they show is theirs and their coordinators' only."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidacy.models import (
    ActionStatus,
    Evidence,
    GoalArea,
    OperationalPlan,
    PlanAction,
    StageComment,
    StrategicGoal,
    StrategicPlan,
)
from cities.models import City, Programme
from stakeholders import services as stakeholder_services
from stakeholders.models import StakeholderComment
from tests import factories as f
from tests.stakeholders.factories import ProposalFactory, SessionFactory, childrens_council

pytestmark = pytest.mark.django_db


def page_url(city, programme=None):
    return reverse("public-city", args=[(programme or city.programme).key, city.slug])


def report_url(city):
    return reverse("public-city-report", args=[city.programme.key, city.slug])


def publish(city, *, plan=True, proposals=True):
    City.objects.filter(pk=city.pk).update(publish_plan=plan, publish_proposals=proposals)


def main_of(response) -> str:
    """The page's content (not the layout, whose CSRF token is random)."""
    text = response.content.decode()
    return text.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def plan_of(city) -> OperationalPlan:
    progress = city.candidacy.stages.order_by("definition__position").first()
    plan = StrategicPlan.objects.create(
        progress=progress, start_year=2022, end_year=2026, vision="Every child safe and heard."
    )
    StrategicGoal.objects.create(plan=plan, title="Play close to home")
    return OperationalPlan.objects.create(plan=plan, year=2023)


def add_action(operational, title, **changes) -> PlanAction:
    values = {
        "operational_plan": operational,
        "title": title,
        "goal": operational.plan.goals.first(),
        "goal_area": GoalArea.FAMILY_PLAY_LEISURE,
        "responsible_organisation": "Hidden Responsible Organisation",
        "partners": "Hidden Partner Agency",
        "starts_on": datetime.date(2023, 3, 21),
        "ends_on": datetime.date(2023, 12, 20),
        "budget": Decimal("1000"),
        "currency": "IRR",
        "children_participation": "Hidden participation words",
        "indicator": "Hidden indicator",
        "target": "Hidden target",
        **changes,
    }
    return PlanAction.objects.create(**values)


@pytest.fixture
def city_a(world):
    """City A with its office stage approved, a plan of two actions and a children's council
    with a proposal the city answered, carried out by one of the actions."""
    world.stages.approve("office")
    operational = plan_of(world.city_a)
    shade = add_action(
        operational, "Shade sails in ten playgrounds", status=ActionStatus.UNDER_WAY, completion=40
    )
    add_action(
        operational,
        "Safer crossings near schools",
        goal_area=GoalArea.SAFE_AND_PROTECTED,
        status=ActionStatus.DONE,
        completion=100,
        budget=Decimal("2500"),
    )
    council = childrens_council(world.city_a, name="Hidden Council Name")
    ProposalFactory(
        council=council,
        title="More shade in the playgrounds",
        details="Hidden proposal details",
        status="implemented",
        answer="We put up shade sails.",
        received_on=datetime.date(2024, 3, 1),
        answered_on=datetime.date(2024, 4, 1),
        plan_action=shade,
    )
    return world.city_a


# --- what anyone reads ------------------------------------------------------------------------


def test_anyone_reads_the_status_the_stages_passed_the_plan_and_the_proposals(client, city_a):
    publish(city_a)
    response = client.get(page_url(city_a))
    assert response.status_code == 200
    text = main_of(response)
    assert "City A" in text and "Preparing" in text  # the status (the office stage grants none)
    assert "Stages passed" in text
    progress = f.stage_of(city_a, "office")
    assert progress.definition.title in text
    # the plan: by goal area, and each action's progress
    assert "The plan by goal area" in text
    assert "Shade sails in ten playgrounds" in text and "40%" in text
    assert "Under way" in text
    assert "3,500" not in text  # budgets are per goal area, not summed across areas
    assert "2,500" in text and "1,000" in text
    # the proposals, the answer and the action that carries it out
    assert "More shade in the playgrounds" in text
    assert "We put up shade sails." in text
    assert "1 April 2024" in text


def test_the_report_for_children_tells_what_was_asked_answered_and_done(client, city_a):
    publish(city_a)
    response = client.get(report_url(city_a))
    assert response.status_code == 200
    text = main_of(response)
    assert "You asked, City A answered" in text
    assert "Children asked for 1 thing." in text
    assert "The city has answered 1 of them." in text
    assert "The city said yes, and it is done!" in text
    assert "Shade sails in ten playgrounds" in text and "40% of it is done." in text
    assert "css/report" in response.content.decode()  # large type, and a print stylesheet


def test_nothing_private_is_ever_shown(client, world, city_a):
    publish(city_a)
    office = f.stage_of(city_a, "office")
    Evidence.objects.create(
        progress=office,
        file="evidence/hidden.pdf",
        original_name="Hidden-decree-7781.pdf",
        content_type="application/pdf",
        size=100,
        uploaded_by=world.office_a,
    )
    StageComment.objects.create(
        progress=office, author=world.coordinator_a, body="Hidden comment to the city"
    )
    StageComment.objects.create(
        progress=office,
        author=world.coordinator_a,
        body="Hidden internal note",
        visibility=StageComment.Visibility.INTERNAL,
    )
    council = city_a.councils.get()
    f.CouncilMemberFactory(
        council=council,
        representative="Parvin Hiddenname",
        contact="parvin.hidden@example.org",
    )
    SessionFactory(council=council, topic="Hidden session topic", attendance=97)
    StakeholderComment.objects.create(
        city=city_a,
        proposal=council.proposals.get(),
        author=world.office_a,
        body="Hidden stakeholder comment",
    )
    for url in (page_url(city_a), report_url(city_a)):
        text = main_of(client.get(url))
        for private in (
            "Hidden",
            "7781",
            "parvin",
            "example.org",
            "97",
            world.office_a.username,
            world.coordinator_a.username,
        ):
            assert private.lower() not in text.lower(), (url, private)


def test_markup_typed_by_people_is_shown_as_text(client, city_a):
    publish(city_a)
    proposal = city_a.councils.get().proposals.get()
    proposal.answer = "<script>alert('x')</script><b>bold</b>"
    proposal.save()
    for url in (page_url(city_a), report_url(city_a)):
        text = main_of(client.get(url))
        assert "<script>alert" not in text and "<b>bold</b>" not in text
        assert "&lt;script&gt;" in text


def test_what_the_city_does_not_publish_is_not_shown(client, city_a):
    publish(city_a, plan=False, proposals=False)
    text = main_of(client.get(page_url(city_a)))
    assert "Shade sails in ten playgrounds" not in text
    assert "More shade in the playgrounds" not in text
    assert "The city has not published its plan or its children's proposals." in text
    assert "Stages passed" in text  # always public
    assert client.get(report_url(city_a)).status_code == 404

    publish(city_a, plan=True, proposals=False)
    cache.clear()  # the update() above bypasses the signals that raise the edition
    text = main_of(client.get(page_url(city_a)))
    assert "Shade sails in ten playgrounds" in text
    assert "More shade in the playgrounds" not in text

    publish(city_a, plan=False, proposals=True)
    cache.clear()
    text = main_of(client.get(page_url(city_a)))
    assert "The plan by goal area" not in text
    assert "More shade in the playgrounds" in text


@pytest.mark.parametrize(
    "path",
    [
        "/public/alpha/atlantis/",  # no such city
        "/public/alpha/city-b/",  # a city of another programme
        "/public/nowhere/city-a/",  # no such programme
        "/public/beta/city-a/report/",
    ],
)
def test_an_unknown_city_or_one_of_another_programme_is_a_404(client, world, path):
    publish(world.city_a)
    publish(world.city_b)
    assert client.get(path).status_code == 404


def test_in_the_programmes_language_for_a_reader_who_asks_for_none_of_ours(client, city_a):
    publish(city_a)
    Programme.objects.filter(pk=city_a.programme_id).update(language="ru")
    response = client.get(page_url(city_a), HTTP_ACCEPT_LANGUAGE="")
    assert '<html lang="ru"' in response.content.decode()
    assert "Пройденные этапы" in response.content.decode()
    english = client.get(page_url(city_a), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en"' in english.content.decode()


def test_an_iranian_citys_pages_date_in_the_solar_hijri_calendar(client, city_a):
    publish(city_a)
    Programme.objects.filter(pk=city_a.programme_id).update(calendar=Programme.Calendar.SOLAR_HIJRI)
    proposal = city_a.councils.get().proposals.get()
    proposal.received_on = datetime.date(2019, 8, 19)
    proposal.save()
    english = main_of(client.get(page_url(city_a), HTTP_ACCEPT_LANGUAGE="en"))
    assert "28 Mordad 1398 (19 August 2019)" in english
    persian = main_of(client.get(report_url(city_a), HTTP_ACCEPT_LANGUAGE="fa"))
    assert "۲۸ مرداد ۱۳۹۸" in persian


# --- the cache ----------------------------------------------------------------------------------


def test_a_new_answer_shows_at_the_next_request(
    client, world, city_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(city_a)
    for url in (page_url(city_a), report_url(city_a)):
        assert "We put up shade sails." in main_of(client.get(url))
    for url in (page_url(city_a), report_url(city_a)):
        with CaptureQueriesContext(connection) as cached:
            client.get(url)
        # one statement: the editions (lists, plans, proposals); the city is kept under the
        # lists' edition, the page under all three
        assert len(cached) == 1, [query["sql"] for query in cached.captured_queries]
    proposal = city_a.councils.get().proposals.get()
    with django_capture_on_commit_callbacks(execute=True):
        stakeholder_services.proposal_answer(
            proposal=proposal,
            by=world.office_a,
            status="implemented",
            answer="Shade sails are up in ten playgrounds.",
            answered_on=datetime.date(2024, 5, 1),
            plan_action=proposal.plan_action,
        )
    for url in (page_url(city_a), report_url(city_a)):
        text = main_of(client.get(url))
        assert "Shade sails are up in ten playgrounds." in text, url
        assert "We put up shade sails." not in text, url


def test_an_actions_progress_and_the_citys_choice_show_at_the_next_request(
    client, world, city_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(city_a)
    assert "40%" in main_of(client.get(page_url(city_a)))
    with django_capture_on_commit_callbacks(execute=True):
        action = PlanAction.objects.get(title="Shade sails in ten playgrounds")
        action.completion = 75
        action.save()
    assert "75%" in main_of(client.get(page_url(city_a)))
    from cities.services import city_publication_set

    with django_capture_on_commit_callbacks(execute=True):
        city_publication_set(
            city=city_a, by=world.office_a, publish_plan=False, publish_proposals=True
        )
    assert "The plan by goal area" not in main_of(client.get(page_url(city_a)))


def test_a_city_renamed_or_made_later_shows_at_the_next_request(
    client, world, city_a, django_capture_on_commit_callbacks
):
    missing = reverse("public-city", args=[city_a.programme.key, "made-later"])
    assert client.get(missing).status_code == 404
    assert client.get(page_url(city_a)).status_code == 200  # the city is kept now
    with django_capture_on_commit_callbacks(execute=True):
        city_a.name = "Renamed on the record"
        city_a.save()
        f.CityFactory(programme=city_a.programme, slug="made-later", name="Made later")
    assert "Renamed on the record" in main_of(client.get(page_url(city_a)))
    assert "Made later" in main_of(client.get(missing))


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [10, 100])
def test_the_pages_cost_the_same_queries_at_ten_and_a_hundred_rows(client, city_a, size):
    publish(city_a)
    operational = OperationalPlan.objects.get(plan__progress__candidacy__city=city_a)
    council = city_a.councils.get()
    for number in range(size):
        action = add_action(operational, f"Action {number}", completion=number % 101)
        ProposalFactory(
            council=council,
            title=f"Proposal {number}",
            status="accepted",
            answer="Yes.",
            answered_on=datetime.date(2024, 4, 1),
            plan_action=action,
        )
    for url in (page_url(city_a), report_url(city_a)):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        # the city; the editions (lists, plans, proposals); the page's reads: stages, plan
        # summary, actions, proposals (the report: proposals only); the proposals carried out
        # (`reporting.figures`: at most 4); the actions' yearly notes and the city's districts
        assert len(queries) <= 14, [query["sql"] for query in queries.captured_queries]
    assert f"Action {size - 1}" in main_of(client.get(page_url(city_a)))


# --- the city's choice ------------------------------------------------------------------------

SETTINGS = "city-publication"


def settings_url(city):
    return reverse(SETTINGS, args=[city.slug])


def test_an_anonymous_reader_is_sent_to_sign_in(client, world):
    response = client.get(settings_url(world.city_a))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("office_a", 200),
        ("coordinator_a", 200),
        ("evaluator_a", 403),  # reads the city, does not choose for it
        ("office_a2", 404),  # another city's office
        ("office_b", 404),  # another programme
        ("coordinator_b", 404),
        ("evaluator_b", 404),
    ],
)
def test_who_may_choose_what_the_public_page_shows(client, world, who, status):
    client.force_login(getattr(world, who))
    assert client.get(settings_url(world.city_a)).status_code == status
    response = client.post(
        settings_url(world.city_a), {"publish_plan": "yes", "publish_proposals": "yes"}
    )
    world.city_a.refresh_from_db()
    if status == 200:
        assert response.status_code == 302
        assert world.city_a.publish_plan and world.city_a.publish_proposals
    else:
        assert response.status_code == status
        assert not world.city_a.publish_plan and not world.city_a.publish_proposals


def test_the_city_page_links_to_the_public_page_and_to_the_choice(client, world):
    client.force_login(world.office_a)
    text = client.get(reverse("candidacy:city", args=[world.city_a.slug])).content.decode()
    assert page_url(world.city_a) in text and settings_url(world.city_a) in text
    client.force_login(world.evaluator_a)
    text = client.get(reverse("candidacy:city", args=[world.city_a.slug])).content.decode()
    assert page_url(world.city_a) in text and settings_url(world.city_a) not in text


def test_the_public_list_links_each_city_to_its_page(client, world):
    assert page_url(world.city_a) in client.get(reverse("public-cities")).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"publish_plan": "maybe", "publish_proposals": "yes"},
        {"publish_plan": "yes"},
        {"publish_plan": "<script>", "publish_proposals": "x" * 5000},
    ],
)
def test_bad_input_is_refused_on_the_form_and_nothing_is_written(client, world, data):
    client.force_login(world.office_a)
    response = client.post(settings_url(world.city_a), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nothing was saved" in text
    assert "form-errors" in text
    world.city_a.refresh_from_db()
    assert not world.city_a.publish_plan and not world.city_a.publish_proposals
    if data.get("publish_proposals") == "yes":  # what was chosen is kept
        assert re.search(r'name="publish_proposals" value="yes"[^>]*checked', text)


def test_the_service_refuses_whoever_may_not_choose(world):
    from django.core.exceptions import PermissionDenied

    from cities.services import city_publication_set

    for who in (world.evaluator_a, world.office_a2, world.coordinator_b):
        with pytest.raises(PermissionDenied):
            city_publication_set(
                city=world.city_a, by=who, publish_plan=True, publish_proposals=True
            )
    world.city_a.refresh_from_db()
    assert not world.city_a.publish_plan


def test_each_action_shows_its_planned_and_actual_dates_its_lateness_and_its_yearly_notes(
    client, city_a
):
    from candidacy.models import ActionStatus, ActionYearNote

    publish(city_a)
    operational = OperationalPlan.objects.get(plan__progress__candidacy__city=city_a)
    late = add_action(
        operational,
        "Late swings",
        status=ActionStatus.DELAYED,
        started_on=datetime.date(2023, 4, 1),
    )
    add_action(
        operational,
        "Failed bridge",
        status=ActionStatus.FAILED,
        completion=30,
        started_on=datetime.date(2023, 4, 1),
        ended_on=datetime.date(2023, 11, 1),
    )
    ActionYearNote.objects.create(
        action=late, year=2023, progress_text="Half the swings are up", completion=50
    )
    cache.clear()
    text = main_of(client.get(page_url(city_a)))
    assert "Planned:" in text and "Actual:" in text and "not ended yet" in text
    assert "Delayed" in text and "Not achieved" in text
    assert "Late" in text  # the planned end (2023) has passed and the action is not done
    assert "Half the swings are up" in text and "50%" in text


def test_the_plan_reads_district_by_district(client, city_a):
    from cities.models import District

    publish(city_a)
    operational = OperationalPlan.objects.get(plan__progress__candidacy__city=city_a)
    north = District.objects.create(city=city_a, number=1, name="Northside")
    District.objects.create(city=city_a, number=2, name="Southside")
    add_action(operational, "Northside playground", district=north)
    cache.clear()
    everything = main_of(client.get(page_url(city_a)))
    assert "Northside playground" in everything and "Northside" in everything
    one = main_of(client.get(page_url(city_a), {"district": 1}))
    assert "Northside playground" in one
    assert one.count("<tr>") < everything.count("<tr>")  # the other actions are not listed
    assert "Northside playground" not in main_of(client.get(page_url(city_a), {"district": "city"}))
    empty = main_of(client.get(page_url(city_a), {"district": 2}))
    assert "No action of the plan is in this district." in empty
    # a district the city does not have, or no number: the whole plan
    assert "Northside playground" in main_of(client.get(page_url(city_a), {"district": "99"}))
    assert client.get(page_url(city_a), {"district": "<b>x"}).status_code == 200
