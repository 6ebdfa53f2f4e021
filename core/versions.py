"""No lost edits: every edit form carries the version of the row it was loaded with, and a
save from a page that someone else's save has overtaken is refused, showing what is stored now
beside what the user typed (which stays in the form).

- `Versioned`: the abstract model that gives a row its `version` (`cities.Organisation`, below
  this layer, declares the same field itself);
- `check_and_bump(instance, loaded_version)`: the one check, called by a service inside its
  transaction on the row it re-read with `select_for_update`; raises `StaleEdit`, or counts
  the coming save (the caller saves `version` with the row);
- `VersionedForm`: the form mixin that adds the hidden `version` field and, on a stale save,
  the stored values (`form.stored`), shown above the form by `core/form.html`.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.templatetags.portal import cfc_date


class Versioned(models.Model):
    """A row that people edit: its `version` counts the saves made through the services."""

    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)

    class Meta:
        abstract = True


class StaleEdit(ValidationError):
    """A save from a page loaded before someone else's save; `current` is the row as stored."""

    def __init__(self, current: models.Model):
        super().__init__(
            _(
                "Someone else saved this after you opened it, so nothing was saved. What is "
                "stored now is shown below; what you typed is still in the form. Compare them, "
                "then save again to keep your version."
            ),
            code="stale",
        )
        self.current = current


def stored_version(instance: models.Model) -> int:
    """The version a page loads: the row's, or 0 for a record not written yet."""
    return instance.version if instance.pk else 0


def check_and_bump(instance: models.Model, loaded_version: int | None) -> None:
    """Refuse (`StaleEdit`) a save whose page was loaded at another version than the stored
    row's; else count the coming save. Call inside the service's transaction, on the row
    re-read with its lock (or, for a one-to-one record not written yet, a new instance).
    `loaded_version=None`: no page to compare (a script, the demo loader), only counted."""
    stored = stored_version(instance)
    if loaded_version is not None and loaded_version != stored:
        raise StaleEdit(instance)
    instance.version = stored + 1


def _text(instance: models.Model, name: str) -> str:
    """A stored value as a reader sees it."""
    try:
        field = instance._meta.get_field(name)
    except Exception:  # a form field that is not the model's (an upload, a helper field)
        return ""
    if field.many_to_many:
        return ", ".join(str(item) for item in getattr(instance, name).all()) if instance.pk else ""
    value = getattr(instance, name)
    if field.choices:
        value = getattr(instance, f"get_{name}_display")()
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.date):
        return cfc_date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name.rsplit("/", 1)[-1] if value else "—"
    return str(value)


class VersionedForm:
    """Mixin for an edit form: a hidden `version` field, the version of the row the page was
    loaded with (`instance`, or `versioned` given to the form). A form for a one-to-one record
    that may not exist yet sets `versions_new = True`, so that two first saves clash too;
    other add forms carry no version.

    After a stale save (`show_stored`), `stored` lists `(label, stored value)` for the page,
    and the hidden field takes the stored version, so saving again keeps what was typed."""

    versions_new = False
    stored: list[tuple[str, str]] | None = None

    def __init__(self, *args, versioned: models.Model | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        row = versioned if versioned is not None else getattr(self, "instance", None)
        if row is None or not (row.pk or self.versions_new):
            return
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0, initial=stored_version(row)
        )

    @property
    def loaded_version(self) -> int | None:
        """The version the page was loaded with (None: the form carries none)."""
        return self.cleaned_data.get("version") if "version" in self.fields else None

    def show_stored(self, current: models.Model) -> None:
        """Keep what was typed; list what is stored now; move the form to the stored version."""
        self.stored = [
            (str(field.label), _text(current, name))
            for name, field in self.fields.items()
            if name != "version" and not isinstance(field.widget, forms.HiddenInput)
        ]
        self.stored = [(label, text) for label, text in self.stored if text]
        if self.is_bound:
            data = self.data.copy()
            data[self.add_prefix("version")] = stored_version(current)
            self.data = data
