"""The forms of the account pages: profile, password reset, a programme's people."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cities.permissions import INVITABLE_ROLES
from cities.roles import Role
from cities.services import mail_language_of


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ProfileForm(_Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("As my browser asks"))] + list(settings.LANGUAGES),
        required=False,
        help_text=_("The language of the portal and of the e-mail it sends you."),
    )
    # Notification preferences (which e-mail, how often) will be fields here, saved by
    # cities.services.profile_update beside the language.


class PortalPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending each message in its recipient's language (the one they
    chose, else their programme's, else the portal's: `cities.services.mail_language_of`).
    Whether an address has an account or not, the page that follows is the same."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(mail_language_of(context["user"])):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class InviteForm(_Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=[(role.value, role.label) for role in INVITABLE_ROLES]
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        queryset=None,
        required=False,
        help_text=_("For office staff: the city whose CFC office they work in."),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = programme.cities.all()

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.OFFICE and not data.get("city"):
            self.add_error("city", _("Choose the city whose office they work in."))
        if data.get("role") == Role.EVALUATOR:
            data["city"] = None
        return data


class AssignmentCityForm(_Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=None)

    def __init__(self, *args, programme, assignment, **kwargs):
        super().__init__(*args, initial={"city": assignment.city_id}, **kwargs)
        self.fields["city"].queryset = programme.cities.all()


class ConfirmForm(_Form):
    """A confirmation: no fields, only the button."""
