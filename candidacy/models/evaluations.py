"""Evaluations (issue 3): Iran's joint and final evaluations, Kazakhstan's assessment,
Lithuania's evaluation, and any other stage of the kind `StageKind.EVALUATION`.

The criteria are data, per programme (`EvaluationCriterion`): UNICEF's global minimum criteria
plus what the country adds (`criteria.py` seeds them). An evaluation stage keeps one
`EvaluationRecord` (date, recommendation, decision and the report, a document of the stage),
one `CriterionJudgement` per evaluator and criterion (each evaluator judges every criterion on
their own; nobody overwrites another's judgement), and, for a decision to approve with
conditions, its `EvaluationCondition`s. Once the evaluation stage is approved, the conditions
are tracked on the candidacy: the coordinator marks them met or waived (`ConditionStatusChange`
keeps who and when); whether one is overdue follows from its due date and is never stored.

Records are written only through `candidacy.records.evaluations.services` (and the shared
row services of `candidacy.records.services` for the conditions).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cities.calendars import date_format
from cities.models import Programme
from cities.validators import DESCRIPTION_MAX_LENGTH, NOTE_MAX_LENGTH, capped_text, plausible_date
from core.privacy import Figure, figure

from .frameworks import FrameworkCriterion, FrameworkKind, FrameworkVersion
from .pipeline import Candidacy, StageProgress
from .records import StageRecord, StageRow, not_in_future, required_document


class Judgement(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    APPROVE_WITH_CONDITIONS = "approve_with_conditions", _("Approve with conditions")
    RETURN = "return", _("Return")


class ConditionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "met", _("Met")
    WAIVED = "waived", _("Waived")


class EvaluationCriterion(FrameworkCriterion):
    """One thing a programme's evaluators judge: UNICEF's global minimum criteria, which every
    programme has, and the country's own. Superusers edit them in the admin."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="evaluation_criteria",
        verbose_name=_("programme"),
    )
    framework = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        blank=True,
        related_name="evaluation_criteria",
        limit_choices_to={"kind": FrameworkKind.EVALUATION},
        verbose_name=_("framework version"),
    )
    key = models.SlugField(_("key"), help_text=_("Stable identifier; never shown to users."))
    text = capped_text(_("criterion"), max_length=NOTE_MAX_LENGTH)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    guidance = capped_text(
        _("guidance"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        default="",
        help_text=_("What to look for when judging this criterion; shown beside it on the forms."),
    )
    is_global = models.BooleanField(
        _("UNICEF global minimum criterion"),
        default=False,
        help_text=_("Checked for UNICEF's global minimum criteria; clear for the country's own."),
    )

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="criterion_key_per_version")
        ]

    framework_kind = FrameworkKind.EVALUATION

    def __str__(self):
        return self.text


class EvaluationRecord(StageRecord):
    """The evaluators' record of one evaluation stage. Its decision is what the evaluators
    concluded; it does not move the workflow (the signatories' sign-off does)."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "evaluated_on",
        "recommendation",
        "decision",
        "report",
    )

    evaluated_on = models.DateField(
        _("date of the evaluation"), validators=[plausible_date, not_in_future]
    )
    recommendation = capped_text(
        _("overall recommendation"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        help_text=_("What the evaluators recommend, in a few sentences."),
    )
    decision = models.CharField(
        _("decision"),
        max_length=30,
        choices=Decision.choices,
        blank=True,
        help_text=_(
            "The evaluators' decision, recorded here and shown on the stage page. It does not "
            "move the stage by itself: the signatories approve or return the stage through "
            "the sign-off on the stage page, and only that changes where the city stands."
        ),
    )
    report = required_document(_("evaluation report"))
    framework = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="evaluation_records",
        editable=False,
        verbose_name=_("framework version"),
        help_text=_("The criteria in force when the evaluation was opened."),
    )

    document_field = "report"

    class Meta:
        verbose_name = _("evaluation record")
        verbose_name_plural = _("evaluation records")

    def clean(self):
        super().clean()
        if self.progress_id is None:
            return
        due_dates = list(
            EvaluationCondition.objects.filter(progress_id=self.progress_id)
            .order_by("due_on")
            .values_list("due_on", flat=True)
        )
        if due_dates and self.decision != Decision.APPROVE_WITH_CONDITIONS:
            count = len(due_dates)
            if self.decision == Decision.RETURN:
                message = ngettext(
                    "A decision to return cannot come with conditions: remove the condition first.",
                    "A decision to return cannot come with conditions: remove the %(count)d "
                    "conditions first.",
                    count,
                )
            else:
                message = ngettext(
                    "This evaluation has a condition: keep the decision “approve with "
                    "conditions”, or remove the condition first.",
                    "This evaluation has %(count)d conditions: keep the decision “approve with "
                    "conditions”, or remove the conditions first.",
                    count,
                )
            raise ValidationError({"decision": message % {"count": count}})
        if due_dates and self.evaluated_on and due_dates[0] < self.evaluated_on:
            raise ValidationError(
                {
                    "evaluated_on": _(
                        "A condition falls due on %(due)s, before this date: a condition "
                        "cannot fall due before the evaluation that set it."
                    )
                    % {"due": date_format(due_dates[0])}
                }
            )


class CriterionJudgement(models.Model):
    """How one evaluator judged one criterion in one evaluation, and the finding behind it:
    one per evaluator and criterion (`judged_by`), written only by `services.evaluation_save`
    for the user who saves. A judgement without `judged_by` was recorded before judges were
    kept: an earlier, unattributed judgement (at most one per criterion), counted for no
    evaluator."""

    record = models.ForeignKey(
        EvaluationRecord,
        on_delete=models.CASCADE,
        related_name="judgements",
        verbose_name=_("evaluation"),
    )
    criterion = models.ForeignKey(
        EvaluationCriterion,
        on_delete=models.PROTECT,
        related_name="judgements",
        verbose_name=_("criterion"),
    )
    judgement = models.CharField(_("judgement"), max_length=20, choices=Judgement.choices)
    #: The written justification of the judgement: required by the form, the service and
    #: the model (a judgement without it is refused).
    finding = capped_text(_("finding"), max_length=DESCRIPTION_MAX_LENGTH)
    #: The evaluator whose judgement this is (`services.evaluation_save`); empty for
    #: judgements recorded before it was kept. The approval counts the evaluators with a
    #: judgement of every criterion (`StageDefinition.min_evaluators`,
    #: `evaluations.selectors.judgement_sets`). Protected: an account that judged is
    #: deactivated, not deleted, so no judgement loses its judge.
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("judged by"),
    )

    class Meta:
        ordering = ["criterion__order", "criterion_id"]
        verbose_name = _("judgement of a criterion")
        verbose_name_plural = _("judgements of the criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["record", "criterion", "judged_by"],
                name="one_judgement_per_evaluator_and_criterion",
            ),
            models.UniqueConstraint(
                fields=["record", "criterion"],
                condition=models.Q(judged_by__isnull=True),
                name="one_unattributed_judgement_per_criterion",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.get_judgement_display()}"

    def clean(self):
        super().clean()
        if self.criterion_id is None or self.record_id is None:
            return
        if self.criterion.programme_id != self.record.progress.candidacy.city.programme_id:
            raise ValidationError(
                {"criterion": _("Judge only the criteria of this city's programme.")}
            )
        if self.criterion.framework_id != self.record.framework_id:
            raise ValidationError(
                {"criterion": _("Judge only the criteria of the evaluation's framework version.")}
            )


class EvaluationCondition(StageRow):
    """A condition of a decision to approve with conditions: what the city must still do, and
    by when. Once the evaluation is approved, the coordinator tracks it on the candidacy."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "text",
        "due_on",
    )

    progress = models.ForeignKey(
        StageProgress,
        on_delete=models.CASCADE,
        related_name="evaluation_conditions",
        verbose_name=_("stage"),
    )
    text = models.CharField(_("condition"), max_length=300)
    due_on = models.DateField(_("due date"), validators=[plausible_date])
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConditionStatus.choices,
        default=ConditionStatus.OPEN,
        editable=False,
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("status changed by"),
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")

    def __str__(self):
        return self.text

    @property
    def is_overdue(self) -> bool:
        """Still open after its due date (computed from today; never stored)."""
        return self.status == ConditionStatus.OPEN and self.due_on < timezone.localdate()

    def clean(self):
        super().clean()
        if self.progress_id is None:
            return
        record = EvaluationRecord.objects.filter(progress_id=self.progress_id).first()
        if record is None:
            raise ValidationError(
                _(
                    "Fill in the evaluation first (its date and the decision “approve with "
                    "conditions”), then add its conditions."
                )
            )
        if record.decision == Decision.RETURN:
            raise ValidationError(
                _(
                    "The evaluation's decision is to return: a return comes without "
                    "conditions. Change the decision to “approve with conditions” first."
                )
            )
        if record.decision != Decision.APPROVE_WITH_CONDITIONS:
            raise ValidationError(
                _(
                    "Conditions go with the decision “approve with conditions”: choose it in "
                    "the evaluation first."
                )
            )
        if self.due_on and self.due_on < record.evaluated_on:
            raise ValidationError(
                {
                    "due_on": _("The due date cannot be before the evaluation's date (%(date)s).")
                    % {"date": date_format(record.evaluated_on)}
                }
            )


class ConditionStatusChange(models.Model):
    """The history of a condition's status: who changed it, when, and why. Written by
    `services.condition_set_status` in the same transaction as the change."""

    condition = models.ForeignKey(
        EvaluationCondition,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("condition"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ConditionStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ConditionStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    note = capped_text(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    changed_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("change of a condition's status")
        verbose_name_plural = _("changes of conditions' status")

    def __str__(self):
        return f"{self.condition}: {self.from_status} → {self.to_status}"


class ConflictDeclaration(models.Model):
    """An evaluator's declaration, before they see a city's dossier, of whether they have a
    conflict of interest with the city. A declared conflict recuses them from the candidacy
    (`candidacy.permissions.has_cleared_conflict`). Written by
    `candidacy.services.conflict_declare`; one per evaluator and candidacy."""

    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conflict_declarations",
        verbose_name=_("evaluator"),
    )
    candidacy = models.ForeignKey(
        Candidacy,
        on_delete=models.CASCADE,
        related_name="conflict_declarations",
        verbose_name=_("candidacy"),
    )
    has_conflict = models.BooleanField(_("I have a conflict of interest with this city"))
    statement = capped_text(
        _("statement"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("For a conflict: what it is (a relative, a contract, a former post...)."),
    )
    declared_at = models.DateTimeField(_("declared"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-declared_at", "-pk"]
        verbose_name = _("declaration of conflict of interest")
        verbose_name_plural = _("declarations of conflict of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluator", "candidacy"], name="one_conflict_declaration_per_evaluator"
            )
        ]

    def __str__(self):
        return f"{self.evaluator} · {self.candidacy}"


class PanelVerdict(models.TextChoices):
    RECOMMEND = "recommend", _("Recommend")
    RECOMMEND_WITH_CONDITIONS = "recommend_with_conditions", _("Recommend with conditions")
    DO_NOT_RECOMMEND = "do_not_recommend", _("Do not recommend")


class ChildrenPanelVerdict(models.Model):
    """The children's panel's verdict on an evaluation: its own, anonymous input to the
    decision. Aggregates only: how many children sat on the panel and how they voted, never
    who. Its vote counts are published only for a panel the small-group rule allows
    (`core.privacy`). Written by `candidacy.services.panel_verdict_save`."""

    progress = models.OneToOneField(
        StageProgress,
        on_delete=models.CASCADE,
        related_name="children_panel_verdict",
        verbose_name=_("stage"),
    )
    panel_size = models.PositiveSmallIntegerField(
        _("children on the panel"),
        validators=[
            MinValueValidator(1, message=_("At least one child.")),
            MaxValueValidator(500, message=_("At most 500 children.")),
        ],
    )
    verdict = models.CharField(_("verdict"), max_length=30, choices=PanelVerdict.choices)
    votes_for = models.PositiveSmallIntegerField(
        _("votes for"), validators=[MaxValueValidator(500)]
    )
    votes_against = models.PositiveSmallIntegerField(
        _("votes against"), validators=[MaxValueValidator(500)]
    )
    votes_abstain = models.PositiveSmallIntegerField(
        _("abstentions"), validators=[MaxValueValidator(500)]
    )
    summary = capped_text(
        _("summary"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("What the panel said, in a few sentences, naming no child."),
    )
    recorded_on = models.DateField(
        _("date of the panel"), validators=[plausible_date, not_in_future]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("children's panel verdict")
        verbose_name_plural = _("children's panel verdicts")

    def __str__(self):
        return f"{self.progress} · {self.get_verdict_display()}"

    def clean(self):
        super().clean()
        votes = [self.votes_for, self.votes_against, self.votes_abstain]
        if self.panel_size and None not in votes and sum(votes) > self.panel_size:
            raise ValidationError(
                {
                    "votes_for": _(
                        "The votes for, against and abstentions add up to more than the "
                        "children on the panel."
                    )
                }
            )

    #: The fields that are figures about the panel's children (`figures`).
    FIGURES = ("panel_size", "votes_for", "votes_against", "votes_abstain")

    def figures(self) -> list[tuple[str, str, Figure]]:
        """The panel's size and vote counts as published figures (`core.privacy.figure`), as
        `(field name, label, figure)`: all hidden for a panel too small to publish. The one
        way the page, the admin and the city's record show them, to every reader."""
        return [
            (
                name,
                self._meta.get_field(name).verbose_name,
                figure(getattr(self, name), group_size=self.panel_size),
            )
            for name in self.FIGURES
        ]

    def votes(self) -> list[tuple[str, Figure]]:
        """The vote counts of `figures()`, as `(label, figure)`."""
        return [(label, fig) for name, label, fig in self.figures() if name != "panel_size"]
