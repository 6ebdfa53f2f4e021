"""The atlas's indicator definitions in the admin: the programme's coordinators (and
superusers) edit the indicators of a version of its indicator set that no atlas uses yet;
a used version is frozen (`criterion_in_use`, refused with its message on the form), and
changing it means revising the framework (imported by `candidacy.admin`)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from candidacy.admin_frameworks import FrameworkCriterionAdminMixin
from candidacy.models import IndicatorDefinition
from cities.admin_names import NamesAdmin
from cities.admin_scoping import ProgrammeScopedAdmin, ScopedProgrammeFilter


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(FrameworkCriterionAdminMixin, ProgrammeScopedAdmin, NamesAdmin):
    programme_lookup = "programme_id"
    list_display = ["name", "key", "unit", "goal_area", "order", "programme", "framework_number"]
    list_display_links = ["name"]
    list_filter = [("programme", ScopedProgrammeFilter), "goal_area"]
    list_select_related = ["programme", "framework"]
    search_fields = ["name", "key"]
    ordering = ["programme", "order", "key"]
    fields = ["programme", "framework", "key", "name", "unit", "goal_area", "order"]

    @admin.display(description=_("version"), ordering="framework__number")
    def framework_number(self, obj):
        return obj.framework.number
