"""The names and texts a programme's administrators create for the pipeline, stored per
language (django-modeltranslation; see cities/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    AssessmentCriterion,
    CallRound,
    EvaluationCriterion,
    IndicatorDefinition,
    StageDefinition,
)


@register(StageDefinition)
class StageDefinitionNames(TranslationOptions):
    fields = ("title", "description")


@register(IndicatorDefinition)
class IndicatorNames(TranslationOptions):
    fields = ("name", "unit")


@register(EvaluationCriterion)
class EvaluationCriterionNames(TranslationOptions):
    fields = ("text", "guidance")


@register(AssessmentCriterion)
class AssessmentCriterionNames(TranslationOptions):
    fields = ("text", "guidance")


@register(CallRound)
class CallRoundNames(TranslationOptions):
    fields = ("name",)
