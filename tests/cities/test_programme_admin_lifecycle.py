"""A programme's lifecycle in the admin, from outside: the change page links to "Change status"
and "Hand over", whose forms call the services only (`cities.services.programme_status_change`,
`programme_hand_over`); superusers only; bad input stays on the form, nothing written; the
history is shown read-only on the change page, in the programme's calendar."""

import datetime
import html

import pytest
from django.urls import reverse

from cities.calendars import SOLAR_HIJRI
from cities.models import Programme, ProgrammeChange, RoleAssignment, RoleAssignmentChange
from cities.services import programme_status_change
from tests import factories as f

pytestmark = pytest.mark.django_db

MORDAD_10_1403 = datetime.date(2024, 7, 31)


def _url(name, programme):
    return reverse(f"admin:cities_programme_{name}", args=[programme.pk])


def _written():
    return (
        list(Programme.objects.order_by("pk").values()),
        list(ProgrammeChange.objects.values()),
        sorted(RoleAssignment.objects.values_list("user_id", "role", "programme_id", "city_id")),
        RoleAssignmentChange.objects.count(),
    )


def test_the_change_page_links_to_the_lifecycle_pages(client, world, superuser):
    client.force_login(superuser)
    page = client.get(_url("change", world.programme_a)).text
    assert _url("status", world.programme_a) in page
    assert _url("hand_over", world.programme_a) in page
    # A coordinator reads the programme's page without the links.
    client.force_login(world.coordinator_a)
    page = client.get(_url("change", world.programme_a))
    assert page.status_code == 200
    assert _url("status", world.programme_a) not in page.text


def test_a_superuser_changes_the_status_with_a_day_and_a_note(client, world, superuser):
    client.force_login(superuser)
    form = client.get(_url("status", world.programme_a))
    assert form.status_code == 200
    # Only the statuses the programme may take now are offered.
    assert [value for value, _ in form.context["form"].fields["status"].choices] == [
        "suspended",
        "closed",
    ]
    response = client.post(
        _url("status", world.programme_a),
        {"status": "suspended", "on": "2024-04-30", "note": "Elections."},
    )
    assert response.status_code == 302
    assert response["Location"] == _url("change", world.programme_a)
    world.programme_a.refresh_from_db()
    assert world.programme_a.status == "suspended"
    assert world.programme_a.status_since == datetime.date(2024, 4, 30)
    change = ProgrammeChange.objects.get()
    assert (change.from_status, change.to_status, change.on, change.note, change.by) == (
        "active",
        "suspended",
        datetime.date(2024, 4, 30),
        "Elections.",
        superuser,
    )
    # The change page shows it in its history.
    page = client.get(_url("change", world.programme_a)).text
    assert "Elections." in page and "30 April 2024" in page


def test_a_superuser_hands_the_programme_over(
    client, world, superuser, django_capture_on_commit_callbacks
):
    newcomer = f.UserFactory(username="newcomer", is_staff=True)
    old = world.coordinator_a
    client.force_login(old)
    assert client.get(_url("change", world.programme_a)).status_code == 200
    city_page = reverse("candidacy:city", args=[world.city_a.slug])
    assert client.get(city_page).status_code == 200

    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):  # the kept scopes' edition
        response = client.post(
            _url("hand_over", world.programme_a),
            {
                "to_body": "Ministry of Youth",
                "coordinators": [newcomer.pk],
                "on": "2024-05-01",
                "note": "Reorganisation.",
            },
        )
    assert response.status_code == 302
    change = ProgrammeChange.objects.get()
    assert change.to_status == "handed_over"
    assert change.to_body == "Ministry of Youth"
    assert change.from_body and change.from_body != change.to_body
    assert change.on == datetime.date(2024, 5, 1)
    world.programme_a.refresh_from_db()
    assert world.programme_a.coordinating_body == "Ministry of Youth"

    # The outgoing coordinator loses the programme on their next request; the newcomer gains it.
    client.force_login(old)
    assert client.get(_url("change", world.programme_a)).status_code in (302, 403, 404)
    assert client.get(city_page).status_code in (403, 404)
    client.force_login(newcomer)
    assert client.get(_url("change", world.programme_a)).status_code == 200
    assert client.get(city_page).status_code == 200
    # The history of the people shows both.
    actions = set(RoleAssignmentChange.objects.values_list("person_id", "action"))
    assert {(old.pk, "ended"), (newcomer.pk, "invited")} <= actions


@pytest.mark.parametrize("name", ["status", "hand_over"])
@pytest.mark.parametrize("who", ["coordinator_a", "coordinator_b"])
def test_coordinators_may_not_change_the_lifecycle(client, world, name, who):
    before = _written()
    client.force_login(getattr(world, who))
    expected = (403,) if who == "coordinator_a" else (403, 404)
    assert client.get(_url(name, world.programme_a)).status_code in expected
    posted = client.post(
        _url(name, world.programme_a),
        {"status": "closed", "to_body": "Elsewhere", "on": "2024-05-01"},
    )
    assert posted.status_code in expected
    assert _written() == before


@pytest.mark.parametrize(
    "name,data,field,message",
    [
        ("hand_over", {"to_body": "", "on": "2024-05-01"}, "to_body", "This field is required."),
        ("hand_over", {"to_body": "   ", "on": "2024-05-01"}, "to_body", None),
        ("status", {"status": "handed_over", "on": "2024-05-01"}, "status", None),
        ("status", {"status": "active", "on": "2024-05-01"}, "status", None),
        ("status", {"status": "closed", "on": "31/31/2024"}, "on", None),
    ],
)
def test_bad_input_stays_on_the_form(client, world, superuser, name, data, field, message):
    before = _written()
    client.force_login(superuser)
    response = client.post(_url(name, world.programme_a), {"note": "Kept note.", **data})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors.get(field) or errors.get("__all__"), errors
    if message:
        assert errors[field] == [message]
    assert "Kept note." in response.text  # what was typed is kept
    assert _written() == before


def test_a_solar_hijri_date_is_read_and_refused_in_the_programmes_calendar(
    client, world, superuser
):
    Programme.objects.filter(pk=world.programme_a.pk).update(calendar=SOLAR_HIJRI)
    client.force_login(superuser)
    before = _written()
    response = client.post(
        _url("status", world.programme_a),
        {"status": "closed", "on": "1402/12/30", "note": "End."},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["on"] == ["Esfand 1402 has only 29 days."]
    assert 'value="1402/12/30"' in response.text
    # A Gregorian date is not read as a Solar Hijri one.
    response = client.post(
        _url("status", world.programme_a), {"status": "closed", "on": "2024-07-31"}
    )
    assert response.status_code == 400 and "on" in response.context["form"].errors
    assert _written() == before

    response = client.post(
        _url("status", world.programme_a), {"status": "closed", "on": "1403/05/10"}
    )
    assert response.status_code == 302
    assert ProgrammeChange.objects.get().on == MORDAD_10_1403
    page = client.get(_url("change", world.programme_a)).text
    assert "10 Mordad 1403" in html.unescape(page)


def test_a_closed_programme_cannot_be_handed_over(client, world, superuser):
    programme_status_change(
        programme=world.programme_a, by=superuser, status="closed", on=datetime.date(2024, 4, 30)
    )
    before = _written()
    client.force_login(superuser)
    message = "This programme is closed: its record can be read but not changed."
    for response in (
        client.get(_url("hand_over", world.programme_a)),
        client.post(_url("hand_over", world.programme_a), {"to_body": "X", "on": "2024-05-01"}),
        client.get(_url("status", world.programme_a)),
    ):
        assert message in html.unescape(response.text)
        assert response.context["form"] is None
    assert _written() == before


def test_the_coordinators_are_found_by_search_not_listed(client, world, superuser):
    for number in range(30):
        f.UserFactory(username=f"person{number}")
    client.force_login(superuser)
    page = client.get(_url("hand_over", world.programme_a)).text
    assert "person12" not in page  # the choice is searched, not a list of every user
    found = client.get(
        reverse("admin:autocomplete"),
        {"term": "person12", "app_label": "cities", "model_name": "roleassignment",
         "field_name": "user"},
    )  # fmt: skip
    assert found.status_code == 200
    assert [row["text"] for row in found.json()["results"]] == ["person12"]


def test_the_coordinating_body_changes_only_by_a_hand_over(client, world, superuser):
    """Read-only on the change page (a posted value is not even a field of its form), free
    on the add page."""
    client.force_login(superuser)
    page = client.get(_url("change", world.programme_a))
    assert page.status_code == 200
    assert not [f for f in page.context["adminform"].form.fields if "coordinating_body" in f]
    assert world.programme_a.coordinating_body in page.text  # shown, read-only
    added = client.get(reverse("admin:cities_programme_add"))
    assert "coordinating_body_en" in added.context["adminform"].form.fields
