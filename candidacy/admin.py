"""The admin as coordinators use it. Workflow state is never a field here: it is shown
read-only, and the actions call the same services as the views."""

import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_FACETS_VAR
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ALL_VAR, ERROR_FLAG, ORDER_VAR, PAGE_VAR
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from cities.admin import CityAdmin as BaseCityAdmin
from cities.admin import errors_on_form
from cities.admin_names import NamesAdmin
from cities.admin_scoping import (
    ProgrammeScopedAdmin,
    ScopedInline,
    ScopedProgrammeFilter,
    WrittenByServicesInline,
    city_filters,
    programmes_in_scope,
    scoped_values_filter,
)
from cities.calendars import date_format
from cities.models import City, Programme
from cities.names import person_name, shown
from cities.permissions import (
    can_use_signoff_queue,
    programme_closed_message,
    programme_is_open,
    scope_of,
)
from cities.roles import Role
from cities.templatetags.portal import format_digits, format_number
from cities.validators import NOTE_MAX_LENGTH
from core.editions import TIMEOUT, kept_key
from core.errors import error_text

from . import (
    admin_frameworks,  # noqa: F401
    deadlines,
    permissions,
    selectors,
    services,
)
from .forms import DecisionForm, RecognitionCorrectionForm
from .models import (
    CallRound,
    CallRoundChange,
    Candidacy,
    CandidacyStatus,
    Evidence,
    Recognition,
    RecognitionCorrection,
    SignOff,
    StageComment,
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
        "preparation_days",
        "signoff_days",
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
        """The stages of the user's programmes, kept under the lists' edition (which a stage
        definition or a role changed raises) per user and language."""
        key = kept_key("stage-filter", request.user.pk, get_language())
        found = cache.get(key) if key else None
        if found is None:
            definitions = StageDefinition.objects.filter(programme__in=programmes_in_scope(request))
            seen = {}
            for definition in definitions.order_by("position"):
                seen.setdefault(
                    definition.key, f"{format_digits(definition.position)}. {definition.title}"
                )
            found = list(seen.items())
            if key:
                cache.set(key, found, TIMEOUT)
        return found

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
        if self.value() in CandidacyStatus.values:
            return queryset.filter(selectors.candidacy_status_q(self.value()))
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


@functools.lru_cache(maxsize=16)
def _role_labels(language: str | None) -> dict[str, str]:
    """Each role's label in `language` (the active one), for a list's rows."""
    return {role.value: str(role.label) for role in Role}


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
        "call_round",
        "status_label",
        "candidate_since",
        "recognised_since",
        "recognised_until",
        "withdrawn_on",
        "history",
    ]
    readonly_fields = [field for field in fields if field != "call_round"]
    inlines = [StageProgressInline]
    list_per_page = 50
    # Only the call round changes here, through `services.candidacy_join_round`.
    change_rule = staticmethod(permissions.can_manage_candidacy_round)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "call_round" in form.base_fields:
            form.base_fields["call_round"].queryset = CallRound.objects.filter(
                programme_id=obj.city.programme_id
            )
        return form

    def save_model(self, request, obj, form, change):
        if "call_round" in form.changed_data:
            services.candidacy_join_round(candidacy=obj, call_round=obj.call_round, by=request.user)

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
        status = obj.status
        if status == CandidacyStatus.LAPSED:
            return gettext("lapsed after %(date)s") % {"date": date_format(obj.recognised_until)}
        if status == CandidacyStatus.ENDED:
            return gettext("ended after %(date)s (programme closed)") % {
                "date": date_format(obj.recognised_until)
            }
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


class TransitionInline(WrittenByServicesInline):
    model = Transition
    fields = [
        "created_at",
        "action",
        "actor_name",
        "actor_role",
        "from_state",
        "to_state",
        "comment",
    ]
    ordering = ["-created_at", "-pk"]
    related = ("actor",)

    @admin.display(description=_("by"))
    def actor_name(self, obj):
        return person_name(obj.actor)


class SignOffInline(WrittenByServicesInline):
    model = SignOff
    fields = ["role", "signed_by", "signed_at", "comment"]
    related = ("user",)

    @admin.display(description=_("signed by"))
    def signed_by(self, obj):
        return person_name(obj.user)


class StageCommentInline(WrittenByServicesInline):
    """The stage's thread, oldest first: only the comments the reader may read
    (`permissions.visible_comments_q`, the stage page's rule)."""

    model = StageComment
    fields = ["created_at", "author_name", "visibility", "body"]
    related = ("author",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(permissions.visible_comments_q(request.user))

    @admin.display(description=_("author"))
    def author_name(self, obj):
        return person_name(obj.author)


class EvidenceInline(WrittenByServicesInline):
    model = Evidence
    fields = ["document", "description", "content_type", "size_shown", "uploader", "uploaded_at"]
    related = ("uploaded_by", "progress__candidacy__city", "progress__definition")

    @admin.display(description=_("file name"))
    def document(self, obj):
        """The document's name, a link to the portal's download, which finds the stage in the
        reader's scope before it sends anything."""
        url = reverse(
            "candidacy:evidence-download",
            args=[obj.progress.candidacy.city.slug, obj.progress.definition.key, obj.pk],
        )
        return format_html('<a href="{}" dir="auto">{}</a>', url, obj.original_name)

    @admin.display(description=_("size in bytes"))
    def size_shown(self, obj):
        return format_number(obj.size)

    @admin.display(description=_("uploaded by"))
    def uploader(self, obj):
        return person_name(obj.uploaded_by)


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


#: What a change list's address may hold and still be the list as one arrives at it: its
#: order and page, not a filter or a search.
_ARRIVING_PARAMETERS = frozenset({ORDER_VAR, PAGE_VAR, ALL_VAR, ERROR_FLAG, IS_FACETS_VAR})


class OverdueFilter(admin.SimpleListFilter):
    """The overdue stages: the rule of `candidacy.deadlines`, not a query of its own."""

    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(deadlines.overdue_q())
        return queryset


class AwaitingMySignOffFilter(admin.SimpleListFilter):
    """The stages the user may sign off now: the sign-off queue's rule
    (`permissions.signable_stages_q`), not a second query of its own.

    The list opens on it for whoever has a sign-off queue (`can_use_signoff_queue`, as the
    navigation asks) when the address chooses no filter and no search; "All stages" (an
    explicit value, so that it is not the default again) shows the whole list. A user who
    signs nothing (a superuser with no role) sees the whole list."""

    title = _("awaiting my sign-off")
    parameter_name = "awaiting_me"
    YES, ALL = "yes", "all"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        arriving = _ARRIVING_PARAMETERS.issuperset(request.GET.keys())
        if arriving and can_use_signoff_queue(request.user):
            self.used_parameters[self.parameter_name] = self.YES

    def lookups(self, request, model_admin):
        return [(self.ALL, _("All stages")), (self.YES, _("Yes"))]

    def choices(self, changelist):
        """Each choice with its value in the address (Django's "All" would drop it, and the
        list would open on the default again); no "All" of Django's own."""
        chosen = self.value() if self.value() == self.YES else self.ALL
        for value, title in self.lookup_choices:
            yield {
                "selected": value == chosen,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == self.YES:
            return queryset.filter(permissions.signable_stages_q(request.user))
        return queryset


@admin.register(StageProgress)
class StageProgressAdmin(ProgrammeScopedAdmin):
    programme_lookup = "candidacy__city__programme_id"
    list_display = ["city", "stage", "state", "round", "submitted_at", "signed"]
    list_filter = [
        AwaitingMySignOffFilter,
        OverdueFilter,
        "state",
        "definition__kind",
        *city_filters("candidacy__city"),
    ]
    search_fields = ["candidacy__city__name", "definition__title"]
    list_select_related = ["candidacy__city", "definition"]
    # Not the narratives, the cities' regions and places, the stages' texts: only what the
    # columns show.
    list_only = (
        "state",
        "round",
        "submitted_at",
        "candidacy__city__slug",
        *(f"candidacy__city__{name}" for name in get_translation_fields("name")),
        "candidacy__city__name",
        "definition__position",
        *(f"definition__{name}" for name in get_translation_fields("title")),
        "definition__title",
    )
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
    inlines = [SignOffInline, EvidenceInline, TransitionInline, StageCommentInline]
    actions = ["approve_stages", "return_stages"]
    ordering = ["submitted_at"]
    change_form_template = "admin/candidacy/stageprogress/change_form.html"

    def page_read(self, rows: list) -> None:
        """Each row's sign-offs' roles, in the order they were given, in one query."""
        roles = {row.pk: [] for row in rows}
        for progress_id, role in (
            SignOff.objects.filter(progress_id__in=roles)
            .order_by("signed_at", "pk")
            .values_list("progress_id", "role")
        ):
            roles[progress_id].append(role)
        for row in rows:
            row.signed_roles = roles[row.pk]

    def has_change_permission(self, request, obj=None):
        return False  # nothing here is edited by hand; decide on the page or with the actions

    # --- the change page: the signatory's decision, through the services -----------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A POST with a decision approves or returns the stage (`_decide`); anything else is
        Django's read-only page (a POST of fields is refused there)."""
        if request.method == "POST" and object_id is not None and "decision" in request.POST:
            return self._decide(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _decide(self, request, object_id):
        """Approve or return the stage (`services.stage_approve` / `stage_return`) with the
        comment and the submission the page showed. Outside the user's programmes the stage
        does not exist (404); a refusal of the service is an admin message above the page as
        the stage is now, with the comment kept (400; 403 for one who may not decide)."""
        progress = self.get_object(request, unquote(object_id))
        if progress is None:
            raise Http404
        form = DecisionForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            approve = data["decision"] == DecisionForm.APPROVE
            service = services.stage_approve if approve else services.stage_return
            try:
                service(
                    progress=progress,
                    by=request.user,
                    comment=data["comment"],
                    submission=data["submission"],
                )
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, error_text(error), messages.ERROR)
                status = 403 if isinstance(error, PermissionDenied) else 400
            else:
                done = (
                    gettext("Your approval was recorded.")
                    if approve
                    else gettext("The stage was returned with your comment.")
                )
                self.message_user(request, f"{progress}: {done}", messages.SUCCESS)
                changelist = reverse("admin:candidacy_stageprogress_changelist")
                preserved = {"preserved_filters": self.get_preserved_filters(request)}
                return HttpResponseRedirect(
                    add_preserved_filters({**preserved, "opts": self.opts}, changelist)
                )
        else:
            self.message_user(
                request,
                gettext("The decision was not recorded: see the form below."),
                messages.ERROR,
            )
        # The page again, as a GET would show it now, with the form as it was typed.
        request.method = "GET"
        response = super().changeform_view(
            request, object_id, extra_context={"decision_form": form}
        )
        response.status_code = status
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """The decision form, for whoever may sign the stage off now (`can_sign_stage`, the
        sign-off queue's rule), with what their approval will do. A form shown again after a
        refusal keeps its comment and names the submission shown now."""
        form = context.pop("decision_form", None)
        if obj is not None and permissions.can_sign_stage(request.user, obj):
            if form is None:
                form = DecisionForm(initial={"submission": obj.submission})
            elif form.is_bound:
                form.data = form.data.copy()
                form.data["submission"] = obj.submission
            context["decision_form"] = form
            context["decision_outcome"] = _approval_outcome(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

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
        roles = getattr(obj, "signed_roles", None)  # read for the list's page (`page_read`)
        if roles is None:
            roles = [signoff.role for signoff in obj.signoffs.all()]
        labels = _role_labels(get_language())
        return ", ".join(labels[role] for role in roles)

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


class CallRoundChangeInline(WrittenByServicesInline):
    """A round's history (`CallRoundChange`), written by the round services."""

    model = CallRoundChange
    fields = ["at", "action", "changed", "by_name"]
    ordering = ["-at", "-pk"]
    related = ("by",)

    @admin.display(description=_("changed fields"))
    def changed(self, obj):
        return "; ".join(
            f"{label}: {before or '–'} → {after or '–'}"
            for label, before, after in obj.field_rows()
        )

    @admin.display(description=_("by"))
    def by_name(self, obj):
        return person_name(obj.by)


@admin.register(CallRound)
class CallRoundAdmin(ProgrammeScopedAdmin, NamesAdmin):
    """A programme's call rounds: its coordinators open and change them (the rule of the
    rounds' pages, `permissions.can_manage_round`); the model keeps the dates in order. Saves
    go through `services.round_open` / `round_update`, which write the round's history (shown
    read-only below the form)."""

    inlines = [CallRoundChangeInline]

    def save_model(self, request, obj, form, change):
        written = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in services.ROUND_FIELDS or name.startswith("name_")
        }
        if change:
            saved = services.round_update(call_round=obj, by=request.user, **written)
        else:
            written.pop("name", None)
            written.pop("opens_on", None)
            written.pop("closes_on", None)
            saved = services.round_open(
                programme=obj.programme,
                by=request.user,
                name=obj.name,
                opens_on=obj.opens_on,
                closes_on=obj.closes_on,
                **written,
            )
        obj.pk, obj.version = saved.pk, saved.version

    programme_lookup = "programme_id"
    list_display = ["name", "programme", "opens_on", "closes_on", "decision_by"]
    list_display_links = ["name"]
    list_filter = [("programme", ScopedProgrammeFilter)]
    search_fields = ["name"]
    ordering = ["programme", "-opens_on", "pk"]
    fields = [
        "programme",
        "name",
        "opens_on",
        "closes_on",
        "decision_by",
        "applications_close",
        "notes",
    ]
    change_rule = staticmethod(permissions.can_manage_round)
    add_rule = staticmethod(permissions.can_manage_round)

    def get_readonly_fields(self, request, obj=None):
        # A round stays in the programme it was opened in (`round_update` changes no programme).
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "programme"] if obj is not None else readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme" and not request.user.is_superuser:
            kwargs["queryset"] = Programme.objects.filter(
                pk__in=scope_of(request.user).coordinated_programme_ids
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RecognitionCorrectionInline(WrittenByServicesInline):
    """The corrections of the cycle's dates, newest first, in the programme's calendar."""

    model = RecognitionCorrection
    fields = [
        "at",
        "from_starts_on",
        "from_ends_on",
        "to_starts_on",
        "to_ends_on",
        "note",
        "by_name",
    ]
    ordering = ["-at", "-pk"]
    related = ("by",)

    @admin.display(description=_("by"))
    def by_name(self, obj):
        return person_name(obj.by)


@admin.register(Recognition)
class RecognitionAdmin(ProgrammeScopedAdmin):
    """The cycles of the cities' recognition, read-only: written by the approval that grants
    recognition (`services._grant`, its window from `stage_approve(starts_on=)` and
    `services.recognition_ends_on`), the lapses by `manage.py record_lapses`. Their dates are
    corrected on a page of their own (`correct_view`, `services.recognition_dates_correct`),
    linked from the change page for whoever may (`permissions.can_correct_recognition`)."""

    programme_lookup = "candidacy__city__programme_id"
    list_display = [
        "city",
        "programme",
        "cycle",
        "starts_on",
        "ends_on",
        "lapsed_on",
        "renewed",
        "outcome",
    ]
    list_display_links = ["city"]
    list_filter = [("candidacy__city__programme", ScopedProgrammeFilter)]
    list_select_related = ["candidacy__city__programme", "renewed_by"]
    search_fields = ["candidacy__city__name"]
    ordering = ["candidacy__city__name", "cycle"]
    fields = list_display
    readonly_fields = fields
    inlines = [RecognitionCorrectionInline]
    change_form_template = "admin/candidacy/recognition/change_form.html"

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/correct/",
                self.admin_site.admin_view(self.correct_view),
                name="{}_{}_correct".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["correct_link"] = obj is not None and permissions.can_correct_recognition(
            request.user, obj
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def correct_view(self, request, object_id):
        """Correct the cycle's dates, typed in its programme's calendar, with the reason. Out of
        the user's programmes the cycle does not exist (404); one who may not correct it gets
        403, unless the programme is closed or suspended: then the page says so. A refusal
        (the form's, the service's) shows the form again with what was typed and why, status
        400, nothing written."""
        recognition = self.get_object(request, unquote(object_id))  # dates in its calendar
        if recognition is None:
            raise Http404
        programme = recognition.candidacy.city.programme
        refusal = "" if programme_is_open(programme) else programme_closed_message(programme)
        if not refusal and not permissions.can_correct_recognition(request.user, recognition):
            raise PermissionDenied
        change_url = reverse(
            "admin:candidacy_recognition_change",
            args=[recognition.pk],
            current_app=self.admin_site.name,
        )
        form = RecognitionCorrectionForm(
            request.POST if request.method == "POST" else None,
            initial={"starts_on": recognition.starts_on, "ends_on": recognition.ends_on},
        )
        status = 200
        if request.method == "POST":
            status = 400
            if not refusal and form.is_valid():
                try:
                    services.recognition_dates_correct(
                        recognition=recognition, by=request.user, **form.cleaned_data
                    )
                except ValidationError as error:
                    errors_on_form(form, error)
                except PermissionDenied as error:
                    form.add_error(None, error_text(error))
                    status = 403
                else:
                    self.message_user(
                        request,
                        gettext("The recognition's dates were corrected."),
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Correct the dates"),
            "subtitle": self.row_text(recognition),
            "opts": self.opts,
            "original": recognition,
            "original_text": self.row_text(recognition),
            "form": None if refusal else form,
            "refusal": refusal,
            "change_url": change_url,
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/candidacy/recognition/correct.html", context, status=status
        )

    def row_text(self, obj) -> str:
        return f"{shown(obj.candidacy.city)} – {format_digits(obj.cycle)}"

    @admin.display(description=_("city"), ordering="candidacy__city__name")
    def city(self, obj):
        return shown(obj.candidacy.city)

    @admin.display(description=_("programme"))
    def programme(self, obj):
        return shown(obj.candidacy.city.programme)

    @admin.display(description=_("status"))
    def outcome(self, obj):
        """Where the cycle stands, as the city page says it."""
        if obj.renewed_by_id:
            return gettext("Renewed")
        if obj.ended_with_programme:
            return CandidacyStatus.ENDED.label
        if obj.lapsed_on:
            return CandidacyStatus.LAPSED.label
        return gettext("Current")

    @admin.display(description=_("renewed by"))
    def renewed(self, obj):
        if obj.renewed_by is None:
            return ""
        return gettext("cycle %(cycle)s from %(date)s") % {
            "cycle": format_digits(obj.renewed_by.cycle),
            "date": date_format(obj.renewed_by.starts_on),
        }
