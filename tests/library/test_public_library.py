"""The public library: anonymous, searched and filtered, a page at a time at the same cost
whatever its size, nothing private on it, kept in the public cache until an entry changes."""

import pytest
from django.urls import NoReverseMatch, reverse

from candidacy.models import GoalArea
from library import services
from library.models import GoodPractice
from library.selectors import city_credit_url
from tests import factories as f
from tests.library import make

pytestmark = pytest.mark.django_db
URL = reverse("good-practice")
Status = GoodPractice.Status


def _titles(response):
    return [entry.initiative.title for entry in response.context["listing"].rows]


@pytest.fixture
def shelf(world):
    """Three published entries in two programmes, one withdrawn, one proposed, one published
    but no longer marked by its city."""
    play, voice = make.theme("play", "Play spaces"), make.theme("voice", "Children's voice")
    make.published(world.city_a, world.coordinator_a, title="Play streets", themes=[play])
    make.published(
        world.city_a2,
        world.coordinator_a,
        title="Children's council",
        goal_area=GoalArea.VOICE,
        summary="Elected children meet the mayor.",
        themes=[voice],
    )
    make.published(world.city_b, world.coordinator_b, title="Safe routes", themes=[play, voice])
    withdrawn = make.published(world.city_a, world.coordinator_a, title="Withdrawn one")
    services.good_practice_curate(
        initiative=withdrawn.initiative, by=world.coordinator_a, status=Status.WITHDRAWN
    )
    make.initiative(world.city_a, title="Proposed one")
    unmarked = make.published(world.city_a, world.coordinator_a, title="Unmarked since")
    unmarked.initiative.good_practice = False
    unmarked.initiative.save()
    return {"play": play, "voice": voice}


def test_anonymous_readers_see_the_published_entries_only(client, shelf):
    response = client.get(URL)
    assert response.status_code == 200
    assert sorted(_titles(response)) == ["Children's council", "Play streets", "Safe routes"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"q": "mayor"}, ["Children's council"]),  # the curated summary
        ({"q": "streets"}, ["Play streets"]),  # the title
        ({"q": "City B"}, ["Safe routes"]),  # the city
        ({"q": "Play spaces"}, ["Play streets", "Safe routes"]),  # a theme
        ({"goal_area": GoalArea.VOICE}, ["Children's council"]),
        ({"theme": "voice"}, ["Children's council", "Safe routes"]),
        ({"city": "city-a2"}, ["Children's council"]),
        ({"theme": "play", "city": "city-a"}, ["Play streets"]),
        ({"theme": "no-such-theme"}, ["Children's council", "Play streets", "Safe routes"]),
        ({"goal_area": "nonsense"}, ["Children's council", "Play streets", "Safe routes"]),
    ],
)
def test_search_and_filters(client, shelf, query, expected):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert sorted(_titles(response)) == expected


def test_country_filter(client, world, shelf):
    world.programme_b.country.refresh_from_db()
    response = client.get(URL, {"country": world.programme_b.country.code})
    assert _titles(response) == ["Safe routes"]


def test_an_entry_shows_what_the_public_may_read_and_nothing_private(client, world, shelf):
    entry = GoodPractice.objects.get(initiative__title="Play streets")
    page = client.get(reverse("good-practice-entry", args=[entry.pk])).text
    listing = client.get(URL).text
    for text in (page, listing):
        assert "Play streets" in text and "Sundays for play." in text
        assert "Play spaces" in text and "City A" in text and "Parks department" in text
        assert city_credit_url(world.programme_a.key, world.city_a.slug) in text
        # the city's own description, beneficiaries and the curator are not the public's
        assert "closed to traffic" not in text and "2,000 children" not in text
        assert world.coordinator_a.username not in text


def test_an_entry_not_published_is_not_found(client, world, shelf):
    for title in ("Withdrawn one", "Unmarked since"):
        entry = GoodPractice.objects.get(initiative__title=title)
        assert client.get(reverse("good-practice-entry", args=[entry.pk])).status_code == 404


def test_the_credit_is_the_city_page_else_the_programme_page(world):
    key, slug = world.programme_a.key, world.city_a.slug
    try:
        expected = reverse("public-city", kwargs={"programme": key, "city": slug})
    except NoReverseMatch:
        expected = reverse("public-programme", kwargs={"programme": key})
    assert city_credit_url(key, slug) == expected


def _grow(world, size):
    theme = make.theme(f"theme-{size}", f"Theme {size}")
    for number in range(size):
        city = f.make_city(world.programme_a, slug=f"grown-{size}-{number}")
        make.published(city, world.coordinator_a, title=f"Grown {size}.{number}", themes=[theme])


@pytest.mark.parametrize("query", [{}, {"q": "Grown", "theme": "theme-2", "country": "x"}])
def test_a_page_costs_the_same_at_two_sizes(client, world, django_assert_max_num_queries, query):
    for size in (2, 12):
        _grow(world, size)
        # the edition, the count, the page, its themes, the country, theme and city choices,
        # and the chosen country's and theme's rows
        with django_assert_max_num_queries(9):
            assert client.get(URL, query).status_code == 200


def test_the_cached_library_changes_with_an_entry(
    client, world, shelf, django_capture_on_commit_callbacks
):
    assert "Play streets" in client.get(URL).text
    entry = GoodPractice.objects.get(initiative__title="Play streets")
    with django_capture_on_commit_callbacks(execute=True):
        services.good_practice_curate(
            initiative=entry.initiative, by=world.coordinator_a, status=Status.WITHDRAWN
        )
    assert "Play streets" not in client.get(URL).text
    with django_capture_on_commit_callbacks(execute=True):
        entry.initiative.title = "Play streets renamed"
        entry.initiative.save()
        services.good_practice_curate(
            initiative=entry.initiative, by=world.coordinator_a, status=Status.PUBLISHED
        )
    assert "Play streets renamed" in client.get(URL).text


def test_the_navigation_links_to_the_library(client, world):
    assert f'href="{URL}"' in client.get(reverse("public-cities")).text
    client.force_login(world.office_a)
    assert f'href="{URL}"' in client.get(reverse("home"), follow=True).text
