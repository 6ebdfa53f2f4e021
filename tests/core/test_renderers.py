"""The form renderer writes `<input>` widgets in Python (core/renderers.py): the HTML must be
Django's own, character for character, for every widget that renders through input.html."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from cities.calendars import CalendarDateInput, CalendarYearInput
from core.renderers import INPUT_TEMPLATES, FormRenderer

WIDGETS = [
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.PasswordInput,
    lambda attrs=None: forms.PasswordInput(attrs, render_value=True),
    forms.HiddenInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.CheckboxInput,
    forms.FileInput,
    forms.ColorInput,
    forms.SearchInput,
    forms.TelInput,
    CalendarDateInput,
    CalendarYearInput,
]
VALUES = [
    None,
    "",
    "plain",
    "<b>\"quoted\" & 'apostrophe'</b>",
    mark_safe("<i>already safe</i>"),  # noqa: S308 - a test value
    gettext_lazy("English"),
    0,
    1234.5,
    True,
    False,
    datetime.date(2024, 7, 31),
]
ATTRS = [
    None,
    {"class": "form-control", "required": True, "disabled": False, "maxlength": 150},
    {"placeholder": '<a href="x">', "data-x": mark_safe("&amp;"), "aria-describedby": "id_1"},  # noqa: S308
]


@pytest.mark.parametrize("widget_class", WIDGETS)
@pytest.mark.parametrize("attrs", ATTRS)
def test_inputs_are_djangos_own_html(widget_class, attrs):
    for value in VALUES:
        widget = widget_class(attrs=dict(attrs) if attrs else None)
        django_html = widget.render('na"me', value, renderer=DjangoTemplates())
        ours = widget.render('na"me', value, renderer=FormRenderer())
        assert ours == django_html, (widget_class, value)


def test_only_the_templates_that_are_input_html_are_written_directly():
    from pathlib import Path

    import django

    folder = Path(django.__file__).parent / "forms/templates/django/forms/widgets"
    include = '{% include "django/forms/widgets/input.html" %}\n'
    for name in INPUT_TEMPLATES - {"django/forms/widgets/input.html"}:
        assert (folder / Path(name).name).read_text() == include, name
    others = {
        f"django/forms/widgets/{path.name}"
        for path in folder.glob("*.html")
        if path.read_text() == include
    }
    assert others <= INPUT_TEMPLATES


def test_other_widgets_render_through_their_templates():
    select = forms.Select(choices=[("a", "<A>"), ("b", "B")])
    assert select.render("s", "b", renderer=FormRenderer()) == select.render(
        "s", "b", renderer=DjangoTemplates()
    )


def test_the_portal_uses_it():
    from django.conf import settings

    assert settings.FORM_RENDERER == "core.renderers.FormRenderer"
