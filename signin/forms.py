"""The sign-in forms (portal and admin), which ask for the second factor of users who have one,
and the form that confirms a new authenticator."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import match_token

from .permissions import has_two_factor


def token_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        label=_("Authenticator code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        **kwargs,
    )


class SecondFactorMixin:
    """After the password, the code of the user's authenticator, if they have one.

    A wrong code counts as a failed sign-in for the throttle, like a wrong password. The
    device that matched rides on the user (`user.otp_device`), and django-otp marks the session
    verified when Django signs the user in.
    """

    missing_token = _("Enter the six-digit code your authenticator app shows.")
    wrong_token = _("That code is not right, or has expired. Enter the code your app shows now.")

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None or not has_two_factor(user):
            return cleaned_data
        token = (cleaned_data.get("otp_token") or "").replace(" ", "")
        if not token:
            self.add_error("otp_token", self.missing_token)
            return cleaned_data
        device = match_token(user, token)
        if device is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            self.add_error("otp_token", self.wrong_token)
            return cleaned_data
        user.otp_device = device
        return cleaned_data


class SignInForm(SecondFactorMixin, AuthenticationForm):
    otp_token = token_field(
        required=False,
        help_text=_("Only if you have turned on two-factor sign-in."),
    )


class AdminSignInForm(SecondFactorMixin, AdminAuthenticationForm):
    otp_token = token_field(
        required=False,
        help_text=_("Only if you have turned on two-factor sign-in."),
    )


class ConfirmDeviceForm(forms.Form):
    otp_token = token_field(
        help_text=_("The six digits your authenticator app shows for this portal."),
    )
