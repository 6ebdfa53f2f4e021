"""The evaluation criteria in the admin: superusers edit every programme's; coordinators read
their programme's (imported by `candidacy.admin`)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from candidacy.admin_frameworks import FrameworkCriterionAdminMixin
from candidacy.models import ChildrenPanelVerdict, ConflictDeclaration, EvaluationCriterion
from cities.admin_names import NamesAdmin
from cities.admin_scoping import ProgrammeScopedAdmin, ScopedProgrammeFilter


@admin.register(EvaluationCriterion)
class EvaluationCriterionAdmin(FrameworkCriterionAdminMixin, ProgrammeScopedAdmin, NamesAdmin):
    programme_lookup = "programme_id"
    list_display = ["programme", "framework_number", "order", "criterion", "is_global"]
    list_display_links = ["criterion"]
    list_filter = [("programme", ScopedProgrammeFilter), "is_global"]
    list_select_related = ["programme", "framework"]
    search_fields = ["text", "key"]
    ordering = ["programme", "order", "pk"]
    fields = ["programme", "framework", "key", "order", "text", "guidance", "is_global"]

    @admin.display(description=_("version"), ordering="framework__number")
    def framework_number(self, obj):
        return obj.framework.number

    @admin.display(description=_("criterion"), ordering="text")
    def criterion(self, obj):
        return obj.text


class _ReadOnlyRecordAdmin(ProgrammeScopedAdmin):
    """Rows written only by their services: read here by the programme's coordinators (and
    superusers), never changed."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(_ReadOnlyRecordAdmin):
    """Who declared a conflict of interest with which city (`services.conflict_declare`)."""

    programme_lookup = "candidacy__city__programme_id"
    list_display = ["candidacy", "evaluator", "has_conflict", "declared_at"]
    list_filter = [("candidacy__city__programme", ScopedProgrammeFilter), "has_conflict"]
    list_select_related = ["candidacy__city", "evaluator"]
    fields = ["candidacy", "evaluator", "has_conflict", "statement", "declared_at"]
    readonly_fields = fields
    ordering = ["-declared_at", "-pk"]


@admin.register(ChildrenPanelVerdict)
class ChildrenPanelVerdictAdmin(_ReadOnlyRecordAdmin):
    """The children's panels' verdicts (`services.panel_verdict_save`): aggregates only, and
    its size and votes only as the small-group rule publishes them
    (`ChildrenPanelVerdict.figures`, `core.privacy.figure`): a panel smaller than the threshold
    shows "fewer than N children" in place of its counts, in the list and on the change page
    alike."""

    programme_lookup = "progress__candidacy__city__programme_id"
    list_display = ["progress", "verdict", "children", "votes", "recorded_on"]
    list_filter = [("progress__candidacy__city__programme", ScopedProgrammeFilter), "verdict"]
    list_select_related = ["progress__candidacy__city", "progress__definition"]
    fields = ["progress", "recorded_on", "children", "verdict", "votes", "summary", "recorded_by"]
    readonly_fields = fields
    ordering = ["-recorded_on", "-pk"]

    @admin.display(description=_("children on the panel"))
    def children(self, obj):
        [size] = [str(figure) for name, _label, figure in obj.figures() if name == "panel_size"]
        return size

    @admin.display(description=_("votes"))
    def votes(self, obj):
        return "; ".join(f"{label}: {figure}" for label, figure in obj.votes())
