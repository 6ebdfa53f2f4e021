"""The base layout's pieces that are the same on every page read in one language: built once per
process and language rather than on every request (they were half of what rendering
`base.html` cost)."""

from __future__ import annotations

from functools import cache

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

register = template.Library()


@cache
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
