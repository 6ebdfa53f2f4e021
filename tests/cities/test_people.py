"""A programme's people, on the coordinators' portal pages: who may reach them, and what a
forged request cannot do."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from cities.models import RoleAssignment, RoleAssignmentChange
from cities.roles import Role
from tests import factories as f

User = get_user_model()
pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Tulip-Harbour-2931"


def _urls(world):
    key = world.programme_a.key
    office = RoleAssignment.objects.get(user=world.office_a)
    return {
        "list": reverse("people", args=[key]),
        "invite": reverse("people-invite", args=[key]),
        "move": reverse("people-assignment", args=[key, office.pk]),
        "end": reverse("people-assignment-end", args=[key, office.pk]),
        "deactivate": reverse("people-deactivate", args=[key, world.office_a.pk]),
    }


def _state():
    return (
        sorted(
            RoleAssignment.objects.values_list("pk", "user_id", "role", "city_id", "programme_id")
        ),
        sorted(User.objects.values_list("pk", "is_active", "is_staff", "is_superuser")),
    )


PAGES = ["list", "invite", "move", "end", "deactivate"]


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_login(client, world, page):
    response = client.get(_urls(world)[page])
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "who,status",
    [
        ("office_a", 403),
        ("office_a2", 403),
        ("evaluator_a", 403),
        ("coordinator_b", 404),
        ("office_b", 404),
        ("evaluator_b", 404),
    ],
)
def test_others_are_refused(client, world, page, who, status):
    before = _state()
    client.force_login(getattr(world, who))
    url = _urls(world)[page]
    assert client.get(url).status_code == status
    post = {"email": "x@example.org", "role": Role.OFFICE, "city": world.city_a2.pk}
    assert client.post(url, post).status_code == status
    assert _state() == before


def test_the_coordinator_sees_the_programmes_people_only(client, world):
    client.force_login(world.coordinator_a)
    page = client.get(_urls(world)["list"])
    assert page.status_code == 200
    for user in (world.office_a, world.office_a2, world.coordinator_a, world.evaluator_a):
        assert user.email in page.text
    for user in (world.office_b, world.coordinator_b, world.evaluator_b):
        assert user.email not in page.text
    overview = client.get(reverse("candidacy:overview", args=[world.programme_a.key]))
    assert _urls(world)["list"] in overview.text


def test_the_people_page_costs_the_same_queries_for_more_people(
    client, world, django_assert_max_num_queries
):

    client.force_login(world.coordinator_a)
    client.get(_urls(world)["list"])
    with django_assert_max_num_queries(12):
        client.get(_urls(world)["list"])
    for _ in range(15):
        f.office_user(world.city_a2)
    with django_assert_max_num_queries(12):
        client.get(_urls(world)["list"])


def _invite(client, world, **changes):
    data = {
        "email": "new.person@example.org",
        "first_name": "Sara",
        "last_name": "Karimi",
        "role": Role.OFFICE,
        "city": world.city_a2.pk,
        **changes,
    }
    return client.post(_urls(world)["invite"], data)


def test_an_invitation_sets_a_password_and_signs_in(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, world)
    assert response.status_code == 302
    person = User.objects.get(email="new.person@example.org")
    assert not person.has_usable_password()
    assert RoleAssignment.objects.filter(user=person, role=Role.OFFICE, city=world.city_a2).exists()
    assert RoleAssignmentChange.objects.filter(person=person, action="invited").exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new.person@example.org"]
    link = re.search(r"https?://\S+(/accounts/reset/\S+/)", mail.outbox[0].body)[1]

    client.logout()
    form = client.get(link, follow=True)
    assert form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    signed_in = client.post(
        reverse("login"), {"username": person.username, "password": NEW_PASSWORD}, follow=True
    )
    assert signed_in.context["user"] == person
    assert signed_in.redirect_chain[-1][0] == reverse("candidacy:city", args=[world.city_a2.slug])


def test_an_existing_account_gets_the_role_and_a_sign_in_mail(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            client, world, email=world.evaluator_b.email.upper(), role=Role.EVALUATOR
        )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(
        user=world.evaluator_b, role=Role.EVALUATOR, programme=world.programme_a
    ).exists()
    assert "/accounts/reset/" not in mail.outbox[0].body
    assert world.evaluator_b.username in mail.outbox[0].body


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"city": "city-b"}, "city"),  # another programme's city
        ({"role": Role.COORDINATOR}, "role"),
        ({"role": "superuser"}, "role"),
        ({"role": Role.OFFICE, "city": ""}, "city"),
        ({"email": "not an address"}, "email"),
    ],
    ids=[
        "other programme's city",
        "coordinator role",
        "made-up role",
        "office without city",
        "bad e-mail",
    ],
)
def test_forged_invitations_are_refused_on_the_form(
    client, world, changes, field, django_capture_on_commit_callbacks
):
    if changes.get("city") == "city-b":
        changes["city"] = world.city_b.pk
    before = _state()
    client.force_login(world.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, world, **changes)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "form-errors" in response.text
    assert "Karimi" in response.text  # what was typed is kept
    assert _state() == before
    assert mail.outbox == []


def test_a_second_invitation_for_the_same_role_is_refused(client, world):
    client.force_login(world.coordinator_a)
    response = _invite(client, world, email=world.office_a.email, city=world.city_a.pk)
    assert response.status_code == 400
    assert "This person already has this role." in response.text


def test_a_role_moves_within_the_programme_only(client, world):
    before = _state()
    client.force_login(world.coordinator_a)
    url = _urls(world)["move"]
    refused = client.post(url, {"city": world.city_b.pk})
    assert refused.status_code == 400 and refused.context["form"].errors["city"]
    assert _state() == before
    assert client.post(url, {"city": world.city_a2.pk}).status_code == 302
    assert RoleAssignment.objects.get(user=world.office_a).city == world.city_a2
    change = RoleAssignmentChange.objects.get(action="moved")
    assert (change.from_city, change.city) == (world.city_a, world.city_a2)


def test_a_role_is_ended(client, world):
    client.force_login(world.coordinator_a)
    assert client.get(_urls(world)["end"]).status_code == 200
    assert client.post(_urls(world)["end"]).status_code == 302
    assert not RoleAssignment.objects.filter(user=world.office_a).exists()
    assert RoleAssignmentChange.objects.filter(person=world.office_a, action="ended").exists()


def test_coordinators_roles_are_not_theirs_to_change(client, world):

    colleague = f.coordinator_user(world.programme_a)
    assignment = RoleAssignment.objects.get(user=colleague)
    key = world.programme_a.key
    client.force_login(world.coordinator_a)
    before = _state()
    assert (
        client.post(reverse("people-assignment-end", args=[key, assignment.pk])).status_code == 403
    )
    assert client.post(reverse("people-deactivate", args=[key, colleague.pk])).status_code == 403
    own = RoleAssignment.objects.get(user=world.coordinator_a)
    assert client.post(reverse("people-assignment-end", args=[key, own.pk])).status_code == 403
    # Another programme's assignment does not exist here.
    far = RoleAssignment.objects.get(user=world.office_b)
    assert client.post(reverse("people-assignment-end", args=[key, far.pk])).status_code == 404
    assert _state() == before


def test_an_account_is_deactivated_only_when_every_role_is_in_the_programme(client, world):

    key = world.programme_a.key
    client.force_login(world.coordinator_a)
    assert client.post(_urls(world)["deactivate"]).status_code == 302
    world.office_a.refresh_from_db()
    assert not world.office_a.is_active
    assert not f.signs_in(client, world.office_a.username, "cfc-test")

    client.force_login(world.coordinator_a)
    both = f.evaluator_user(world.programme_a)
    RoleAssignment.objects.create(user=both, role=Role.EVALUATOR, programme=world.programme_b)
    assert client.post(reverse("people-deactivate", args=[key, both.pk])).status_code == 403
    both.refresh_from_db()
    assert both.is_active


def test_the_invitation_is_in_the_recipients_language(
    client, world, django_capture_on_commit_callbacks
):
    from cities.models import UserProfile

    UserProfile.objects.create(user=world.evaluator_b, language="fa")
    client.force_login(world.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, world, email=world.evaluator_b.email, role=Role.EVALUATOR)
    assert "نقش" in mail.outbox[0].subject
