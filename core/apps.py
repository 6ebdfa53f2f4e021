from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from cities.admin_scoping import choices_keep_under
        from cities.permissions import scope_keep_under

        from . import checks  # noqa: F401 - registers the deployment checks
        from .editions import kept_key, scope_key

        scope_keep_under(scope_key)  # scopes kept under the lists' edition
        choices_keep_under(kept_key)  # the admin's filters by programme, region, city, country
