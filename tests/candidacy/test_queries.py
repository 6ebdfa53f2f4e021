"""Every page that lists things costs the same number of queries with 3 rows as with 30.

Each test runs at two data sizes with one bound; the bound is the count measured (noted beside
it), so a page that starts issuing a query per row fails at the larger size."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from candidacy import services
from candidacy.comments import stage_comment_add
from candidacy.models import Preparer, StageDefinition, StageKind, StageProgress, StageState
from demo.testing import complete_record
from tests import factories as f
from tests.candidacy.workflow import PDF_BYTES, RETURN_COMMENT, approve, bring, reload, submit
from tests.navigation import NAV_TASKS_COUNTED

pytestmark = pytest.mark.django_db

SIZES = [3, 30]


def _main(page) -> str:
    """The page's content (the layout around it carries a new CSRF token each time)."""
    return page.text.split("<main", 1)[1].split("</main>", 1)[0]


def _add_cities(world, count):
    """`count` more cities in programme A, each with a stage awaiting sign-off: the office
    stage (coordinator's queue), or, for every other city, the joint stage with the
    coordinator's signature given (evaluator's queue, with a sign-off to show)."""
    for number in range(count):
        city = f.make_city(world.programme_a, slug=f"grown-{number}", name=f"Grown {number}")
        office = f.office_user(city, username=f"office.grown.{number}")
        for key in ["office", "joint"] if number % 2 else ["office"]:
            progress = f.stage_of(city, key)
            services.stage_save_draft(progress=progress, by=office, narrative=f"{key} done.")
            complete_record(progress, by=office)
            services.stage_submit(progress=progress, by=office)
            if number % 2:
                services.stage_approve(progress=progress, by=world.coordinator_a)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "filters, rows",
    [
        ({}, lambda size: size + 2),  # every city
        ({"stage": "office", "state": StageState.SUBMITTED}, lambda size: (size + 1) // 2),
        (
            {"status": "preparing", "overdue": "yes", "sort": "overdue"},
            lambda size: (size + 1) // 2,
        ),
    ],
    ids=["all", "filtered", "overdue"],
)
def test_programme_overview(client, world, django_assert_max_num_queries, size, filters, rows):
    _add_cities(world, size)
    # the office stages awaiting sign-off for two days, one day allowed: overdue
    StageDefinition.objects.filter(programme=world.programme_a, key="office").update(signoff_days=1)
    StageProgress.objects.filter(state=StageState.SUBMITTED).update(
        submitted_at=timezone.now() - datetime.timedelta(days=2)
    )
    client.force_login(world.coordinator_a)
    url = reverse("candidacy:overview", args=[world.programme_a.key])
    # measured: 11 (the session with the lists' edition, the user, roles, programme, its
    # stages, the count, the page's cities, their open commitments; the inbox's unread count,
    # the navigation's count of tasks)
    with django_assert_max_num_queries(9 + NAV_TASKS_COUNTED):
        page = client.get(url, filters)
    assert page.status_code == 200
    assert len(page.context["listing"].rows) == rows(size)
    # measured: 1 (the session with the edition: the user, roles, programme and list kept
    # under the edition)
    with django_assert_max_num_queries(2):  # and the inbox's unread count
        again = client.get(url, filters)
    assert _main(again) == _main(page)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("signatory", ["coordinator_a", "evaluator_a"])
def test_signoff_queue(client, world, django_assert_max_num_queries, size, signatory):
    _add_cities(world, size)
    client.force_login(getattr(world, signatory))
    url = reverse("candidacy:queue")
    # measured: 8 (the session with the lists' edition, the user, roles, the pager's count,
    # the stages, their sign-offs; the inbox's unread count and the navigation's count of tasks)
    with django_assert_max_num_queries(7 + NAV_TASKS_COUNTED):
        page = client.get(url)
    assert page.status_code == 200
    expected = (size + 1) // 2 if signatory == "coordinator_a" else size // 2
    assert len(page.context["listing"].rows) == expected
    # measured: 1 (the session with the edition: the user, roles and list kept)
    with django_assert_max_num_queries(2):  # and the inbox's unread count
        again = client.get(url)
    assert _main(again) == _main(page)


@pytest.mark.parametrize("size", SIZES)
def test_public_cities(client, world, django_assert_max_num_queries, size):
    _add_cities(world, size)
    # measured: 5 (the cache's edition, the filters' countries and stages, the pager's count,
    # the page's cities); from the cache: 1
    with django_assert_max_num_queries(5):
        page = client.get(reverse("public-cities"))
    assert page.status_code == 200
    assert page.text.count("Grown ") == size


def _long_programme(size):
    """A programme of `size` stages, each prepared by the city and signed by the coordinator."""
    steps = [
        dict(
            key=f"step-{position}",
            kind=StageKind.PLANS,
            prepared_by=Preparer.CITY,
            signed_by_coordinator=True,
        )
        for position in range(size)
    ]
    return f.make_programme(key=f"long-{size}", name="Long programme", steps=steps)


@pytest.mark.parametrize("size", SIZES)
def test_city_page(client, db, django_assert_max_num_queries, size):
    programme = _long_programme(size)
    city = f.make_city(programme, slug="long-city", name="Long city")
    office = f.office_user(city, username="office.long")
    coordinator = f.coordinator_user(programme, username="coord.long")
    stages = list(city.candidacy.stages.select_related("definition", "candidacy__city__programme"))
    for progress in stages[: size // 2 + 1]:
        progress.refresh_from_db()
        services.stage_save_draft(progress=progress, by=office, narrative="Done.")
        complete_record(progress, by=office)
        services.stage_submit(progress=progress, by=office)
        services.stage_approve(progress=progress, by=coordinator)
    for _ in range(size):
        f.CityFactory(programme=programme)  # more cities in the programme change nothing here
    client.force_login(office)
    url = reverse("candidacy:city", args=[city.slug])
    # measured: 8 (the session with the lists' edition, the user, roles and city; the
    # candidacy, its stages, their sign-offs and the city's open commitments; no evaluation
    # approved: no conditions to read; the inbox's unread count, the navigation's tasks)
    with django_assert_max_num_queries(9 + NAV_TASKS_COUNTED):
        page = client.get(url)
    assert page.status_code == 200
    assert len(page.context["stages"]) == size
    assert page.text.count("signed by") == size // 2 + 1
    # measured: 1 (the session with the edition: the user, roles, city and content kept under
    # the edition)
    with django_assert_max_num_queries(2):  # and the inbox's unread count
        again = client.get(url)
    assert _main(again) == _main(page)


@pytest.mark.parametrize("size", SIZES)
def test_city_page_with_notices(client, db, django_assert_max_num_queries, size):
    """A stage reopened, resubmitted and returned, and the withdrawal, each with its reason:
    one query more than a quiet city page, whatever the number of stages and their history."""
    programme = _long_programme(size)
    city = f.make_city(programme, slug="long-city", name="Long city")
    office = f.office_user(city, username="office.long")
    coordinator = f.coordinator_user(programme, username="coord.long")
    stages = list(city.candidacy.stages.select_related("definition", "candidacy__city__programme"))
    for progress in stages[:3]:
        progress.refresh_from_db()
        for round_ in range(size // 3):  # a long history: returned and resubmitted
            services.stage_save_draft(progress=progress, by=office, narrative=f"Try {round_}.")
            complete_record(progress, by=office)
            services.stage_submit(progress=progress, by=office)
            services.stage_return(progress=progress, by=coordinator, comment="Again.")
        services.stage_submit(progress=progress, by=office)
        services.stage_approve(progress=progress, by=coordinator)
    services.stage_reopen(progress=stages[2], by=coordinator, reason="Reopened for a fix.")
    services.stage_submit(progress=stages[2], by=office)
    services.stage_return(progress=stages[2], by=coordinator, comment="Returned for a fix.")
    services.candidacy_withdraw(candidacy=city.candidacy, by=coordinator, reason="Left.")
    client.force_login(office)
    # measured: 11 (a quiet city page's 10 with the inbox's unread count and the navigation's
    # tasks, and the announced history rows)
    with django_assert_max_num_queries(9 + NAV_TASKS_COUNTED):
        page = client.get(reverse("candidacy:city", args=[city.slug]))
    assert page.status_code == 200
    for reason in ("Returned for a fix.", "Left."):
        assert reason in page.text
    assert "Reopened for a fix." not in page.text  # returned since


def _busy_joint_stage(world, size):
    """City A's joint stage after `size` returns and resubmissions, with `size` documents and
    `size` comments to the city and internal notes each, by three authors, submitted again and
    signed by the coordinator: a long history, evidence list and thread."""
    bring(world, world.city_a, "office", StageState.APPROVED)
    joint = world.stage(world.city_a, "joint")
    for number in range(size):
        stage_comment_add(progress=joint, by=world.office_a, body=f"Question {number}.")
        for signatory in (world.coordinator_a, world.evaluator_a):
            stage_comment_add(
                progress=joint, by=signatory, body=f"Note {number}.", visibility="internal"
            )
        services.evidence_add(
            progress=joint,
            by=world.office_a,
            upload=SimpleUploadedFile(f"report-{number}.pdf", PDF_BYTES),
        )
        joint = submit(world, joint, narrative=f"Version {number}.")
        services.stage_return(progress=joint, by=world.evaluator_a, comment=RETURN_COMMENT)
        joint = reload(world, joint)
    joint = submit(world, joint, narrative="Final version.")
    services.stage_approve(progress=joint, by=world.coordinator_a)
    return reload(world, joint)


STAGE_PAGE_QUERIES = {
    reader: 14 + NAV_TASKS_COUNTED for reader in ("office_a", "evaluator_a", "coordinator_a")
}
STAGE_PAGE_QUERIES["evaluator_a"] += 1  # an evaluator's conflict declarations, read once


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("reader", ["office_a", "evaluator_a", "coordinator_a"])
def test_stage_page(client, world, django_assert_max_num_queries, size, reader):
    joint = _busy_joint_stage(world, size)
    client.force_login(getattr(world, reader))
    url = reverse("candidacy:stage", args=[world.city_a.slug, joint.definition.key])
    # measured: 14 = 8 for the office and for a signatory (sign-offs prefetched with the stage; the
    # last return found in the history), 4 for the joint evaluation's record: the record,
    # criteria, judgements, conditions; 1 for the thread (its comments the reader may read,
    # with their authors; one query whatever its length); 1 for the inbox's unread count
    with django_assert_max_num_queries(STAGE_PAGE_QUERIES[reader]):
        page = client.get(url)
    assert page.status_code == 200
    assert page.text.count("report-") == size
    assert len(list(page.context["history"])) == 2 * size + 3  # open, returns, submits, sign
    assert page.text.count("Question ") == size
    assert page.text.count("Note ") == (0 if reader == "office_a" else 2 * size)


def test_approved_office_stage_page_with_reopen_form(client, world, django_assert_max_num_queries):
    office = approve(world, world.stage(world.city_a, "office"))
    client.force_login(world.coordinator_a)
    # measured: 11 (8, the office's record, the thread, the inbox's unread count)
    with django_assert_max_num_queries(11 + NAV_TASKS_COUNTED):
        page = client.get(reverse("candidacy:stage", args=["city-a", office.definition.key]))
    assert page.status_code == 200
    assert reverse("candidacy:stage-reopen", args=["city-a", "office"]) in page.text
