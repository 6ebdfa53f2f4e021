"""Every public page, on the demo's data, in every language of the portal: what an anonymous
reader gets never carries a private field (a stage's narrative, evidence, comments, internal
notes), a person (a council member, a user, the head of an office, a network contact) or a
contact; and no figure about children comes from a group smaller than the threshold (every
figure the pages make goes through `core.privacy.figure`, watched here).

The pages are enumerated from the URL sweep's list of deliberately public pages
(`tests/test_url_sweeps.PUBLIC`): a public page added later fails `test_every_public_page_is_swept`
until it is added to `PAGES` below, with the objects to fill its address from."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from candidacy.models import (
    Evidence,
    NetworkRecord,
    OfficeRecord,
    PlanAction,
    StageComment,
    StageProgress,
)
from cities.models import City, Programme
from core import privacy
from reporting import figures
from stakeholders.models import ChildrenProposal, CouncilMember, StakeholderComment
from tests.test_url_sweeps import PUBLIC

#: Public URL names that are not pages of the portal's public content: signing in and out,
#: choosing a language, resetting a password, the health check.
NOT_CONTENT = {
    "login",
    "logout",
    "set_language",
    "healthz",
    "admin:login",
    "admin:logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "axes-lockout",
    "lockout",
}


def _programmes() -> Iterable[dict]:
    return ({"programme": key} for key in Programme.objects.values_list("key", flat=True))


def _cities(**published) -> Iterable[dict]:
    return (
        {"programme": key, "city": slug}
        for key, slug in City.objects.filter(**published).values_list("programme__key", "slug")
    )


def _entries() -> Iterable[dict]:
    from library.models import GoodPractice

    return ({"entry": pk} for pk in GoodPractice.objects.values_list("pk", flat=True))


#: Each public content page, with the addresses to read it at (the kwargs to reverse with).
PAGES: dict[str, Callable[[], Iterable[dict]]] = {
    "public-cities": lambda: [{}],
    "public-programme": _programmes,
    "public-map": lambda: [{}],
    "public-programme-map": _programmes,
    "public-city": _cities,
    "public-city-report": lambda: _cities(publish_proposals=True),
    "open-data": lambda: [{}],
    "open-data-cities-csv": lambda: [{}],
    "open-data-cities-json": lambda: [{}],
    "open-data-programmes-json": lambda: [{}],
    "good-practice": lambda: [{}],
    "good-practice-entry": _entries,
}

#: Queries read at each page besides its plain address (filters, a search, another page).
QUERIES = {
    "public-cities": ["", "?per_page=100", "?sort=stage"],
    "public-programme": ["", "?per_page=100"],
    "public-map": ["", "?status=recognised"],
    "good-practice": ["", "?per_page=100", "?theme=participation"],
}

MIN_LENGTH = 6  # shorter strings ("Ali", "chair") could appear by chance in any page


def _texts(*values) -> set[str]:
    return {value.strip() for value in values if value and len(value.strip()) >= MIN_LENGTH}


def private_strings() -> dict[str, str]:
    """Each private string of the demo's data, with where it comes from."""
    found: dict[str, str] = {}

    def add(source, *values):
        for value in _texts(*values):
            found.setdefault(value, source)

    for member in CouncilMember.objects.all():
        add(f"council member {member.pk}", member.representative, member.contact)
    for user in get_user_model().objects.all():
        add(f"user {user.pk}", user.username, user.email, user.get_full_name())
    for evidence in Evidence.objects.all():
        add(f"evidence {evidence.pk}", evidence.original_name, evidence.description)
    for comment in StageComment.objects.all():
        add(f"stage comment {comment.pk}", comment.body[:80])
    for comment in StakeholderComment.objects.all():
        add(f"stakeholder comment {comment.pk}", comment.body[:80])
    for stage in StageProgress.objects.exclude(narrative=""):
        add(f"narrative of stage {stage.pk}", stage.narrative[:80])
    for office in OfficeRecord.objects.all():
        add(f"office record {office.pk}", office.head_name, office.reference_number)
    for network in NetworkRecord.objects.all():
        add(f"network record {network.pk}", network.contact_name, network.contact_email)
    # What a city keeps off its public page: its plan's actions, its children's proposals and
    # the city's answers (unless another city publishes the same words).
    unpublished, published = set(), set()
    for action in PlanAction.objects.select_related(
        "operational_plan__plan__progress__candidacy__city"
    ):
        city = action.operational_plan.plan.progress.candidacy.city
        (published if city.publish_plan else unpublished).add(action.title)
    for proposal in ChildrenProposal.objects.select_related("council__city"):
        city = proposal.council.city
        (published if city.publish_proposals else unpublished).update(
            {proposal.title, proposal.answer[:80]}
        )
    for text in _texts(*(unpublished - published)):
        found.setdefault(text, "what a city does not publish")
    return found


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, in a transaction rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield private_strings()
        transaction.set_rollback(True)


def test_every_public_page_is_swept():
    content = {name for name in PUBLIC if name not in NOT_CONTENT}
    assert content <= set(PAGES), f"add to PAGES: {sorted(content - set(PAGES))}"


def _addresses():
    for name, kwargs_of in PAGES.items():
        for kwargs in kwargs_of():
            base = reverse(name, kwargs=kwargs)
            for query in QUERIES.get(name, [""]):
                yield base + query


_TAG = re.compile(r"<[^>]+>")


class FigureSpy:
    """Every figure about children the pages make (`core.privacy.figure`), with its group."""

    def __init__(self, monkeypatch):
        self.made = []
        made = privacy.figure

        def spied(value, *, group_size):
            result = made(value, group_size=group_size)
            self.made.append((group_size, result))
            return result

        monkeypatch.setattr(figures, "figure", spied)


@pytest.mark.usefixtures("db")
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_no_public_page_shows_a_private_field_or_a_person(client, demo, language, monkeypatch):
    assert demo, "the demo has private strings to look for"
    spy = FigureSpy(monkeypatch)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    read = 0
    for address in _addresses():
        response = client.get(address)
        assert response.status_code == 200, address
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        for text, source in demo.items():
            assert text not in body, f"{address} ({language}) shows {source}: {text!r}"
        read += 1
    assert read >= len(PAGES)
    # no figure from a group smaller than the threshold is published, and the rule was at work
    threshold = privacy.small_group_threshold()
    assert spy.made, "the pages publish figures about children"
    for group_size, made in spy.made:
        assert made.hidden == (group_size < threshold), (group_size, made)
        assert made.hidden or made.value is not None
    assert any(made.hidden for _size, made in spy.made), "the demo has a small group"
    assert any(not made.hidden for _size, made in spy.made), "the demo has a large group"


@pytest.mark.usefixtures("db")
def test_the_sweep_reads_every_city_of_the_demo(demo):
    assert City.objects.count() > 30  # the sweep is not vacuous
