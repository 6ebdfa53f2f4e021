"""Issue 12, progress the children can follow: an action's planned and actual dates, its
statuses (delayed, not achieved), whether it is late, and its yearly progress notes, written
by whoever may edit the plan's actions, one a year within the action's years, counted in the
programme's calendar."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from candidacy.models import ActionStatus, ActionYearNote, PlanAction
from candidacy.records.plans import selectors, services
from candidacy.selectors import action_progress
from cities.calendars import SOLAR_HIJRI
from cities.models import Programme

from .conftest import action_values, approve_situation, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(pw):
    """An action of the open plans stage, planned over 2022–2024 and under way since 2022."""
    approve_situation(pw)
    plans = pw.open("plans")
    _, goal, (operational,) = make_plan(pw, plans)
    return services.action_add(
        progress=plans,
        by=pw.office,
        values=action_values(
            operational,
            goal,
            starts_on=datetime.date(2022, 4, 1),
            ends_on=datetime.date(2024, 3, 1),
            started_on=datetime.date(2022, 4, 10),
            status=ActionStatus.UNDER_WAY,
            completion=30,
        ),
    )


def _note_url(pw, action):
    return pw.url("record-action-note-add", "plans", action.pk)


def _notes():
    return sorted(ActionYearNote.objects.values_list("action_id", "year", "progress_text"))


def test_the_preparer_writes_a_yearly_note_shown_on_the_plans_page(client, pw, action):
    client.force_login(pw.office)
    url = _note_url(pw, action)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"year": "2023", "progress_text": "Two rooms <b>opened</b>.", "completion": "40"}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert _notes() == [(action.pk, 2023, "Two rooms <b>opened</b>.")]
    page = client.get(pw.url("stage", "plans")).text
    assert "Progress by year:" in page
    assert "Two rooms &lt;b&gt;opened&lt;/b&gt;." in page  # typed markup shown as text
    note = ActionYearNote.objects.get()
    assert pw.url("record-action-note-edit", "plans", note.pk) in page

    edit = pw.url("record-action-note-edit", "plans", note.pk)
    response = client.post(
        edit,
        {"year": "2023", "progress_text": "Both rooms open.", "completion": "60", "version": "1"},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert _notes() == [(action.pk, 2023, "Both rooms open.")]
    client.post(pw.url("record-action-note-delete", "plans", note.pk))
    assert _notes() == []


@pytest.mark.parametrize(
    "year,message",
    [
        ("2022", "There is a note for this year already: edit it instead."),
        ("2021", "The year must fall within the action's years (2022 to 2026)."),
        ("2030", "The year must fall within the action's years (2022 to 2026)."),
        ("", "This field is required."),
    ],
)
def test_a_bad_year_is_refused_on_its_field_keeping_the_input(client, pw, action, year, message):
    services.action_note_add(
        action=action,
        by=pw.office,
        values=dict(year=2022, progress_text="First year.", completion=10),
    )
    client.force_login(pw.office)
    before = _notes()
    response = client.post(
        _note_url(pw, action),
        {"year": year, "progress_text": "Typed and kept.", "completion": "20"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["year"] == [message]
    assert message.replace("'", "&#x27;") in response.text
    assert "Typed and kept." in response.text
    assert _notes() == before


def test_an_action_that_ended_has_only_its_own_years(pw, action):
    """The years run to today while the action goes on past its planned end, to its actual
    end once it has ended."""
    action = services.action_update(
        action=action,
        by=pw.office,
        values=action_values(
            action.operational_plan,
            action.goal,
            starts_on=action.starts_on,
            ends_on=action.ends_on,
            started_on=action.started_on,
            ended_on=datetime.date(2023, 6, 30),
            status=ActionStatus.FAILED,
        ),
    )
    assert action.years("gregorian") == range(2022, 2025)  # the planned end, 2024
    with pytest.raises(Exception, match="2022 to 2024"):
        services.action_note_add(
            action=action, by=pw.office, values=dict(year=2025, progress_text="x", completion=0)
        )


def test_a_solar_hijri_programme_types_and_shows_its_own_years(client, pw, action):
    Programme.objects.filter(pk=pw.programme.pk).update(calendar=SOLAR_HIJRI)
    client.force_login(pw.office)
    response = client.post(
        _note_url(pw, action), {"year": "1401", "progress_text": "Begun.", "completion": "5"}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert _notes() == [(action.pk, 2022, "Begun.")]  # 1401 began in March 2022
    page = client.get(pw.url("stage", "plans")).text
    assert "1401</span> · 5%" in page
    # 2022-04-01 is in 1401: 1400 lies before the action.
    response = client.post(
        _note_url(pw, action), {"year": "1400", "progress_text": "Before.", "completion": "0"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["year"] == [
        "The year must fall within the action's years (1401 to 1405)."
    ]
    # A Gregorian year is never read as a Solar Hijri one.
    response = client.post(
        _note_url(pw, action), {"year": "2023", "progress_text": "Typed.", "completion": "0"}
    )
    assert response.status_code == 400 and len(_notes()) == 1


def test_only_the_preparer_writes_notes(client, pw, action):
    """The same predicate as the plan's actions: the coordinator reads the stage but does not
    prepare it (403); another city's office finds nothing (404); a stranger signs in first."""
    url = _note_url(pw, action)
    note = services.action_note_add(
        action=action, by=pw.office, values=dict(year=2022, progress_text="x", completion=0)
    )
    edit = pw.url("record-action-note-edit", "plans", note.pk)
    delete = pw.url("record-action-note-delete", "plans", note.pk)
    assert client.get(url).status_code == 302  # to the login
    client.force_login(pw.coordinator)
    assert client.get(url).status_code == 403
    assert client.post(delete).status_code == 403
    client.force_login(pw.other_office)
    other_city = [pw.url(name, "plans", pk, city=pw.other_city) for name, pk in (
        ("record-action-note-add", action.pk),
        ("record-action-note-edit", note.pk),
    )]  # fmt: skip
    for address in (url, edit, *other_city):
        assert client.get(address).status_code in (403, 404)
    client.force_login(pw.far_office)
    assert client.get(edit).status_code == 404
    assert ActionYearNote.objects.count() == 1


def test_the_approved_plan_takes_no_note_until_reopened(client, pw, action):
    pw.approve("plans")
    client.force_login(pw.office)
    response = client.post(
        _note_url(pw, action), {"year": "2023", "progress_text": "Late note.", "completion": "1"}
    )
    assert response.status_code == 302 and _notes() == []


def test_late_is_derived_from_the_planned_end_and_the_status(client, pw, action):
    today = datetime.date(2026, 12, 1)
    assert action.late_on(today)
    for status in (ActionStatus.DONE, ActionStatus.FAILED, ActionStatus.DROPPED):
        action.status = status
        assert not action.late_on(today)
    action.status = ActionStatus.DELAYED
    assert action.late_on(today) and not action.late_on(datetime.date(2024, 3, 1))
    client.force_login(pw.office)
    page = client.get(pw.url("stage", "plans")).text
    assert "Late</span>" in page and "Planned:" in page and "Actual:" in page


def test_the_progress_read_gives_notes_and_late_in_two_queries(
    pw, action, django_assert_num_queries
):
    services.action_note_add(
        action=action, by=pw.office, values=dict(year=2023, progress_text="Y2", completion=20)
    )
    services.action_note_add(
        action=action, by=pw.office, values=dict(year=2022, progress_text="Y1", completion=10)
    )
    with django_assert_num_queries(2):
        (read,) = action_progress(pw.city.pk, today=datetime.date(2026, 1, 1))
        assert read.late and [note.year for note in read.note_list] == [2022, 2023]
    assert list(action_progress(pw.other_city.pk)) == []


def test_not_achieved_counts_against_the_completion_and_delayed_is_not_done(pw):
    approve_situation(pw)
    plans = pw.open("plans")
    _, goal, (operational,) = make_plan(pw, plans)
    for status in ("done", "failed", "delayed", "dropped"):
        services.action_add(
            progress=plans, by=pw.office, values=action_values(operational, goal, status=status)
        )
    (row, overall) = selectors.plan_completion(plans)
    assert (row.done, row.counted, row.percent) == (1, 3, 33)


def test_coordinators_read_actions_and_their_notes_in_the_admin(client, pw, action):
    services.action_note_add(
        action=action, by=pw.office, values=dict(year=2023, progress_text="Noted.", completion=9)
    )
    client.force_login(pw.coordinator)
    listing = client.get(reverse("admin:candidacy_planaction_changelist"))
    assert listing.status_code == 200 and action.title.replace("'", "&#x27;") in listing.text
    page = client.get(reverse("admin:candidacy_planaction_change", args=[action.pk]))
    assert page.status_code == 200 and "Noted." in page.text and 'name="_save"' not in page.text
    client.force_login(pw.far_coordinator)
    page = client.get(reverse("admin:candidacy_planaction_change", args=[action.pk]))
    assert page.status_code in (302, 404)
    assert PlanAction.objects.filter(pk=action.pk).exists()


def test_the_dossier_shows_the_actions_progress_and_notes(pw, action):
    from candidacy.dossier import dossier_html

    services.action_note_add(
        action=action,
        by=pw.office,
        values=dict(year=2023, progress_text="In the dossier.", completion=9),
    )
    html = dossier_html(pw.city, base_url="http://testserver/")
    assert "Progress of the actions" in html and "In the dossier." in html
    assert "Under way" in html and "Late" in html


def test_the_plans_page_queries_do_not_grow_with_notes(client, pw, action):
    """Measured: notes on every action of the page cost one query, not one per action."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(pw.office)
    url = pw.url("stage", "plans")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for number in range(5):
        more = services.action_add(
            progress=pw.stage("plans"),
            by=pw.office,
            values=action_values(action.operational_plan, action.goal, title=f"More {number}"),
        )
        for year in (2022, 2023):
            services.action_note_add(
                action=more, by=pw.office, values=dict(year=year, progress_text="n", completion=1)
            )
    client.get(url)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
