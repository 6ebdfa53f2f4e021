"""Sign-in records in the admin, for superusers only: throttled attempts and lockouts (django-axes;
deleting an attempt unlocks that username at that address) and users' authenticators
(django-otp; deleting one lets a user who lost their phone sign in with the password, and set
up a new one). Coordinators are staff too, but never see anyone's sign-ins, whatever Django
permissions they were given."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import can_manage_sign_in_records


class SuperusersOnly:
    def has_module_permission(self, request):
        return can_manage_sign_in_records(request.user)

    def has_view_permission(self, request, obj=None):
        return can_manage_sign_in_records(request.user)

    def has_change_permission(self, request, obj=None):
        return can_manage_sign_in_records(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_manage_sign_in_records(request.user)


class SignInAttemptAdmin(SuperusersOnly, AccessAttemptAdmin):
    def has_change_permission(self, request, obj=None):
        return False  # what happened is read-only; a lockout is removed by deleting it


class SignInLogAdmin(SuperusersOnly, AccessLogAdmin):
    def has_change_permission(self, request, obj=None):
        return False


class SignInFailureLogAdmin(SuperusersOnly, AccessFailureLogAdmin):
    def has_change_permission(self, request, obj=None):
        return False


class AuthenticatorAdmin(SuperusersOnly, TOTPDeviceAdmin):
    def has_add_permission(self, request):
        return False  # users set up their own authenticator, so that only they see its secret


for model, model_admin in [
    (AccessAttempt, SignInAttemptAdmin),
    (AccessLog, SignInLogAdmin),
    (AccessFailureLog, SignInFailureLogAdmin),
    (TOTPDevice, AuthenticatorAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
