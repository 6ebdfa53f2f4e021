"""A programme's curation page and its decision form: from outside (anonymous, a city's office,
another programme's coordinator, an evaluator), and bad input (a clear message, the input kept,
nothing written, never a 500)."""

import pytest
from django.urls import reverse

from library.models import SUMMARY_MAX_LENGTH, GoodPractice
from tests.library import make
from tests.navigation import NAV_TASKS_COUNTED

pytestmark = pytest.mark.django_db
Status = GoodPractice.Status


def _list(world):
    return reverse("library:curation", args=[world.programme_a.key])


def _form(world, initiative):
    return reverse("library:curate", args=[world.programme_a.key, initiative.pk])


def test_the_coordinator_sees_candidates_and_published_entries(client, world):
    make.initiative(world.city_a, title="Waiting street")
    make.published(world.city_a2, world.coordinator_a, title="Published street")
    make.initiative(world.city_a, title="Not marked", good_practice=False)
    make.initiative(world.city_b, title="Other programme")
    client.force_login(world.coordinator_a)
    page = client.get(_list(world)).text
    to_review, decided = page.split(">To review</h2>")[1].split(">Published or withdrawn</h2>")
    assert "Waiting street" in to_review and "Published street" in decided
    assert "Not marked" not in page and "Other programme" not in page


@pytest.mark.parametrize("who", ["office_a", "coordinator_b", "evaluator_a"])
def test_outsiders_are_refused_and_write_nothing(client, world, who):
    initiative = make.initiative(world.city_a)
    client.force_login(getattr(world, who))
    assert client.get(_list(world)).status_code == 403
    assert client.get(_form(world, initiative)).status_code == 403
    response = client.post(_form(world, initiative), {"status": Status.PUBLISHED, "summary": "x"})
    assert response.status_code == 403
    assert not GoodPractice.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    initiative = make.initiative(world.city_a)
    for url in (_list(world), _form(world, initiative)):
        response = client.post(url, {"status": Status.PUBLISHED, "summary": "x"})
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not GoodPractice.objects.exists()


def test_an_initiative_of_another_programme_or_unmarked_is_not_found_or_refused(client, world):
    client.force_login(world.coordinator_a)
    elsewhere = make.initiative(world.city_b)
    assert client.get(_form(world, elsewhere)).status_code == 404
    unmarked = make.initiative(world.city_a, good_practice=False)
    assert client.get(_form(world, unmarked)).status_code == 403


def test_the_coordinator_publishes_with_summary_and_themes(client, world):
    initiative = make.initiative(world.city_a)
    play = make.theme()
    client.force_login(world.coordinator_a)
    response = client.post(
        _form(world, initiative),
        {"status": Status.PUBLISHED, "summary": "Sundays for play.", "themes": [play.pk]},
    )
    assert response.status_code == 302 and response["Location"] == _list(world)
    entry = GoodPractice.objects.get()
    assert entry.status == Status.PUBLISHED and list(entry.themes.all()) == [play]
    # the form shows the entry as it stands
    page = client.get(_form(world, initiative)).text
    assert "Sundays for play." in page


@pytest.mark.parametrize(
    "summary, message",
    [
        ("", "Write a summary before publishing."),
        ("x" * (SUMMARY_MAX_LENGTH + 1), "Ensure this value has at most"),
    ],
    ids=["empty", "too long"],
)
def test_bad_input_keeps_what_was_typed_and_writes_nothing(client, world, summary, message):
    initiative = make.initiative(world.city_a)
    play = make.theme()
    client.force_login(world.coordinator_a)
    response = client.post(
        _form(world, initiative),
        {"status": Status.PUBLISHED, "summary": summary, "themes": [play.pk]},
    )
    assert response.status_code == 400
    assert message in response.text
    assert 'id="form-errors"' in response.text
    form = response.context["form"]
    assert form.data["summary"] == summary and form.data.getlist("themes") == [str(play.pk)]
    assert not GoodPractice.objects.exists()


def test_nonsense_is_a_form_error_not_a_500(client, world):
    initiative = make.initiative(world.city_a)
    client.force_login(world.coordinator_a)
    response = client.post(_form(world, initiative), {"status": "deleted", "themes": ["abc"]})
    assert response.status_code == 400
    assert not GoodPractice.objects.exists()


def _grow(world, size):
    for number in range(size):
        make.initiative(world.city_a, title=f"Waiting {size}.{number}")
        make.published(world.city_a2, world.coordinator_a, title=f"Published {size}.{number}")


def test_the_curation_page_costs_the_same_at_two_sizes(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.coordinator_a)
    for size in (2, 12):
        _grow(world, size)
        # session+edition, scope, programme, two lists, the inbox, the navigation's count
        with django_assert_max_num_queries(6 + NAV_TASKS_COUNTED):
            assert client.get(_list(world)).status_code == 200


def test_my_tasks_lists_good_practice_to_review(client, world):
    initiative = make.initiative(world.city_a, title="Waiting street")
    client.force_login(world.coordinator_a)
    page = client.get(reverse("tasks")).text
    assert "Good practice to review" in page
    assert _form(world, initiative) in page
    assert f'href="{_list(world)}"' in page  # beside the programme's overview
    client.force_login(world.evaluator_a)
    assert f'href="{_list(world)}"' not in client.get(reverse("tasks")).text
    client.force_login(world.office_a)
    assert "Good practice to review" not in client.get(reverse("tasks")).text
