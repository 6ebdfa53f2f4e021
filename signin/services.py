"""Every write of the sign-in app: setting up a user's authenticator (TOTP device)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import can_set_up_two_factor, has_two_factor

DEVICE_NAME = "Authenticator app"


def wrong_token() -> str:
    return _("That code is not right, or has expired. Enter the code your app shows now.")


def _unconfirmed_device(user) -> TOTPDevice | None:
    """The user's authenticator waiting to be confirmed, its row locked."""
    return (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .first()
    )


def totp_device_prepare(*, user) -> TOTPDevice:
    """The user's authenticator waiting to be confirmed, created with a new secret if there is
    none. Side effect: at most one unconfirmed device per user."""
    if not can_set_up_two_factor(user):
        raise PermissionDenied
    with transaction.atomic():
        device = _unconfirmed_device(user)
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_device_confirm(*, user, token: str) -> TOTPDevice:
    """Turn two-factor sign-in on: the code from the user's app proves it holds the secret.
    Side effects: the device is confirmed and every later sign-in asks for its code."""
    if not can_set_up_two_factor(user):
        raise PermissionDenied
    if has_two_factor(user):
        raise ValidationError(_("Two-factor sign-in is already on for your account."))
    with transaction.atomic():
        device = _unconfirmed_device(user)
        if device is None:
            raise ValidationError(_("Open this page again to get a new secret, then try again."))
        if not device.verify_token(token.replace(" ", "")):
            raise ValidationError({"otp_token": wrong_token()})
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device
