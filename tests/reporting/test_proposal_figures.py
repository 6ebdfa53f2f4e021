"""The public figures of children's proposals carried out (`reporting.figures`): the headline
share and its breakdowns by age band, sex, district and year in the programme, each cell
published only for a group of at least PORTAL_SMALL_GROUP_THRESHOLD children (`core.privacy`);
on the programme page, cached with it and afresh once a proposal changes; counted in the
database, the same number of queries at two sizes."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cities.models import City
from reporting.figures import Share, city_figures, programme_figures
from stakeholders import services
from stakeholders.models import ChildrenProposal
from tests import factories as f
from tests.stakeholders.factories import ProposalFactory, childrens_council

pytestmark = pytest.mark.django_db

HIDDEN = "fewer than 5 children: not shown"
Status = ChildrenProposal.Status


def _decided(council, status, received_on, **fields):
    return ProposalFactory(
        council=council,
        status=status,
        received_on=received_on,
        answer="The city's answer." if status != Status.RECEIVED else "",
        answered_on=received_on + datetime.timedelta(days=30)
        if status != Status.RECEIVED
        else None,
        **fields,
    )


@pytest.fixture
def proposals(world):
    """City A (joined in 2020) with a children's council and four proposals; city B, of the
    other programme, with one large one that programme A never counts.

    decided: P1 implemented (district Old town, 6 girls 10-13, year 1), P2 declined
    (Riverside, 2 boys 14-17, year 2), P4 accepted (Old town, 2 boys 10-13, year 1); P3 only
    received (Riverside, 50 girls under 10): not counted."""
    City.objects.filter(pk=world.city_a.pk).update(joined_on=datetime.date(2020, 3, 1))
    council = childrens_council(world.city_a)
    old_town = f.DistrictFactory(city=world.city_a, name="Old town")
    riverside = f.DistrictFactory(city=world.city_a, name="Riverside")
    made = {
        "p1": _decided(
            council,
            Status.IMPLEMENTED,
            datetime.date(2020, 5, 1),
            district=old_town,
            girls_10_13=6,
        ),
        "p2": _decided(
            council, Status.DECLINED, datetime.date(2021, 5, 1), district=riverside, boys_14_17=2
        ),
        "p3": _decided(
            council,
            Status.RECEIVED,
            datetime.date(2021, 6, 1),
            district=riverside,
            girls_under_10=50,
        ),
        "p4": _decided(
            council, Status.ACCEPTED, datetime.date(2020, 6, 1), district=old_town, boys_10_13=2
        ),
    }
    _decided(
        childrens_council(world.city_b),
        Status.IMPLEMENTED,
        datetime.date(2022, 1, 1),
        girls_under_10=100,
    )
    return made


def _by_label(rows):
    return {str(row.label): row.figure for row in rows}


def test_the_headline_is_implemented_of_decided(world, proposals):
    figures = programme_figures(world.programme_a)
    assert figures.decided == 3
    assert figures.headline.value == Share(implemented=1, decided=3)  # 10 children


def test_each_breakdown_hides_its_small_group_and_shows_its_large_one(world, proposals):
    figures = programme_figures(world.programme_a)
    bands = _by_label(figures.by_band)
    assert bands["10 to 13"].value == Share(1, 2)  # 8 children
    assert bands["Under 10"].hidden and bands["Under 10"].value is None  # 0 (P3 is undecided)
    assert bands["14 to 17"].hidden  # 2
    sexes = _by_label(figures.by_sex)
    assert sexes["Girls"].value == Share(1, 1)  # 6
    assert sexes["Boys"].hidden and sexes["Boys"].value is None  # 4
    districts = _by_label(figures.by_district)
    assert districts["Old town (City A)"].value == Share(1, 2)  # 8
    assert districts["Other districts"].hidden  # Riverside: 2
    assert not any("Riverside" in label for label in districts)
    years = _by_label(figures.by_year)
    assert years["Year 1"].value == Share(1, 2)  # 8, in 2020, the year city A joined
    assert years["Year 2"].hidden  # 2


def test_the_threshold_setting_decides(world, proposals, settings):
    settings.PORTAL_SMALL_GROUP_THRESHOLD = 2
    figures = programme_figures(world.programme_a)
    assert _by_label(figures.by_sex)["Boys"].value == Share(0, 2)
    assert _by_label(figures.by_district)["Riverside (City A)"].value == Share(0, 1)
    settings.PORTAL_SMALL_GROUP_THRESHOLD = 11
    figures = programme_figures(world.programme_a)
    assert figures.headline.hidden and figures.headline.value is None  # 10 children
    assert all(row.figure.hidden for row in figures.by_band + figures.by_sex)


def test_a_proposal_without_district_or_joining_date(world, proposals):
    """Counted in its own row of the districts; not in the years when its city has no date."""
    council = childrens_council(world.city_a2)
    _decided(council, Status.IMPLEMENTED, datetime.date(2023, 1, 1), girls_14_17=7)
    figures = programme_figures(world.programme_a)
    assert _by_label(figures.by_district)["No district given"].value == Share(1, 1)
    assert [str(row.label) for row in figures.by_year] == ["Year 1", "Year 2"]
    assert figures.headline.value == Share(2, 4)


class _Section(HTMLParser):
    """The rows (label, the cells' text) of the tables of the proposals' figures, and the
    section's whole text."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.rows, self.text, self.row = [], [], None

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "section" and "proposal-figures" in classes:
            self.depth = 1
        elif self.depth and tag == "section":
            self.depth += 1
        if self.depth and tag == "tr":
            self.row = []

    def handle_endtag(self, tag):
        if self.depth and tag == "tr" and self.row is not None:
            self.rows.append(("".join(self.row[:1]).strip(), " ".join(self.row[1:]).strip()))
            self.row = None
        if self.depth and tag == "section":
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            return
        self.text.append(data)
        if self.row is not None and data.strip():
            self.row.append(data.strip())


def _section(html):
    parser = _Section()
    parser.feed(html)
    return parser


SMALL_GROUPS = {"Under 10", "14 to 17", "Boys", "Other districts", "Year 2"}


def test_no_figure_of_a_small_group_anywhere_on_the_programme_page(client, world, proposals):
    page = client.get(reverse("public-programme", args=[world.programme_a.key]))
    assert page.status_code == 200
    html = page.text
    section = _section(html)
    assert "Children's proposals carried out" in "".join(section.text)
    rows = dict(section.rows)
    for label in SMALL_GROUPS:
        assert rows[label] == HIDDEN, label  # the notice, and no number of the group
        assert not re.search(r"\d", rows[label].replace("5", ""))
    assert rows["10 to 13"] == "2 1 50%"
    assert rows["Girls"] == "1 1 100%"
    assert rows["Old town (City A)"] == "2 1 50%"
    assert "Riverside" not in html  # a district whose group is small is not even named
    assert "33%" in "".join(section.text)  # the headline: 1 of 3
    # above the list of cities
    assert html.index("proposal-figures") < html.index("<caption id=")


def test_the_page_in_persian_hides_in_persian(client, world, proposals):
    page = client.get(
        reverse("public-programme", args=[world.programme_a.key]), HTTP_ACCEPT_LANGUAGE="fa"
    )
    text = "".join(_section(page.text).text)
    assert "کمتر از ۵ کودک: نمایش داده نمی‌شود" in text
    assert "۳۳٪" in text


def test_the_include_serves_one_city(world, proposals):
    with translation.override("en"):
        html = render_to_string(
            "reporting/_proposal_figures.html", {"figures": city_figures(world.city_a)}
        )
    rows = dict(_section(html).rows)
    assert rows["Old town"] == "2 1 50%"  # one city: no city's name beside the district
    assert rows["Boys"] == HIDDEN
    with translation.override("en"):
        empty = render_to_string(
            "reporting/_proposal_figures.html", {"figures": city_figures(world.city_b)}
        )
    assert "100%" in empty
    with translation.override("en"):
        none = render_to_string(
            "reporting/_proposal_figures.html", {"figures": city_figures(world.city_a2)}
        )
    assert "No children's proposal has been decided yet." in none


def test_the_page_is_fresh_once_a_proposal_is_answered(
    client, world, proposals, django_capture_on_commit_callbacks
):
    url = reverse("public-programme", args=[world.programme_a.key])
    assert "33%" in client.get(url).text
    assert "33%" in client.get(url).text  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_answer(
            proposal=proposals["p4"],
            by=world.office_a,
            status=Status.IMPLEMENTED,
            answer="Done.",
        )
    fresh = client.get(url).text
    assert "67%" in fresh and "33%" not in fresh


def _grow(world, cities):
    """`cities` more cities of programme A, each with a children's council, three districts
    and six decided proposals."""
    for number in range(cities):
        city = f.make_city(world.programme_a, slug=f"grown-{number}", name=f"Grown {number}")
        City.objects.filter(pk=city.pk).update(joined_on=datetime.date(2018, 1, 1))
        council = childrens_council(city)
        districts = [f.DistrictFactory(city=city, name=f"D{number}-{n}") for n in range(3)]
        for index in range(6):
            _decided(
                council,
                [Status.IMPLEMENTED, Status.DECLINED, Status.ACCEPTED][index % 3],
                datetime.date(2019 + index, 2, 1),
                district=districts[index % 3],
                girls_10_13=3 + index,
                boys_14_17=index,
            )


def test_queries_do_not_grow_with_the_proposals(client, world, proposals):
    url = reverse("public-programme", args=[world.programme_a.key])

    def measured():
        with CaptureQueriesContext(connection) as figures_queries:
            programme_figures(world.programme_a)
        client.cookies.clear()
        with CaptureQueriesContext(connection) as page_queries:
            page = client.get(url, {"q": f"fresh-{len(figures_queries)}-{id(page_queries)}"})
        assert page.status_code == 200
        return len(figures_queries), len(page_queries)

    small = measured()
    _grow(world, 12)  # 72 more proposals in 36 more districts
    large = measured()
    assert small == large
    assert small[0] <= 4  # the totals, the districts, their names, the years
