"""The self-assessment criteria in the admin: superusers edit each programme's criteria;
coordinators read their own programme's (the scoping of `ProgrammeScopedAdmin`)."""

from django.contrib import admin

from candidacy.models import AssessmentCriterion
from cities.admin_names import NamesAdmin
from cities.admin_scoping import ProgrammeScopedAdmin, ScopedProgrammeFilter


@admin.register(AssessmentCriterion)
class AssessmentCriterionAdmin(ProgrammeScopedAdmin, NamesAdmin):
    programme_lookup = "programme_id"
    list_display = ["programme", "order", "text", "key"]
    list_display_links = ["text"]
    list_filter = [("programme", ScopedProgrammeFilter)]
    search_fields = ["text", "key"]
    ordering = ["programme", "order", "pk"]
