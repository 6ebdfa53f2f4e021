"""Councils, their members and the organisations around a city, as coordinators read them in
the admin: scoped to the programmes they coordinate and read-only. Superusers edit everything,
including the council types each programme recognises."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cities.admin_scoping import ProgrammeScopedAdmin, ScopedInline

from .models import Council, CouncilMember, CouncilType, Organisation

# Filters list only the values present in the (scoped) rows, so a coordinator never sees
# another programme's cities or council types in the sidebar.
_ONLY_IN_SCOPE = admin.RelatedOnlyFieldListFilter


@admin.register(CouncilType)
class CouncilTypeAdmin(ProgrammeScopedAdmin):
    """Superusers define each programme's council types; coordinators read their programme's."""

    programme_lookup = "programme_id"
    list_display = ["name", "key", "programme", "involves_children"]
    list_filter = [("programme", _ONLY_IN_SCOPE), "involves_children"]
    search_fields = ["name", "key"]
    list_select_related = ["programme"]
    ordering = ["programme", "name"]


@admin.register(Organisation)
class OrganisationAdmin(ProgrammeScopedAdmin):
    programme_lookup = "city__programme_id"
    list_display = ["name", "city", "inside_municipality", "seat_count"]
    list_filter = [
        "inside_municipality",
        ("city__programme", _ONLY_IN_SCOPE),
        ("city", _ONLY_IN_SCOPE),
    ]
    search_fields = ["name", "city__name"]
    list_select_related = ["city"]
    autocomplete_fields = ["city"]
    ordering = ["city__name", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(seat_count=Count("seats"))

    @admin.display(description=_("council seats"), ordering="seat_count")
    def seat_count(self, obj):
        return obj.seat_count


class CouncilMemberInline(ScopedInline, admin.TabularInline):
    """A council's members: read-only for coordinators, editable by superusers."""

    model = CouncilMember
    extra = 0
    fields = [
        "organisation",
        "inside_municipality",
        "representative",
        "position",
        "contact",
        "seat_role",
        "term_start",
        "term_end",
    ]
    readonly_fields = ["inside_municipality"]
    autocomplete_fields = ["organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")

    @admin.display(description=_("inside the municipality"), boolean=True)
    def inside_municipality(self, obj):
        return obj.organisation.inside_municipality if obj.organisation_id else None


@admin.register(Council)
class CouncilAdmin(ProgrammeScopedAdmin):
    programme_lookup = "city__programme_id"
    list_display = ["name", "city", "council_type", "established_on", "member_count"]
    list_filter = [
        ("council_type", _ONLY_IN_SCOPE),
        ("city__programme", _ONLY_IN_SCOPE),
        ("city", _ONLY_IN_SCOPE),
    ]
    search_fields = ["name", "city__name", "members__organisation__name"]
    list_select_related = ["city", "council_type"]
    autocomplete_fields = ["city"]
    ordering = ["city__name", "name"]
    inlines = [CouncilMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count
