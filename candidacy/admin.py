"""The admin as coordinators use it. Workflow state is never a field here: it is shown
read-only, and the actions call the same services as the views."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cities.admin import CityAdmin as BaseCityAdmin
from cities.admin_names import NamesAdmin
from cities.admin_scoping import (
    ProgrammeScopedAdmin,
    ScopedInline,
    ScopedProgrammeFilter,
    city_filters,
    programmes_in_scope,
    scoped_values_filter,
)
from cities.calendars import date_format
from cities.models import City
from cities.names import shown
from cities.roles import Role
from cities.templatetags.portal import format_digits
from cities.validators import NOTE_MAX_LENGTH

from . import permissions, services
from .models import (
    Candidacy,
    CandidacyStatus,
    Evidence,
    SignOff,
    StageDefinition,
    StageProgress,
    StageState,
    Transition,
)
from .records.atlas import admin as atlas_admin  # noqa: F401
from .records.evaluations import admin as evaluations_admin  # noqa: F401
from .records.plans import admin as plans_admin  # noqa: F401


@admin.register(StageDefinition)
class StageDefinitionAdmin(ProgrammeScopedAdmin, NamesAdmin):
    """Superusers edit a programme's sequence; coordinators read their programme's."""

    programme_lookup = "programme_id"
    list_display = [
        "programme",
        "position",
        "title",
        "kind",
        "prepared_by",
        "signatories",
        "grants",
        "validity_months",
    ]
    list_display_links = ["title"]
    list_filter = [("programme", ScopedProgrammeFilter), "kind", "prepared_by"]
    search_fields = ["title", "key"]
    ordering = ["programme", "position"]

    def save_model(self, request, obj, form, change):
        """A stage appended to a running programme is added to every candidacy at once."""
        super().save_model(request, obj, form, change)
        if not change:
            for candidacy in Candidacy.objects.filter(city__programme=obj.programme_id):
                services.stage_sync_definitions(candidacy=candidacy)

    @admin.display(description=_("signed off by"))
    def signatories(self, obj):
        return ", ".join(str(label) for label in obj.get_signatory_labels())


class CurrentStageFilter(admin.SimpleListFilter):
    title = _("current stage")
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        definitions = StageDefinition.objects.filter(programme__in=programmes_in_scope(request))
        seen = {}
        for definition in definitions.order_by("position"):
            seen.setdefault(
                definition.key, f"{format_digits(definition.position)}. {definition.title}"
            )
        return list(seen.items())

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(current_stage__definition__key=self.value())
        return queryset


class CurrentStateFilter(admin.SimpleListFilter):
    title = _("state of the current stage")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return StageState.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(current_stage__state=self.value())
        return queryset


class StatusFilter(admin.SimpleListFilter):
    title = _("Candidacy status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return CandidacyStatus.choices

    def queryset(self, request, queryset):
        from django.utils import timezone

        today = timezone.localdate()
        value = self.value()
        if value == CandidacyStatus.WITHDRAWN:
            return queryset.filter(withdrawn_on__isnull=False)
        active = queryset.filter(withdrawn_on__isnull=True)
        if value == CandidacyStatus.LAPSED:
            return active.filter(recognised_until__lt=today)
        if value == CandidacyStatus.RECOGNISED:
            return active.filter(recognised_until__gte=today)
        if value == CandidacyStatus.CANDIDATE:
            return active.filter(recognised_until__isnull=True, candidate_since__isnull=False)
        if value == CandidacyStatus.PREPARING:
            return active.filter(recognised_until__isnull=True, candidate_since__isnull=True)
        return queryset


class StageProgressInline(ScopedInline, admin.TabularInline):
    model = StageProgress
    extra = 0
    can_delete = False
    fields = ["stage", "state", "round", "opened_at", "submitted_at", "approved_at"]
    readonly_fields = fields
    ordering = ["definition__position"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("definition")

    @admin.display(description=_("stage"))
    def stage(self, obj):
        return f"{format_digits(obj.definition.position)}. {obj.definition.title}"


@admin.register(Candidacy)
class CandidacyAdmin(ProgrammeScopedAdmin):
    programme_lookup = "city__programme_id"
    list_display = [
        "city",
        "region",
        "programme",
        "status_label",
        "valid_until",
        "current_stage_label",
        "current_state_label",
    ]
    list_filter = [
        CurrentStageFilter,
        CurrentStateFilter,
        StatusFilter,
        ("city__programme", ScopedProgrammeFilter),
        scoped_values_filter("city__region", _("region")),
    ]
    search_fields = ["city__name", "city__region"]
    list_select_related = ["city__programme", "current_stage__definition"]
    fields = [
        "city",
        "started_on",
        "status_label",
        "candidate_since",
        "recognised_since",
        "recognised_until",
        "withdrawn_on",
        "history",
    ]
    readonly_fields = fields
    inlines = [StageProgressInline]
    list_per_page = 50

    def row_text(self, obj) -> str:
        """`str(obj)`, from the name the row holds (`shown`)."""
        return shown(obj.city)

    @admin.display(description=_("region"), ordering="city__region")
    def region(self, obj):
        return shown(obj.city, "region")

    @admin.display(description=_("programme"))
    def programme(self, obj):
        return shown(obj.city.programme)

    @admin.display(description=_("Candidacy status"))
    def status_label(self, obj):
        return obj.get_status_display()

    @admin.display(description=_("badge valid until"), ordering="recognised_until")
    def valid_until(self, obj):
        if obj.recognised_until is None or obj.withdrawn_on:
            return ""
        if obj.status == CandidacyStatus.LAPSED:
            return gettext("lapsed after %(date)s") % {"date": date_format(obj.recognised_until)}
        return date_format(obj.recognised_until)

    @admin.display(description=_("current stage"), ordering="current_stage__definition__position")
    def current_stage_label(self, obj):
        current = obj.current_stage
        if current is None:
            return ""
        return f"{format_digits(current.definition.position)}. {shown(current.definition, 'title')}"

    @admin.display(description=_("state"), ordering="current_stage__state")
    def current_state_label(self, obj):
        # The choice's label (`get_state_display` builds the dict of choices for every row).
        return StageState(obj.current_stage.state).label if obj.current_stage else ""

    @admin.display(description=_("history"))
    def history(self, obj):
        entries = (
            Transition.objects.filter(progress__candidacy=obj)
            .select_related("actor", "progress__definition")
            .order_by("-created_at", "-pk")[:200]
        )
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>",
            (
                (
                    date_format(entry.created_at, with_time=True),
                    entry.progress.definition.title,
                    entry.get_action_display(),
                    f"{entry.actor or '–'} ({entry.get_actor_role_display() or '–'})",
                    entry.get_from_state_display(),
                    entry.get_to_state_display(),
                    entry.comment,
                )
                for entry in entries
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
            "<th>{}</th></tr></thead><tbody>{}</tbody></table>",
            gettext("When"),
            gettext("Stage"),
            gettext("Action"),
            gettext("Who"),
            gettext("State"),
            gettext("Comment"),
            rows,
        )


class TransitionInline(ScopedInline, admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "actor", "actor_role", "from_state", "to_state", "comment"]
    readonly_fields = fields
    ordering = ["-created_at", "-pk"]
    related = ("actor", "progress__candidacy__city", "progress__definition")


class SignOffInline(ScopedInline, admin.TabularInline):
    model = SignOff
    extra = 0
    can_delete = False
    fields = ["role", "user", "signed_at", "comment"]
    readonly_fields = fields
    related = ("user", "progress__candidacy__city", "progress__definition")


class EvidenceInline(ScopedInline, admin.TabularInline):
    model = Evidence
    extra = 0
    can_delete = False
    fields = ["original_name", "description", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    related = ("uploaded_by",)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the preparer"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Required: say what needs to change."),
    )


def _run(modeladmin, request, queryset, service, **kwargs):
    """Call `service` on each selected stage with the submission the confirmation page showed
    of it (a stage resubmitted since is refused, with the service's message)."""
    done = 0
    for progress in queryset.select_related("definition", "candidacy__city__programme"):
        shown = request.POST.get(f"submission_{progress.pk}", "")
        try:
            service(progress=progress, by=request.user, submission=shown, **kwargs)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            modeladmin.message_user(request, f"{progress}: {text}", messages.ERROR)
    return done


def _approval_outcome(user, progress) -> str:
    """What the user's approval of the stage will do, in their words."""
    role = permissions.signing_role(user, progress)
    if role is None:
        return gettext("Nothing: you cannot sign this stage off now.")
    others = [r for r in permissions.pending_signatory_roles(progress) if r != role]
    if others:
        return gettext("Records your approval; the stage then awaits: %(roles)s.") % {
            "roles": ", ".join(str(Role(r).label) for r in others)
        }
    return gettext("Approves the stage.")


def _return_outcome(user, progress) -> str:
    if permissions.returning_role(user, progress) is None:
        return gettext("Nothing: you cannot return this stage now.")
    return gettext("Returns the stage to its preparer.")


class AwaitingMySignOffFilter(admin.SimpleListFilter):
    """The stages the user may sign off now: the sign-off queue's rule
    (`permissions.signable_stages_q`), not a second query of its own."""

    title = _("awaiting my sign-off")
    parameter_name = "awaiting_me"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(permissions.signable_stages_q(request.user))
        return queryset


@admin.register(StageProgress)
class StageProgressAdmin(ProgrammeScopedAdmin):
    programme_lookup = "candidacy__city__programme_id"
    list_display = ["city", "stage", "state", "round", "submitted_at", "signed"]
    list_filter = [
        AwaitingMySignOffFilter,
        "state",
        "definition__kind",
        *city_filters("candidacy__city"),
    ]
    search_fields = ["candidacy__city__name", "definition__title"]
    list_select_related = ["candidacy__city", "definition"]
    fields = [
        "city",
        "stage",
        "state",
        "round",
        "narrative",
        "opened_at",
        "submitted_at",
        "approved_at",
    ]
    readonly_fields = fields
    inlines = [SignOffInline, EvidenceInline, TransitionInline]
    actions = ["approve_stages", "return_stages"]
    ordering = ["submitted_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("signoffs")

    def has_change_permission(self, request, obj=None):
        return False  # nothing here is edited by hand; use the actions

    def row_text(self, obj) -> str:
        """`str(obj)`, from the names the row holds (`shown`)."""
        return f"{shown(obj.candidacy.city)} – {shown(obj.definition, 'title')}"

    @admin.display(description=_("city"), ordering="candidacy__city__name")
    def city(self, obj):
        return shown(obj.candidacy.city)

    @admin.display(description=_("stage"), ordering="definition__position")
    def stage(self, obj):
        return f"{format_digits(obj.definition.position)}. {shown(obj.definition, 'title')}"

    @admin.display(description=_("signed so far"))
    def signed(self, obj):
        return ", ".join(str(Role(signoff.role).label) for signoff in obj.signoffs.all())

    @admin.action(description=_("Approve the selected stages"))
    def approve_stages(self, request, queryset):
        """A confirmation page listing the stages and what the approval does to each; only
        its confirmed POST approves, each stage with the submission the page showed."""
        if "confirm" not in request.POST:
            return self._confirmation(request, queryset, action="approve_stages")
        done = _run(self, request, queryset, services.stage_approve)
        if done:
            self.message_user(
                request,
                gettext("Your approval was recorded on %(count)d stage(s).") % {"count": done},
                messages.SUCCESS,
            )
        return None

    @admin.action(description=_("Return the selected stages with a comment"))
    def return_stages(self, request, queryset):
        form = ReturnForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            done = _run(
                self,
                request,
                queryset,
                services.stage_return,
                comment=form.cleaned_data["comment"],
            )
            if done:
                self.message_user(
                    request,
                    gettext("%(count)d stage(s) returned.") % {"count": done},
                    messages.SUCCESS,
                )
            return None
        return self._confirmation(request, queryset, action="return_stages", form=form)

    def _confirmation(self, request, queryset, *, action: str, form=None):
        """The page that lists exactly what the action will change, with its confirm button.
        A refused form keeps the submissions the first page showed."""
        stages = list(
            queryset.select_related("definition", "candidacy__city__programme")
            .prefetch_related("signoffs")
            .order_by("candidacy__city__name", "definition__position")
        )
        outcome = _approval_outcome if action == "approve_stages" else _return_outcome
        rows = [
            {
                "stage": stage,
                "submission": request.POST.get(f"submission_{stage.pk}", stage.submission)
                if form is not None and form.is_bound
                else stage.submission,
                "outcome": outcome(request.user, stage),
            }
            for stage in stages
        ]
        approve = action == "approve_stages"
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Approve these stages?")
            if approve
            else gettext("Return stages with a comment"),
            "intro": gettext("Your approval will do this to each stage below:")
            if approve
            else gettext("These stages go back to their preparer with your comment:"),
            "button": gettext("Yes, approve these stages") if approve else gettext("Return stages"),
            "rows": rows,
            "form": form,
            "action": action,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/candidacy/decide_stages.html", context)


admin.site.unregister(City)


@admin.register(City)
class CityAdmin(BaseCityAdmin):
    """A city added here starts its candidacy at once (first stage open)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.candidacy_start(city=obj)
