"""The evaluation criteria in the admin: superusers edit every programme's; coordinators read
their programme's (imported by `candidacy.admin`)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from candidacy.models import EvaluationCriterion
from cities.admin_names import NamesAdmin
from cities.admin_scoping import ProgrammeScopedAdmin, ScopedProgrammeFilter


@admin.register(EvaluationCriterion)
class EvaluationCriterionAdmin(ProgrammeScopedAdmin, NamesAdmin):
    programme_lookup = "programme_id"
    list_display = ["programme", "order", "criterion", "is_global"]
    list_display_links = ["criterion"]
    list_filter = [("programme", ScopedProgrammeFilter), "is_global"]
    list_select_related = ["programme"]
    search_fields = ["text", "key"]
    ordering = ["programme", "order", "pk"]
    fields = ["programme", "key", "order", "text", "is_global"]

    @admin.display(description=_("criterion"), ordering="text")
    def criterion(self, obj):
        return obj.text
