"""The self-assessment criteria in the admin: superusers edit each programme's criteria;
coordinators read their own programme's (the scoping of `ProgrammeScopedAdmin`). The plans'
actions with their yearly progress notes, read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from candidacy.admin_frameworks import FrameworkCriterionAdminMixin
from candidacy.models import ActionYearNote, AssessmentCriterion, PlanAction
from cities.admin_names import NamesAdmin
from cities.admin_scoping import ProgrammeScopedAdmin, ScopedInline, ScopedProgrammeFilter


@admin.register(AssessmentCriterion)
class AssessmentCriterionAdmin(FrameworkCriterionAdminMixin, ProgrammeScopedAdmin, NamesAdmin):
    programme_lookup = "programme_id"
    list_display = ["programme", "framework_number", "order", "text", "key"]
    list_display_links = ["text"]
    list_filter = [("programme", ScopedProgrammeFilter)]
    list_select_related = ["programme", "framework"]

    @admin.display(description=_("version"), ordering="framework__number")
    def framework_number(self, obj):
        return obj.framework.number

    search_fields = ["text", "key"]
    ordering = ["programme", "order", "pk"]


class ActionYearNoteInline(ScopedInline, admin.TabularInline):
    """An action's yearly progress notes: written on the plans page (their services), read
    here."""

    model = ActionYearNote
    fields = ["year", "completion", "progress_text", "updated_at"]
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PlanAction)
class PlanActionAdmin(ProgrammeScopedAdmin):
    """The plans' actions of the coordinator's programmes, read-only: the city's office writes
    them on the plans page (`candidacy.records.plans.services`)."""

    programme_lookup = "operational_plan__plan__progress__candidacy__city__programme_id"
    list_display = ["title", "operational_plan", "status", "starts_on", "ends_on", "completion"]
    list_filter = ["status", "goal_area"]
    list_select_related = ["operational_plan"]
    search_fields = ["title"]
    fields = [
        "title",
        "operational_plan",
        "goal_area",
        "responsible_organisation",
        "starts_on",
        "ends_on",
        "started_on",
        "ended_on",
        "status",
        "completion",
    ]
    readonly_fields = fields
    inlines = [ActionYearNoteInline]
    ordering = ["operational_plan__year", "starts_on", "pk"]

    def has_change_permission(self, request, obj=None):
        return False  # written on the plans page, through the services
