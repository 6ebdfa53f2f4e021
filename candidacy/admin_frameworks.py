"""The versioned frameworks in the admin (issue 13): the versions, read-only, with their
criteria and the action "Revise this framework" (`candidacy.frameworks.framework_revise`);
and what the two criteria admins share: a criterion of a version in use is refused
(`criterion_in_use`, with its message), its deletion too. Imported by `candidacy.admin`."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cities.admin_scoping import ProgrammeScopedAdmin, ScopedProgrammeFilter
from cities.models import Programme
from cities.permissions import open_programmes_q, scope_of

from .frameworks import can_edit_criteria, framework_revise
from .models import (
    AssessmentCriterion,
    EvaluationCriterion,
    FrameworkKind,
    FrameworkVersion,
    IndicatorDefinition,
    criterion_in_use,
    criterion_in_use_message,
)


class FrameworkCriterionAdminMixin:
    """For the criteria admins: the programme's coordinators edit the criteria of a version
    nobody uses yet (`criterion_in_use` refuses the others, on the form, through the model's
    `clean`); a criterion in use is never deleted; the choices are the user's programmes."""

    change_rule = staticmethod(can_edit_criteria)
    add_rule = staticmethod(can_edit_criteria)
    delete_rule = staticmethod(can_edit_criteria)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = scope_of(request.user)
        # Only programmes open to change (`can_edit_criteria`): nobody adds to a closed one.
        if db_field.name == "programme":
            programmes = Programme.objects.filter(open_programmes_q())
            if not scope.superuser:
                programmes = programmes.filter(pk__in=scope.coordinated_programme_ids)
            kwargs["queryset"] = programmes
        if db_field.name == "framework":
            versions = FrameworkVersion.objects.filter(
                open_programmes_q("programme"), kind=self.model.framework_kind
            )
            if not scope.superuser:
                versions = versions.filter(programme_id__in=scope.coordinated_programme_ids)
            kwargs["queryset"] = versions.select_related("programme")
            # Blank in the model (a loader's criterion goes into the version in force), not here.
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def delete_view(self, request, object_id, extra_context=None):
        criterion = self.get_object(request, object_id)
        if criterion is not None and criterion_in_use(criterion):
            self.message_user(request, criterion_in_use_message(criterion), messages.ERROR)
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                    args=[criterion.pk],
                )
            )
        return super().delete_view(request, object_id, extra_context)


class EvaluationCriterionInline(admin.TabularInline):
    model = EvaluationCriterion
    fields = ["order", "key", "text", "is_global"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AssessmentCriterionInline(EvaluationCriterionInline):
    model = AssessmentCriterion
    fields = ["order", "key", "text"]


class AtlasIndicatorInline(EvaluationCriterionInline):
    model = IndicatorDefinition
    fields = ["order", "key", "name", "unit", "goal_area"]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ProgrammeScopedAdmin):
    """The versions of the programmes' frameworks, read-only: a new one is made by the action
    "Revise this framework" only."""

    programme_lookup = "programme_id"
    list_display = ["programme", "kind", "number", "in_force_from", "created_by", "page"]
    list_filter = [("programme", ScopedProgrammeFilter), "kind"]
    list_select_related = ["programme", "created_by"]
    ordering = ["programme", "kind", "-number"]
    fields = ["programme", "kind", "number", "in_force_from", "note", "created_by"]
    readonly_fields = fields
    actions = ["revise"]

    @admin.display(description=_("on the site"))
    def page(self, obj):
        """The framework's page of versions; from version 2 on, what this one changed."""
        url = reverse("candidacy:framework-versions", args=[obj.programme.key, obj.kind])
        if obj.number > 1:
            url = reverse("candidacy:framework-compare", args=[obj.programme.key, obj.kind])
            return format_html(
                '<a href="{}?from={}&amp;to={}">{}</a>',
                url,
                obj.number - 1,
                obj.number,
                gettext("What this version changed"),
            )
        return format_html('<a href="{}">{}</a>', url, gettext("The versions"))

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        if obj.kind == FrameworkKind.EVALUATION:
            return [EvaluationCriterionInline]
        if obj.kind == FrameworkKind.ATLAS:
            return [AtlasIndicatorInline]
        return [AssessmentCriterionInline]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        # The action is the one way to change a framework: shown to whoever may revise one.
        actions = super().get_actions(request)
        scope = scope_of(request.user)
        if not (scope.superuser or scope.coordinated_programme_ids):
            actions.pop("revise", None)
        return actions

    @admin.action(description=_("Revise this framework (make its next version)"))
    def revise(self, request, queryset):
        done = set()
        for version in queryset.select_related("programme"):
            pair = (version.programme_id, version.kind)
            if pair in done:
                continue
            done.add(pair)
            try:
                new = framework_revise(
                    programme=version.programme, kind=version.kind, by=request.user
                )
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
                continue
            self.message_user(
                request,
                gettext("%(programme)s: version %(number)s made; edit its criteria now.")
                % {"programme": version.programme, "number": new.number},
                messages.SUCCESS,
            )
