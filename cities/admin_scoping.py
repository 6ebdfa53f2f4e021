"""The admin as coordinators use it: every model admin that shows city data inherits
`ProgrammeScopedAdmin`, which limits rows to the programmes the user coordinates (or evaluates,
read-only) and answers the permission questions from the predicates of the apps'
`permissions` modules, not from Django's per-model permission table. Superusers see and edit
everything."""

from django.contrib import admin
from django.utils.translation import gettext

from .permissions import can_administer_programme, scope_of


def _administers_any(user) -> bool:
    scope = scope_of(user)
    return scope.superuser or bool(scope.coordinated_programme_ids)


class ProgrammeScopedAdmin(admin.ModelAdmin):
    """Rows of the programmes the user coordinates, read-only unless a rule says otherwise.

    Reading answers from `cities.permissions.can_administer_programme`; changing, adding and
    deleting from the predicates named below, the same ones the pages and services use
    (`None`: superusers only)."""

    #: The lookup from this model to its programme id, e.g. "city__programme_id".
    programme_lookup: str = "programme_id"
    #: `(user, obj) -> bool` predicates from an app's `permissions` module; `obj` is None when
    #: adding.
    change_rule = None
    add_rule = None
    delete_rule = None

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

    def has_module_permission(self, request):
        return _administers_any(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return _administers_any(request.user)
        return can_administer_programme(request.user, self.programme_id_of(obj))

    def _allowed(self, rule, request, obj) -> bool:
        if request.user.is_superuser:
            return True
        return (
            rule is not None and self.has_view_permission(request, obj) and rule(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return self._allowed(self.change_rule, request, obj)

    def has_add_permission(self, request, obj=None):
        return self._allowed(self.add_rule, request, None)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(self.delete_rule, request, obj)


class ScopedInline:
    """Inlines inside a scoped admin (which has already checked the parent object): read-only
    unless `change_rule(user, parent)` allows."""

    change_rule = None

    def has_view_permission(self, request, obj=None):
        return _administers_any(request.user)

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return self.change_rule is not None and self.change_rule(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


def scoped_values_filter(field_path: str, title):
    """A list filter offering only the values found in the rows the user may see (Django's
    plain field filter would list every country's regions)."""

    class ScopedValuesFilter(admin.SimpleListFilter):
        parameter_name = field_path

        def lookups(self, request, model_admin):
            values = (
                model_admin.get_queryset(request)
                .order_by(field_path)
                .values_list(field_path, flat=True)
                .distinct()
            )
            return [(value, gettext(value)) for value in values if value]

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{field_path: self.value()})
            return queryset

    ScopedValuesFilter.title = title
    return ScopedValuesFilter
