"""The council types a programme recognises, named per language (django-modeltranslation; see
cities/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import CouncilType


@register(CouncilType)
class CouncilTypeNames(TranslationOptions):
    fields = ("name",)
