"""Who may do what with sign-in: two-factor devices and the lockouts of throttled sign-ins."""

from django.conf import settings
from django_otp import user_has_device


def can_set_up_two_factor(user) -> bool:
    """Staff (coordinators and superusers) may turn two-factor sign-in on for themselves."""
    return user.is_authenticated and user.is_active and user.is_staff


def has_two_factor(user) -> bool:
    """The user has a confirmed device, so every sign-in asks for its code."""
    return user.is_authenticated and user_has_device(user, confirmed=True)


def must_set_up_two_factor(user) -> bool:
    """A superuser without a device, while settings.OTP_REQUIRED_FOR_SUPERUSERS holds: sent to
    set one up before the admin opens."""
    return (
        user.is_authenticated
        and user.is_superuser
        and settings.OTP_REQUIRED_FOR_SUPERUSERS
        and not has_two_factor(user)
    )


def is_verified_enough(user) -> bool:
    """The session may use the admin: signed in with the second factor, if the user has one.
    (A verified session answers without asking for the user's devices, twice a page.)"""
    return user.is_verified() or not has_two_factor(user)


def can_manage_sign_in_records(user) -> bool:
    """Only superusers see anyone's sign-in attempts and lockouts, and remove lockouts."""
    return user.is_authenticated and user.is_active and user.is_superuser
