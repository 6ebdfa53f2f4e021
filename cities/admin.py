from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from .admin_names import NamesAdmin, NamesTabularInline
from .admin_scoping import (
    ProgrammeScopedAdmin,
    ScopedInline,
    ScopedRelatedFilter,
    WrittenByServicesInline,
    cities_in_scope,
    city_filters,
    programmes_in_scope,
)
from .forms import ProgrammeHandOverForm, ProgrammeStatusForm
from .models import (
    City,
    CityJointChange,
    CityPublicationChange,
    Country,
    District,
    MapPlacement,
    Programme,
    ProgrammeChange,
    RoleAssignment,
    map_placement_q,
)
from .names import person_name
from .permissions import (
    can_change_programme_status,
    can_manage_city,
    programme_closed_message,
    programme_is_open,
    scope_of,
)
from .services import (
    city_joint_set,
    programme_hand_over,
    programme_status_change,
    programme_statuses_next,
)

admin.site.site_header = _("CFC Candidacy Portal administration")
admin.site.site_title = _("CFC Candidacy Portal")
admin.site.index_title = _("Programmes, cities and candidacies")


@admin.register(Country)
class CountryAdmin(NamesAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class CountryFilter(ScopedRelatedFilter):
    """The countries of the user's programmes."""

    kept = True

    def in_scope(self, request):
        return Country.objects.filter(programmes__in=programmes_in_scope(request)).distinct()


def errors_on_form(form, error: ValidationError) -> None:
    """A service's refusal beside the form's fields it names, else at the form's top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ProgrammeChangeInline(WrittenByServicesInline):
    """The programme's lifecycle history, newest first, its days in the programme's calendar."""

    model = ProgrammeChange
    fields = ["on", "from_status", "to_status", "from_body", "to_body", "note", "by_name", "at"]
    ordering = ["-at", "-pk"]
    related = ("by",)

    @admin.display(description=_("by"))
    def by_name(self, obj):
        return person_name(obj.by)


@admin.register(Programme)
class ProgrammeAdmin(ProgrammeScopedAdmin, NamesAdmin):
    """Programmes: superusers edit them; the lifecycle changes only through the services, from
    the change page's "Change status" and "Hand over" pages (or the list's actions), and its
    history is shown read-only below."""

    programme_lookup = "pk"
    inlines = [ProgrammeChangeInline]
    list_display = ["name", "country", "coordinating_body", "status", "calendar", "language"]
    list_filter = [("country", CountryFilter), "status"]
    search_fields = ["name", "coordinating_body"]
    # The lifecycle is never a free field: it changes through the actions (the services).
    readonly_fields = ["status", "status_since", "closed_on", "handed_over_to"]
    actions = ["suspend_programmes", "resume_programmes", "close_programmes"]

    def get_readonly_fields(self, request, obj=None):
        """The coordinating body is chosen when the programme is added; afterwards it changes
        only by a hand-over (`cities.services.programme_hand_over`), which keeps its history."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:  # in every language (django-modeltranslation)
            fields += ["coordinating_body", *get_translation_fields("coordinating_body")]
        return fields

    def _change_status(self, request, queryset, status: str) -> None:
        done = 0
        for programme in queryset:
            try:
                programme_status_change(programme=programme, by=request.user, status=status)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                message = "; ".join(getattr(error, "messages", [])) or gettext("Not allowed")
                self.message_user(request, f"{programme}: {message}", messages.ERROR)
        if done:
            self.message_user(
                request,
                gettext("%(count)d programme(s) changed.") % {"count": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Suspend the selected programmes (read-only)"))
    def suspend_programmes(self, request, queryset):
        self._change_status(request, queryset, Programme.Status.SUSPENDED)

    @admin.action(description=_("Resume the selected suspended programmes"))
    def resume_programmes(self, request, queryset):
        self._change_status(request, queryset, Programme.Status.ACTIVE)

    @admin.action(description=_("Close the selected programmes (read-only, for good)"))
    def close_programmes(self, request, queryset):
        self._change_status(request, queryset, Programme.Status.CLOSED)

    # --- the lifecycle's pages -------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/status/",
                wrap(self.status_view),
                name="{}_{}_status".format(*info),
            ),
            path(
                "<path:object_id>/hand-over/",
                wrap(self.hand_over_view),
                name="{}_{}_hand_over".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["lifecycle_links"] = obj is not None and can_change_programme_status(
            request.user, obj
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _lifecycle_programme(self, request, object_id) -> Programme:
        """The programme (404 out of the user's scope), its page dated in its calendar; 403 for
        whoever may not change its lifecycle."""
        programme = self.get_object(request, unquote(object_id))
        if programme is None:
            raise Http404
        if not can_change_programme_status(request.user, programme):
            raise PermissionDenied
        return programme

    def _lifecycle_page(self, request, programme, form, *, title, write, done, refusal=""):
        """Show the form, or call the service with what it read and go back to the programme;
        a refusal (the form's, the service's `ValidationError`) shows the form again with what
        was typed and the reason, status 400, nothing written. `refusal`: why nothing can be
        done now (no form then)."""
        change_url = reverse(
            "admin:cities_programme_change", args=[programme.pk], current_app=self.admin_site.name
        )
        status = 200
        if request.method == "POST":
            status = 400
            if not refusal and form.is_valid():
                try:
                    write(form.cleaned_data)
                except ValidationError as error:
                    errors_on_form(form, error)
                else:
                    self.message_user(request, done, messages.SUCCESS)
                    return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(programme),
            "opts": self.opts,
            "original": programme,
            "original_text": str(programme),
            "change_url": change_url,
            "form": None if refusal else form,
            "refusal": refusal,
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/cities/programme/lifecycle_form.html", context, status=status
        )

    def status_view(self, request, object_id):
        """Suspend, resume or close the programme on a day, with a note."""
        programme = self._lifecycle_programme(request, object_id)
        form = ProgrammeStatusForm(request.POST or None, programme=programme)
        return self._lifecycle_page(
            request,
            programme,
            form,
            title=gettext("Change the programme's status"),
            refusal=""
            if programme_statuses_next(programme)
            else programme_closed_message(programme),
            write=lambda data: programme_status_change(
                programme=programme,
                by=request.user,
                status=data["status"],
                on=data["on"],
                note=data["note"],
            ),
            done=gettext("The programme's status was changed."),
        )

    def hand_over_view(self, request, object_id):
        """Hand the programme over to another coordinating body and its people."""
        programme = self._lifecycle_programme(request, object_id)
        form = ProgrammeHandOverForm(request.POST or None, admin_site=self.admin_site)
        return self._lifecycle_page(
            request,
            programme,
            form,
            title=gettext("Hand the programme over"),
            refusal="" if programme_is_open(programme) else programme_closed_message(programme),
            write=lambda data: programme_hand_over(
                programme=programme,
                by=request.user,
                to_body=data["to_body"],
                coordinators=data["coordinators"],
                on=data["on"],
                note=data["note"],
            ),
            done=gettext("The programme was handed over."),
        )


class DistrictInline(ScopedInline, NamesTabularInline):
    model = District
    extra = 0
    change_rule = staticmethod(can_manage_city)


class MapPlacementFilter(admin.SimpleListFilter):
    """On the public map or not, and why not (`cities.models.map_placement_q`)."""

    title = _("public map")
    parameter_name = "map"

    def lookups(self, request, model_admin):
        return MapPlacement.choices

    def queryset(self, request, queryset):
        if self.value() in MapPlacement.values:
            return queryset.filter(map_placement_q(self.value()))
        return queryset


class CityPublicationChangeInline(WrittenByServicesInline):
    """Who chose what the city's public page shows, and when, newest first."""

    model = CityPublicationChange
    fields = ["at", "publish_plan", "publish_proposals", "by_name"]
    ordering = ["-at", "-pk"]
    related = ("by",)

    @admin.display(description=_("by"))
    def by_name(self, obj):
        return person_name(obj.by)


class CityJointChangeInline(WrittenByServicesInline):
    """Which partner the city's candidacy was held with and since when, newest first."""

    model = CityJointChange
    fk_name = "city"
    fields = ["at", "from_partner", "to_partner", "by_name"]
    ordering = ["-at", "-pk"]
    related = ("by", "from_partner", "to_partner")

    @admin.display(description=_("by"))
    def by_name(self, obj):
        return person_name(obj.by)


@admin.register(City)
class CityAdmin(ProgrammeScopedAdmin, NamesAdmin):
    """Coordinators add and correct their programme's cities; superusers any."""

    programme_lookup = "programme_id"
    change_rule = add_rule = staticmethod(can_manage_city)
    list_display = [
        "name",
        "region",
        "programme",
        "entity_type",
        "joint_with",
        "joined_on",
        "public_map",
    ]
    list_select_related = ["programme", "joint_with"]  # one query for the page, not one a row
    list_filter = [*city_filters(""), "entity_type", MapPlacementFilter]
    search_fields = ["name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DistrictInline, CityPublicationChangeInline, CityJointChangeInline]
    # What the public page shows is the city's choice, made on its publication page through
    # `services.city_publication_set` (with its history row), never a free field here.
    readonly_fields = ["publish_plan", "publish_proposals"]

    def get_readonly_fields(self, request, obj=None):
        """A city's programme is chosen when it is added: its candidacy runs that programme's
        stages, and its records keep that programme (`GoodPractice.programme`)."""
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "programme"] if obj is not None else fields

    def save_model(self, request, obj, form, change):
        """The partner (`joint_with`) changes only through `services.city_joint_set` (its
        history row); the form has refused a bad one with the model's rule already."""
        partner = obj.joint_with
        if "joint_with" in form.changed_data:
            obj.joint_with_id = form.initial.get("joint_with")  # as it was: the service changes it
        super().save_model(request, obj, form, change)
        if "joint_with" in form.changed_data:
            city_joint_set(city=obj, partner=partner, by=request.user)

    @admin.display(description=_("public map"))
    def public_map(self, city):
        return MapPlacement(city.map_placement).label

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme" and not request.user.is_superuser:
            kwargs["queryset"] = Programme.objects.filter(
                pk__in=scope_of(request.user).coordinated_programme_ids
            )
        if db_field.name == "joint_with":
            # Partners of the coordinator's programmes only; `City.clean` refuses one of
            # another programme than the city's, itself, or one held jointly in turn.
            kwargs["queryset"] = cities_in_scope(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["city"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    """Superusers give people their roles and scopes."""

    list_display = ["user", "role", "city", "programme"]
    list_select_related = ["user", "city", "programme"]  # one query for the page, not 3 a row
    list_filter = ["role", "programme"]
    search_fields = ["user__username", "user__last_name", "city__name"]
    autocomplete_fields = ["user", "city"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, RoleAssignmentInline]
