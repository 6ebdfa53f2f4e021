"""Two people save the same form from the same loaded page: what the tests of every edit page
share. `walk_stale_edit` loads the page twice, saves as A, saves as B (refused, both versions
shown, B's input kept), then reloads and saves as B (accepted)."""

from __future__ import annotations

import datetime

from django import forms

STALE_MESSAGE = "Someone else saved this after you opened it"


def form_post(form, **changes) -> dict:
    """The POST a browser sends for the form as the page showed it, with `changes`."""
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(item) for item in value]
            continue
        if isinstance(value, datetime.date):
            value = value.isoformat()
        data[name] = "" if value is None else str(value)
    return {**data, **changes}


def text_field(form) -> str:
    """The first free-text field of the form: the one the two people change."""
    instance = getattr(form, "instance", None)
    stored = {f.name for f in instance._meta.fields} if instance is not None else None
    texts = [
        name
        for name, field in form.fields.items()
        if (stored is None or name in stored)  # not a helper field of the form
        and type(field) is forms.CharField
        and not isinstance(field.widget, forms.HiddenInput)
    ]
    # A long text first (a short one may depend on another field's choice).
    for name in sorted(
        texts, key=lambda name: not isinstance(form.fields[name].widget, forms.Textarea)
    ):
        return name
    raise AssertionError(f"{type(form).__name__} has no free-text field")


def walk_stale_edit(client_a, client_b, url, *, form_name="form", post_url=None):
    """Returns what a test asserts on: the field, A's and B's text, and B's refused page."""
    post_url = post_url or url
    page_a, page_b = client_a.get(url), client_b.get(url)
    assert page_a.status_code == page_b.status_code == 200
    form_a, form_b = page_a.context[form_name], page_b.context[form_name]
    assert "version" in form_a.fields, f"{type(form_a).__name__} carries no version"
    field = text_field(form_a)
    typed_a, typed_b = "Typed by A, saved first", "Typed by B from the same page"
    saved = client_a.post(post_url, form_post(form_a, **{field: typed_a}))
    assert saved.status_code == 302, saved.content.decode()[:3000]
    refused = client_b.post(post_url, form_post(form_b, **{field: typed_b}))
    assert refused.status_code == 409
    text = refused.content.decode()
    assert STALE_MESSAGE in text
    assert typed_b in text  # B's input stays in the form
    assert typed_a in text  # beside what is stored now
    assert refused.context[form_name][field].value() == typed_b
    # B reloads the page and saves again: accepted.
    fresh = client_b.get(url).context[form_name]
    again = client_b.post(post_url, form_post(fresh, **{field: typed_b}))
    assert again.status_code == 302
    return field, typed_a, typed_b
