"""The signed-in pages kept under the lists' edition (`core.editions`): the city page's content,
the overview's and the queue's lists, each user's scope and the cities and programmes looked
up. A change made through the services shows at once; whether the reader may see the page is
asked at every request; a reader of another language or calendar gets their own."""

import re

import pytest
from django.urls import reverse

from cities import services as people
from cities.calendars import SOLAR_HIJRI
from cities.models import RoleAssignment

pytestmark = pytest.mark.django_db


def _main(page) -> str:
    return page.text.split("<main", 1)[1].split("</main>", 1)[0]


def _kept_part(page) -> str:
    """The city page's content without what depends on the reader (`#reader-controls`)."""
    return _main(page).split('<div id="reader-controls">', 1)[0]


@pytest.fixture
def city_url(world):
    return reverse("candidacy:city", args=[world.city_a.slug])


def test_the_city_page_shows_a_change_through_the_services_at_once(
    client, world, city_url, django_capture_on_commit_callbacks
):
    client.force_login(world.office_a)
    assert "Awaiting sign-off</span>" not in client.get(city_url).text
    assert "Awaiting sign-off</span>" not in client.get(city_url).text  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        world.stages.submit("office")
    assert "Awaiting sign-off</span>" in client.get(city_url).text


def test_who_may_read_the_city_is_asked_at_every_request(client, world, city_url):
    client.force_login(world.office_a)
    kept = client.get(city_url)
    assert kept.status_code == 200
    for outsider in (world.office_b, world.coordinator_b, world.evaluator_b, world.office_a2):
        client.force_login(outsider)
        assert client.get(city_url).status_code == 404
    client.force_login(world.evaluator_a)  # another reader of the city: the same content
    assert _kept_part(client.get(city_url)) == _kept_part(kept)  # (not the office's controls)


def test_a_role_ended_through_the_services_counts_at_once(
    client, world, city_url, django_capture_on_commit_callbacks
):
    client.force_login(world.office_a)
    assert client.get(city_url).status_code == 200  # the scope is kept
    assignment = RoleAssignment.objects.get(user=world.office_a)
    with django_capture_on_commit_callbacks(execute=True):
        people.role_assignment_end(
            assignment=assignment, programme=world.programme_a, by=world.coordinator_a
        )
    assert client.get(city_url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        RoleAssignment.objects.create(user=world.office_a, role="office", city=world.city_a2)
    assert client.get(reverse("candidacy:city", args=[world.city_a2.slug])).status_code == 200


def test_a_new_name_shows_on_the_city_page(
    client, world, city_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        world.stages.approve("office")
    client.force_login(world.office_a)
    assert "signed by Renamed Signatory" not in client.get(city_url).text
    with django_capture_on_commit_callbacks(execute=True):
        people.profile_update(
            user=world.coordinator_a,
            by=world.coordinator_a,
            first_name="Renamed",
            last_name="Signatory",
            email=world.coordinator_a.email,
            language="",
        )
    assert "signed by Renamed Signatory" in client.get(city_url).text


def test_persian_and_solar_hijri_readers_get_their_own(
    client, world, city_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        world.programme_a.calendar = SOLAR_HIJRI
        world.programme_a.save()
    client.force_login(world.office_a)
    english = _main(client.get(city_url, HTTP_ACCEPT_LANGUAGE="en"))
    persian = _main(client.get(city_url, HTTP_ACCEPT_LANGUAGE="fa"))
    assert "Pipeline" in english and "Pipeline" not in persian
    # the Solar Hijri date, with the Gregorian one beside it; in Persian, in Persian digits
    assert re.search(r"Opened \d+ \w+ 14\d\d \(\d+ \w+ 20\d\d\)", english)
    assert re.search("گشوده‌شده [۰-۹]+ \\w+ ۱۴[۰-۹]{2}\\s", persian)
    assert _main(client.get(city_url, HTTP_ACCEPT_LANGUAGE="en")) == english
    # a Gregorian programme's city, read in Persian: Gregorian dates, in Persian digits
    client.force_login(world.office_b)
    far = _main(
        client.get(reverse("candidacy:city", args=[world.city_b.slug]), HTTP_ACCEPT_LANGUAGE="fa")
    )
    assert re.search("گشوده‌شده [۰-۹]+ \\w+ ۲۰[۰-۹]{2}\\s", far)


def test_the_overview_keeps_the_list_not_the_readers_links(client, world):
    url = reverse("candidacy:overview", args=[world.programme_a.key])
    client.force_login(world.coordinator_a)
    people_url = reverse("people", args=[world.programme_a.key])
    assert people_url in client.get(url).text
    client.force_login(world.evaluator_a)
    evaluator = client.get(url)
    assert people_url not in evaluator.text
    assert "City A2" in evaluator.text  # the list, kept
    client.force_login(world.coordinator_b)
    assert client.get(url).status_code == 404


def test_a_deactivation_or_a_new_password_counts_at_once(
    client, world, city_url, django_capture_on_commit_callbacks
):
    """The signed-in user's row is kept under the edition (`core.auth`): a change of it made
    through any server raises the edition, so the next request reads it afresh."""
    client.force_login(world.office_a)
    assert client.get(city_url).status_code == 200  # the user's row is kept
    with django_capture_on_commit_callbacks(execute=True):
        people.user_deactivate(
            target=world.office_a, programme=world.programme_a, by=world.coordinator_a
        )
    assert client.get(city_url).status_code == 302  # to the sign-in page
    client.force_login(world.evaluator_a)
    assert client.get(city_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        world.evaluator_a.set_password("another password, changed elsewhere")
        world.evaluator_a.save()
    assert client.get(city_url).status_code == 302


def test_the_stage_page_shows_what_the_services_change_at_once(
    client, world, django_capture_on_commit_callbacks
):
    """The stage, its evidence, thread and history are kept under the stages' edition
    (`core.editions.STAGES`): each change through its service shows at the next request."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from candidacy import services
    from candidacy.comments import stage_comment_add
    from candidacy.models import StageState
    from tests.candidacy.workflow import PDF_BYTES

    url = reverse("candidacy:stage", args=[world.city_a.slug, "office"])
    client.force_login(world.office_a)
    first = _main(client.get(url))
    assert "decree-kept.pdf" not in first
    progress = world.stage(world.city_a, "office")
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_add(
            progress=progress,
            by=world.office_a,
            upload=SimpleUploadedFile("decree-kept.pdf", PDF_BYTES, content_type="application/pdf"),
        )
    assert "decree-kept.pdf" in _main(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        stage_comment_add(progress=progress, by=world.office_a, body="A word kept apart.")
    assert "A word kept apart." in _main(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):  # through the services
        world.stages.bring("office", StageState.SUBMITTED)
    page = _main(client.get(url))
    assert "Submitted" in page or "submitted" in page
    assert "Nothing has happened yet." not in page
