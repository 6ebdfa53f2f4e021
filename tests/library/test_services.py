"""The one service that changes a library entry's state: who may, what it requires, what it
writes (and nothing when it refuses)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from library import services
from library.models import SUMMARY_MAX_LENGTH, GoodPractice, GoodPracticeChange
from tests.library import make

pytestmark = pytest.mark.django_db
Status = GoodPractice.Status


def test_publish_then_withdraw_then_publish_again(world):
    initiative = make.initiative(world.city_a)
    play = make.theme()

    entry = services.good_practice_curate(
        initiative=initiative,
        by=world.coordinator_a,
        status=Status.PUBLISHED,
        summary="  Sundays for play.  ",
        themes=[play],
    )
    assert entry.status == Status.PUBLISHED
    assert entry.summary == "Sundays for play."
    assert entry.summary_en == "Sundays for play."  # the curator's language's column
    assert entry.curated_by == world.coordinator_a
    assert list(entry.themes.all()) == [play]
    first_published = entry.published_at
    assert first_published is not None

    entry = services.good_practice_curate(
        initiative=initiative, by=world.coordinator_a, status=Status.WITHDRAWN
    )
    assert entry.status == Status.WITHDRAWN
    assert entry.summary == "Sundays for play." and list(entry.themes.all()) == [play]

    entry = services.good_practice_curate(
        initiative=initiative, by=world.coordinator_a, status=Status.PUBLISHED
    )
    assert entry.published_at > first_published
    assert list(entry.changes.values_list("from_status", "to_status")) == [
        ("", Status.PUBLISHED),
        (Status.PUBLISHED, Status.WITHDRAWN),
        (Status.WITHDRAWN, Status.PUBLISHED),
    ]
    assert GoodPractice.objects.count() == 1


def test_a_rejection_needs_no_summary(world):
    entry = services.good_practice_curate(
        initiative=make.initiative(world.city_a), by=world.coordinator_a, status=Status.WITHDRAWN
    )
    assert entry.status == Status.WITHDRAWN and entry.published_at is None


@pytest.mark.parametrize("summary", ["", "   ", "x" * (SUMMARY_MAX_LENGTH + 1)])
def test_a_publication_without_a_fitting_summary_writes_nothing(world, summary):
    with pytest.raises(ValidationError) as refused:
        services.good_practice_curate(
            initiative=make.initiative(world.city_a),
            by=world.coordinator_a,
            status=Status.PUBLISHED,
            summary=summary,
        )
    assert "summary" in refused.value.message_dict
    assert not GoodPractice.objects.exists() and not GoodPracticeChange.objects.exists()


def test_an_unknown_status_is_refused(world):
    with pytest.raises(ValidationError):
        services.good_practice_curate(
            initiative=make.initiative(world.city_a), by=world.coordinator_a, status="deleted"
        )
    assert not GoodPractice.objects.exists()


@pytest.mark.parametrize("who", ["office_a", "coordinator_b", "evaluator_a", "evaluator_b"])
def test_only_the_programmes_coordinators_curate(world, who):
    with pytest.raises(PermissionDenied):
        services.good_practice_curate(
            initiative=make.initiative(world.city_a),
            by=getattr(world, who),
            status=Status.PUBLISHED,
            summary="Sundays for play.",
        )
    assert not GoodPractice.objects.exists()


def test_an_initiative_not_marked_is_not_curated(world):
    with pytest.raises(PermissionDenied):
        services.good_practice_curate(
            initiative=make.initiative(world.city_a, good_practice=False),
            by=world.coordinator_a,
            status=Status.PUBLISHED,
            summary="Sundays for play.",
        )


def test_a_superuser_curates_any_programme(world, superuser):
    entry = services.good_practice_curate(
        initiative=make.initiative(world.city_b),
        by=superuser,
        status=Status.PUBLISHED,
        summary="Sundays for play.",
    )
    assert entry.status == Status.PUBLISHED
