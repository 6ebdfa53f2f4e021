"""Recognition cycles: written by the approval that grants recognition, renewed by the ongoing
review's approval (earlier cycles kept), undone with a reopened approval, and lapses recorded
by `record_lapses`, idempotently."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
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


def test_the_pre_status_is_one_rule_for_both_pages():
    """`Programme.pre_status_of`: shown while the candidacy is neither recognised nor
    withdrawn, never where the programme grants none (the city's page and its public page
    both ask it, through the `pre_status` filter)."""
    from candidacy.models import Candidacy
    from cities.models import Programme

    allied = Programme(pre_status="allied")
    assert allied.pre_status_of(Candidacy()) == "Allied municipality"
    assert allied.pre_status_of(Candidacy(recognised_since=datetime.date(2024, 1, 1))) == ""
    assert allied.pre_status_of(Candidacy(withdrawn_on=datetime.date(2024, 1, 1))) == ""
    assert allied.pre_status_of(None) == ""
    assert Programme(pre_status="").pre_status_of(Candidacy()) == ""


# Exact windows: the approval that completes the stage may give the first day (in the
# programme's calendar); the last day is inclusive, the day before the anniversary.


def test_recognition_ends_the_day_before_its_anniversary():
    # Korea's certificates: 2025-06-05 → 2029-06-04.
    assert services.recognition_ends_on(datetime.date(2025, 6, 5), 48) == datetime.date(2029, 6, 4)
    assert services.recognition_ends_on(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 28)


def _badge_awaiting_its_last_signatory(world):
    badge = world.stages.bring("badge", StageState.SUBMITTED)
    badge.definition.validity_months = 48
    badge.definition.save()
    *first, last = world.stages.signatories(badge)
    for user in first:
        services.stage_approve(progress=world.stages.stage("badge"), by=user)
    return world.stages.stage("badge"), last


def _decide(client, world, user, progress, **fields):
    client.force_login(user)
    return client.post(
        world.stages.url("stage-decide", "badge"),
        {"decision": "approve", "submission": progress.submission, "comment": "", **fields},
    )


def test_the_approval_gives_the_korean_window(client, world):
    badge, last = _badge_awaiting_its_last_signatory(world)
    response = _decide(client, world, last, badge, starts_on="2025-06-05")
    assert response.status_code == 302
    recognition = Recognition.objects.get()
    assert (recognition.starts_on, recognition.ends_on) == (
        datetime.date(2025, 6, 5),
        datetime.date(2029, 6, 4),
    )
    candidacy = world.city_a.candidacy
    candidacy.refresh_from_db()
    assert candidacy.recognised_since == datetime.date(2025, 6, 5)
    assert candidacy.recognised_until == datetime.date(2029, 6, 4)


def test_an_iranian_programme_gives_the_start_in_solar_hijri(client, world):
    world.programme_a.calendar = "solar_hijri"
    world.programme_a.save()
    badge, last = _badge_awaiting_its_last_signatory(world)
    response = _decide(client, world, last, badge, starts_on="۱۴۰۴/۰۳/۱۵")
    assert response.status_code == 302
    recognition = Recognition.objects.get()
    assert recognition.starts_on == datetime.date(2025, 6, 5)  # 15 Khordad 1404
    assert recognition.ends_on == datetime.date(2029, 6, 4)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("not a date", "Give the date as year-month-day"),
        ("2150-01-01", "Give a date between"),
        ("2099-01-01", "Give a date between"),  # its end (2102) is beyond the bounds
        ("2090-01-01", "at most a year after its approval"),
    ],
)
def test_a_bad_start_is_refused_on_the_form_and_nothing_is_written(client, world, typed, message):
    badge, last = _badge_awaiting_its_last_signatory(world)
    signoffs = badge.signoffs.count()
    response = _decide(client, world, last, badge, starts_on=typed, comment="Well done.")
    assert response.status_code == 400
    form = response.context["decision_form"]
    assert message in str(form.errors["starts_on"])
    assert form["starts_on"].value() == typed and form["comment"].value() == "Well done."
    badge = world.stages.stage("badge")
    assert badge.state == StageState.SUBMITTED and badge.signoffs.count() == signoffs
    assert not Recognition.objects.exists()
    world.city_a.candidacy.refresh_from_db()
    assert world.city_a.candidacy.recognised_until is None


def test_a_start_from_an_earlier_signatory_is_refused(world):
    badge = world.stages.bring("badge", StageState.SUBMITTED)
    badge.definition.signed_by_coordinator = badge.definition.signed_by_evaluator = True
    badge.definition.save()
    first, _second = world.stages.signatories(badge)
    with pytest.raises(ValidationError) as refused:
        services.stage_approve(progress=badge, by=first, starts_on=datetime.date(2025, 6, 5))
    assert "last signatory" in str(refused.value)
    assert not world.stages.stage("badge").signoffs.exists()


def test_a_stage_that_grants_nothing_takes_no_start(world):
    stage = world.stages.bring("candidacy", StageState.SUBMITTED)
    with pytest.raises(ValidationError):
        services.stage_approve(
            progress=stage,
            by=world.stages.signatories(stage)[-1],
            starts_on=datetime.date(2025, 6, 5),
        )


def test_only_the_recognising_stage_asks_for_a_start(client, world):
    badge, last = _badge_awaiting_its_last_signatory(world)
    client.force_login(last)
    page = client.get(world.stages.url("stage", "badge"))
    assert "Recognised from" in page.text
