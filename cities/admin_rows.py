"""A change list's rows written straight to HTML (issue 10, "world scale"): the same cells, byte
for byte, as Django's `admin_list.items_for_result`, which works out again for every cell of
every row what a column is (a field, an admin method, a link), its empty value, its CSS class
and the row's change URL: about a thousand Python calls a row, the better part of a page of 50.
Here each column is worked out once per page (`columns`), and a cell costs its value and its
escaping. The dates still go through the admin's display functions, in the active calendar
(`admin_scoping.admin_dates_in_calendar`).

Used by the change lists of `ProgrammeScopedAdmin` (`templates/admin/scoped_change_list.html`,
the `admin_rows` tag library); a pop-up or an editable list is left to Django.
`tests/test_admin_rows.py` compares both renderings on every scoped change list."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.admin import helpers
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import lookup_field, quote
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

#: Stands for a row's primary key in the change URL worked out once per page.
_PK = "0pk0"


def row_checkbox(pk, label_format: str, text: str) -> SafeString:
    """A row's action checkbox, labelled `label_format` (Django's "Select this object for an
    action - {}", translated) with the row's `text`: Django's markup, without a widget's
    template."""
    return mark_safe(  # noqa: S308 - the key and the text escaped, the label a translation
        f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" value="{escape(pk)}" '
        f'class="action-select" aria-label="{label_format.format(escape(text))}">'
    )


@dataclass
class Column:
    name: str
    classes: list[str]
    empty: str
    link: bool
    th: bool
    #: (row) -> the value; None: Django's `lookup_field` answers per row (a model's attribute)
    value: Callable | None
    field: models.Field | None = None
    boolean: bool = False
    #: a choices field's labels, a boolean field's icons: read once for the page
    labels: dict | None = None


def _non_gfk_field(opts, name):
    """The model field a list's column names, as the admin's `lookup_field` finds it (None:
    not a field it shows as one: a generic or reverse relation, a foreign key's column)."""
    try:
        field = opts.get_field(name)
    except FieldDoesNotExist:
        return None
    if field.is_relation and ((field.many_to_one and not field.related_model) or field.one_to_many):
        return None
    if (
        field.is_relation
        and not field.many_to_many
        and hasattr(field, "attname")
        and field.attname == name
    ):
        return None
    return field


def _column_value(cl, name):
    """How a column reads a row's value, decided once (as `lookup_field` decides per row)."""
    model_admin = cl.model_admin
    field = _non_gfk_field(cl.lookup_opts, name) if isinstance(name, str) else None
    if field is not None:
        attname = field.name
        return field, None, lambda row: getattr(row, attname)
    if callable(name):
        return None, name, name
    if hasattr(model_admin, name) and name != "__str__":
        method = getattr(model_admin, name)
        return None, method, method
    return None, None, None  # a model attribute or property: Django's own per row


def columns(cl) -> list[Column]:
    """The page's columns, as `items_for_result` treats them."""
    empty = cl.model_admin.get_empty_value_display()
    found = []
    first = True
    for index, name in enumerate(cl.list_display):
        field, attr, value = _column_value(cl, name)
        if cl.list_display_links is None:
            link = False
        elif first and not cl.list_display_links:
            link = True
        else:
            link = name in cl.list_display_links
        th = link and first
        if link:
            first = False
        column = Column(
            name=name,
            classes=[f"field-{admin_list._coerce_field_name(name, index)}"],
            empty=getattr(attr, "empty_value_display", empty),
            link=link,
            th=th,
            value=value,
            field=field,
        )
        if field is None and value is not None:
            if name == "action_checkbox":
                column.classes = ["action-checkbox"]
            column.boolean = getattr(attr, "boolean", False)
        elif field is not None and not field.auto_created:
            if isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)):
                column.classes.append("nowrap")
            if getattr(field, "flatchoices", None):
                try:  # translated once for the page, not once a row
                    column.labels = {key: str(label) for key, label in field.flatchoices}
                except TypeError:
                    column.labels = None  # unhashable choices: Django's own per row
            elif isinstance(field, models.BooleanField):
                column.labels = {v: admin_list._boolean_icon(v) for v in (True, False, None)}
        found.append(column)
    return found


def _cell(cl, column: Column, row):
    """A cell's shown value and its classes (the column's, or Django's per row)."""
    classes = column.classes
    try:
        if column.value is None:
            field, attr, value = lookup_field(column.name, row, cl.model_admin)
            empty = getattr(attr, "empty_value_display", column.empty)
            boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                boolean = getattr(attr.fget, "boolean", False)
        else:
            field, value = column.field, column.value(row)
            empty, boolean = column.empty, column.boolean
    except ObjectDoesNotExist:
        return cl.model_admin.get_empty_value_display(), classes
    if isinstance(value, Promise):
        # A lazy translation (a choice's label): translated once here, not again at each of
        # the comparisons `display_for_value` makes with the empty values.
        value = str(value)
    if isinstance(value, str) and value.strip() == "":
        value = ""
    if field is None or field.auto_created:
        if type(value) in (str, SafeString) and value and not boolean:
            return value, classes  # what `display_for_value` gives a text: the text itself
        if isinstance(value, (datetime.date, datetime.time)):
            classes = [*classes, "nowrap"]
        return admin_list.display_for_value(value, empty, boolean), classes
    if isinstance(field.remote_field, models.ManyToOneRel):
        related = getattr(row, field.name)
        return (empty if related is None else related), classes
    if column.labels is not None:
        return column.labels.get(value, empty), classes
    return admin_list.display_for_field(value, field, empty, avoid_link=column.link), classes


class _ChangeUrl:
    """A row's change URL with the list's filters kept, from one URL worked out for the page
    (an integer key: else Django's per row)."""

    def __init__(self, cl):
        self.cl = cl
        self.parts = None
        if isinstance(cl.lookup_opts.pk, models.IntegerField) and not cl.to_field:
            try:
                url = self._url(_PK)
            except NoReverseMatch:
                return
            if url.count(_PK) == 1:
                before, after = url.split(_PK)
                self.parts = (escape(before), escape(after))

    def _url(self, pk):
        cl = self.cl
        url = reverse(
            f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change",
            args=(pk,),
            current_app=cl.model_admin.admin_site.name,
        )
        return add_preserved_filters(
            {"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url
        )

    def link(self, row, shown) -> str:
        """`<a href="...">shown</a>` (shown escaped), or `shown` if the row has no URL."""
        if self.parts is not None:
            before, after = self.parts
            return f'<a href="{before}{row.pk}{after}">{conditional_escape(shown)}</a>'
        try:
            url = self._url(quote(getattr(row, self.cl.pk_attname)))
        except NoReverseMatch:
            return conditional_escape(shown)
        return f'<a href="{escape(url)}">{conditional_escape(shown)}</a>'


def lean_rows(cl) -> list[admin_list.ResultList]:
    """Each row of the page as one piece of HTML (its cells), in Django's `ResultList`."""
    page = columns(cl)
    urls = _ChangeUrl(cl)
    rows = []
    for row in cl.result_list:
        cells = []
        for column in page:
            shown, classes = _cell(cl, column, row)
            tag = "th" if column.th else "td"
            content = urls.link(row, shown) if column.link else conditional_escape(shown)
            cells.append(f'<{tag} class="{" ".join(classes)}">{content}</{tag}>')
        # Each cell's content escaped as Django's `format_html` would (`conditional_escape`).
        rows.append(admin_list.ResultList(None, [mark_safe("".join(cells))]))  # noqa: S308
    return rows


def result_list(cl) -> dict:
    """Django's `admin_list.result_list` context, with the rows from `lean_rows` unless the list
    is a pop-up or editable."""
    if cl.is_popup or cl.formset:
        return admin_list.result_list(cl)
    headers = list(admin_list.result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": lean_rows(cl),
    }
