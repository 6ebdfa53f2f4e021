from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Countries and cities")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .admin_scoping import admin_dates_in_calendar
        from .languages import apply_language_on_login

        admin_dates_in_calendar()

        user_logged_in.connect(apply_language_on_login, dispatch_uid="cfc_user_language")
