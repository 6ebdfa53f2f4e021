"""Every scoped admin changelist (issue 10, "world scale") costs the same number of queries with
few and with many rows and cities, reads its own table only for the page's count and rows
(its filters read the programme and city tables), and offers in its filters only the
coordinator's programme's values.

Each changelist is built at two sizes; the bound is the count measured at the small one."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidacy.models import (
    ActionYearNote,
    AssessmentCriterion,
    CallRound,
    Candidacy,
    ChildrenPanelVerdict,
    EvaluationCriterion,
    GoalArea,
    IndicatorDefinition,
    OperationalPlan,
    PanelVerdict,
    PlanAction,
    Recognition,
    StageDefinition,
    StageProgress,
    StrategicGoal,
    StrategicPlan,
)
from cities import admin_scoping
from cities.admin_scoping import ScopedCityFilter
from cities.models import City, Organisation
from library.models import GoodPractice
from stakeholders.models import (
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilType,
    Memorandum,
    StakeholderChange,
    StakeholderComment,
)
from tests import factories as f
from tests.library import make as library_make
from tests.stakeholders.factories import (
    CommitmentFactory,
    MemorandumFactory,
    ProposalFactory,
    SessionFactory,
    council_with_members,
)

pytestmark = pytest.mark.django_db

SIZES = (2, 12)


def _grow_cities(world, size) -> list[City]:
    """`size` more cities in programme A, each in a region of its own: the city and region
    filters grow with them."""
    return [
        f.make_city(
            world.programme_a,
            slug=f"grown-{size}-{n}",
            name=f"Grown {size}.{n}",
            region=f"Region {size}.{n}",
        )
        for n in range(size)
    ]


def _councils(world, size):
    for city in _grow_cities(world, size):
        council_with_members(city, members=2)


def _sessions(world, size):
    for city in _grow_cities(world, size):
        SessionFactory(council=council_with_members(city))


def _proposals(world, size):
    for city in _grow_cities(world, size):
        ProposalFactory(
            council=council_with_members(city),
            responsible_organisation=f.OrganisationFactory(city=city),
        )


def _commitments(world, size):
    for city in _grow_cities(world, size):
        CommitmentFactory(memorandum=MemorandumFactory(city=city))
        CommitmentFactory(
            memorandum=MemorandumFactory(city=city), status=Commitment.Status.FULFILLED
        )


def _comments(world, size):
    for city in _grow_cities(world, size):
        StakeholderComment.objects.create(
            city=city, council=council_with_members(city), author=world.coordinator_a, body="Ok."
        )


def _changes(world, size):
    for city in _grow_cities(world, size):
        StakeholderChange.objects.create(
            city=city,
            object_type=StakeholderChange.ObjectType.COUNCIL,
            object_id=1,
            action=StakeholderChange.Action.CREATED,
            summary="Added a council.",
            user=world.coordinator_a,
        )


def _call_rounds(world, size):
    _grow_cities(world, size)
    for n in range(size):
        CallRound.objects.create(
            programme=world.programme_a,
            name=f"Call {size}-{n}",
            opens_on=datetime.date(2024, 1, 1 + n),
            closes_on=datetime.date(2024, 6, 1 + n),
        )


def _recognitions(world, size):
    """Two cycles of recognition for each grown city, the first renewed by the second."""
    for city in _grow_cities(world, size):
        candidacy = Candidacy.objects.get(city=city)
        first = Recognition.objects.create(
            candidacy=candidacy,
            cycle=1,
            starts_on=datetime.date(2020, 1, 1),
            ends_on=datetime.date(2023, 12, 31),
        )
        first.renewed_by = Recognition.objects.create(
            candidacy=candidacy,
            cycle=2,
            starts_on=datetime.date(2024, 1, 1),
            ends_on=datetime.date(2027, 12, 31),
        )
        first.save()


def _panel_verdicts(world, size):
    """A children's panel verdict on the evaluation stage of each grown city."""
    for city in _grow_cities(world, size):
        progress = (
            StageProgress.objects.filter(candidacy__city=city).order_by("-definition__position")
        ).first()
        ChildrenPanelVerdict.objects.create(
            progress=progress,
            panel_size=12,
            verdict=PanelVerdict.RECOMMEND,
            votes_for=10,
            votes_against=1,
            votes_abstain=1,
            recorded_on=datetime.date(2024, 5, 1),
        )


def _definitions(world, size):
    _grow_cities(world, size)
    for n in range(size):
        IndicatorDefinition.objects.create(
            programme=world.programme_a,
            key=f"indicator-{size}-{n}",
            name=f"Indicator {n}",
            unit="children",
            goal_area=GoalArea.choices[0][0],
            order=n,
        )
        EvaluationCriterion.objects.create(
            programme=world.programme_a, key=f"criterion-{size}-{n}", text=f"Criterion {n}", order=n
        )
        AssessmentCriterion.objects.create(
            programme=world.programme_a, key=f"criterion-{size}-{n}", text=f"Criterion {n}", order=n
        )
        f.CouncilTypeFactory(programme=world.programme_a)


def _entries(world, size):
    for city in _grow_cities(world, size):
        library_make.published(city, world.coordinator_a, title=f"Play streets of {city.slug}")


def _plan_actions(world, size):
    """`size` plan actions (with a yearly note each) in a grown city's plan: its strategic
    plan hangs on the city's first stage, written directly."""
    city = f.make_city(world.programme_a, slug=f"planning-{size}", name=f"Planning {size}")
    progress = StageProgress.objects.filter(candidacy__city=city).order_by("pk").first()
    plan = StrategicPlan.objects.create(
        progress=progress, start_year=2022, end_year=2026, vision="Vision"
    )
    goal = StrategicGoal.objects.create(plan=plan, title="Goal")
    operational = OperationalPlan.objects.create(plan=plan, year=2022)
    for n in range(size):
        action = PlanAction.objects.create(
            operational_plan=operational,
            title=f"Action {size}.{n}",
            goal=goal,
            goal_area=GoalArea.choices[0][0],
            responsible_organisation="Office",
            starts_on=datetime.date(2022, 1, 1),
            ends_on=datetime.date(2022, 12, 31),
            budget=1,
            currency="EUR",
            children_participation="Council",
            indicator="Indicator",
            target="Target",
        )
        ActionYearNote.objects.create(action=action, year=2022, progress_text="Progress")


#: (model, its table's rows grown by, queries of the page that read its table)
CHANGELISTS = [
    (City, _grow_cities, 2),  # the count and the page (the region filter and the scope are kept)
    (Organisation, _councils, 2),
    (Council, _councils, 2),
    (CouncilType, _definitions, 2),
    (ChildrenCouncilSession, _sessions, 4),  # and the date hierarchy's range and years
    (ChildrenProposal, _proposals, 4),
    (Memorandum, _commitments, 2),
    (Commitment, _commitments, 2),
    (StakeholderComment, _comments, 2),
    (StakeholderChange, _changes, 4),
    (StageProgress, _grow_cities, 2),
    (Candidacy, _grow_cities, 2),
    (StageDefinition, _grow_cities, 2),
    (IndicatorDefinition, _definitions, 2),
    (CallRound, _call_rounds, 2),
    (Recognition, _recognitions, 2),
    (ChildrenPanelVerdict, _panel_verdicts, 2),
    (EvaluationCriterion, _definitions, 2),
    (AssessmentCriterion, _definitions, 2),
    (GoodPractice, _entries, 2),
    (PlanAction, _plan_actions, 2),
]


#: The query that shows a list whole where it opens filtered.
WHOLE_LIST = {StageProgress: {"awaiting_me": "all"}}


def _changelist(model, **query) -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def _queries(client, url) -> list[str]:
    client.get(url)  # once first: per-process caches (content types...) are not the page's
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def _reading(table: str, sqls: list[str]) -> list[str]:
    return [sql for sql in sqls if re.search(rf'(FROM|JOIN) "{table}"', sql)]


@pytest.mark.parametrize(
    "model, grow, reads", CHANGELISTS, ids=[model.__name__ for model, *_ in CHANGELISTS]
)
def test_changelist_costs_the_page_not_the_table(client, world, model, grow, reads):
    client.force_login(world.coordinator_a)
    # The stages' list opens on "awaiting my sign-off": the whole list is what may grow.
    url = _changelist(model, **WHOLE_LIST.get(model, {}))
    counts = []
    for size in SIZES:
        grow(world, size)
        sqls = _queries(client, url)
        counts.append(len(sqls))
        # Nothing grouped over the scoped rows (a Count over a join), in any query.
        assert not [sql for sql in sqls if "GROUP BY" in sql]
        assert len(_reading(model._meta.db_table, sqls)) == reads, sqls

    assert counts[0] == counts[1]


def test_organisation_seats_are_counted_for_the_page_only(client, world):
    """Current seats only, per organisation shown; sorting by them still works."""
    council = council_with_members(world.city_a, members=2)
    seat = council.members.first()
    seat.ended_on = datetime.date(2024, 1, 1)
    seat.save()
    council_with_members(world.city_a, members=1, council_type=council.council_type)
    client.force_login(world.coordinator_a)

    page = client.get(_changelist(Organisation, o="-5"))

    counts = {row.name: row.seat_count for row in page.context["cl"].result_list}
    assert counts[seat.organisation.name] == 0
    assert sorted(counts.values(), reverse=True)[:3] == [1, 1, 0]


def test_memoranda_count_their_open_commitments(client, world):
    memorandum = MemorandumFactory(city=world.city_a)
    CommitmentFactory(memorandum=memorandum)
    CommitmentFactory(memorandum=memorandum)
    CommitmentFactory(memorandum=memorandum, status=Commitment.Status.FULFILLED)
    MemorandumFactory(city=world.city_a, title="Nothing promised")
    client.force_login(world.coordinator_a)

    page = client.get(_changelist(Memorandum))

    counts = {row.title: row.open_count for row in page.context["cl"].result_list}
    assert counts == {memorandum.title: 2, "Nothing promised": 0}


def test_filters_offer_only_the_coordinators_programme(client, world):
    world.city_b.region = "Far Province"
    world.city_b.save()
    council_with_members(world.city_a, members=1)
    council_with_members(world.city_b, members=1)
    client.force_login(world.coordinator_a)

    page = client.get(_changelist(Organisation)).text

    assert world.city_a.name in page and world.city_a2.name in page  # the city filter
    assert world.city_b.name not in page and "Far Province" not in page
    assert world.programme_b.name not in page


def _city_choices(page) -> list[str]:
    """The cities the city filter offers (none: the filter is not shown)."""
    specs = page.context["cl"].filter_specs
    return [
        name
        for spec in specs
        if isinstance(spec, ScopedCityFilter)
        for _pk, name in spec.lookup_choices
    ]


def test_city_filter_waits_for_a_region_beyond_its_limit(client, world, superuser):
    """Past `ScopedCityFilter.limit` cities the filter lists none until a region narrows it
    (the search box finds a city by name meanwhile); a chosen city stays offered."""
    City.objects.bulk_create(
        City(programme=world.programme_b, slug=f"many-{n}", name=f"Many {n}", region="Far")
        for n in range(ScopedCityFilter.limit)
    )
    client.force_login(superuser)

    everything = client.get(_changelist(Council))
    in_region = client.get(_changelist(Council, city__region="Far"))
    chosen = client.get(_changelist(Council, city__id__exact=world.city_a.pk))

    assert _city_choices(everything) == []
    assert len(_city_choices(in_region)) == ScopedCityFilter.limit
    assert "Many 1" in _city_choices(in_region) and world.city_a.name not in in_region.text
    assert _city_choices(chosen) == [world.city_a.name]


def test_city_filter_lists_a_coordinators_cities(client, world):
    client.force_login(world.coordinator_a)

    page = client.get(_changelist(Council))

    assert sorted(_city_choices(page)) == sorted([world.city_a.name, world.city_a2.name])


def test_responsible_organisations_are_those_of_the_chosen_city(client, world):
    mine = ProposalFactory(
        council=council_with_members(world.city_a),
        responsible_organisation=f.OrganisationFactory(city=world.city_a, name="Our library"),
    )
    ProposalFactory(
        council=council_with_members(world.city_a2),
        responsible_organisation=f.OrganisationFactory(city=world.city_a2, name="Their pool"),
    )
    client.force_login(world.coordinator_a)

    unchosen = client.get(_changelist(ChildrenProposal)).text
    chosen = client.get(
        _changelist(ChildrenProposal, council__city__id__exact=world.city_a.pk)
    ).text

    assert "Our library" not in unchosen
    assert "Our library" in chosen and "Their pool" not in chosen
    assert mine.title in chosen


def test_council_type_filter_offers_the_programmes_types(client, world):
    council_with_members(
        world.city_a,
        council_type=f.CouncilTypeFactory(programme=world.programme_a, name="Youth council"),
    )
    council_with_members(
        world.city_a,
        council_type=f.CouncilTypeFactory(programme=world.programme_a, name="Health council"),
    )
    f.CouncilTypeFactory(programme=world.programme_b, name="Faraway council")
    client.force_login(world.coordinator_a)

    page = client.get(_changelist(Council)).text

    assert "Youth council" in page and "Health council" in page
    assert "Faraway council" not in page
    assert CouncilType.objects.count() == 3


def test_the_filters_choices_are_kept_until_a_city_changes(
    client, world, django_capture_on_commit_callbacks, monkeypatch
):
    """The choices of the filters by programme, region and city are kept under the lists'
    edition (`cities.admin_scoping.choices_keep_under`): a warm page does not read them (3
    queries fewer on the councils' list); a city renamed or moved to another region (a
    change that raises the edition) is offered on the next page."""
    council_with_members(world.city_a, members=1)
    client.force_login(world.coordinator_a)
    url = _changelist(Council)

    kept = _queries(client, url)
    with monkeypatch.context() as unkept:
        unkept.setattr(admin_scoping, "_choices_key", lambda *parts: None)
        read = _queries(client, url)

    assert len(read) - len(kept) == 3, kept
    with django_capture_on_commit_callbacks(execute=True):
        world.city_a.name = "Renamed City"
        world.city_a.region = "New Province"
        world.city_a.save()
    page = client.get(url)
    assert "Renamed City" in _city_choices(page)
    assert "New Province" in page.text


def test_the_admin_navigation_is_kept_until_the_users_rights_change(
    client, world, django_capture_on_commit_callbacks
):
    """The list of apps and models beside every admin page is kept per user, language and
    path under the lists' edition (`signin.sites.PortalAdminSite.get_app_list`,
    `core.templatetags.layout.admin_nav_sidebar`): a warm page shows the same, and a change of
    the user's rights (here: made a superuser, who also sees the sign-in records) shows at
    the next page; the current list stays marked on each list's own page."""
    client.force_login(world.coordinator_a)
    councils, cities = _changelist(Council), _changelist(City)
    records = reverse("admin:axes_accessattempt_changelist")

    def sidebar(url):
        return re.search(
            r'<nav class="sticky" id="nav-sidebar".*?</nav>', client.get(url).text, re.S
        )[0]

    first, warm = sidebar(councils), sidebar(councils)
    assert first == warm
    assert records not in warm
    assert f'<a href="{councils}" aria-current="page">' in warm
    assert f'<a href="{cities}" aria-current="page">' in sidebar(cities)
    with django_capture_on_commit_callbacks(execute=True):
        world.coordinator_a.is_superuser = True
        world.coordinator_a.save()
    assert records in sidebar(councils)
