"""The base layout's pieces that are the same on every page read in one language: built once per
process and language rather than on every request (they were half of what rendering
`base.html` cost): the language buttons, and the main navigation's links for each thing they
show (signed in or not, the counts of tasks and unread messages, the queue, the admin)."""

from __future__ import annotations

import functools
import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from core.editions import TIMEOUT, kept_key

register = template.Library()


@functools.cache
def _language_buttons(active: str, codes: tuple[str, ...]) -> str:
    rows = []
    for code in codes:
        current = code == active
        rows.append(
            (
                code,
                code,
                "btn-light" if current else "btn-outline-light",
                mark_safe(' aria-current="true"') if current else "",  # noqa: S308 - constant
                get_language_info(code)["name_local"],
            )
        )
    return format_html_join(
        "\n",
        '<button type="submit" name="language" value="{}" lang="{}" class="btn btn-sm {}"{}>'
        "{}</button>",
        rows,
    )


@register.simple_tag
def language_buttons() -> str:
    """The language form's buttons: each language in its own name, the active one marked
    (`aria-current`). The same HTML for every page in a language, so it is made once."""
    return _language_buttons(get_language(), tuple(code for code, _name in settings.LANGUAGES))


@functools.lru_cache(maxsize=64)
def _layout_url(name: str, prefix: str) -> str:
    return reverse(name)


@register.simple_tag
def layout_url(name: str) -> str:
    """`{% url name %}` for the layout's links, which take no arguments: worked out once per
    process and URL prefix."""
    return _layout_url(name, get_script_prefix())


@functools.lru_cache(maxsize=512)
def _main_links(language: str, prefix: str, shown: tuple) -> str:
    signed_in, task_count, unread, signoff_queue, staff = shown
    context = {
        "signed_in": signed_in,
        "task_count": task_count,
        "unread": unread,
        "signoff_queue": signoff_queue,
        "staff": staff,
    }
    return mark_safe(render_to_string("includes/main_links.html", context))  # noqa: S308


def _shown(context, name):
    """A navigation value as the template would read it: called if callable (the context
    processors hand callables, read only when the navigation shows them)."""
    value = context.get(name, "")  # "": what the template reads of a missing name
    return value() if callable(value) else value


@register.simple_tag(takes_context=True)
def main_links(context) -> str:
    """The main navigation's links (`includes/main_links.html`). They show nothing of the reader
    but whether they are signed in, their counts and which of the queue and the admin they may
    open, so each combination is made once per process, language and URL prefix."""
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    if signed_in:
        shown = (
            True,
            _shown(context, "nav_task_count"),
            _shown(context, "nav_unread"),
            bool(_shown(context, "nav_signoff_queue")),
            bool(user.is_staff),
        )
    else:
        shown = (False, None, None, False, False)
    return _main_links(get_language(), get_script_prefix(), shown)


@register.simple_tag(takes_context=True)
def admin_nav_sidebar(context) -> str:
    """Django's `admin/nav_sidebar.html`, kept in the cache for the user, language and path
    under the lists' edition: it shows the user's list of apps and models (kept the same way,
    `signin.sites.PortalAdminSite.get_app_list`) with the current one marked by the path."""
    request = context["request"]
    path = hashlib.sha256(request.path.encode()).hexdigest()
    key = kept_key("admin-nav", request.user.pk, get_language(), path)
    if key is not None and (kept := cache.get(key)) is not None:
        return kept
    html = context.template.engine.get_template("admin/nav_sidebar.html").render(context)
    if key is not None:
        cache.set(key, html, TIMEOUT)
    return html
