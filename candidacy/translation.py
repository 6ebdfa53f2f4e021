"""The names and texts a programme's administrators create for the pipeline, stored per
language (django-modeltranslation; see cities/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import AssessmentCriterion, EvaluationCriterion, IndicatorDefinition, StageDefinition


@register(StageDefinition)
class StageDefinitionNames(TranslationOptions):
    fields = ("title", "description")


@register(IndicatorDefinition)
class IndicatorNames(TranslationOptions):
    fields = ("name", "unit")


@register(EvaluationCriterion)
class EvaluationCriterionNames(TranslationOptions):
    fields = ("text",)


@register(AssessmentCriterion)
class AssessmentCriterionNames(TranslationOptions):
    fields = ("text",)
