"""The library in the admin: themes (names per language), and entries whose state changes only
through the service (the publish and withdraw actions); their summary is edited per
language."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from candidacy.models import Initiative
from cities.admin_names import NamesAdmin
from cities.admin_scoping import ProgrammeScopedAdmin
from cities.names import in_reader_language
from cities.templatetags.portal import format_number

from . import services
from .models import GoodPractice, Theme
from .permissions import can_curate_good_practice


@admin.register(Theme)
class ThemeAdmin(NamesAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name_en",)}


def _may_curate(user, entry) -> bool:
    return entry is not None and can_curate_good_practice(user, entry.initiative)


@admin.register(GoodPractice)
class GoodPracticeAdmin(ProgrammeScopedAdmin, NamesAdmin):
    programme_lookup = "programme_id"
    change_rule = staticmethod(_may_curate)
    list_display = ["initiative", "city", "status", "published_at"]
    list_filter = ["status"]
    # The initiative with the row; its city's name for the page in one query (`page_read`),
    # not three more tables' rows joined to every row.
    list_select_related = ["initiative"]
    search_fields = ["initiative__title"]
    fields = ["initiative", "status", "summary", "themes", "published_at", "curated_by"]
    readonly_fields = ["initiative", "status", "published_at", "curated_by"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Check boxes, not Django's two-box filter (its search icon carries a prohibited
        # aria-label on a bare span: an axe violation of Django's own markup).
        if db_field.name == "themes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    actions = ["publish_entries", "withdraw_entries"]

    def row_text(self, obj) -> str:
        return obj.initiative.title

    def page_read(self, rows: list) -> None:
        """The name of each row's city, in the reader's language, in one query."""
        names = dict(
            Initiative.objects.filter(pk__in={row.initiative_id for row in rows})
            .annotate(city_name=in_reader_language("progress__candidacy__city__name"))
            .values_list("pk", "city_name")
        )
        for row in rows:
            row.city_name = names.get(row.initiative_id, "")

    @admin.display(description=_("city"), ordering="initiative__progress__candidacy__city__name")
    def city(self, obj):
        if hasattr(obj, "city_name"):
            return obj.city_name
        return obj.initiative.progress.candidacy.city.name

    def _curate(self, request, queryset, status: str) -> int:
        done = 0
        entries = queryset.select_related("initiative__progress__candidacy__city")
        for entry in entries:
            try:
                services.good_practice_curate(
                    initiative=entry.initiative, by=request.user, status=status
                )
                done += 1
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(error.messages) if isinstance(error, ValidationError) else ""
                self.message_user(request, f"{entry}: {text}", messages.ERROR)
        return done

    @admin.action(description=_("Publish the selected entries in the library"))
    def publish_entries(self, request, queryset):
        done = self._curate(request, queryset, GoodPractice.Status.PUBLISHED)
        if done:
            self.message_user(
                request,
                gettext("Entries published: %(count)s.") % {"count": format_number(done)},
                messages.SUCCESS,
            )

    @admin.action(description=_("Withdraw the selected entries from the library"))
    def withdraw_entries(self, request, queryset):
        done = self._curate(request, queryset, GoodPractice.Status.WITHDRAWN)
        if done:
            self.message_user(
                request,
                gettext("Entries withdrawn: %(count)s.") % {"count": format_number(done)},
                messages.SUCCESS,
            )
