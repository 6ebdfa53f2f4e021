"""The library's names and summaries per language (django-modeltranslation; see
cities/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import GoodPractice, Theme


@register(Theme)
class ThemeNames(TranslationOptions):
    fields = ("name",)


@register(GoodPractice)
class GoodPracticeSummaries(TranslationOptions):
    fields = ("summary",)
