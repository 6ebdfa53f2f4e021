from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .admin_names import NamesAdmin, NamesTabularInline
from .admin_scoping import (
    ProgrammeScopedAdmin,
    ScopedInline,
    ScopedRelatedFilter,
    cities_in_scope,
    city_filters,
    programmes_in_scope,
)
from .models import (
    City,
    Country,
    District,
    MapPlacement,
    Programme,
    RoleAssignment,
    map_placement_q,
)
from .permissions import can_manage_city, scope_of
from .services import programme_status_change

admin.site.site_header = _("CFC Candidacy Portal administration")
admin.site.site_title = _("CFC Candidacy Portal")
admin.site.index_title = _("Programmes, cities and candidacies")


@admin.register(Country)
class CountryAdmin(NamesAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class CountryFilter(ScopedRelatedFilter):
    """The countries of the user's programmes."""

    kept = True

    def in_scope(self, request):
        return Country.objects.filter(programmes__in=programmes_in_scope(request)).distinct()


@admin.register(Programme)
class ProgrammeAdmin(ProgrammeScopedAdmin, NamesAdmin):
    programme_lookup = "pk"
    list_display = ["name", "country", "coordinating_body", "status", "calendar", "language"]
    list_filter = [("country", CountryFilter), "status"]
    search_fields = ["name", "coordinating_body"]
    # The lifecycle is never a free field: it changes through the actions (the services).
    readonly_fields = ["status", "status_since", "closed_on", "handed_over_to"]
    actions = ["suspend_programmes", "resume_programmes", "close_programmes"]

    def _change_status(self, request, queryset, status: str) -> None:
        done = 0
        for programme in queryset:
            try:
                programme_status_change(programme=programme, by=request.user, status=status)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                message = "; ".join(getattr(error, "messages", [])) or gettext("Not allowed")
                self.message_user(request, f"{programme}: {message}", messages.ERROR)
        if done:
            self.message_user(
                request,
                gettext("%(count)d programme(s) changed.") % {"count": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Suspend the selected programmes (read-only)"))
    def suspend_programmes(self, request, queryset):
        self._change_status(request, queryset, Programme.Status.SUSPENDED)

    @admin.action(description=_("Resume the selected suspended programmes"))
    def resume_programmes(self, request, queryset):
        self._change_status(request, queryset, Programme.Status.ACTIVE)

    @admin.action(description=_("Close the selected programmes (read-only, for good)"))
    def close_programmes(self, request, queryset):
        self._change_status(request, queryset, Programme.Status.CLOSED)


class DistrictInline(ScopedInline, NamesTabularInline):
    model = District
    extra = 0
    change_rule = staticmethod(can_manage_city)


class MapPlacementFilter(admin.SimpleListFilter):
    """On the public map or not, and why not (`cities.models.map_placement_q`)."""

    title = _("public map")
    parameter_name = "map"

    def lookups(self, request, model_admin):
        return MapPlacement.choices

    def queryset(self, request, queryset):
        if self.value() in MapPlacement.values:
            return queryset.filter(map_placement_q(self.value()))
        return queryset


@admin.register(City)
class CityAdmin(ProgrammeScopedAdmin, NamesAdmin):
    """Coordinators add and correct their programme's cities; superusers any."""

    programme_lookup = "programme_id"
    change_rule = add_rule = staticmethod(can_manage_city)
    list_display = [
        "name",
        "region",
        "programme",
        "entity_type",
        "joint_with",
        "joined_on",
        "public_map",
    ]
    list_select_related = ["programme", "joint_with"]  # one query for the page, not one a row
    list_filter = [*city_filters(""), "entity_type", MapPlacementFilter]
    search_fields = ["name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DistrictInline]

    @admin.display(description=_("public map"))
    def public_map(self, city):
        return MapPlacement(city.map_placement).label

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme" and not request.user.is_superuser:
            kwargs["queryset"] = Programme.objects.filter(
                pk__in=scope_of(request.user).coordinated_programme_ids
            )
        if db_field.name == "joint_with":
            # Partners of the coordinator's programmes only; `City.clean` refuses one of
            # another programme than the city's, itself, or one held jointly in turn.
            kwargs["queryset"] = cities_in_scope(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["city"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    """Superusers give people their roles and scopes."""

    list_display = ["user", "role", "city", "programme"]
    list_select_related = ["user", "city", "programme"]  # one query for the page, not 3 a row
    list_filter = ["role", "programme"]
    search_fields = ["user__username", "user__last_name", "city__name"]
    autocomplete_fields = ["user", "city"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, RoleAssignmentInline]
