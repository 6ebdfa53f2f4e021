"""The pages, for each role: where people land after signing in, what the overview, the city page
and the stage page show, the Persian (right-to-left) layout and the security headers."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from candidacy import services
from candidacy.models import StageState
from tests import factories as f
from tests.candidacy.workflow import RETURN_COMMENT, bring
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# --- landing after sign-in -----------------------------------------------------------------


@pytest.mark.parametrize(
    "user,landing",
    [
        ("office_a", "/cities/city-a/"),
        ("office_b", "/cities/city-b/"),
        ("coordinator_a", "/programmes/alpha/"),
        ("coordinator_b", "/programmes/beta/"),
        ("evaluator_a", "/queue/"),
    ],
)
def test_people_land_on_their_own_page_after_signing_in(client, world, user, landing):
    person = getattr(world, user)
    response = client.post(
        reverse("login"), {"username": person.username, "password": "cfc-test"}, follow=True
    )
    assert response.status_code == 200
    chain = [url for url, _status in response.redirect_chain]
    assert chain[0] == reverse(settings.LOGIN_REDIRECT_URL)
    assert chain[-1] == landing
    assert response.wsgi_request.user == person


def test_wrong_password_keeps_the_visitor_on_the_login_page(client, world):
    response = client.post(reverse("login"), {"username": "office.a", "password": "wrong"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert response.context["form"].errors


def test_a_person_without_a_role_sees_an_explanation(client, world):
    client.force_login(UserFactory(username="nobody"))
    page = client.get(reverse("home"))
    assert page.status_code == 200
    assert "You have no city or programme assigned yet" in page.text


# --- the programme overview ----------------------------------------------------------------


def _overview_slugs(client, world, **filters):
    page = client.get(reverse("candidacy:overview", args=[world.programme_a.key]), filters)
    assert page.status_code == 200
    return sorted(city.slug for city in page.context["listing"].rows)


def test_overview_lists_the_programme_cities_and_filters_them(client, world):
    bring(world, world.city_a, "joint", StageState.SUBMITTED)  # city A: joint awaiting sign-off
    client.force_login(world.coordinator_a)  # city A2 stays on its open office stage
    assert _overview_slugs(client, world) == ["city-a", "city-a2"]
    assert _overview_slugs(client, world, stage="joint") == ["city-a"]
    assert _overview_slugs(client, world, stage="office") == ["city-a2"]
    assert _overview_slugs(client, world, state=StageState.SUBMITTED) == ["city-a"]
    assert _overview_slugs(client, world, state=StageState.OPEN) == ["city-a2"]
    assert _overview_slugs(client, world, stage="joint", state=StageState.OPEN) == []
    assert _overview_slugs(client, world, stage="badge") == []


def test_overview_page_shows_each_city_with_its_current_stage(client, world):
    bring(world, world.city_a, "joint", StageState.SUBMITTED)
    client.force_login(world.coordinator_a)
    page = client.get(reverse("candidacy:overview", args=[world.programme_a.key]))
    assert 'href="/cities/city-a/stages/joint/"' in page.text
    assert 'href="/cities/city-a2/stages/office/"' in page.text
    assert "City B" not in page.text
    filtered = client.get(
        reverse("candidacy:overview", args=[world.programme_a.key]), {"stage": "joint"}
    )
    assert 'href="/cities/city-a2/' not in filtered.text
    assert (
        "No city matches these filters."
        in client.get(
            reverse("candidacy:overview", args=[world.programme_a.key]), {"stage": "badge"}
        ).text
    )


def test_overview_ignores_an_unknown_filter(client, world):
    client.force_login(world.coordinator_a)
    assert _overview_slugs(client, world, stage="no-such-stage") == ["city-a", "city-a2"]


def test_overview_of_another_programme_is_not_found(client, world):
    client.force_login(world.coordinator_a)
    response = client.get(reverse("candidacy:overview", args=[world.programme_b.key]))
    assert response.status_code == 404


# --- the city page -------------------------------------------------------------------------


def _stage_items(html: str) -> dict[str, str]:
    """The city page's pipeline: each stage's list item, keyed by the stage's title."""
    items = re.findall(r"<li class=\"state-[^\"]*\">(.*?)</li>", html, flags=re.S)
    found = {}
    for item in items:
        title = re.search(r"(Office|Joint|Candidacy|Badge|Review)</", item)
        if title:
            found[title[1]] = item
    return found


def test_city_page_shows_every_stage_with_its_state(client, world):
    bring(world, world.city_a, "joint", StageState.SUBMITTED)
    client.force_login(world.office_a)
    page = client.get(reverse("candidacy:city", args=["city-a"]))
    assert page.status_code == 200
    items = _stage_items(page.text)
    assert list(items) == ["Office", "Joint", "Candidacy", "Badge", "Review"]
    assert "Approved" in items["Office"]
    assert "Awaiting sign-off" in items["Joint"]
    for locked in ("Candidacy", "Badge", "Review"):
        assert "Locked" in items[locked]
    assert 'href="/cities/city-a/stages/office/"' in items["Office"]
    assert "/stages/candidacy/" not in items["Candidacy"]  # a locked stage has no link yet
    assert "Preparing" in page.text  # the candidacy's status


def test_city_page_shows_status_granted(client, world):
    bring(world, world.city_a, "badge", StageState.APPROVED)
    client.force_login(world.coordinator_a)
    page = client.get(reverse("candidacy:city", args=["city-a"]))
    assert "Recognised" in page.text
    assert "valid until" in page.text


# --- the stage page ------------------------------------------------------------------------


def test_returned_stage_shows_the_signatory_comment(client, world):
    bring(world, world.city_a, "office", StageState.RETURNED)
    client.force_login(world.office_a)
    page = client.get(reverse("candidacy:stage", args=["city-a", "office"]))
    assert page.status_code == 200
    assert "Returned by: National coordinator" in page.text
    assert RETURN_COMMENT in page.text
    # The office can correct and resubmit.
    assert reverse("candidacy:stage-save", args=["city-a", "office"]) in page.text


def test_stage_page_shows_its_history(client, world):
    office = bring(world, world.city_a, "office", StageState.RETURNED)
    services.stage_submit(progress=office, by=world.office_a, note="Decree attached now.")
    client.force_login(world.coordinator_a)
    page = client.get(reverse("candidacy:stage", args=["city-a", "office"]))
    history = page.text.split('id="h-history"', 1)[1]
    assert [entry.action for entry in page.context["history"]] == [
        "submit",
        "return",
        "submit",
        "open",
    ]
    for shown in ("submitted", "returned", "opened", RETURN_COMMENT, "Decree attached now."):
        assert shown in history
    assert "office.a" in history or world.office_a.get_full_name() in history
    assert "coord.a" in history or world.coordinator_a.get_full_name() in history
    assert "the portal" in history  # the first opening was nobody's act


def test_signatory_sees_the_decision_form_and_the_office_does_not(client, world):
    bring(world, world.city_a, "joint", StageState.SUBMITTED)
    url = reverse("candidacy:stage", args=["city-a", "joint"])
    decide = reverse("candidacy:stage-decide", args=["city-a", "joint"])
    client.force_login(world.evaluator_a)
    assert decide in client.get(url).text
    client.force_login(world.office_a)
    assert decide not in client.get(url).text


def test_decision_through_the_page(client, world):
    bring(world, world.city_a, "joint", StageState.SUBMITTED)
    client.force_login(world.coordinator_a)
    url = reverse("candidacy:stage-decide", args=["city-a", "joint"])
    shown = {"submission": world.stage(world.city_a, "joint").submission}
    response = client.post(url, {"decision": "approve", "comment": "", **shown}, follow=True)
    assert "Your approval was recorded." in response.text
    assert world.stage(world.city_a, "joint").state == StageState.SUBMITTED
    client.force_login(world.evaluator_a)
    client.post(url, {"decision": "approve", "comment": "", **shown})
    assert world.stage(world.city_a, "joint").state == StageState.APPROVED


def test_queue_lists_what_awaits_the_signatory(client, world):
    bring(world, world.city_a, "joint", StageState.SUBMITTED)
    bring(world, world.city_a2, "office", StageState.SUBMITTED)
    services.stage_approve(progress=world.stage(world.city_a, "joint"), by=world.coordinator_a)

    client.force_login(world.coordinator_a)
    stages = client.get(reverse("candidacy:queue")).context["listing"].rows
    assert [(s.candidacy.city.slug, s.definition.key) for s in stages] == [("city-a2", "office")]

    client.force_login(world.evaluator_a)
    stages = client.get(reverse("candidacy:queue")).context["listing"].rows
    assert [(s.candidacy.city.slug, s.definition.key) for s in stages] == [("city-a", "joint")]

    client.force_login(world.evaluator_b)
    assert list(client.get(reverse("candidacy:queue")).context["listing"].rows) == []


# --- language and headers ------------------------------------------------------------------


@pytest.mark.parametrize("how", ["header", "cookie"])
def test_persian_pages_are_right_to_left(client, world, how):
    client.force_login(world.office_a)
    url = reverse("candidacy:city", args=["city-a"])
    if how == "header":
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="fa")
    else:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
        page = client.get(url)
    assert page.status_code == 200
    assert '<html lang="fa" dir="rtl">' in page.text
    assert "bootstrap.rtl.min.css" in page.text


def test_english_pages_are_left_to_right(client, world):
    client.force_login(world.office_a)
    page = client.get(reverse("candidacy:city", args=["city-a"]), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en" dir="ltr">' in page.text
    assert "bootstrap.min.css" in page.text
    assert "bootstrap.rtl.min.css" not in page.text


def test_public_page_in_persian(client, world):
    page = client.get(reverse("public-cities"), HTTP_ACCEPT_LANGUAGE="fa")
    assert page.status_code == 200
    assert 'dir="rtl"' in page.text
    assert "bootstrap.rtl.min.css" in page.text


def test_choosing_persian_sets_the_language_cookie(client, world):
    response = client.post(reverse("set_language"), {"language": "fa", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fa"
    assert 'dir="rtl"' in client.get("/").text


@pytest.mark.parametrize("user", [None, "office_a"])
def test_security_headers_are_set(client, world, user):
    if user:
        client.force_login(getattr(world, user))
        url = reverse("candidacy:stage", args=["city-a", "office"])
    else:
        url = reverse("public-cities")
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_public_page_shows_no_private_work(client, world):
    office = world.stage(world.city_a, "office")
    services.stage_save_draft(progress=office, by=world.office_a, narrative="Private draft.")
    page = client.get(reverse("public-cities"))
    assert "City A" in page.text and "City B" in page.text
    assert "Private draft." not in page.text
    assert "/cities/city-a/" not in page.text


def test_overview_searches_sorts_and_pages(client, world):
    for number in range(30):
        f.make_city(world.programme_a, slug=f"grown-{number:02}", name=f"Grown {number:02}")
    client.force_login(world.coordinator_a)
    url = reverse("candidacy:overview", args=[world.programme_a.key])

    def names(**query):
        return [city.name for city in client.get(url, query).context["listing"].rows]

    assert names(q="grown 1") == [f"Grown 1{n}" for n in range(10)]
    assert names(per_page=25, page=2) == [f"Grown {n}" for n in range(23, 30)]
    by_region = names(sort="region")
    assert len(by_region) == 32
    bring(world, world.city_a, "joint", StageState.SUBMITTED)
    assert names(sort="stage", per_page=25, page=2)[-1] == "City A"  # furthest along, last
    assert names(sort="waiting")[0] in {"City A", "City A2"}  # the longest waiting first
    for bad in ({"page": "x"}, {"per_page": "9999"}, {"sort": "?"}, {"stage": "nope"}):
        page = client.get(url, bad)
        assert page.status_code == 200 and len(page.context["listing"].rows) >= 1


def test_queue_searches_sorts_and_pages(client, world):
    bring(world, world.city_a, "office", StageState.SUBMITTED)
    bring(world, world.city_a2, "office", StageState.SUBMITTED)
    client.force_login(world.coordinator_a)
    url = reverse("candidacy:queue")

    def cities(**query):
        page = client.get(url, query)
        assert page.status_code == 200
        return [stage.candidacy.city.name for stage in page.context["listing"].rows]

    assert cities() == ["City A", "City A2"]  # oldest submission first
    assert cities(q="a2") == ["City A2"]
    assert cities(sort="city") == ["City A", "City A2"]
    assert cities(q="nowhere") == []
    assert (
        "No stage awaiting your sign-off matches this search."
        in client.get(url, {"q": "nowhere"}).text
    )
    assert cities(page="zz", per_page="-3", sort="drop table") == ["City A", "City A2"]
