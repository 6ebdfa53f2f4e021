"""The admin as coordinators use it: every model admin that shows city data inherits
`ProgrammeScopedAdmin`, which limits rows to the programmes the user coordinates (or evaluates,
read-only) and answers the permission questions from the predicates of the apps'
`permissions` modules, not from Django's per-model permission table. Superusers see
everything and edit everything but the rows of a suspended or closed programme.

No lost edits in the admin either: the change form of a row with a `version` (the portal's
`core.versions.Versioned` rows, and `Organisation`) carries the version it was loaded with, a
save from a form someone else's save overtook (in the admin or on a portal page) is refused
with a form error, and an admin save counts as a save, so a portal page loaded before it is
refused in turn.

Dates in the programme's calendar (`cities.calendars`): a change page dates in its object's
programme's calendar, a list or an add page in the user's own programme's (else the language
decides); every date and year field of a scoped admin and its inlines is the calendar's
(`CalendarAdminMixin`), and the admin shows every date in the active calendar
(`admin_dates_in_calendar`, installed when the app is ready). A Solar Hijri change list has no
date hierarchy: its years and months would be Gregorian ones."""

import datetime
import functools
import hashlib
from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin import utils as admin_utils
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.views.main import ChangeList
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from . import calendars
from .admin_rows import row_checkbox
from .models import City, Programme
from .names import in_reader_language, reader_language_columns
from .permissions import (
    OPEN_STATUSES,
    can_administer_programme,
    programme_closed_message,
    scope_of,
    user_calendar,
)


def _administers_any(user) -> bool:
    scope = scope_of(user)
    return scope.superuser or bool(scope.coordinated_programme_ids)


#: Django's label of a row's checkbox in a change list, translated by Django's own catalogue.
_DJANGO_SELECT_ROW = "Select this object for an action - {}"

#: The admin form's hidden copy of the row's version (`version` itself is not editable, so a
#: model form may not name it).
LOADED_VERSION = "loaded_version"


def is_versioned(model) -> bool:
    """Whether the model's rows count their saves in a `version` field."""
    return any(field.name == "version" for field in model._meta.concrete_fields)


class VersionedAdminForm(forms.ModelForm):
    """An admin form that carries the version its row was loaded with and refuses a save
    since; it counts its own save (the admin saves `version` with the row)."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[LOADED_VERSION].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if not self.instance.pk:
            return data
        model = type(self.instance)
        # The admin validates and saves in one transaction: the lock holds until the save.
        stored = (
            model._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if stored is None:
            return data  # removed meanwhile: the admin's own checks answer
        loaded = data.get(LOADED_VERSION)
        if loaded is not None and loaded != stored:
            raise ValidationError(
                gettext(
                    "Someone else saved this after you opened it, so nothing was saved. "
                    "Reload the page to see what is stored now, then make your change again."
                ),
                code="stale",
            )
        self.instance.version = stored + 1
        return data


def versioned_admin_form(form: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """`form` with the hidden loaded version and its check (`VersionedAdminForm`)."""
    if issubclass(form, VersionedAdminForm):
        return form
    return type(form.__name__, (VersionedAdminForm, form), {})


def with_loaded_version(fieldsets, *, editable: bool):
    """The fieldsets with the hidden loaded version once, in the first, if the form may be
    saved (`editable`); else without it (a read-only page shows no form field)."""
    fieldsets = [
        (name, {**options, "fields": [f for f in options["fields"] if f != LOADED_VERSION]})
        for name, options in fieldsets
    ]
    if editable and fieldsets:
        name, options = fieldsets[0]
        fieldsets[0] = (name, {**options, "fields": [*options["fields"], LOADED_VERSION]})
    return fieldsets


class VersionedAdminMixin:
    """For a model admin or an inline: if the model counts its saves (`is_versioned`), its
    forms carry the loaded version (`VersionedAdminForm`)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if is_versioned(self.model):
            kwargs["form"] = versioned_admin_form(kwargs.get("form", self.form))
        return super().get_form(request, obj, change, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        if is_versioned(self.model):
            kwargs["form"] = versioned_admin_form(kwargs.get("form", self.form))
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not is_versioned(self.model):
            return fieldsets
        return with_loaded_version(
            fieldsets,
            editable=self.has_change_permission(request, obj)
            or (obj is None and self.has_add_permission(request, obj)),
        )


class CalendarAdminMixin:
    """For a model admin or an inline: its date fields are `calendars.CalendarDateField`s and
    its model's year fields (`calendars.calendar_year`) `CalendarYearField`s, never the admin's
    Gregorian calendar pop-up."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateField) and not isinstance(
            db_field, models.DateTimeField
        ):
            return db_field.formfield(
                form_class=calendars.CalendarDateField, widget=calendars.CalendarDateInput
            )
        if calendars.is_calendar_year(db_field):
            first, last = calendars.year_bounds(db_field)
            return db_field.formfield(
                form_class=calendars.CalendarYearField,
                widget=calendars.CalendarYearInput,
                first=first,
                last=last,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CalendarChangeList(ChangeList):
    """A change list without the date hierarchy on Solar Hijri pages: its links would be
    Gregorian years and months."""

    def __init__(self, request, model, list_display, list_display_links, list_filter, *args):
        date_hierarchy, *rest = args
        if calendars.calendar_active() == calendars.SOLAR_HIJRI:
            date_hierarchy = None
        super().__init__(
            request, model, list_display, list_display_links, list_filter, date_hierarchy, *rest
        )

    def get_results(self, request):
        """The page's rows, with only the columns its list reads where it names them
        (`ProgrammeScopedAdmin.list_only`; the actions get every column), then what their
        columns show beyond their own fields, read once for the page (`page_read`)."""
        only = getattr(self.model_admin, "list_only", None)
        if only:
            self.queryset = self.queryset.only(*only)
        super().get_results(request)
        page_read = getattr(self.model_admin, "page_read", None)
        if page_read is not None:
            self.result_list = list(self.result_list)
            page_read(self.result_list)


class ProgrammeScopedAdmin(CalendarAdminMixin, VersionedAdminMixin, admin.ModelAdmin):
    """Rows of the programmes the user coordinates, read-only unless a rule says otherwise.

    Reading answers from `cities.permissions.can_administer_programme`; changing, adding and
    deleting from the predicates named below, the same ones the pages and services use
    (`None`: superusers only)."""

    #: The lookup from this model to its programme id, e.g. "city__programme_id".
    programme_lookup: str = "programme_id"
    # A page costs the same on any number of rows: one count (the filtered one), a page of 50.
    show_full_result_count = False
    list_per_page = 50
    # Its rows written by `admin_rows` (the same cells as Django's, at a fraction of the cost).
    change_list_template = "admin/scoped_change_list.html"
    #: `(user, obj) -> bool` predicates from an app's `permissions` module; `obj` is None when
    #: adding.
    change_rule = None
    add_rule = None
    delete_rule = None
    #: The fields (and related rows' fields) a long change list reads, where reading every
    #: column of the rows and of the rows they are listed with would cost much more; `None`:
    #: all of them. A column it leaves out costs a query a row (`tests/test_admin_queries.py`).
    list_only: tuple[str, ...] | None = None
    #: Whether a row is read-only while its programme is suspended or closed, for superusers
    #: too: every scoped admin's but the programmes' own.
    frozen_with_programme = True

    def programme_id_of(self, obj) -> int:
        value = obj
        for part in self.programme_lookup.split("__"):
            value = getattr(value, part)
        return value

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = scope_of(request.user)
        if scope.superuser:
            return queryset
        return queryset.filter(**{f"{self.programme_lookup}__in": scope.coordinated_programme_ids})

    def get_object(self, request, object_id, from_field=None):
        """The object, and the rest of the request dates in its programme's calendar."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            return obj
        # A coordinator sees only their programmes' rows: if those date in one calendar, it is
        # this row's too (no query); a superuser's page asks the row's programme.
        calendar = user_calendar(request.user)
        if calendar is None:
            calendar = (
                Programme.objects.filter(pk=self.programme_id_of(obj))
                .values_list("calendar", flat=True)
                .first()
            )
        calendars.calendar_activate(calendar)
        return obj

    def changelist_view(self, request, extra_context=None):
        calendars.calendar_activate(user_calendar(request.user))
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The user's programmes' calendar; a change page's object's (get_object) replaces it.
        calendars.calendar_activate(user_calendar(request.user))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_changelist(self, request, **kwargs):
        return CalendarChangeList

    def page_read(self, rows: list) -> None:
        """Read, once for a change list's page, what its columns show beyond the rows' own
        fields and attach it to the rows (one query for the page rather than a prefetch's
        machinery per row); nothing by default."""

    def action_checkbox(self, obj):
        """Django's checkbox of a row, written out rather than rendered through a form widget's
        template (a third of a page's time went there, 50 times a page)."""
        label = _select_row_label(translation.get_language())
        return row_checkbox(obj.pk, label, self.row_text(obj))

    def row_text(self, obj) -> str:
        """What names a row to a screen reader (its checkbox's label): `str(obj)`, which an
        admin may read more cheaply from what its list already holds."""
        return str(obj)

    def has_module_permission(self, request):
        return _administers_any(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return _administers_any(request.user)
        return can_administer_programme(request.user, self.programme_id_of(obj))

    def programme_is_open_for(self, request, obj) -> bool:
        """Whether the programme of `obj` is open (`cities.permissions.programme_is_open`),
        read once per programme and request (a change page asks several times)."""
        return self.programme_status_of(request, obj) in OPEN_STATUSES

    def programme_status_of(self, request, obj) -> str | None:
        """The status of the programme of `obj`, read once per programme and request."""
        known = request.__dict__.setdefault("_cfc_programme_statuses", {})
        programme_id = self.programme_id_of(obj)
        if programme_id not in known:
            known[programme_id] = (
                Programme.objects.filter(pk=programme_id).values_list("status", flat=True).first()
            )
        return known[programme_id]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """A row of a suspended or closed programme says why it cannot be changed."""
        if obj is not None and self.frozen_with_programme:
            status = self.programme_status_of(request, obj)
            if status not in OPEN_STATUSES:
                self.message_user(
                    request, programme_closed_message(Programme(status=status)), messages.WARNING
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _allowed(self, rule, request, obj) -> bool:
        if request.user.is_superuser:
            # Superusers edit what no rule names too, but not the record of a suspended or
            # closed programme: it stays as it was for everyone (the programme's own page
            # changes its status, through the services).
            if obj is None:
                return True
            if self.frozen_with_programme and not self.programme_is_open_for(request, obj):
                return False
            return rule is None or rule(request.user, obj)
        return (
            rule is not None and self.has_view_permission(request, obj) and rule(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return self._allowed(self.change_rule, request, obj)

    def has_add_permission(self, request, obj=None):
        return self._allowed(self.add_rule, request, None)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(self.delete_rule, request, obj)


class ScopedInline(CalendarAdminMixin, VersionedAdminMixin):
    """Inlines inside a scoped admin (which has already checked the parent object): read-only
    unless `change_rule(user, parent)` allows. Their rows' forms carry the loaded version, as
    the change form does."""

    change_rule = None
    #: The relations each row shows (its title and read-only fields), read with the rows so
    #: that the page costs the same whatever the number of rows.
    related: tuple[str, ...] = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.select_related(*self.related) if self.related else queryset

    def has_view_permission(self, request, obj=None):
        return _administers_any(request.user)

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:  # the rule still says no to a closed programme's rows
            return self.change_rule is None or obj is None or self.change_rule(request.user, obj)
        return self.change_rule is not None and self.change_rule(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class WrittenByServicesFormSet(forms.BaseInlineFormSet):
    """The rows of a `WrittenByServicesInline`: read from the database, never bound to what a
    POST of the page carries (the page shows no formset for them, so a save of the object
    above finds them valid and saves nothing of them)."""

    new_objects: list = []
    changed_objects: list = []
    deleted_objects: list = []

    def __init__(self, data=None, files=None, *args, **kwargs):
        super().__init__(None, None, *args, **kwargs)

    def is_valid(self):
        return True

    def save(self, commit=True):
        return []


class WrittenByServicesInline(ScopedInline, admin.TabularInline):
    """Rows that only the services write (a stage's sign-offs, evidence and history; a
    programme's lifecycle; a city's publication history): read-only for everyone, superusers
    included, and shown without Django's column of each row's own text (its `__str__`: raw
    state codes and user names); people by their names (`names.person_name`)."""

    template = "admin/edit_inline/written_by_services.html"
    formset = WrittenByServicesFormSet
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


def values_expression(model, field_path: str):
    """`field_path` from `model` as a query expression: in the reader's language if the field
    at its end is a name kept per language (`cities.names.in_reader_language`)."""
    *relations, name = field_path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    options = (
        translator.get_options_for_model(model)
        if model in translator.get_registered_models()
        else None
    )
    if options is not None and name in options.all_fields:
        return in_reader_language(field_path)
    return F(field_path)


def programmes_in_scope(request):
    """The programmes whose rows the user may read in the admin (every one for a superuser)."""
    scope = scope_of(request.user)
    if scope.superuser:
        return Programme.objects.all()
    return Programme.objects.filter(pk__in=scope.coordinated_programme_ids)


def cities_in_scope(request):
    """The cities of `programmes_in_scope`, read from the city table alone."""
    scope = scope_of(request.user)
    if scope.superuser:
        return City.objects.all()
    return City.objects.filter(programme_id__in=scope.coordinated_programme_ids)


#: `core.editions.kept_key` once core is ready (`CoreConfig.ready`): this layer cannot import
#: it. None: the filters' choices are read every time.
_choices_key: Callable[..., str | None] = lambda *parts: None  # noqa: E731
CHOICES_TIMEOUT = 60 * 60


def choices_keep_under(key_of: Callable[..., str | None]) -> None:
    """Keep the choices of the filters built on cities, programmes and countries under
    `key_of(*parts)` (the lists' edition, which a change of any of them raises)."""
    global _choices_key
    _choices_key = key_of


def _kept_choices(request, name: str, read: Callable[[], list]) -> list:
    """`read()`, the choices of the filter `name`, kept in the cache under the lists' edition,
    what they are read from (the user's programmes, the address with the filters chosen) and
    the reader's language (the names shown)."""
    scope = scope_of(request.user)
    key = _choices_key(
        "admin-choices",
        name,
        int(scope.superuser),
        ",".join(map(str, sorted(scope.coordinated_programme_ids))),
        translation.get_language() or "",
        hashlib.sha256(request.get_full_path().encode()).hexdigest(),
    )
    if key is None:
        return read()
    kept = cache.get(key)
    if kept is None:
        kept = read()
        cache.set(key, kept, CHOICES_TIMEOUT)
    return kept


def _city_path(field_path: str, model) -> str:
    """The lookup of the city that `field_path` ends on (e.g. "council__city" for
    "council__city__region"; "" when `model` is the city)."""
    *relations, _name = field_path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    if model is not City:
        raise ImproperlyConfigured(f"{field_path} is not a field of a city")
    return "__".join(relations)


def _chosen(request, parameter: str) -> str | None:
    value = request.GET.get(parameter, "")
    return value or None


def _programme_parameter(city_path: str) -> str:
    """The parameter of the programme filter (`ScopedProgrammeFilter`) on `city_path`."""
    return f"{city_path}__programme__id__exact" if city_path else "programme__id__exact"


def scoped_values_filter(field_path: str, title):
    """A list filter offering the values of a city's field (e.g. "council__city__region")
    among the cities of the user's programmes (Django's plain field filter would list every
    country's regions). The values are read from the city table, narrowed to the chosen
    programme, never from the (much larger) listed table."""

    _name = field_path.split("__")[-1]

    class ScopedValuesFilter(admin.SimpleListFilter):
        parameter_name = field_path

        def lookups(self, request, model_admin):
            city_path = _city_path(field_path, model_admin.model)

            def read():
                cities = cities_in_scope(request)
                programme = _chosen(request, _programme_parameter(city_path))
                if programme and programme.isdigit():
                    cities = cities.filter(programme_id=programme)
                values = (
                    cities.annotate(scoped_value=values_expression(City, _name))
                    .order_by("scoped_value")
                    .values_list("scoped_value", flat=True)
                    .distinct()
                )
                return [(value, value) for value in values if value]

            name = f"values:{model_admin.model._meta.label_lower}:{field_path}"
            return _kept_choices(request, name, read)

        def queryset(self, request, queryset):
            if self.value():
                return queryset.alias(
                    scoped_value=values_expression(queryset.model, field_path)
                ).filter(scoped_value=self.value())
            return queryset

    ScopedValuesFilter.title = title
    return ScopedValuesFilter


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """A related filter offering the rows of the user's programmes, read from the related
    table itself (`in_scope`), never by scanning the listed table for the values it holds (as
    Django's `RelatedOnlyFieldListFilter` does, on every page). At most `limit` rows are
    offered: beyond that the filter shows only the chosen row until other filters narrow the
    list (`narrowed`); the search box finds the rest."""

    limit: int | None = None
    #: Whether the rows offered are cities, programmes or countries, whose changes raise the
    #: lists' edition: then the choices are kept under it (`choices_keep_under`).
    kept: bool = False
    #: The field that shows a row (what its `__str__` returns), read as a value in the reader's
    #: language rather than through model instances (for a long list: `limit` + 1 cities cost
    #: more as rows than the expression costs once); None: `str(row)`.
    shown_field: str | None = None

    def in_scope(self, request):
        """The related rows the user may choose among."""
        raise NotImplementedError

    def narrowed(self, request, queryset):
        """`queryset` narrowed by the other filters chosen on the page."""
        return queryset

    def _offered(self, queryset):
        if self.shown_field is None:
            return queryset
        return queryset.values_list("pk", *reader_language_columns(self.shown_field))

    def field_choices(self, field, request, model_admin):
        if not self.kept:
            return self._choices(request)
        name = f"related:{type(self).__qualname__}:{model_admin.model._meta.label_lower}"
        return _kept_choices(request, f"{name}:{self.field_path}", lambda: self._choices(request))

    def _choices(self, request):
        related = self.in_scope(request)
        limit = self.limit + 1 if self.limit else None
        rows = list(self._offered(self.narrowed(request, related))[:limit])
        if self.limit and len(rows) > self.limit:
            rows = list(self._offered(related.filter(pk__in=self.lookup_val or [])))
        if self.shown_field is None:
            return [(row.pk, str(row)) for row in rows]
        # The first language the row has a name in, as reading the field does.
        return [(pk, next((name for name in names if name), "")) for pk, *names in rows]

    def has_output(self):
        return super().has_output() or bool(self.lookup_val)  # a chosen row stays in sight


class ScopedProgrammeFilter(ScopedRelatedFilter):
    """Programmes: the user's own (one, for most coordinators: then not shown)."""

    kept = True

    def in_scope(self, request):
        return programmes_in_scope(request)


class ScopedCityFilter(ScopedRelatedFilter):
    """Cities of the user's programmes, listed once the chosen programme or region leaves at
    most `limit` of them (a region holds a few dozen)."""

    limit = 60
    shown_field = "name"
    kept = True

    def in_scope(self, request):
        return cities_in_scope(request)

    def narrowed(self, request, queryset):
        programme = _chosen(request, _programme_parameter(self.field_path))
        if programme and programme.isdigit():
            queryset = queryset.filter(programme_id=programme)
        region = _chosen(request, f"{self.field_path}__region")
        if region:
            queryset = queryset.alias(region_shown=values_expression(City, "region")).filter(
                region_shown=region
            )
        return queryset


def city_filters(city_path: str) -> list:
    """The list filters by programme, region and city for rows that belong to the city at
    `city_path` ("" for the cities themselves), each offering only the user's programmes'
    values, read from the programme and city tables."""
    prefix = f"{city_path}__" if city_path else ""
    filters = [
        (f"{prefix}programme", ScopedProgrammeFilter),
        scoped_values_filter(f"{prefix}region", _("region")),
    ]
    if city_path:
        filters.append((city_path, ScopedCityFilter))
    return filters


@functools.lru_cache(maxsize=16)
def _select_row_label(language: str | None) -> str:
    """Django's label of a row's checkbox in `language` (the active one): once, not per row."""
    return gettext(_DJANGO_SELECT_ROW)


def _shown_in_calendar(value):
    return calendars.date_format(value, with_time=isinstance(value, datetime.datetime))


def _field_in_calendar(display_for_field):
    """Django's `display_for_field`, with a date or datetime field's value in the calendar."""

    @functools.wraps(display_for_field)
    def shown(value, field, *args, **kwargs):
        if (
            isinstance(value, datetime.date)
            and isinstance(field, models.DateField)
            and not getattr(field, "flatchoices", None)
        ):
            return _shown_in_calendar(value)
        return display_for_field(value, field, *args, **kwargs)

    shown.in_calendar = True
    return shown


def _value_in_calendar(display_for_value):
    """Django's `display_for_value` (what a list's method returns), with a date in the
    calendar."""

    @functools.wraps(display_for_value)
    def shown(value, empty_value_display, boolean=False):
        if isinstance(value, datetime.date) and not boolean:
            return _shown_in_calendar(value)
        return display_for_value(value, empty_value_display, boolean)

    shown.in_calendar = True
    return shown


def admin_dates_in_calendar() -> None:
    """Every date the admin shows (change lists, read-only fields, inlines) in the active
    calendar: Django's admin has no hook for it, so its two display functions are wrapped
    where the admin's modules use them. Called once, when the app is ready."""
    wrappers = {"display_for_field": _field_in_calendar, "display_for_value": _value_in_calendar}
    for module in (admin_utils, helpers, admin_list):
        for name, wrap in wrappers.items():
            display = getattr(module, name, None)
            if display is not None and not getattr(display, "in_calendar", False):
                setattr(module, name, wrap(display))
