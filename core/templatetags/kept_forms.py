"""`{% crispy_kept form %}`: `{% crispy form %}`, with what an unbound form renders kept once
per process.

django-crispy-forms renders a form through a dozen templates per field: on the stage page the
thread's comment form and the recall form cost about a third of the request. An unbound form
whose class opts in (`kept_render = True`: its fields are the same for every instance but for
their set, their widgets' kinds and initial values, and its helper writes neither the form tag
nor a CSRF token) renders the same HTML for the same class, language, calendar (a date field's
hint), prefix, fields, widgets and initial values: that HTML is kept under a digest of them, so
nothing needs invalidating. A bound form (its
values, its errors) is rendered afresh every time."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from crispy_forms.templatetags.crispy_forms_tags import do_uni_form
from django import template
from django.utils import translation

from cities import calendars

register = template.Library()

#: The most renderings a process keeps (the oldest goes first).
KEEP_AT_MOST = 256
kept_renderings: OrderedDict[str, str] = OrderedDict()


def form_digest(form) -> str | None:
    """What the unbound, opted-in `form` renders from; None: render it afresh."""
    if form is None or form.is_bound or not getattr(form, "kept_render", False):
        return None
    helper = getattr(form, "helper", None)
    if helper is None or helper.form_tag or not helper.disable_csrf:
        return None
    parts = [
        type(form).__module__,
        type(form).__qualname__,
        translation.get_language() or "",
        calendars.calendar_active(),  # a date field's hint and placeholder
        str(form.prefix),
        str(form.auto_id),
    ]
    for name, field in form.fields.items():
        parts += [
            name,
            type(field.widget).__qualname__,
            repr(form.get_initial_for_field(field, name)),
        ]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class KeptCrispyNode(template.Node):
    def __init__(self, form: str, crispy: template.Node):
        self.form = template.Variable(form)
        self.crispy = crispy

    def render(self, context):
        try:
            form = self.form.resolve(context)
        except template.VariableDoesNotExist:
            form = None
        digest = form_digest(form)
        if digest is None:
            return self.crispy.render(context)
        html = kept_renderings.get(digest)
        if html is None:
            html = self.crispy.render(context)
            kept_renderings[digest] = html
            while len(kept_renderings) > KEEP_AT_MOST:
                kept_renderings.popitem(last=False)
        return html


@register.tag(name="crispy_kept")
def crispy_kept(parser, token):
    """`{% crispy_kept form %}`: as `{% crispy form %}` (one argument, the form)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("crispy_kept takes one argument: the form")
    return KeptCrispyNode(bits[1], do_uni_form(parser, token))
