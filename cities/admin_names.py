"""Names in several languages in the admin: a field per language, each marked with its
language and direction (`lang`, `dir`), under the plain labels "name (Persian)"... The tabbed
variant of django-modeltranslation is not used: it loads jQuery UI from a CDN.

A name is required in at least one language, not in English in particular: an Iranian
coordinator may add a district in Persian alone (readers of other languages then see the
Persian name, settings.MODELTRANSLATION_FALLBACK_LANGUAGES). The admin's search looks in
every language.

Mix `NamesAdmin` in *after* the scoped base (`class CityAdmin(ProgrammeScopedAdmin,
NamesAdmin)`), so that the base's form and fieldsets (the loaded version) still apply;
inlines take `NamesTabularInline` the same way."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import get_language, get_language_info, gettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def translated_fields(model) -> tuple[str, ...]:
    """The fields of `model` kept per language (none if it is not registered)."""
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def search_in_every_language(model, lookups) -> list[str]:
    """Admin search fields with each name kept per language (also across relations, e.g.
    "city__name") searched in every language."""
    expanded = []
    for lookup in lookups:
        prefix = lookup[0] if lookup[:1] in ("^", "=", "@") else ""
        path = lookup[len(prefix) :]
        *relations, name = path.split("__")
        target = model
        try:
            for relation in relations:
                target = target._meta.get_field(relation).related_model
        except FieldDoesNotExist:
            target = None
        if target is not None and name in translated_fields(target):
            expanded += [
                prefix + "__".join([*relations, build_localized_fieldname(name, code)])
                for code in LANGUAGE_CODES
            ]
        else:
            expanded.append(lookup)
    return expanded


class NameInSomeLanguageForm(forms.ModelForm):
    """Refuses a row whose required name is empty in every language; the message stands beside
    the field in the reader's language."""

    #: The fields whose value is required in at least one language (set per admin).
    names_required: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        for name in self.names_required:
            fields = [build_localized_fieldname(name, code) for code in LANGUAGE_CODES]
            present = [field for field in fields if field in self.fields]
            if present and not any(data.get(field) for field in present):
                reader = build_localized_fieldname(name, get_language() or "en")
                self.add_error(
                    reader if reader in present else present[0],
                    gettext("Give this in at least one language."),
                )
        return data


class _NamesAdminMixin:
    def _names_required(self) -> tuple[str, ...]:
        return tuple(
            name
            for name in translated_fields(self.model)
            if not self.model._meta.get_field(name).blank
        )

    def _with_names_check(self, form):
        return type(
            form.__name__,
            (NameInSomeLanguageForm, form),
            {"names_required": self._names_required()},
        )

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if language is None:
            return
        # Not English in particular: `NameInSomeLanguageForm` asks for one language.
        field.required = False
        widget = self._get_widget_from_field(field)
        widget.attrs["lang"] = language
        widget.attrs["dir"] = "rtl" if get_language_info(language)["bidi"] else "ltr"

    def get_search_fields(self, request):
        return search_in_every_language(self.model, super().get_search_fields(request))


class NamesAdmin(_NamesAdminMixin, TranslationAdmin):
    """A model admin whose names are edited per language."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = self._with_names_check(kwargs.get("form", self.form))
        return super().get_form(request, obj, change=change, **kwargs)


class NamesTabularInline(_NamesAdminMixin, TranslationTabularInline):
    """A tabular inline whose names are edited per language."""

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = self._with_names_check(kwargs.get("form", self.form))
        return super().get_formset(request, obj, **kwargs)
