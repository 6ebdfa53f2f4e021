"""Signing in (with the second factor when the user has one) and turning two-factor on."""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from core.errors import add_service_errors

from .forms import ConfirmDeviceForm, SignInForm
from .permissions import can_set_up_two_factor, has_two_factor, must_set_up_two_factor
from .services import totp_device_confirm, totp_device_prepare


class SignInView(auth_views.LoginView):
    """Django's login, with the authenticator code for users who have one."""

    authentication_form = SignInForm


def qr_code_svg(text: str) -> str:
    """The QR code of `text` as an SVG element drawn by paths (no script, no style attribute)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode().split("?>", 1)[-1].strip()


def safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


@login_required
def two_factor(request):
    """The user's own two-factor page: the secret to add to an authenticator app (as text, as an
    otpauth:// address and as a QR code), and the code that confirms it."""
    if not can_set_up_two_factor(request.user):
        raise PermissionDenied
    next_url = safe_next(request)
    context = {"next": next_url, "required": must_set_up_two_factor(request.user)}
    if has_two_factor(request.user):
        return render(request, "signin/two_factor.html", {**context, "enabled": True})
    device = totp_device_prepare(user=request.user)
    form = ConfirmDeviceForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            device = totp_device_confirm(user=request.user, token=form.cleaned_data["otp_token"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            otp_login(request, device)
            done = _("Two-factor sign-in is on. Each sign-in now asks for a code.")
            messages.success(request, done)
            return redirect(next_url or "signin:two-factor")
    context.update(
        form=form,
        secret=b32encode(device.bin_key).decode(),
        config_url=device.config_url,
        qr_code=qr_code_svg(device.config_url),
    )
    status = 400 if form.is_bound else 200
    return render(request, "signin/two_factor.html", context, status=status)
