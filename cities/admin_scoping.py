"""The admin as coordinators use it: every model admin that shows city data inherits
`ProgrammeScopedAdmin`, which limits rows to the programmes the user coordinates (or evaluates,
read-only) and answers the permission questions from `cities.permissions`, not from Django's
per-model permission table. Superusers see and edit everything."""

from django.contrib import admin
from django.utils.translation import gettext

from .permissions import scope_of


class ProgrammeScopedAdmin(admin.ModelAdmin):
    #: The lookup from this model to its programme id, e.g. "city__programme_id".
    programme_lookup: str = "programme_id"
    #: Whether coordinators may change rows (otherwise they only read them here).
    coordinator_can_change = False
    coordinator_can_add = False
    coordinator_can_delete = False

    def _programme_ids(self, request):
        scope = scope_of(request.user)
        return scope.coordinated_programme_ids

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.programme_lookup}__in": self._programme_ids(request)})

    def _in_scope(self, request, obj) -> bool:
        if obj is None:
            return True
        value = obj
        for part in self.programme_lookup.split("__"):
            value = getattr(value, part)
        return value in self._programme_ids(request)

    def has_module_permission(self, request):
        return request.user.is_superuser or bool(self._programme_ids(request))

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return bool(self._programme_ids(request)) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return self.coordinator_can_change and self.has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return self.coordinator_can_add and bool(self._programme_ids(request))

    def has_delete_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return self.coordinator_can_delete and self.has_view_permission(request, obj)


class ScopedInline:
    """Inlines inside a scoped admin: read-only for coordinators unless told otherwise."""

    coordinator_can_change = False

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or bool(scope_of(request.user).coordinated_programme_ids)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or (
            self.coordinator_can_change and self.has_view_permission(request, obj)
        )

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
