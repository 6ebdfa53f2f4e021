from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .admin_names import NamesAdmin, NamesTabularInline
from .admin_scoping import (
    ProgrammeScopedAdmin,
    ScopedInline,
    ScopedRelatedFilter,
    city_filters,
    programmes_in_scope,
)
from .models import City, Country, District, Programme, RoleAssignment
from .permissions import can_manage_city, scope_of

admin.site.site_header = _("CFC Candidacy Portal administration")
admin.site.site_title = _("CFC Candidacy Portal")
admin.site.index_title = _("Programmes, cities and candidacies")


@admin.register(Country)
class CountryAdmin(NamesAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class CountryFilter(ScopedRelatedFilter):
    """The countries of the user's programmes."""

    def in_scope(self, request):
        return Country.objects.filter(programmes__in=programmes_in_scope(request)).distinct()


@admin.register(Programme)
class ProgrammeAdmin(ProgrammeScopedAdmin, NamesAdmin):
    programme_lookup = "pk"
    list_display = ["name", "country", "coordinating_body", "calendar", "language"]
    list_filter = [("country", CountryFilter)]
    search_fields = ["name", "coordinating_body"]


class DistrictInline(ScopedInline, NamesTabularInline):
    model = District
    extra = 0
    change_rule = staticmethod(can_manage_city)


@admin.register(City)
class CityAdmin(ProgrammeScopedAdmin, NamesAdmin):
    """Coordinators add and correct their programme's cities; superusers any."""

    programme_lookup = "programme_id"
    change_rule = add_rule = staticmethod(can_manage_city)
    list_display = ["name", "region", "programme", "joined_on"]
    list_filter = city_filters("")
    search_fields = ["name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DistrictInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme" and not request.user.is_superuser:
            kwargs["queryset"] = Programme.objects.filter(
                pk__in=scope_of(request.user).coordinated_programme_ids
            )
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
