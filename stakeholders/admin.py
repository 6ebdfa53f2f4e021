"""The stakeholders as coordinators read them in the admin: scoped to the programmes they
coordinate (rows, and the values offered in the list filters) and read-only, except that they
record the status of the commitments in which the ministry is the party, through an action that
calls `services.commitment_set_status` (so the rules and the history are the portal's own).

Superusers edit everything, including the council types each programme recognises; their edits
here are recorded in the stakeholder history too. The history itself is read-only for everyone.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cities.admin_names import NamesAdmin
from cities.admin_scoping import (
    ProgrammeScopedAdmin,
    ScopedInline,
    ScopedProgrammeFilter,
    ScopedRelatedFilter,
    city_filters,
    programmes_in_scope,
)
from cities.models import Organisation
from cities.validators import NOTE_MAX_LENGTH

from . import services
from .models import (
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilMember,
    CouncilType,
    Memorandum,
    StakeholderChange,
    StakeholderComment,
)
from .selectors import current_seat_count, row_count


class CouncilTypeFilter(ScopedRelatedFilter):
    """The council types of the user's programmes."""

    def in_scope(self, request):
        return CouncilType.objects.filter(programme__in=programmes_in_scope(request))


class ResponsibleOrganisationFilter(ScopedRelatedFilter):
    """The organisations of the chosen city (a city holds a few dozen): a programme's hundreds
    would fill the sidebar."""

    limit = 60
    shown_field = "name"

    def in_scope(self, request):
        return Organisation.objects.filter(city__programme__in=programmes_in_scope(request))

    def narrowed(self, request, queryset):
        city = request.GET.get("council__city__id__exact", "")
        return queryset.filter(city_id=city) if city.isdigit() else queryset.none()


class RecordedAdmin(ProgrammeScopedAdmin):
    """Edits made in the admin (by superusers) leave a row in the stakeholder history."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.admin_change_record(obj=obj, by=request.user, created=not change)

    def delete_model(self, request, obj):
        services.admin_change_record(obj=obj, by=request.user, removed=True)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.admin_change_record(obj=obj, by=request.user, removed=True)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            services.admin_change_record(obj=obj, by=request.user, created=True)
        for obj, _fields in formset.changed_objects:
            services.admin_change_record(obj=obj, by=request.user)
        for obj in formset.deleted_objects:
            services.admin_change_record(obj=obj, by=request.user, removed=True)


@admin.register(CouncilType)
class CouncilTypeAdmin(ProgrammeScopedAdmin, NamesAdmin):
    """Superusers define each programme's council types; coordinators read their programme's."""

    programme_lookup = "programme_id"
    list_display = ["name", "key", "programme", "involves_children"]
    list_filter = [("programme", ScopedProgrammeFilter), "involves_children"]
    search_fields = ["name", "key"]
    list_select_related = ["programme"]
    ordering = ["programme", "name"]


@admin.register(Organisation)
class OrganisationAdmin(RecordedAdmin, NamesAdmin):
    programme_lookup = "city__programme_id"
    list_display = ["name", "city", "sector", "inside_municipality", "seat_count"]
    list_filter = [
        "sector",
        "inside_municipality",
        *city_filters("city"),
    ]
    search_fields = ["name", "city__name"]
    list_select_related = ["city"]
    autocomplete_fields = ["city"]
    ordering = ["city__name", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(seat_count=current_seat_count("organisation"))

    @admin.display(description=_("council seats"), ordering="seat_count")
    def seat_count(self, obj):
        return obj.seat_count


class CouncilMemberInline(ScopedInline, admin.TabularInline):
    """A council's members, current and former: read-only for coordinators, editable by
    superusers."""

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
        "ended_on",
    ]
    readonly_fields = ["inside_municipality"]
    related = ("organisation", "council")

    def get_formset(self, request, obj=None, **kwargs):
        """Every row offers the council's city's organisations, read once for the page (an
        autocomplete widget would read each row's chosen one apart)."""
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("organisation")
        if field is not None and obj is not None:
            field.queryset = field.queryset.filter(city_id=obj.city_id)
            field.choices = list(field.choices)
        return formset

    @admin.display(description=_("inside the municipality"), boolean=True)
    def inside_municipality(self, obj):
        return obj.organisation.inside_municipality if obj.organisation_id else None


class MakeUpInline(ScopedInline, admin.StackedInline):
    model = ChildrenCouncilMakeUp
    extra = 0
    max_num = 1


@admin.register(Council)
class CouncilAdmin(RecordedAdmin):
    programme_lookup = "city__programme_id"
    list_display = ["name", "city", "council_type", "established_on", "member_count"]
    list_filter = [
        ("council_type", CouncilTypeFilter),
        *city_filters("city"),
    ]
    search_fields = ["name", "city__name", "members__organisation__name"]
    list_select_related = ["city", "council_type"]
    autocomplete_fields = ["city"]
    ordering = ["city__name", "name"]
    inlines = [CouncilMemberInline, MakeUpInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=current_seat_count("council"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count


# --- children's participation -------------------------------------------------------------------


@admin.register(ChildrenCouncilSession)
class ChildrenCouncilSessionAdmin(RecordedAdmin):
    programme_lookup = "council__city__programme_id"
    list_display = ["held_on", "topic", "council", "city", "attendance"]
    list_filter = city_filters("council__city")
    search_fields = ["topic", "council__name", "council__city__name"]
    list_select_related = ["council__city"]
    date_hierarchy = "held_on"
    ordering = ["-held_on"]
    exclude = ["minutes"]
    readonly_fields = ["minutes_name", "minutes_content_type"]

    @admin.display(description=_("city"), ordering="council__city__name")
    def city(self, obj):
        return obj.council.city


@admin.register(ChildrenProposal)
class ChildrenProposalAdmin(RecordedAdmin):
    programme_lookup = "programme_id"
    list_display = ["title", "council", "city", "status", "received_on", "answered_on"]
    list_filter = [
        "status",
        *city_filters("council__city"),
        ("responsible_organisation", ResponsibleOrganisationFilter),
    ]
    search_fields = ["title", "details", "answer", "council__city__name"]
    list_select_related = ["council__city"]
    autocomplete_fields = ["responsible_organisation"]
    # Chosen on the proposal's answer page, among the city's own plan actions only; a select
    # here would list every city's actions.
    # The district likewise, on the proposal's page: a select here would list every city's.
    readonly_fields = ["plan_action", "district"]
    date_hierarchy = "received_on"
    ordering = ["-received_on"]

    @admin.display(description=_("city"), ordering="council__city__name")
    def city(self, obj):
        return obj.council.city


# --- memoranda and commitments ------------------------------------------------------------------


class CommitmentInline(ScopedInline, admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["party", "party_name", "description", "due_on", "status", "evidence_note"]


@admin.register(Memorandum)
class MemorandumAdmin(RecordedAdmin):
    programme_lookup = "city__programme_id"
    list_display = ["title", "city", "signed_on", "open_commitments"]
    list_filter = city_filters("city")
    search_fields = ["title", "parties", "city__name"]
    list_select_related = ["city"]
    autocomplete_fields = ["city"]
    ordering = ["city__name", "-signed_on"]
    exclude = ["document"]
    readonly_fields = ["document_name", "document_content_type"]
    inlines = [CommitmentInline]

    def get_queryset(self, request):
        pending = Commitment.objects.filter(
            memorandum=OuterRef("pk"), status=Commitment.Status.PENDING
        )
        return super().get_queryset(request).annotate(open_count=row_count(pending))

    @admin.display(description=_("open commitments"), ordering="open_count")
    def open_commitments(self, obj):
        return obj.open_count


class CommitmentStatusActionForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Commitment.Status.choices)
    evidence_note = forms.CharField(
        label=_("Evidence"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("How the commitment was kept or why it was cancelled."),
    )


@admin.register(Commitment)
class CommitmentAdmin(RecordedAdmin):
    """Read-only for coordinators; the status of the ministry's commitments is recorded with an
    action that goes through the service (the same rules and history as the portal's page)."""

    programme_lookup = "programme_id"
    list_display = ["description_short", "party", "city", "due_on", "status", "overdue"]
    list_filter = [
        "status",
        "party",
        *city_filters("memorandum__city"),
    ]
    search_fields = ["description", "party_name", "memorandum__title", "memorandum__city__name"]
    list_select_related = ["memorandum__city"]
    ordering = ["due_on"]
    exclude = ["evidence"]
    readonly_fields = ["evidence_name", "evidence_content_type"]
    actions = ["record_status"]

    @admin.display(description=_("what was promised"), ordering="description")
    def description_short(self, obj):
        return obj.description[:80]

    @admin.display(description=_("city"), ordering="memorandum__city__name")
    def city(self, obj):
        return obj.memorandum.city

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, obj):
        return obj.overdue

    @admin.action(description=_("Record the status of the selected commitments"))
    def record_status(self, request, queryset):
        form = CommitmentStatusActionForm(request.POST if "confirm" in request.POST else None)
        commitments = list(queryset.select_related("memorandum__city__programme"))
        if form.is_bound and form.is_valid():
            done = 0
            for commitment in commitments:
                try:
                    services.commitment_set_status(
                        commitment=commitment, by=request.user, **form.cleaned_data
                    )
                    done += 1
                except (ValidationError, PermissionDenied) as error:
                    text = (
                        " ".join(error.messages)
                        if isinstance(error, ValidationError)
                        else str(error)
                    )
                    self.message_user(request, f"{commitment}: {text}", messages.ERROR)
            if done:
                self.message_user(
                    request,
                    gettext("The status of %(count)d commitment(s) was recorded.")
                    % {"count": done},
                    messages.SUCCESS,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Record the status of commitments"),
            "commitments": commitments,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/stakeholders/commitment_status.html", context)


# --- comments and history -----------------------------------------------------------------------


class _ReadOnlyForEveryone:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StakeholderComment)
class StakeholderCommentAdmin(_ReadOnlyForEveryone, ProgrammeScopedAdmin):
    programme_lookup = "city__programme_id"
    list_display = ["created_at", "city", "author", "body_short"]
    list_filter = city_filters("city")
    search_fields = ["body", "city__name"]
    list_select_related = ["city", "author"]
    ordering = ["-created_at"]

    @admin.display(description=_("comment"))
    def body_short(self, obj):
        return obj.body[:80]


@admin.register(StakeholderChange)
class StakeholderChangeAdmin(_ReadOnlyForEveryone, ProgrammeScopedAdmin):
    """The history: written by the services only, read here."""

    programme_lookup = "city__programme_id"
    list_display = ["created_at", "city", "user", "object_type", "action", "summary"]
    list_filter = [
        "object_type",
        "action",
        *city_filters("city"),
    ]
    search_fields = ["summary", "city__name", "user__username"]
    list_select_related = ["city", "user"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
