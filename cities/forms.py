"""The admin's forms of a programme's lifecycle: a change of status and a handover. They only
read what was typed; the rules (which status now, an open programme, a named body) are the
services' (`cities.services.programme_status_change`, `programme_hand_over`), whose refusals the
admin puts back on the form. Dates are typed in the programme's calendar
(`calendars.CalendarFormMixin`; the admin's view activates it)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calendars import CalendarFormMixin
from .models import Programme, ProgrammeChange, RoleAssignment
from .services import programme_statuses_next
from .validators import NOTE_MAX_LENGTH


class _LifecycleForm(CalendarFormMixin, forms.Form):
    on = forms.DateField(label=_("On"), help_text=_("The day the change takes effect."))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why, for the programme's history."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)


class ProgrammeStatusForm(_LifecycleForm):
    """A new status among those the programme may take now, the day and a note."""

    status = forms.ChoiceField(label=_("New status"))
    field_order = ["status", "on", "note"]

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status, Programme.Status(status).label)
            for status in programme_statuses_next(programme)
        ]


class ProgrammeHandOverForm(_LifecycleForm):
    """The receiving body, its people (active accounts, found by a search: never the whole list
    of users), the day and a note."""

    to_body = forms.CharField(
        label=_("Receiving coordinating body"),
        max_length=ProgrammeChange._meta.get_field("to_body").max_length,
    )
    coordinators = forms.ModelMultipleChoiceField(
        label=_("Its coordinators"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_(
            "They become the programme's coordinators; the present coordinators' role ends. "
            "Type a name, a user name or an e-mail address to find them."
        ),
    )
    field_order = ["to_body", "coordinators", "on", "note"]

    def __init__(self, *args, admin_site=admin.site, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["coordinators"]
        # The admin's search of users (their admin's `search_fields`), through a role's user;
        # it shows only the chosen ones, read by their keys.
        field.widget = AutocompleteSelectMultiple(
            RoleAssignment._meta.get_field("user"), admin_site
        )
        field.widget.is_required = field.required
        field.queryset = get_user_model().objects.filter(is_active=True).order_by("pk")
