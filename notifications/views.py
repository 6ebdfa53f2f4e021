"""The inbox and the notification preferences: the user's own only. Thin: read a selector,
call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.listing import Sort, list_page
from core.pages import bound_data, form_page

from . import selectors, services
from .forms import PreferencesForm
from .models import Notification

INBOX_SORTS = {
    "newest": Sort(gettext_lazy("Newest first"), ("-created_at", "-pk")),
    "oldest": Sort(gettext_lazy("Oldest first"), ("created_at", "pk")),
}


def _back_to_inbox(request):
    """Back to the inbox page the form was posted from (its page and order kept)."""
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("notifications:inbox")


@login_required
def inbox(request):
    listing = list_page(request, selectors.inbox_of(request.user), sorts=INBOX_SORTS)
    unread = selectors.unread_count(request.user)
    # the navigation shows the same count: counted once
    context = {"listing": listing, "unread": unread, "nav_unread": unread}
    return render(request, "notifications/inbox.html", context)


@login_required
@require_POST
def read(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_read(notification=notification, by=request.user)
    return _back_to_inbox(request)


@login_required
@require_POST
def read_all(request):
    services.notifications_read_all(by=request.user)
    messages.success(request, _("Every notification is marked as read."))
    return _back_to_inbox(request)


@login_required
def preferences(request):
    user = request.user
    data, _files = bound_data(request)
    form = PreferencesForm(data, initial=selectors.preferences_of(user))
    return form_page(
        request,
        form=form,
        write=lambda cleaned: services.preferences_save(user=user, by=user, deliveries=cleaned),
        success_message=_("Your notification preferences were saved."),
        next_url=lambda saved: reverse("notifications:preferences"),
        template="accounts/form.html",
        context={
            "title": _("Notification preferences"),
            "lead": _(
                "How the portal tells you of each kind of notification: an e-mail at once, "
                "one e-mail a day with all of them, or only here in the portal."
            ),
            "back": reverse("notifications:inbox"),
            "crumbs": [(reverse("profile"), _("My profile"))],
        },
    )
