from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Delivery, Kind

#: The kinds a user chooses how to hear of.
CHOSEN_KINDS = (Kind.STAGE, Kind.COMMENT, Kind.REMINDER)


class PreferencesForm(forms.Form):
    """How to hear of each kind of notification: at once, in a daily digest, or in the inbox
    only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        for kind in CHOSEN_KINDS:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                help_text=_("Every notification is kept in your inbox too."),
            )
