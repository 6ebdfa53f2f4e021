"""Correcting a recognition cycle's dates (`services.recognition_dates_correct`) from the admin:
the programme's coordinators (and superusers) only, while the programme is open; the window
bounded, in order, clear of the city's unrelated cycles and in order with the one it renews
(renewals overlap by design); a reason required; a history row, the
candidacy's `recognised_until`/`recognised_since` and the city's page following."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from candidacy import services
from candidacy.models import Recognition, RecognitionCorrection

pytestmark = pytest.mark.django_db

D = datetime.date


def _cycles(world):
    """City A recognised for two cycles: 2020–2023, renewed 2024–2027."""
    candidacy = world.city_a.candidacy
    first = Recognition.objects.create(
        candidacy=candidacy, cycle=1, starts_on=D(2020, 1, 1), ends_on=D(2023, 12, 31)
    )
    second = Recognition.objects.create(
        candidacy=candidacy, cycle=2, starts_on=D(2024, 1, 1), ends_on=D(2027, 12, 31)
    )
    first.renewed_by = second
    first.save()
    candidacy.recognised_since, candidacy.recognised_until = D(2020, 1, 1), D(2027, 12, 31)
    candidacy.save()
    return first, second


def _url(recognition):
    return reverse("admin:candidacy_recognition_correct", args=[recognition.pk])


def _post(client, user, recognition, **fields):
    client.force_login(user)
    data = {"starts_on": "2024-02-01", "ends_on": "2028-01-31", "note": "Typed the wrong start."}
    return client.post(_url(recognition), {**data, **fields})


def _unchanged(world, recognition, starts_on, ends_on):
    recognition.refresh_from_db()
    assert (recognition.starts_on, recognition.ends_on) == (starts_on, ends_on)
    assert not RecognitionCorrection.objects.exists()
    candidacy = world.city_a.candidacy
    candidacy.refresh_from_db()
    assert candidacy.recognised_until == D(2027, 12, 31)


def test_the_coordinator_corrects_the_current_cycle(
    client, world, django_capture_on_commit_callbacks
):
    _first, second = _cycles(world)
    client.force_login(world.coordinator_a)
    change = client.get(reverse("admin:candidacy_recognition_change", args=[second.pk]))
    assert _url(second) in change.text and "Correct the dates" in change.text
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, world.coordinator_a, second)
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.starts_on, second.ends_on) == (D(2024, 2, 1), D(2028, 1, 31))
    correction = RecognitionCorrection.objects.get()
    assert (correction.recognition, correction.by, correction.note) == (
        second,
        world.coordinator_a,
        "Typed the wrong start.",
    )
    assert (correction.from_starts_on, correction.from_ends_on) == (D(2024, 1, 1), D(2027, 12, 31))
    assert (correction.to_starts_on, correction.to_ends_on) == (D(2024, 2, 1), D(2028, 1, 31))
    candidacy = world.city_a.candidacy
    candidacy.refresh_from_db()
    assert candidacy.recognised_until == D(2028, 1, 31)
    assert candidacy.recognised_since == D(2020, 1, 1)
    # The correction is listed, read-only, on the recognition's page.
    change = client.get(reverse("admin:candidacy_recognition_change", args=[second.pk]))
    assert "Typed the wrong start." in change.text
    # The city's page shows the new end.
    client.force_login(world.office_a)
    page = client.get(reverse("candidacy:city", args=["city-a"]))
    assert "2028" in page.text


def test_correcting_the_first_cycle_moves_the_start_not_the_end(world):
    first, _second = _cycles(world)
    services.recognition_dates_correct(
        recognition=first,
        by=world.coordinator_a,
        starts_on=D(2020, 3, 1),
        ends_on=D(2023, 12, 31),
        note="The decree was signed in March.",
    )
    candidacy = world.city_a.candidacy
    candidacy.refresh_from_db()
    assert (candidacy.recognised_since, candidacy.recognised_until) == (
        D(2020, 3, 1),
        D(2027, 12, 31),
    )


def test_a_lapse_on_the_record_moves_with_the_end(world):
    recognition = Recognition.objects.create(
        candidacy=world.city_a.candidacy,
        cycle=1,
        starts_on=D(2019, 1, 1),
        ends_on=D(2022, 12, 31),
        lapsed_on=D(2023, 1, 1),
    )
    services.recognition_dates_correct(
        recognition=recognition,
        by=world.coordinator_a,
        starts_on=D(2019, 1, 1),
        ends_on=D(2023, 6, 30),
        note="The end was a typing mistake.",
    )
    recognition.refresh_from_db()
    assert recognition.lapsed_on == D(2023, 7, 1)


def test_a_superuser_corrects_too(world, superuser):
    _first, second = _cycles(world)
    services.recognition_dates_correct(
        recognition=second,
        by=superuser,
        starts_on=D(2024, 1, 2),
        ends_on=D(2028, 1, 1),
        note="Off by a day.",
    )
    assert RecognitionCorrection.objects.get().by == superuser


@pytest.mark.parametrize("who", ["office_a", "evaluator_a", "coordinator_b"])
def test_others_cannot_correct(client, world, who):
    _first, second = _cycles(world)
    user = getattr(world, who)
    user.is_staff = True  # even with the admin open to them
    user.save()
    client.force_login(user)
    assert client.get(_url(second)).status_code in (403, 404)
    assert _post(client, user, second).status_code in (403, 404)
    change = client.get(reverse("admin:candidacy_recognition_change", args=[second.pk]))
    assert _url(second) not in change.text
    _unchanged(world, second, D(2024, 1, 1), D(2027, 12, 31))
    with pytest.raises(PermissionDenied):
        services.recognition_dates_correct(
            recognition=second, by=user, starts_on=D(2024, 2, 1), ends_on=D(2028, 1, 31), note="x"
        )


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"ends_on": "2023-01-01"}, "ends_on", "ends on or after its first day"),
        ({"note": "   "}, "note", "Give the reason for the correction"),
        ({"starts_on": "2019-06-01"}, None, "out of order with the city's recognition cycle 1"),
        (
            {"starts_on": "2023-06-01", "ends_on": "2023-12-31"},
            None,
            "out of order with the city's recognition cycle 1",
        ),
        ({"starts_on": "2150-01-01", "ends_on": "2151-01-01"}, "starts_on", "Give a date between"),
        ({"starts_on": "not a date"}, "starts_on", "Give the date as year-month-day"),
        ({"starts_on": "2024-01-01", "ends_on": "2027-12-31"}, None, "dates on the record"),
    ],
)
def test_bad_input_is_refused_on_the_form_and_nothing_is_written(
    client, world, fields, field, message
):
    _first, second = _cycles(world)
    response = _post(client, world.coordinator_a, second, **fields)
    assert response.status_code == 400
    form = response.context["form"]
    errors = form.errors[field] if field else form.non_field_errors()
    assert message in " ".join(errors)
    for name, typed in fields.items():
        assert form[name].value() == typed
    _unchanged(world, second, D(2024, 1, 1), D(2027, 12, 31))


def test_an_iranian_programme_takes_the_dates_in_solar_hijri(client, world):
    world.programme_a.calendar = "solar_hijri"
    world.programme_a.save()
    _first, second = _cycles(world)
    client.force_login(world.coordinator_a)
    page = client.get(_url(second))
    assert 'value="1402/10/11"' in page.text  # 2024-01-01 is 11 Dey 1402
    response = _post(
        client, world.coordinator_a, second, starts_on="۱۴۰۳/۰۳/۱۵", ends_on="۱۴۰۷/۰۳/۱۴"
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.starts_on == D(2024, 6, 4)  # 15 Khordad 1403


def test_an_unparseable_solar_hijri_date_is_refused(client, world):
    world.programme_a.calendar = "solar_hijri"
    world.programme_a.save()
    _first, second = _cycles(world)
    response = _post(client, world.coordinator_a, second, starts_on="1403/13/40")
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["starts_on"] and form["starts_on"].value() == "1403/13/40"
    _unchanged(world, second, D(2024, 1, 1), D(2027, 12, 31))


@pytest.mark.parametrize("status", ["closed", "suspended"])
def test_a_programme_that_is_not_open_refuses(client, world, status):
    _first, second = _cycles(world)
    world.programme_a.status = status
    world.programme_a.save()
    client.force_login(world.coordinator_a)
    change = client.get(reverse("admin:candidacy_recognition_change", args=[second.pk]))
    assert _url(second) not in change.text
    page = client.get(_url(second))
    assert f"This programme is {status}" in page.text and 'name="note"' not in page.text
    response = _post(client, world.coordinator_a, second)
    assert response.status_code == 400 and f"This programme is {status}" in response.text
    _unchanged(world, second, D(2024, 1, 1), D(2027, 12, 31))
    with pytest.raises(PermissionDenied) as refused:
        services.recognition_dates_correct(
            recognition=second,
            by=world.coordinator_a,
            starts_on=D(2024, 2, 1),
            ends_on=D(2028, 1, 31),
            note="Late fix.",
        )
    assert f"This programme is {status}" in str(refused.value)


def test_the_service_refuses_without_a_reason(world):
    _first, second = _cycles(world)
    with pytest.raises(ValidationError) as refused:
        services.recognition_dates_correct(
            recognition=second,
            by=world.coordinator_a,
            starts_on=D(2024, 2, 1),
            ends_on=D(2028, 1, 31),
            note="",
        )
    assert "note" in refused.value.error_dict


def _renewed_cycles(world):
    """City A recognised for three cycles, each renewal begun before the cycle it renews ended:
    2020–2023, renewed from October 2023 to 2027, renewed again from August 2027 to 2031."""
    candidacy = world.city_a.candidacy
    windows = [
        (D(2020, 1, 1), D(2023, 12, 31)),
        (D(2023, 10, 1), D(2027, 9, 30)),
        (D(2027, 8, 1), D(2031, 7, 31)),
    ]
    cycles = [
        Recognition.objects.create(candidacy=candidacy, cycle=number, starts_on=start, ends_on=end)
        for number, (start, end) in enumerate(windows, start=1)
    ]
    for earlier, later in zip(cycles, cycles[1:], strict=False):
        earlier.renewed_by = later
        earlier.save()
    candidacy.recognised_since, candidacy.recognised_until = D(2020, 1, 1), D(2031, 7, 31)
    candidacy.save()
    return cycles


@pytest.mark.parametrize(
    "which, starts_on, ends_on",
    [
        # the renewed cycle's end, further into its renewal
        (0, D(2020, 1, 1), D(2024, 1, 31)),
        # the renewal's start (and end), within the cycle it renews
        (1, D(2023, 11, 1), D(2027, 10, 31)),
        # the renewal's start earlier, still after the renewed cycle's start
        (1, D(2023, 6, 1), D(2027, 9, 30)),
    ],
)
def test_a_renewed_cycle_or_its_renewal_is_corrected(client, world, which, starts_on, ends_on):
    cycles = _renewed_cycles(world)
    recognition = cycles[which]
    response = _post(
        client,
        world.coordinator_a,
        recognition,
        starts_on=starts_on.isoformat(),
        ends_on=ends_on.isoformat(),
        note="The approval's dates were typed wrong.",
    )
    assert response.status_code == 302
    recognition.refresh_from_db()
    assert (recognition.starts_on, recognition.ends_on) == (starts_on, ends_on)
    assert RecognitionCorrection.objects.get().recognition == recognition
    # neither the first day nor the current cycle's last moved
    candidacy = world.city_a.candidacy
    candidacy.refresh_from_db()
    assert (candidacy.recognised_since, candidacy.recognised_until) == (
        D(2020, 1, 1),
        D(2031, 7, 31),
    )


@pytest.mark.parametrize(
    "which, fields, message",
    [
        # The third cycle renews the second, not the first: overlapping the first is refused.
        (2, {"starts_on": "2023-12-01"}, "overlap the city's recognition cycle 1"),
        (0, {"ends_on": "2027-09-01"}, "overlap the city's recognition cycle 3"),
        # A renewal that would start before the cycle it renews.
        (1, {"starts_on": "2019-12-01"}, "out of order with the city's recognition cycle 1"),
        (1, {"ends_on": "2023-09-01"}, "ends on or after its first day"),
    ],
)
def test_a_bad_correction_of_a_renewed_cycle_is_still_refused(
    client, world, which, fields, message
):
    cycles = _renewed_cycles(world)
    recognition = cycles[which]
    typed = {
        "starts_on": recognition.starts_on.isoformat(),
        "ends_on": recognition.ends_on.isoformat(),
        **fields,
    }
    response = _post(client, world.coordinator_a, recognition, **typed)
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors.get("ends_on", []) + form.non_field_errors())
    for name, value in typed.items():
        assert form[name].value() == value
    assert not RecognitionCorrection.objects.exists()
    assert [
        (cycle.starts_on, cycle.ends_on) for cycle in Recognition.objects.order_by("cycle")
    ] == [(cycle.starts_on, cycle.ends_on) for cycle in cycles]
