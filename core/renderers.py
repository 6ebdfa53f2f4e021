"""The form renderer (settings.FORM_RENDERER): Django's, with the plain `<input>` widgets
written in Python rather than through their three templates.

Rendering one text input through Django's templates (text.html, which includes input.html,
which includes attrs.html) costs about a thousand Python calls; a sign-in form of three fields
spent more on its inputs than the whole page layout. The HTML is the same, character for
character (tests/core/test_renderers.py compares them for every such widget); every other
template (selects, radios, textareas, crispy's field wrappers) is rendered as before."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import escape
from django.utils.safestring import SafeData

#: The widget templates that are nothing but `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "input",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}` with autoescaping: escaped unless already safe."""
    text = "%s" % (value,)  # noqa: UP031 - exactly the stringformat filter
    return text if isinstance(value, SafeData) else escape(text)


def input_html(widget: dict) -> str:
    """django/forms/widgets/input.html (with attrs.html) for a widget's context."""
    parts = [f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"']
    if widget["value"] is not None:
        parts.append(f' value="{_text(widget["value"])}"')
    for name, value in widget["attrs"].items():
        if value is False:
            continue
        parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"')
    parts.append(">")
    return "".join(parts)


class FormRenderer(DjangoTemplates):
    """Django's default renderer; `<input>` widgets written directly (see the module)."""

    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        return super().render(template_name, context, request=request)
