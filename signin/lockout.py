"""What a throttled sign-in sees: the login page it used, with a message (settings.
AXES_LOCKOUT_CALLABLE, called by axes' middleware)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from .forms import AdminSignInForm, SignInForm

LOCKED_OUT_STATUS = 429


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return ngettext(
        "Too many failed sign-ins for this username from your address. Try again in "
        "%(minutes)s minute, or ask an administrator to unlock your account.",
        "Too many failed sign-ins for this username from your address. Try again in "
        "%(minutes)s minutes, or ask an administrator to unlock your account.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The login page (the portal's or the admin's) with the lockout message and the username
    that was typed, status 429."""
    username = request.POST.get("username", "")[:150]
    redirect_to = request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME, ""))
    message = lockout_message()
    if request.path == reverse("admin:login"):
        form = AdminSignInForm(request, initial={"username": username})
        context = {
            "locked_out": message,
            **admin.site.each_context(request),
            "title": gettext("Log in"),
            "form": form,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
            REDIRECT_FIELD_NAME: redirect_to or reverse("admin:index"),
        }
        template = admin.site.login_template or "admin/login.html"
        return render(request, template, context, status=LOCKED_OUT_STATUS)
    form = SignInForm(request, initial={"username": username})
    context = {"form": form, "locked_out": message, "next": redirect_to}
    return render(request, "registration/login.html", context, status=LOCKED_OUT_STATUS)
