"""Recognition cycles: written by the approval that grants recognition, renewed by the ongoing
review's approval (earlier cycles kept), undone with a reopened approval, and lapses recorded
by `record_lapses`, idempotently."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from candidacy import services
from candidacy.models import Recognition, StageState
from candidacy.selectors import last_recognition


def _recognise(world):
    world.stages.bring("badge", StageState.APPROVED)
    return Recognition.objects.get()


def test_the_approval_that_grants_recognition_writes_the_first_cycle(world):
    recognition = _recognise(world)
    candidacy = world.city_a.candidacy
    candidacy.refresh_from_db()
    assert recognition.cycle == 1
    assert recognition.starts_on == candidacy.recognised_since == timezone.localdate()
    assert recognition.ends_on == candidacy.recognised_until
    assert recognition.lapsed_on is None and recognition.renewed_by is None
    assert last_recognition(world.city_a) == recognition
    assert last_recognition(world.city_a2) is None


def test_renewal_starts_a_new_cycle_and_keeps_the_old(world):
    first = _recognise(world)
    world.stages.approve("review")
    cycles = list(Recognition.objects.order_by("cycle"))
    assert [c.cycle for c in cycles] == [1, 2]
    assert cycles[0].pk == first.pk and cycles[0].renewed_by == cycles[1]
    assert last_recognition(world.city_a) == cycles[1]


def test_reopening_the_approval_undoes_its_cycle(world):
    _recognise(world)
    services.stage_reopen(
        progress=world.stages.stage("badge"), by=world.coordinator_a, reason="Wrong date."
    )
    assert not Recognition.objects.exists()


def test_record_lapses_is_idempotent_and_spares_renewed_cycles(world):
    first = _recognise(world)
    world.stages.approve("review")
    second = Recognition.objects.get(cycle=2)
    after_both = second.ends_on + datetime.timedelta(days=3)
    assert services.recognition_lapses_record(today=after_both) == 1
    assert services.recognition_lapses_record(today=after_both) == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.lapsed_on is None  # renewed, never lapsed
    assert second.lapsed_on == second.ends_on + datetime.timedelta(days=1)


def test_nothing_lapses_before_its_end(world):
    recognition = _recognise(world)
    assert services.recognition_lapses_record(today=recognition.ends_on) == 0


def test_the_command(world):
    _recognise(world)
    Recognition.objects.update(
        ends_on=datetime.date(2024, 1, 1), starts_on=datetime.date(2022, 1, 1)
    )
    out = StringIO()
    call_command("record_lapses", stdout=out)
    call_command("record_lapses", stdout=out)
    assert out.getvalue().splitlines() == [
        "1 recognition(s) recorded as lapsed.",
        "0 recognition(s) recorded as lapsed.",
    ]


def test_the_city_page_lists_the_cycles(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _recognise(world)
        world.stages.approve("review")
    client.force_login(world.office_a)
    page = client.get(reverse("candidacy:city", args=["city-a"]))
    assert "Recognition cycles" in page.text
    assert page.text.count("Renewed") == 1 and "Current" in page.text


@pytest.mark.parametrize("pre_status, label", [("allied", "Allied municipality"), ("", None)])
def test_the_pre_status_before_recognition(client, world, pre_status, label):
    world.programme_a.pre_status = pre_status
    world.programme_a.save()
    client.force_login(world.office_a)
    page = client.get(reverse("candidacy:city", args=["city-a"]))
    assert ("Allied municipality" in page.text) == bool(label)
