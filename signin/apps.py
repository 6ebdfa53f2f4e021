from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import apps as totp_apps


def _device_changed(sender, **kwargs):
    """A two-factor device saved or removed: the devices kept by `signin.middleware` are read
    afresh (as is everything kept under the lists' edition: a sign-in with a code saves its
    device)."""
    from core.editions import edition_bump

    edition_bump()


class SigninConfig(AppConfig):
    default = True
    name = "signin"
    verbose_name = _("Sign-in")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save
        from django_otp.models import Device

        for model in apps.get_models():
            if issubclass(model, Device):
                for signal in (post_save, post_delete):
                    uid = f"kept-{model._meta.label}-{signal is post_save}"
                    signal.connect(_device_changed, sender=model, dispatch_uid=uid)


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    """The admin, on the site that asks for the second factor (`signin.sites.PortalAdminSite`)."""

    default_site = "signin.sites.PortalAdminSite"


class AxesConfig(axes_apps.AppConfig):
    """django-axes (sign-in throttling), named in the reader's language in the admin."""

    verbose_name = _("Sign-in attempts")


class TOTPConfig(totp_apps.DefaultConfig):
    """django-otp's TOTP devices (two-factor sign-in), named in the reader's language in the
    admin."""

    verbose_name = _("Two-factor devices")

    def ready(self):
        # django-otp names its model in English only ("TOTP device", not for translation)
        device = self.get_model("TOTPDevice")._meta
        device.verbose_name = _("authenticator app")
        device.verbose_name_plural = _("authenticator apps")
