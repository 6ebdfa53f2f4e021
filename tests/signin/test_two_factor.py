"""Two-factor sign-in (django-otp, TOTP): setting it up, signing in with it in the portal and
the admin, and superusers sent to set it up before the admin opens when it is required."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "cfc-test"

pytestmark = pytest.mark.django_db


def code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def with_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def coordinator(world):
    return world.coordinator_a


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
@pytest.mark.parametrize("token", ["", "000000x", "123456"])
def test_with_a_device_the_password_alone_does_not_sign_in(client, coordinator, url_name, token):
    device = with_device(coordinator)
    if token == "123456" and code(device) == token:
        token = "654321"
    response = client.post(
        reverse(url_name),
        {"username": coordinator.username, "password": PASSWORD, "otp_token": token},
    )
    assert response.status_code == 200
    assert not signed_in_as(client)
    page = response.content.decode()
    [error] = response.context["form"].errors["otp_token"]
    assert error in page  # beside the field
    assert f'value="{coordinator.username}"' in page  # what was typed is kept


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_with_a_device_and_its_code_the_user_signs_in_verified(client, coordinator, url_name):
    device = with_device(coordinator)
    response = client.post(
        reverse(url_name),
        {"username": coordinator.username, "password": PASSWORD, "otp_token": code(device)},
    )
    assert response.status_code == 302
    assert signed_in_as(client) == str(coordinator.pk)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_counts_towards_the_throttle(client, coordinator):
    with_device(coordinator)
    from axes.models import AccessAttempt

    client.post(
        reverse("login"),
        {"username": coordinator.username, "password": PASSWORD, "otp_token": "000000"},
    )
    assert AccessAttempt.objects.get(username=coordinator.username).failures_since_start == 1


def test_without_a_device_the_password_alone_signs_in(client, coordinator):
    client.post(reverse("login"), {"username": coordinator.username, "password": PASSWORD})
    assert signed_in_as(client) == str(coordinator.pk)


def test_a_session_without_the_second_factor_does_not_open_the_admin(client, coordinator):
    with_device(coordinator)
    client.force_login(coordinator)  # signed in, but never gave a code
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_turn_two_factor_on_from_their_own_page(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("signin:two-factor"))
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    assert page.context["secret"] in html
    assert "otpauth://totp/" in html
    assert "<svg" in html and "<script" not in html.split("<footer")[0].split("<main")[1]

    wrong = client.post(reverse("signin:two-factor"), {"otp_token": "000000"})
    assert wrong.status_code == 400
    assert 'id="form-errors"' in wrong.content.decode()
    assert 'value="000000"' in wrong.content.decode()  # what was typed is kept
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post(reverse("signin:two-factor"), {"otp_token": code(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("signin:two-factor")).context["enabled"]


def test_office_staff_without_admin_access_have_no_two_factor_page(client, world):
    client.force_login(world.office_a)
    assert client.get(reverse("signin:two-factor")).status_code == 403


@override_settings(OTP_REQUIRED_FOR_SUPERUSERS=True)
def test_a_superuser_without_a_device_is_sent_to_set_one_up(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("signin:two-factor"))
    assert client.get(reverse("admin:cities_city_changelist")).status_code == 302
    page = client.get(response["Location"])
    assert 'id="two-factor-required"' in page.content.decode()


@override_settings(OTP_REQUIRED_FOR_SUPERUSERS=True)
def test_a_superuser_with_a_device_signs_in_with_its_code_and_the_admin_opens(client, superuser):
    device = with_device(superuser)
    client.post(
        reverse("admin:login"),
        {"username": "root", "password": PASSWORD, "otp_token": code(device)},
    )
    assert client.get(reverse("admin:index")).status_code == 200


def test_without_the_requirement_a_superuser_without_a_device_reaches_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200


def test_production_requires_it_and_the_local_demo_does_not():
    from cfc_portal.settings import base, local

    assert base.OTP_REQUIRED_FOR_SUPERUSERS is True
    assert local.OTP_REQUIRED_FOR_SUPERUSERS is False


def test_a_device_removed_through_any_server_stops_verifying_at_once(
    client, coordinator, django_capture_on_commit_callbacks
):
    """The device that verified the session is kept under the lists' edition
    (`signin.middleware`); removing it raises the edition, so the next request reads afresh."""
    device = with_device(coordinator)
    client.post(
        reverse("login"),
        {"username": coordinator.username, "password": PASSWORD, "otp_token": code(device)},
    )
    assert client.get(reverse("admin:index")).wsgi_request.user.otp_device == device
    kept = client.get(reverse("admin:index"))  # the device kept
    assert kept.status_code == 200 and kept.wsgi_request.user.is_verified()
    with django_capture_on_commit_callbacks(execute=True):
        TOTPDevice.objects.get(pk=device.pk).delete()
    assert not client.get(reverse("admin:index")).wsgi_request.user.is_verified()
