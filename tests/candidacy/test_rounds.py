"""Call rounds (issue 13): the model's bounds, the services' permission, the late rule (the
predicate and the query agree), the closed round's refusal, the coordinators' pages (who may,
bad input, Solar Hijri input for Iran), the report's counts and its queries at two sizes."""

from __future__ import annotations

import datetime

import jdatetime
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from candidacy import rounds, selectors, services
from candidacy.models import CallRound, StageProgress, StageState
from cities.calendars import SOLAR_HIJRI
from demo.testing import complete_record
from tests import factories as f
from tests.candidacy.workflow import bring
from tests.navigation import NAV_TASKS_COUNTED

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def open_round(world, *, closes_on=None, opens_on=None, programme=None, **fields) -> CallRound:
    closes_on = closes_on or TODAY + 30 * DAY
    return services.round_open(
        programme=programme or world.programme_a,
        by=world.coordinator_a if programme is None else f.coordinator_user(programme),
        name="Call 2024",
        opens_on=opens_on or closes_on - 60 * DAY,
        closes_on=closes_on,
        **fields,
    )


def join(world, city, call_round):
    services.candidacy_join_round(
        candidacy=city.candidacy, call_round=call_round, by=world.coordinator_a
    )


# --- the model and the services ---------------------------------------------------------------


def test_a_round_cannot_close_before_it_opens(world):
    with pytest.raises(ValidationError) as refused:
        open_round(world, opens_on=TODAY, closes_on=TODAY - DAY)
    assert refused.value.message_dict["closes_on"] == ["The round cannot close before it opens."]
    assert not CallRound.objects.exists()
    # The database keeps the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        CallRound.objects.create(
            programme=world.programme_a, name="x", opens_on=TODAY, closes_on=TODAY - DAY
        )


def test_notes_are_bounded(world):
    with pytest.raises(ValidationError) as refused:
        open_round(world, notes="x" * 4001)
    assert "notes" in refused.value.message_dict


@pytest.mark.parametrize("who", ["coordinator_b", "office_a", "evaluator_a"])
def test_only_the_programmes_coordinators_manage_its_rounds(world, who):
    user = getattr(world, who)
    with pytest.raises(PermissionDenied):
        services.round_open(
            programme=world.programme_a, by=user, name="x", opens_on=TODAY, closes_on=TODAY
        )
    call_round = open_round(world)
    with pytest.raises(PermissionDenied):
        services.round_update(call_round=call_round, by=user, name="Taken over")
    with pytest.raises(PermissionDenied):
        services.candidacy_join_round(
            candidacy=world.city_a.candidacy, call_round=call_round, by=user
        )
    assert CallRound.objects.get().name == "Call 2024"
    assert (
        world.city_a.candidacy.__class__.objects.get(pk=world.city_a.candidacy.pk).call_round
        is None
    )


def test_a_candidacy_joins_only_a_round_of_its_programme(world):
    far_round = open_round(world, programme=world.programme_b)
    with pytest.raises(ValidationError) as refused:
        join(world, world.city_a, far_round)
    assert "call_round" in refused.value.message_dict
    world.city_a.candidacy.refresh_from_db()
    assert world.city_a.candidacy.call_round is None


# --- late and refused ---------------------------------------------------------------------------


def _late_by_query() -> set[int]:
    return set(StageProgress.objects.filter(rounds.late_q()).values_list("pk", flat=True))


def _late_by_predicate() -> set[int]:
    stages = StageProgress.objects.select_related("candidacy__call_round", "definition")
    return {stage.pk for stage in stages if rounds.is_late(stage)}


def test_only_the_application_submitted_after_the_round_closed_is_late(world):
    call_round = open_round(world, applications_close=False)
    join(world, world.city_a, call_round)
    join(world, world.city_a2, call_round)
    on_time = bring(world, world.city_a2, "joint", StageState.SUBMITTED)
    bring(world, world.city_a, "office", StageState.OPEN)
    services.round_update(
        call_round=call_round,
        by=world.coordinator_a,
        opens_on=TODAY - 60 * DAY,
        closes_on=TODAY - DAY,
    )
    # Submitted today, after the new closing day: city A's application is late, and so is
    # city A2's (its dates now say so); city A2's later stage, sent years or days after the
    # round, has nothing to do with the call: never late, and not refused.
    late = bring(world, world.city_a, "joint", StageState.SUBMITTED)
    assert late.state == StageState.SUBMITTED
    application_a = world.stage(world.city_a, "office")
    application_a2 = world.stage(world.city_a2, "office")
    assert rounds.is_late(application_a)
    assert not rounds.is_late(world.stage(world.city_a, "joint"))
    assert not rounds.is_late(on_time)
    assert _late_by_query() == _late_by_predicate() == {application_a.pk, application_a2.pk}
    # Moving the closing day back to today: nothing submitted today is late.
    services.round_update(call_round=call_round, by=world.coordinator_a, closes_on=TODAY)
    assert _late_by_query() == _late_by_predicate() == set()


def test_the_late_rule_agrees_from_a_city_and_a_candidacy(world):
    """The overview's path (from `City`, through the current stage) and the report's (from
    `Candidacy`) give the same answer as the predicate."""
    call_round = open_round(world, closes_on=TODAY - DAY, applications_close=False)
    join(world, world.city_a, call_round)
    join(world, world.city_a2, call_round)
    bring(world, world.city_a, "office", StageState.SUBMITTED)
    bring(world, world.city_a2, "joint", StageState.SUBMITTED)
    overview = selectors.programme_overview(world.programme_a).filter(current_late=True)
    assert set(overview.values_list("slug", flat=True)) == {"city-a"}
    assert set(
        world.city_a.candidacy.__class__.objects.filter(selectors.section_q("late")).values_list(
            "city__slug", flat=True
        )
    ) == {"city-a", "city-a2"}


def test_a_stage_outside_any_round_is_never_late(world):
    bring(world, world.city_a, "joint", StageState.SUBMITTED)
    assert _late_by_query() == _late_by_predicate() == set()


def test_the_application_to_a_closed_round_is_refused(world):
    call_round = open_round(world, closes_on=TODAY - DAY)
    join(world, world.city_a, call_round)
    with pytest.raises(services.WorkflowError) as refused:
        bring(world, world.city_a, "office", StageState.SUBMITTED)
    assert refused.value.messages[0].startswith("This call round closed on ")
    assert (
        "ask the coordinator to reopen it or move the candidacy to an open round"
        in (refused.value.messages[0])
    )
    assert world.stage(world.city_a, "office").state == StageState.OPEN
    # A round that only flags late applications takes it, marked late.
    services.round_update(call_round=call_round, by=world.coordinator_a, applications_close=False)
    submitted = bring(world, world.city_a, "office", StageState.SUBMITTED)
    assert submitted.state == StageState.SUBMITTED
    assert rounds.is_late(world.stage(world.city_a, "office"))


def test_the_refusal_is_shown_on_the_stage_page(client, world):
    call_round = open_round(
        world, closes_on=datetime.date(2024, 6, 30), opens_on=datetime.date(2024, 1, 1)
    )
    join(world, world.city_a, call_round)
    client.force_login(world.office_a)
    url = reverse("candidacy:stage-save", args=["city-a", "office"])

    complete_record(world.stage(world.city_a, "office"), by=world.office_a)
    page = client.post(url, {"narrative": "Our office.", "submit": "1"}, follow=True)
    assert (
        "This call round closed on 30 June 2024: ask the coordinator to reopen it or move the "
        "candidacy to an open round." in page.text
    )
    assert world.stage(world.city_a, "office").state == StageState.OPEN
    assert "Our office." in page.text  # what was typed is kept (saved as the draft)


def test_the_stage_page_shows_the_late_badge(client, world):
    call_round = open_round(world, closes_on=TODAY - DAY, applications_close=False)
    join(world, world.city_a, call_round)
    bring(world, world.city_a, "office", StageState.SUBMITTED)
    client.force_login(world.coordinator_a)
    page = client.get(reverse("candidacy:stage", args=["city-a", "office"]))
    assert ">Late</span>" in page.text
    assert "Call round" in page.text
    queue = client.get(reverse("candidacy:queue"))
    assert ">Late</span>" in queue.text
    overview = client.get(reverse("candidacy:overview", args=[world.programme_a.key]))
    assert ">Late</span>" in overview.text
    other = client.get(reverse("candidacy:stage", args=["city-a2", "office"]))
    assert ">Late</span>" not in other.text


# --- the pages ----------------------------------------------------------------------------------


def _urls(world, call_round):
    key = world.programme_a.key
    return [
        reverse("candidacy:rounds", args=[key]),
        reverse("candidacy:round", args=[key, call_round.pk]),
        reverse("candidacy:round-edit", args=[key, call_round.pk]),
    ]


@pytest.mark.parametrize(
    "who,status",
    [("coordinator_a", 200), ("coordinator_b", 404), ("office_a", 404), ("evaluator_a", 403)],
)
def test_who_may_see_the_rounds_pages(client, world, who, status):
    call_round = open_round(world)
    client.force_login(getattr(world, who))
    for url in _urls(world, call_round):
        assert client.get(url).status_code == status, url


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    call_round = open_round(world)
    for url in _urls(world, call_round):
        assert client.get(url).status_code == 302


def test_a_round_of_another_programme_is_not_found(client, world):
    far_round = open_round(world, programme=world.programme_b)
    client.force_login(world.coordinator_a)
    key = world.programme_a.key
    assert client.get(reverse("candidacy:round", args=[key, far_round.pk])).status_code == 404
    assert (
        client.post(reverse("candidacy:round-edit", args=[key, far_round.pk]), {}).status_code
        == 404
    )


def test_the_form_refuses_a_round_closing_before_it_opens(client, world):
    client.force_login(world.coordinator_a)
    page = client.post(
        reverse("candidacy:rounds", args=[world.programme_a.key]),
        {"name": "Call 2025", "opens_on": "2025-03-01", "closes_on": "2025-02-01"},
    )
    assert page.status_code == 400
    assert "The round cannot close before it opens." in page.text
    assert 'value="Call 2025"' in page.text and 'value="2025-02-01"' in page.text
    assert not CallRound.objects.exists()


def test_a_coordinator_opens_and_edits_a_round(client, world):
    client.force_login(world.coordinator_a)
    url = reverse("candidacy:rounds", args=[world.programme_a.key])
    response = client.post(
        url, {"name": "Call 2025", "opens_on": "2025-01-01", "closes_on": "2025-03-31"}
    )
    assert response.status_code == 302
    call_round = CallRound.objects.get()
    assert (call_round.closes_on, call_round.applications_close) == (
        datetime.date(2025, 3, 31),
        False,  # an unticked box
    )
    edit = reverse("candidacy:round-edit", args=[world.programme_a.key, call_round.pk])
    response = client.post(
        edit,
        {
            "name": "Call 2025",
            "opens_on": "2025-01-01",
            "closes_on": "2025-04-30",
            "version": call_round.version,
        },
    )
    assert response.status_code == 302
    call_round.refresh_from_db()
    assert call_round.closes_on == datetime.date(2025, 4, 30)
    # A page loaded before that save is refused, nothing overwritten.
    stale = client.post(
        edit,
        {"name": "Old", "opens_on": "2025-01-01", "closes_on": "2025-03-31", "version": 1},
    )
    assert stale.status_code == 409
    assert CallRound.objects.get().name == "Call 2025"


def test_iran_types_its_round_in_the_solar_hijri_calendar(client, world):
    world.programme_a.calendar = SOLAR_HIJRI
    world.programme_a.save(update_fields=["calendar"])
    client.force_login(world.coordinator_a)
    url = reverse("candidacy:rounds", args=[world.programme_a.key])
    response = client.post(
        url, {"name": "Call 1403", "opens_on": "1403/01/15", "closes_on": "1403/05/10"}
    )
    assert response.status_code == 302
    call_round = CallRound.objects.get()
    assert call_round.opens_on == jdatetime.date(1403, 1, 15).togregorian()
    assert call_round.closes_on == datetime.date(2024, 7, 31)
    page = client.get(url)
    assert "10 Mordad 1403" in page.text
    # A Gregorian date typed for Iran is not read as a Solar Hijri one.
    refused = client.post(
        url, {"name": "Call 2025", "opens_on": "2025-01-01", "closes_on": "2025-03-31"}
    )
    assert refused.status_code == 400
    assert CallRound.objects.count() == 1


# --- the report ---------------------------------------------------------------------------------


def test_the_report_counts_each_section(client, world):
    call_round = open_round(world)
    for city in (world.city_a, world.city_a2):
        join(world, city, call_round)
    silent = f.make_city(world.programme_a, name="Quiet town")
    join(world, silent, call_round)  # in the round, never submitted
    bring(world, world.city_a, "joint", StageState.SUBMITTED)
    bring(world, world.city_a2, "office", StageState.RETURNED)
    services.round_update(
        call_round=call_round,
        by=world.coordinator_a,
        opens_on=TODAY - 60 * DAY,
        closes_on=TODAY - DAY,
    )
    assert selectors.round_counts(call_round) == {
        "all": 3,
        "applied": 2,
        "not_applied": 1,
        "pending": 1,
        "recognised": 0,
        "returned": 1,
        "withdrawn": 0,
        "late": 2,  # both submitted today, after the day the round closed
    }
    services.candidacy_withdraw(
        candidacy=world.city_a2.candidacy, by=world.coordinator_a, reason="Left."
    )
    counts = selectors.round_counts(call_round)
    assert (counts["withdrawn"], counts["returned"]) == (1, 0)
    client.force_login(world.coordinator_a)
    page = client.get(reverse("candidacy:round", args=[world.programme_a.key, call_round.pk]))
    assert "Awaiting a decision: 1" in page.text
    assert "Not yet applied: 1" in page.text and "Quiet town" in page.text  # all, at first
    applied = client.get(
        reverse("candidacy:round", args=[world.programme_a.key, call_round.pk]),
        {"show": "applied"},
    )
    assert "Quiet town" not in applied.text and "City A2" in applied.text
    quiet = client.get(
        reverse("candidacy:round", args=[world.programme_a.key, call_round.pk]),
        {"show": "not_applied"},
    )
    assert "Quiet town" in quiet.text and "City A2" not in quiet.text
    pending = client.get(
        reverse("candidacy:round", args=[world.programme_a.key, call_round.pk]),
        {"show": "withdrawn"},
    )
    assert "City A2" in pending.text and "City A<" not in pending.text


def _cities_in_round(world, call_round, count):
    for _ in range(count):
        city = f.make_city(world.programme_a)
        services.candidacy_join_round(
            candidacy=city.candidacy, call_round=call_round, by=world.coordinator_a
        )


@pytest.mark.parametrize("name", ["candidacy:round", "candidacy:rounds"])
def test_the_rounds_pages_cost_the_same_at_two_sizes(
    client, world, django_assert_max_num_queries, name
):
    call_round = open_round(world)
    client.force_login(world.coordinator_a)
    args = [world.programme_a.key] + ([call_round.pk] if name == "candidacy:round" else [])
    url = reverse(name, args=args)
    bound = 12 + NAV_TASKS_COUNTED
    for size in (2, 25):
        _cities_in_round(world, call_round, size)
        if name == "candidacy:rounds":
            open_round(world)
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200


# --- the admin ----------------------------------------------------------------------------------


def test_a_coordinator_puts_a_candidacy_in_a_round_in_the_admin(client, world):
    call_round = open_round(world)
    far_round = open_round(world, programme=world.programme_b)
    candidacy = world.city_a.candidacy
    url = reverse("admin:candidacy_candidacy_change", args=[candidacy.pk])
    client.force_login(world.coordinator_a)
    page = client.get(url)
    choices = list(page.context["adminform"].form.fields["call_round"].queryset)
    assert choices == [call_round]  # its programme's rounds only
    data = {"call_round": call_round.pk}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({f"{management.prefix}-{k}": v for k, v in management.initial.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    candidacy.refresh_from_db()
    assert candidacy.call_round == call_round
    refused = client.post(url, {**data, "call_round": far_round.pk})
    assert refused.status_code == 200
    candidacy.refresh_from_db()
    assert candidacy.call_round == call_round


def test_the_admin_refuses_a_round_closing_before_it_opens(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("admin:candidacy_callround_add"),
        {
            "programme": world.programme_a.pk,
            "name_en": "Call 2025",
            "opens_on": "2025-03-01",
            "closes_on": "2025-02-01",
        },
    )
    assert response.status_code == 200
    assert "The round cannot close before it opens." in response.text
    assert not CallRound.objects.exists()
    response = client.post(
        reverse("admin:candidacy_callround_add"),
        {
            "programme": world.programme_b.pk,  # not theirs
            "name_en": "Call 2025",
            "opens_on": "2025-01-01",
            "closes_on": "2025-02-01",
        },
    )
    assert not CallRound.objects.exists()


# --- the round's history ------------------------------------------------------------------------


def _form_data(page) -> dict:
    """A change form's fields as loaded, with its inlines' management forms."""
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = getattr(value, "pk", value)
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({f"{management.prefix}-{k}": v for k, v in management.initial.items()})
    return data


def test_a_rounds_history_reads_right_to_left_in_persian(client, world):
    """In Persian the arrow points from the value before to the value after, and each value is
    isolated (<bdi>) so that an English note keeps its full stop at its end."""
    call_round = open_round(world, notes="")
    services.round_update(call_round=call_round, by=world.coordinator_a, notes="Apply early.")
    client.force_login(world.coordinator_a)
    client.cookies["django_language"] = "fa"
    report = client.get(reverse("candidacy:round", args=[world.programme_a.key, call_round.pk]))
    assert "<bdi>–</bdi> ← <bdi>Apply early.</bdi>" in report.text
    assert "→" not in report.text


def test_opening_and_changing_a_round_leave_its_history(client, world):
    call_round = open_round(
        world, opens_on=datetime.date(2025, 1, 1), closes_on=datetime.date(2025, 3, 31)
    )
    services.round_update(
        call_round=call_round, by=world.coordinator_a, closes_on=datetime.date(2025, 2, 28)
    )
    services.round_update(call_round=call_round, by=world.coordinator_a)  # nothing changed
    changes = list(call_round.changes.order_by("pk"))
    assert [c.action for c in changes] == ["opened", "changed"]
    assert changes[1].fields == {"closes_on": ["2025-03-31", "2025-02-28"]}
    assert changes[1].by == world.coordinator_a
    # The report shows it, in words.
    client.force_login(world.coordinator_a)
    report = client.get(reverse("candidacy:round", args=[world.programme_a.key, call_round.pk]))
    assert "History of the round" in report.text
    assert "Closes on: <bdi>31 March 2025</bdi> → <bdi>28 February 2025</bdi>" in report.text
    # A save in the admin goes through the service: a history row, shown read-only there.
    url = reverse("admin:candidacy_callround_change", args=[call_round.pk])
    data = _form_data(client.get(url))
    response = client.post(url, {**data, "closes_on": "2025-03-15"})
    assert response.status_code == 302, response.context and response.context["errors"]
    latest = call_round.changes.order_by("-pk").first()
    assert latest.fields == {"closes_on": ["2025-02-28", "2025-03-15"]}
    page = client.get(url)
    assert "closes on: 28 february 2025 → 15 march 2025" in page.text.lower()
    assert call_round.changes.count() == 3


def test_the_admin_shows_a_rounds_programme_read_only(client, world):
    call_round = open_round(world)
    client.force_login(world.coordinator_a)
    url = reverse("admin:candidacy_callround_change", args=[call_round.pk])
    page = client.get(url)
    assert "programme" not in page.context["adminform"].form.fields
    assert world.programme_a.name in page.text
    data = _form_data(page)
    response = client.post(url, {**data, "programme": world.programme_b.pk, "notes": "Moved?"})
    assert response.status_code == 302
    call_round.refresh_from_db()
    assert call_round.programme == world.programme_a and call_round.notes == "Moved?"
    # Opening one still chooses its programme.
    add = client.get(reverse("admin:candidacy_callround_add"))
    assert "programme" in add.context["adminform"].form.fields


def test_the_rounds_late_badge_has_its_own_words():
    """Not the late plan action's ("lagging" in Persian): its own msgctxt."""
    with translation.override("fa"):
        badge = render_to_string("candidacy/_state.html", {"state": "submitted", "late": True})
    assert "دیرهنگام" in badge and "عقب‌افتاده" not in badge
