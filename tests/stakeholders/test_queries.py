"""The stakeholders pages cost the same number of queries with 3 and with 30 rows (members,
former members, comments, sessions, proposals, memoranda, commitments, history rows, cities).
Each bound is the count measured, noted beside it."""

import datetime

import pytest
from django.urls import reverse

from stakeholders import services
from tests import factories as f
from tests.factories import CouncilTypeFactory, OrganisationFactory
from tests.navigation import NAV_TASKS_COUNTED
from tests.stakeholders.factories import (
    CommitmentFactory,
    MakeUpFactory,
    MemorandumFactory,
    ProposalFactory,
    SessionFactory,
    childrens_council,
    council_with_members,
)

pytestmark = pytest.mark.django_db

SIZES = [3, 30]
READERS = ["office_a", "coordinator_a", "evaluator_a"]

CITY_PAGE_QUERIES = 7  # session, user, roles, unread, city, councils, organisations
COUNCIL_PAGE_QUERIES = 8  # session, user, roles, unread, city, council, members, comments
PARTICIPATION_PAGE_QUERIES = 8  # session, user, roles, unread, city, council+make-up, sessions,
#                                 proposals
PROPOSAL_PAGE_QUERIES = 8  # session, user, roles, unread, city, council, proposal, comments
YOU_SAID_WE_DID_QUERIES = 6  # session, user, roles, unread, city, proposals
MEMORANDA_PAGE_QUERIES = 7  # session, user, roles, unread, city, memoranda, commitments
MEMORANDUM_PAGE_QUERIES = 8  # session, user, roles, unread, city, memorandum, commitments, comments
HISTORY_PAGE_QUERIES = 7  # session, user, roles, unread, city, count, page of changes
CANDIDACY_CITY_PAGE_QUERIES = 10  # the candidacy page's 8, commitments per party, conditions
# the overview's 8 (with the unread count), the counts per stage, the commitments per party of
# every city listed, the edition; and the navigation's count of tasks
OVERVIEW_QUERIES = 11 + NAV_TASKS_COUNTED


@pytest.fixture
def page_as(client, world, django_assert_max_num_queries):
    """`page_as(user, url, bound, data)`: the page as the world's `user` sees it, fetched with
    `data` in at most `bound` queries."""

    def read(user, url, bound, data=None) -> str:
        client.force_login(getattr(world, user))
        with django_assert_max_num_queries(bound + NAV_TASKS_COUNTED):  # and the navigation's
            response = client.get(url, data or {})
        assert response.status_code == 200
        return response.content.decode()

    return read


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("user", ["office_a", "coordinator_a"])
def test_city_page_queries_do_not_grow(page_as, world, size, user):
    types = [CouncilTypeFactory(programme=world.programme_a) for _ in range(3)]
    for index in range(size):
        council_with_members(world.city_a, members=2, council_type=types[index % 3])
    for _ in range(size):
        OrganisationFactory(city=world.city_a, inside_municipality=False)
    page = page_as(user, reverse("stakeholders:city", kwargs={"city": "city-a"}), CITY_PAGE_QUERIES)
    assert page.count('href="/cities/city-a/stakeholders/councils/') >= size


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("user", READERS)
@pytest.mark.parametrize("former", [False, True], ids=["current", "with former"])
def test_council_page_queries_do_not_grow(page_as, world, size, user, former):
    council = council_with_members(world.city_a, members=size)
    council.members.filter(pk=council.members.first().pk).update(
        term_start="2020-01-01", term_end="2022-01-01"
    )
    for member in list(council.members.all()[: size // 3]):
        services.council_member_replace(
            member=member,
            by=world.office_a,
            representative="Successor",
            replaced_on=datetime.date(2023, 1, 1),
        )
    for number in range(size):
        services.comment_add(by=world.coordinator_a, council=council, body=f"Comment {number}")
    url = reverse("stakeholders:council", kwargs={"city": "city-a", "pk": council.pk})
    page = page_as(user, url, COUNCIL_PAGE_QUERIES, {"former": "1"} if former else None)
    assert page.count('<th scope="row"') == size + (size // 3 if former else 0)
    assert page.count("Comment ") == size


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("user", READERS)
def test_participation_page_queries_do_not_grow(page_as, world, size, user):
    council = childrens_council(world.city_a)
    MakeUpFactory(council=council)
    organisation = OrganisationFactory(city=world.city_a)
    for number in range(size):
        SessionFactory(council=council, minutes="stakeholders/minutes.pdf", minutes_name="m.pdf")
        ProposalFactory(
            council=council,
            title=f"Proposal {number}",
            responsible_organisation=organisation if number % 2 else None,
        )
    url = reverse("stakeholders:participation", kwargs={"city": "city-a", "pk": council.pk})
    page = page_as(user, url, PARTICIPATION_PAGE_QUERIES)
    assert page.count("Proposal ") >= size and page.count("/minutes/") == size


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("user", READERS)
def test_proposal_page_queries_do_not_grow(page_as, world, size, user):
    council = childrens_council(world.city_a)
    proposal = ProposalFactory(
        council=council, responsible_organisation=OrganisationFactory(city=world.city_a)
    )
    for number in range(size):
        services.comment_add(by=world.coordinator_a, proposal=proposal, body=f"Comment {number}")
    url = reverse(
        "stakeholders:proposal",
        kwargs={"city": "city-a", "pk": council.pk, "proposal": proposal.pk},
    )
    page = page_as(user, url, PROPOSAL_PAGE_QUERIES)
    assert page.count("Comment ") == size


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("user", READERS)
def test_you_said_we_did_queries_do_not_grow(page_as, world, size, user):
    councils = [childrens_council(world.city_a, name=f"Council {n}") for n in range(3)]
    organisation = OrganisationFactory(city=world.city_a)
    for number in range(size):
        answered = number % 2 == 0
        ProposalFactory(
            council=councils[number % 3],
            title=f"Proposal {number}",
            status="accepted" if answered else "received",
            answer="Yes." if answered else "",
            answered_on=datetime.date(2024, 6, 1) if answered else None,
            responsible_organisation=organisation if answered else None,
        )
    url = reverse("stakeholders:you-said-we-did", kwargs={"city": "city-a"})
    page = page_as(user, url, YOU_SAID_WE_DID_QUERIES)
    assert page.count('class="ysw-item') == size


def _memoranda(world, size):
    memoranda = [MemorandumFactory(city=world.city_a) for _ in range(3)]
    parties = ["city", "ministry", "unicef", "province", "other"]
    for number in range(size):
        party = parties[number % len(parties)]
        CommitmentFactory(
            memorandum=memoranda[number % 3],
            party=party,
            party_name="Partner" if party == "other" else "",
            description=f"Commitment {number}",
            evidence="stakeholders/evidence.pdf" if number % 4 == 0 else "",
            evidence_name="evidence.pdf" if number % 4 == 0 else "",
        )
    return memoranda


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("user", READERS)
def test_memoranda_page_queries_do_not_grow(page_as, world, size, user):
    _memoranda(world, size)
    url = reverse("stakeholders:memoranda", kwargs={"city": "city-a"})
    page = page_as(user, url, MEMORANDA_PAGE_QUERIES)
    assert page.count("Commitment ") == size


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("user", READERS)
def test_memorandum_page_queries_do_not_grow(page_as, world, size, user):
    memorandum = _memoranda(world, 3 * size)[0]
    for number in range(size):
        services.comment_add(by=world.office_a, memorandum=memorandum, body=f"Note {number}")
    url = reverse("stakeholders:memorandum", kwargs={"city": "city-a", "pk": memorandum.pk})
    page = page_as(user, url, MEMORANDUM_PAGE_QUERIES)
    assert page.count('dir="auto">Commitment ') == size and page.count("Note ") == size


@pytest.mark.parametrize("size", [3, 80])
@pytest.mark.parametrize("user", ["office_a", "coordinator_a"])
def test_history_page_queries_do_not_grow(page_as, world, size, user):
    for number in range(size):
        services.organisation_create(city=world.city_a, by=world.office_a, name=f"Body {number}")
    url = reverse("stakeholders:history", kwargs={"city": "city-a"})
    page = page_as(user, url, HISTORY_PAGE_QUERIES)
    assert page.count("Body ") == min(size, 50)


@pytest.mark.parametrize("size", SIZES)
def test_candidacy_city_page_with_commitments(page_as, world, size):
    _memoranda(world, size)
    url = reverse("candidacy:city", args=["city-a"])
    page = page_as("office_a", url, CANDIDACY_CITY_PAGE_QUERIES)
    assert "UNICEF</span>:" in page


@pytest.mark.parametrize("size", SIZES)
def test_overview_with_commitments(client, world, django_assert_max_num_queries, size):
    """The overview's commitment column is one aggregate query for every city listed."""
    for number in range(size):
        city = f.make_city(world.programme_a, slug=f"grown-{number}", name=f"Grown {number}")
        memorandum = MemorandumFactory(city=city)
        CommitmentFactory(memorandum=memorandum, party="unicef", due_on=datetime.date(2021, 1, 1))
        CommitmentFactory(memorandum=memorandum, party="province")
    client.force_login(world.coordinator_a)
    url = reverse("candidacy:overview", args=[world.programme_a.key])
    with django_assert_max_num_queries(OVERVIEW_QUERIES) as queries:
        response = client.get(url)
    assert response.status_code == 200
    summaries = [
        q
        for q in queries.captured_queries
        if "stakeholders_commitment" in q["sql"] and "tasks_commitments" not in q["sql"]
    ]  # the navigation counts the coordinator's commitments due too (reporting.tasks)
    assert len(summaries) == 1
    assert response.content.decode().count("UNICEF</span>:") == size
