"""Names in several languages: the helpers the migrations that introduced them use to fill
each language's column from what was stored before (one column, read through gettext at run
time); and how the pages name a person (`person_name`). Kept small and free of models, since
migrations import it."""

from __future__ import annotations

import functools
import re

from django.utils import translation
from django.utils.translation import gettext

#: The language a name was typed in, guessed from the letters it uses (Persian and Kazakh have
#: letters their neighbours lack; a name in Latin letters is English unless it uses Lithuanian's).
_SCRIPTS = (
    ("fa", re.compile(r"[\u0600-\u06ff]")),
    ("kk", re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("lt", re.compile(r"[ąčęėįšųūžĄČĘĖĮŠŲŪŽ]")),
)


def language_of_text(text: str) -> str:
    """The language `text` is most likely written in: "fa", "kk", "ru", "lt" or "en"."""
    for language, letters in _SCRIPTS:
        if letters.search(text):
            return language
    return "en"


def names_per_language(value: str, languages) -> dict[str, str]:
    """The value of one name in each language: where it was typed, and in each of `languages`
    the seed table's name for it (`cities.seed_names`), else the catalogue's translation (the
    demo's and seeds' names were shown through gettext until now)."""
    from .seed_names import names_of

    names = {language_of_text(value): value}
    for language in languages:
        translated = names_of(value, [language]).get(language)
        if translated and translated != value:
            names[language] = translated
    return names


def fill_district_columns(district_model, languages) -> None:
    """The seeds' and demo's districts ("District 3") in their programme's place languages
    (`cities.seed_names.district_names`); other districts as `fill_language_columns` does."""
    from .seed_names import district_names

    for district in district_model._base_manager.select_related("city__programme"):
        if district.name == f"District {district.number}":
            changes = district_names(district.number, district.city.programme.key)
        else:
            changes = {
                f"name_{language}": text
                for language, text in names_per_language(district.name, languages).items()
            }
        district_model._base_manager.filter(pk=district.pk).update(**changes)


def fill_language_columns(model, fields, languages) -> None:
    """Copy each row's single-language `fields` into their per-language columns."""
    for row in model._base_manager.all():
        changes = {}
        for field in fields:
            value = getattr(row, field)
            if not value:
                continue
            for language, text in names_per_language(value, languages).items():
                changes[f"{field}_{language}"] = text
        if changes:
            model._base_manager.filter(pk=row.pk).update(**changes)


def reader_language_columns(lookup: str) -> list[str]:
    """The columns of the translated field at `lookup` (e.g. "city__region") in the order
    reading the field on a row tries them: the active language, then its fallbacks."""
    from modeltranslation.settings import FALLBACK_LANGUAGES
    from modeltranslation.utils import resolution_order

    languages = resolution_order(translation.get_language() or "en", FALLBACK_LANGUAGES)
    return [f"{lookup}_{language.replace('-', '_')}" for language in languages]


@functools.lru_cache(maxsize=64)
def _reader_columns(field: str, language: str) -> tuple[str, ...]:
    return tuple(reader_language_columns(field))


def shown(row, field: str = "name") -> str:
    """`row.<field>` (a name kept per language) as reading it gives it, for a list that reads it
    on every row: the order of the languages is worked out once per field and language, where
    the translated field's descriptor works it out at every read. A value is missing when it is
    empty (None or "")."""
    for column in _reader_columns(field, translation.get_language() or "en"):
        value = getattr(row, column)
        if value:
            return value
    return ""


def in_reader_language(lookup: str):
    """A query expression for the translated field at `lookup` (e.g. "city__region") in the
    active language, falling back as reading the field on a row does: for a lookup across a
    model whose manager does not translate it (annotations, subqueries, value lists)."""
    from django.db.models import CharField, F, Value
    from django.db.models.functions import Cast, Coalesce, NullIf

    columns = (Cast(F(column), CharField()) for column in reader_language_columns(lookup))
    return Coalesce(
        *(NullIf(column, Value("")) for column in columns), Value(""), output_field=CharField()
    )


def every_name(row, field: str = "name") -> set[str]:
    """The row's `field` in every language it was given in (a file may name a district in
    any of them)."""
    from django.conf import settings

    values = (getattr(row, f"{field}_{code}", None) for code, _name in settings.LANGUAGES)
    return {value for value in values if value}


def names_contain(lookup: str, text: str):
    """A filter for rows whose translated field at `lookup` (e.g. "candidacy__city__name")
    contains `text`, case aside, in any language it was given in: a reader searching in
    English finds a city named in Persian by its English name, and the reverse."""
    from django.conf import settings
    from django.db.models import Q

    found = Q()
    for code, _name in settings.LANGUAGES:
        found |= Q(**{f"{lookup}_{code.replace('-', '_')}__icontains": text})
    return found


def person_name(user) -> str:
    """A person as the portal's pages name them: their full name, else their user name (a
    change the portal made by itself has no person)."""
    if user is None:
        return gettext("the portal")
    return user.get_full_name() or user.get_username()
