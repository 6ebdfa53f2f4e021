"""Sign-in throttling (django-axes): failures are counted per username AND address, the
locked-out user sees the login page with a message, the cool-off ends, a superuser unlocks."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests import factories as f

PASSWORD = "cfc-test"
OFFICE = "10.0.0.1"
ELSEWHERE = "10.0.0.2"
LIMIT = settings.AXES_FAILURE_LIMIT

pytestmark = pytest.mark.django_db


def sign_in(client, username, password, address=OFFICE, url=None):
    return client.post(
        url or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def fail(client, username, times, address=OFFICE, url=None):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", address, url)
        assert not signed_in_as(client)
    return response


def test_the_limit_and_cool_off_are_set():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_one_failure_short_of_the_limit_the_right_password_signs_in(client):
    user = f.UserFactory(username="office")
    fail(client, "office", LIMIT - 1)
    response = sign_in(client, "office", PASSWORD)
    assert response.status_code == 302
    assert signed_in_as(client) == str(user.pk)
    # a success clears the count: the user has the whole allowance again
    assert not AccessAttempt.objects.filter(username="office").exists()


def test_at_the_limit_even_the_right_password_is_refused_with_a_message(client):
    f.UserFactory(username="office")
    fail(client, "office", LIMIT)
    response = sign_in(client, "office", PASSWORD)
    assert response.status_code == 429
    assert not signed_in_as(client)
    page = response.content.decode()
    assert 'id="sign-in-locked"' in page
    assert "Too many failed sign-ins" in page
    assert "15 minutes" in page
    assert 'value="office"' in page  # what was typed is kept
    assert '<form method="post"' in page  # the login page, not a bare one


def test_the_locked_out_message_is_translated(client):
    f.UserFactory(username="office")
    fail(client, "office", LIMIT)
    response = client.post(
        reverse("login"),
        {"username": "office", "password": PASSWORD},
        REMOTE_ADDR=OFFICE,
        HTTP_ACCEPT_LANGUAGE="fa",
    )
    assert response.status_code == 429
    assert "Too many failed sign-ins" not in response.content.decode()
    assert 'dir="rtl"' in response.content.decode()


def test_a_colleague_at_the_same_address_still_signs_in(client):
    f.UserFactory(username="office")
    colleague = f.UserFactory(username="colleague")
    fail(client, "office", LIMIT + 2)
    sign_in(client, "colleague", PASSWORD)
    assert signed_in_as(client) == str(colleague.pk)


def test_the_same_username_from_another_address_still_signs_in(client):
    user = f.UserFactory(username="office")
    fail(client, "office", LIMIT + 2)
    sign_in(client, "office", PASSWORD, address=ELSEWHERE)
    assert signed_in_as(client) == str(user.pk)


def test_the_lockout_ends_after_the_cool_off(client):
    user = f.UserFactory(username="office")
    fail(client, "office", LIMIT)
    assert sign_in(client, "office", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    sign_in(client, "office", PASSWORD)
    assert signed_in_as(client) == str(user.pk)


@override_settings(AXES_COOLOFF_TIME=timedelta(minutes=30))
def test_the_cool_off_is_a_setting(client):
    f.UserFactory(username="office")
    fail(client, "office", LIMIT)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = sign_in(client, "office", PASSWORD)
    assert response.status_code == 429
    assert "30 minutes" in response.content.decode()


def test_the_admin_login_is_throttled_the_same_way(client, superuser):
    url = reverse("admin:login")
    fail(client, "root", LIMIT - 1, url=url)
    sign_in(client, "root", PASSWORD, url=url)
    assert signed_in_as(client) == str(superuser.pk)
    client.logout()

    fail(client, "root", LIMIT, url=url)
    response = sign_in(client, "root", PASSWORD, url=url)
    assert response.status_code == 429
    assert not signed_in_as(client)
    page = response.content.decode()
    assert "Too many failed sign-ins" in page
    assert 'id="login-form"' in page  # the admin's own login page
    # the portal login counts the same failures: the pair is locked everywhere
    assert sign_in(client, "root", PASSWORD).status_code == 429


def test_a_superuser_unlocks_through_the_admin_and_the_user_signs_in_again(client, superuser):
    user = f.UserFactory(username="office")
    fail(client, "office", LIMIT)
    assert sign_in(client, "office", PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username="office")

    admin = client.__class__()
    admin.force_login(superuser)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "office" in listing.content.decode()
    response = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()

    sign_in(client, "office", PASSWORD)
    assert signed_in_as(client) == str(user.pk)


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:axes_accessattempt_changelist",
        "admin:axes_accesslog_changelist",
        "admin:axes_accessfailurelog_changelist",
        "admin:otp_totp_totpdevice_changelist",
    ],
)
def test_coordinators_never_see_sign_in_records(client, world, url_name):
    coordinator = world.coordinator_a
    # even with Django's permissions on the models, which a superuser might hand out
    coordinator.user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["axes", "otp_totp"])
    )
    client.force_login(coordinator)
    assert client.get(reverse(url_name)).status_code == 403
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "Access attempts" not in index.content.decode()


def test_a_coordinator_cannot_delete_an_attempt(client, world):
    f.UserFactory(username="office")
    fail(client, "office", 1)
    attempt = AccessAttempt.objects.get()
    client.force_login(world.coordinator_a)
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
