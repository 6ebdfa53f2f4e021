"""The admin site: its login asks for the second factor, and it opens only to sessions that
gave it (when the user has a device) and to superusers who have one (when required)."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import admin
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language

from core.editions import TIMEOUT, kept_key

from .forms import AdminSignInForm
from .permissions import is_verified_enough, must_set_up_two_factor


class PortalAdminSite(admin.AdminSite):
    login_form = AdminSignInForm
    login_template = "signin/admin_login.html"

    def get_app_list(self, request, app_label=None):
        """Django's list (its order too), sorted on the names as text: sorting on the models'
        lazily translated names translated each name again at every comparison, a tenth of a
        change list's page (the navigation beside every admin page).

        The whole list is kept in the cache for the user and language under the lists'
        edition (`core.editions.kept_key`): what it shows follows from the user's permissions
        and scope, and a change of either raises that edition (docs/architecture.md, "What
        every request pays"). Asking every model's admin again was a tenth of a change list."""
        key = None if app_label else kept_key("admin-apps", request.user.pk, get_language())
        if key is not None and (kept := cache.get(key)) is not None:
            return kept
        app_dict = self._build_app_dict(request, app_label)
        app_list = sorted(app_dict.values(), key=lambda app: str(app["name"]).lower())
        for app in app_list:
            app["models"].sort(key=lambda model: str(model["name"]))
        if key is not None:
            for app in app_list:  # the names as text: the key names the language
                app["name"] = str(app["name"])
                for model in app["models"]:
                    model["name"] = str(model["name"])
            cache.set(key, app_list, TIMEOUT)
        return app_list

    def has_permission(self, request):
        return super().has_permission(request) and is_verified_enough(request.user)

    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)

        @wraps(view)
        def inner(request, *args, **kwargs):
            signing_out = request.path == reverse("admin:logout")
            if must_set_up_two_factor(request.user) and not signing_out:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('signin:two-factor')}?{query}")
            return protected(request, *args, **kwargs)

        return inner
