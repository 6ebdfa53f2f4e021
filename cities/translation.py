"""The names people create in this app, stored per language (django-modeltranslation): each
field below gets a column per language (`name_en`, `name_fa`, ...); reading `name` gives the
reader's language with the fallback of settings.MODELTRANSLATION_FALLBACK_LANGUAGES, writing it
fills the reader's language."""

from modeltranslation.translator import TranslationOptions, register

from .models import City, Country, District, Organisation, Programme


@register(Country)
class CountryNames(TranslationOptions):
    fields = ("name",)


@register(Programme)
class ProgrammeNames(TranslationOptions):
    fields = ("name", "coordinating_body")


@register(City)
class CityNames(TranslationOptions):
    fields = ("name", "region")


@register(District)
class DistrictNames(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationNames(TranslationOptions):
    fields = ("name",)
    # A missing language is NULL, not "": the name is unique per city in each language.
    empty_values = None
