"""Versioned frameworks (issue 13): the evaluation criteria, the self-assessment criteria and the
atlas's indicator set of a programme belong to a numbered `FrameworkVersion`. An evaluation
record, a self-assessment and a stage's atlas keep the version in force when they were opened
(an atlas: at its first value, `candidacy.records.atlas.selectors.atlas_framework_q`), so a
later change never changes what an earlier record judged or measured. A version that a record
uses is frozen (`criterion_in_use`); changing the framework makes the next version
(`candidacy.frameworks.framework_revise`), which the coordinator then edits.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cities.models import Programme
from cities.validators import NOTE_MAX_LENGTH, capped_text


class FrameworkKind(models.TextChoices):
    EVALUATION = "evaluation", _("Evaluation criteria")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment criteria")
    ATLAS = "atlas", _("Atlas indicators")


class FrameworkVersion(models.Model):
    """One numbered version of a programme's criteria of one kind, in force from a moment on.
    The version in force at a moment is the highest number in force by then."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="framework_versions",
        verbose_name=_("programme"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FrameworkKind.choices)
    number = models.PositiveSmallIntegerField(_("version"))
    in_force_from = models.DateTimeField(_("in force from"), default=timezone.now)
    note = capped_text(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["programme", "kind", "number"]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "number"], name="one_framework_version_per_number"
            )
        ]

    def __str__(self):
        return f"{self.programme} · {self.get_kind_display()} · {self.number}"

    @property
    def criteria(self):
        """The version's criteria, in their order."""
        if self.kind == FrameworkKind.EVALUATION:
            return self.evaluation_criteria.all()
        if self.kind == FrameworkKind.ATLAS:
            return self.atlas_indicators.all()
        return self.assessment_criteria.all()


def framework_in_force(programme_id: int, kind: str, at=None) -> FrameworkVersion | None:
    """The version in force at `at` (now): the highest number in force by then; None while the
    programme has none."""
    return (
        FrameworkVersion.objects.filter(
            programme_id=programme_id, kind=kind, in_force_from__lte=at or timezone.now()
        )
        .order_by("-number")
        .first()
    )


def framework_for_opening(programme_id: int, kind: str) -> FrameworkVersion:
    """The version a new evaluation or self-assessment keeps, and where a criterion saved
    without one goes: the one in force, else version 1 (made, empty, for a programme that has
    none yet)."""
    version = framework_in_force(programme_id, kind)
    if version is None:
        version, _created = FrameworkVersion.objects.get_or_create(
            programme_id=programme_id, kind=kind, number=1
        )
    return version


class FrameworkCriterion(models.Model):
    """What the two kinds of criteria share: their version, and the rule that freezes it."""

    framework_kind: str

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.framework_id is None and self.programme_id is not None:
            self.framework = framework_for_opening(self.programme_id, self.framework_kind)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.framework_id is None:
            return
        if self.programme_id is not None and self.framework.programme_id != self.programme_id:
            raise ValidationError(
                {"framework": _("Choose a version of this programme's criteria.")}
            )
        if self.framework.kind != self.framework_kind:
            raise ValidationError({"framework": _("Choose a version of these criteria.")})
        if criterion_in_use(self):
            raise ValidationError(criterion_in_use_message(self))


def framework_uses(version_id: int | None, kind: str) -> int:
    """How many evaluations (or stages' self-assessments, or stages' atlases: the stages with
    values of its indicators) use the version: one query."""
    if version_id is None:
        return 0
    # The records' models import this module (their links to a version): ask the registry.
    if kind == FrameworkKind.EVALUATION:
        return (
            apps.get_model("candidacy", "EvaluationRecord")
            .objects.filter(framework_id=version_id)
            .count()
        )
    if kind == FrameworkKind.ATLAS:
        return (
            apps.get_model("candidacy", "IndicatorValue")
            .objects.filter(indicator__framework_id=version_id)
            .values("progress_id")
            .distinct()
            .count()
        )
    return (
        apps.get_model("candidacy", "SelfAssessment")
        .objects.filter(framework_id=version_id)
        .values("progress_id")
        .distinct()
        .count()
    )


def criterion_in_use(criterion) -> bool:
    """The one rule: a criterion (or an atlas indicator) of a version that an evaluation, a
    self-assessment or an atlas uses is frozen (no edit, no deletion, no criterion added to
    that version)."""
    return framework_uses(criterion.framework_id, criterion.framework_kind) > 0


def criterion_in_use_message(criterion) -> str:
    """What a form says when `criterion_in_use` refuses a change."""
    count = framework_uses(criterion.framework_id, criterion.framework_kind)
    if criterion.framework_kind == FrameworkKind.EVALUATION:
        message = ngettext(
            "This criterion is used by %(count)d evaluation: revise the framework to change it.",
            "This criterion is used by %(count)d evaluations: revise the framework to change it.",
            count,
        )
    elif criterion.framework_kind == FrameworkKind.ATLAS:
        message = ngettext(
            "This indicator is used by %(count)d atlas: revise the framework to change it.",
            "This indicator is used by %(count)d atlases: revise the framework to change it.",
            count,
        )
    else:
        message = ngettext(
            "This criterion is used by %(count)d self-assessment: revise the framework to "
            "change it.",
            "This criterion is used by %(count)d self-assessments: revise the framework to "
            "change it.",
            count,
        )
    return message % {"count": count}
