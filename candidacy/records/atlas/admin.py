"""The atlas's indicator definitions in the admin: superusers edit each programme's set;
coordinators read their own programme's (imported by `candidacy.admin`)."""

from django.contrib import admin

from candidacy.models import IndicatorDefinition
from cities.admin_names import NamesAdmin
from cities.admin_scoping import ProgrammeScopedAdmin, ScopedProgrammeFilter


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(ProgrammeScopedAdmin, NamesAdmin):
    programme_lookup = "programme_id"
    list_display = ["name", "key", "unit", "goal_area", "order", "programme"]
    list_display_links = ["name"]
    list_filter = [("programme", ScopedProgrammeFilter), "goal_area"]
    search_fields = ["name", "key"]
    ordering = ["programme", "order", "key"]
