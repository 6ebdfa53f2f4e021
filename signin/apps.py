from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    default = True
    name = "signin"
    verbose_name = _("Sign-in")


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    """The admin, on the site that asks for the second factor (`signin.sites.PortalAdminSite`)."""

    default_site = "signin.sites.PortalAdminSite"
