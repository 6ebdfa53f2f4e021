"""The staged candidacy pipeline.

A programme's `StageDefinition`s are its ordered sequence (data, edited by superusers); each
definition has a `kind`, which says what the stage records (code: later each kind gets its own
record model keyed on `StageProgress`). A city's `Candidacy` holds one `StageProgress` per
definition. Workflow state changes only through `candidacy.services`, which writes a `Transition`
row for every change in the same transaction.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cities.models import City, Programme, RoleAssignment
from cities.roles import Role
from cities.templatetags.portal import format_digits
from cities.validators import (
    DESCRIPTION_MAX_LENGTH,
    NARRATIVE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    capped_text,
    plausible_date,
)
from core.versions import Versioned

#: The longest expected duration of a stage's preparation or sign-off, in days (ten years).
DEADLINE_MAX_DAYS = 3650


class StageKind(models.TextChoices):
    """What a stage is. Each kind will get its own structured record and form."""

    OFFICE_FORMATION = "office_formation", _("Office formation")
    CFC_DATABASE = "cfc_database", _("CFC database")
    CHILDRENS_ATLAS = "childrens_atlas", _("Children's atlas")
    STOCKTAKE = "stocktake", _("Stocktake")
    SITUATION_ANALYSIS = "situation_analysis", _("Situation analysis")
    PLANS = "plans", _("Plans")
    SUBMISSION = "submission", _("Submission or request")
    MEMORANDUM = "memorandum", _("Memorandum")
    COUNCIL = "council", _("Council or working group")
    EVALUATION = "evaluation", _("Evaluation")
    CANDIDACY = "candidacy", _("Candidacy")
    RECOGNITION = "recognition", _("Badge, certification or recognition")
    NETWORK_MEMBERSHIP = "network_membership", _("Network membership")
    REPORT = "report", _("Implementation report")
    ONGOING_REVIEW = "ongoing_review", _("Ongoing review")


class Preparer(models.TextChoices):
    CITY = Role.OFFICE, _("The city's CFC office")
    COORDINATOR = Role.COORDINATOR, _("The national coordinator")
    EVALUATOR = Role.EVALUATOR, _("The UNICEF evaluator")


class Grants(models.TextChoices):
    """The status a city gains when a stage of this definition is approved."""

    NOTHING = "", _("nothing")
    CANDIDACY = "candidacy", _("candidate status")
    RECOGNITION = "recognition", _("recognition (for the validity period)")


class StageDefinition(models.Model):
    """One step of a programme's sequence: who prepares it and who must sign it off."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="stage_definitions",
        verbose_name=_("programme"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.SlugField(_("key"), help_text=_("Stable identifier; never shown to users."))
    kind = models.CharField(_("kind"), max_length=30, choices=StageKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = capped_text(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    prepared_by = models.CharField(_("prepared by"), max_length=20, choices=Preparer.choices)
    signed_by_coordinator = models.BooleanField(_("signed off by the coordinator"), default=False)
    signed_by_evaluator = models.BooleanField(_("signed off by a UNICEF evaluator"), default=False)
    min_evaluators = models.PositiveSmallIntegerField(
        _("evaluators needed"),
        default=1,
        validators=[
            MinValueValidator(1, message=_("At least one evaluator.")),
            MaxValueValidator(20, message=_("At most 20 evaluators.")),
        ],
        help_text=_(
            "For an evaluation prepared by the evaluators: how many different evaluators of "
            "the programme, none recused, must each have judged every one of its criteria "
            "before the stage can be approved. At most the programme's evaluators."
        ),
    )
    grants = models.CharField(
        _("grants"), max_length=20, choices=Grants.choices, blank=True, default=Grants.NOTHING
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity in months"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120, message=_("At most 120 months (ten years)."))],
        help_text=_("For the badge or recognition: how long it stays valid once approved."),
    )
    # Deadlines (`candidacy.deadlines`): how long a stage may stay in preparation (from its
    # opening or return) and awaiting sign-off (from its submission); empty: no deadline.
    preparation_days = models.PositiveSmallIntegerField(
        _("expected preparation (days)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, message=_("At least one day.")),
            MaxValueValidator(DEADLINE_MAX_DAYS, message=_("At most 3650 days (ten years).")),
        ],
        help_text=_(
            "Days from the stage's opening (or its return) until it should be submitted; "
            "empty: no deadline."
        ),
    )
    signoff_days = models.PositiveSmallIntegerField(
        _("expected sign-off (days)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, message=_("At least one day.")),
            MaxValueValidator(DEADLINE_MAX_DAYS, message=_("At most 3650 days (ten years).")),
        ],
        help_text=_(
            "Days from the stage's submission until it should be signed off; empty: no deadline."
        ),
    )

    class Meta:
        ordering = ["programme", "position"]
        verbose_name = _("stage definition")
        verbose_name_plural = _("stage definitions")
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="stage_key_per_programme"),
            models.UniqueConstraint(
                fields=["programme", "position"], name="stage_position_per_programme"
            ),
            models.CheckConstraint(
                condition=models.Q(signed_by_coordinator=True) | models.Q(signed_by_evaluator=True),
                name="stage_has_a_signatory",
            ),
            models.CheckConstraint(
                condition=~models.Q(grants="recognition") | models.Q(validity_months__gt=0),
                name="recognition_has_validity",
            ),
            models.CheckConstraint(
                condition=models.Q(preparation_days__isnull=True)
                | models.Q(preparation_days__gte=1, preparation_days__lte=DEADLINE_MAX_DAYS),
                name="preparation_days_bounded",
            ),
            models.CheckConstraint(
                condition=models.Q(signoff_days__isnull=True)
                | models.Q(signoff_days__gte=1, signoff_days__lte=DEADLINE_MAX_DAYS),
                name="signoff_days_bounded",
            ),
        ]

    def __str__(self):
        return f"{format_digits(self.position)}. {self.title}"

    def clean(self):
        """An evaluation needing more than one evaluator (`min_evaluators`: each judges every
        criterion, `evaluations.selectors.judgement_sets`) is prepared by the evaluators (only
        its preparers judge) and cannot need more evaluators than the programme has."""
        super().clean()
        if self.kind != StageKind.EVALUATION or not self.programme_id:
            return
        if not self.min_evaluators or self.min_evaluators <= 1:
            return
        if self.prepared_by != Preparer.EVALUATOR:
            raise ValidationError(
                {
                    "min_evaluators": _(
                        "Only an evaluation prepared by the evaluators can need more than one "
                        "evaluator: the evaluators who judge are its preparers."
                    )
                },
                code="evaluators_do_not_prepare",
            )
        evaluators = (
            RoleAssignment.objects.filter(
                role=Role.EVALUATOR, programme_id=self.programme_id, user__is_active=True
            )
            .values("user_id")
            .distinct()
            .count()
        )
        if self.min_evaluators > evaluators:
            raise ValidationError(
                {
                    "min_evaluators": ngettext(
                        "The programme has %(count)s evaluator: an evaluation cannot need more "
                        "evaluators than that.",
                        "The programme has %(count)s evaluators: an evaluation cannot need more "
                        "evaluators than that.",
                        evaluators,
                    )
                    % {"count": format_digits(evaluators)}
                },
                code="more_evaluators_than_the_programme_has",
            )

    @property
    def signatory_roles(self) -> list[str]:
        roles = []
        if self.signed_by_coordinator:
            roles.append(Role.COORDINATOR)
        if self.signed_by_evaluator:
            roles.append(Role.EVALUATOR)
        return roles

    def get_signatory_labels(self) -> list:
        return [Role(role).label for role in self.signatory_roles]

    @property
    def is_joint(self) -> bool:
        return self.signed_by_coordinator and self.signed_by_evaluator

    @property
    def repeats(self) -> bool:
        """An ongoing review opens a new round each time it is approved."""
        return self.kind == StageKind.ONGOING_REVIEW


class CandidacyStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    CANDIDATE = "candidate", _("Candidate")
    RECOGNISED = "recognised", _("Recognised")
    LAPSED = "lapsed", _("Lapsed")
    # A recognition that was still running when its programme closed, and has ended since:
    # it could not be renewed, so it did not lapse (`ended_with_programme`).
    ENDED = "ended", _("Ended (programme closed)")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def ended_with_programme(
    until: datetime.date | None,
    *,
    programme_status: str,
    programme_closed_on: datetime.date | None,
    today: datetime.date,
) -> bool:
    """Whether a recognition whose last day is `until` ended with its programme rather than
    lapsed: it has ended (`until` is past), the programme is closed, and the recognition still
    ran on the day it closed, so nobody could renew it. The one rule behind
    `CandidacyStatus.ENDED`, a recognition cycle's "ended (programme closed)" (its query twin
    is `candidacy.selectors.candidacy_status_q`)."""
    return (
        until is not None
        and until < today
        and programme_status == Programme.Status.CLOSED
        and programme_closed_on is not None
        and until >= programme_closed_on
    )


def ended_with_programme_q(until: str, programme_at: str) -> models.Q:
    """`ended_with_programme` as a query, but for "has ended" (the caller's): the recognition's
    last day is at lookup `until`, its programme at `programme_at` ("" for the row itself)."""
    g = f"{programme_at}__" if programme_at else ""
    return models.Q(
        **{
            f"{g}status": Programme.Status.CLOSED,
            f"{g}closed_on__isnull": False,
            f"{until}__gte": models.F(f"{g}closed_on"),
        }
    )


def candidacy_status(
    *,
    candidate_since: datetime.date | None,
    recognised_until: datetime.date | None,
    withdrawn_on: datetime.date | None,
    programme_status: str,
    programme_closed_on: datetime.date | None,
    today: datetime.date | None = None,
) -> str:
    """A candidacy's status (`CandidacyStatus`) from its dates and its programme's status and
    closing day: `Candidacy.status`, and the open data's rows, which read the dates alone."""
    today = today or timezone.localdate()
    if withdrawn_on:
        return CandidacyStatus.WITHDRAWN
    if recognised_until:
        if recognised_until >= today:
            return CandidacyStatus.RECOGNISED
        if ended_with_programme(
            recognised_until,
            programme_status=programme_status,
            programme_closed_on=programme_closed_on,
            today=today,
        ):
            return CandidacyStatus.ENDED
        return CandidacyStatus.LAPSED
    if candidate_since:
        return CandidacyStatus.CANDIDATE
    return CandidacyStatus.PREPARING


class Candidacy(models.Model):
    """A city's way through its programme. Its status follows from its stages: the dates below
    are written only by the services when a stage that grants them is approved or reopened."""

    city = models.OneToOneField(
        City, on_delete=models.CASCADE, related_name="candidacy", verbose_name=_("city")
    )
    started_on = models.DateField(
        _("started on"), default=datetime.date.today, validators=[plausible_date]
    )
    candidate_since = models.DateField(
        _("candidate since"), null=True, editable=False, validators=[plausible_date]
    )
    recognised_since = models.DateField(
        _("recognised since"), null=True, editable=False, validators=[plausible_date]
    )
    recognised_until = models.DateField(
        _("recognised until"), null=True, editable=False, validators=[plausible_date]
    )
    withdrawn_on = models.DateField(
        _("withdrawn on"), null=True, editable=False, validators=[plausible_date]
    )
    # Where the city stands: its first stage not yet approved, else its last. Kept by
    # `candidacy.services.current_stages_point` (the rule's one place) in the transaction of
    # every change of a stage's state, so lists sort and filter on it without reading stages.
    current_stage = models.ForeignKey(
        "StageProgress",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("current stage"),
    )
    # The programme's call round the city applied in (`candidacy.rounds`); set through
    # `candidacy.services.candidacy_join_round`, which keeps it in the city's programme.
    # (Named `call_round`: a stage's `round` is the count of its review rounds.)
    call_round = models.ForeignKey(
        "CallRound",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies",
        verbose_name=_("call round"),
    )

    class Meta:
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        ordering = ["city__name"]

    def __str__(self):
        return str(self.city)

    def clean(self):
        super().clean()
        if self.call_round_id and self.call_round.programme_id != self.city.programme_id:
            raise ValidationError(
                {"call_round": _("Choose a call round of the city's own programme.")},
                code="round_of_another_programme",
            )

    @property
    def status(self) -> str:
        """Where the candidacy stands (`candidacy_status`). Reads the city's programme only for
        a recognition that has ended (lapsed, or ended with its closed programme)."""
        today = timezone.localdate()
        ended = bool(
            not self.withdrawn_on and self.recognised_until and self.recognised_until < today
        )
        programme = self.city.programme if ended else None
        return candidacy_status(
            candidate_since=self.candidate_since,
            recognised_until=self.recognised_until,
            withdrawn_on=self.withdrawn_on,
            programme_status=programme.status if programme else Programme.Status.ACTIVE,
            programme_closed_on=programme.closed_on if programme else None,
            today=today,
        )

    def get_status_display(self) -> str:
        return CandidacyStatus(self.status).label


class StageState(models.TextChoices):
    LOCKED = "locked", _("Locked")
    OPEN = "open", _("In preparation")
    SUBMITTED = "submitted", _("Awaiting sign-off")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class StageProgress(Versioned):
    """Where one city stands on one stage: its state, its narrative and its evidence.

    `state` is changed only by `candidacy.services`; every change writes a `Transition`.
    """

    candidacy = models.ForeignKey(
        Candidacy, on_delete=models.CASCADE, related_name="stages", verbose_name=_("candidacy")
    )
    definition = models.ForeignKey(
        StageDefinition,
        on_delete=models.PROTECT,
        related_name="progresses",
        verbose_name=_("stage"),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=StageState.choices,
        default=StageState.LOCKED,
        editable=False,
    )
    narrative = capped_text(_("narrative"), max_length=NARRATIVE_MAX_LENGTH, blank=True)
    round = models.PositiveSmallIntegerField(_("round"), default=1, editable=False)
    opened_at = models.DateTimeField(_("opened"), null=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, editable=False)
    approved_at = models.DateTimeField(_("approved"), null=True, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["candidacy", "definition__position"]
        verbose_name = _("stage progress")
        verbose_name_plural = _("stage progress")
        constraints = [
            models.UniqueConstraint(
                fields=["candidacy", "definition"], name="one_progress_per_stage"
            )
        ]
        indexes = [
            models.Index(fields=["state"]),
            # The admin's list of stages, oldest submission first (its order, with the
            # admin's "-pk"): a page reads the first rows of the index, not every stage.
            models.Index(fields=["submitted_at", "-id"], name="stage_progress_submitted"),
        ]

    def __str__(self):
        return f"{self.candidacy.city} – {self.definition.title}"

    @property
    def submission(self) -> str:
        """Names the submission a signatory sees (its round and when it was submitted), so a
        decision can say which one it decides; "" while nothing is submitted."""
        if self.state != StageState.SUBMITTED or self.submitted_at is None:
            return ""
        return f"{self.round}.{self.submitted_at.isoformat()}"

    @property
    def is_editable_state(self) -> bool:
        return self.state in (StageState.OPEN, StageState.RETURNED)

    def dated_since_opened(self, moment):
        """`moment` (a submission, an approval) if it belongs to the stage since it was last
        opened, else None: a return or a renewal opens the stage again (`opened_at`) and keeps
        the earlier submission's and approval's times, which a timeline shows before the
        opening (a return) or not at all (a renewal's earlier cycle), never after it."""
        if moment is None or (self.opened_at is not None and moment < self.opened_at):
            return None
        return moment

    @property
    def submitted_since_opened(self):
        return self.dated_since_opened(self.submitted_at)

    @property
    def approved_since_opened(self):
        return self.dated_since_opened(self.approved_at)


class SignOff(models.Model):
    """An approval given by one signatory role for the stage's current submission. A return
    clears them, so a joint stage needs every signatory to approve the same submission."""

    progress = models.ForeignKey(
        StageProgress, on_delete=models.CASCADE, related_name="signoffs", verbose_name=_("stage")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("signed by")
    )
    comment = capped_text(_("comment"), max_length=NOTE_MAX_LENGTH, blank=True)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)

    class Meta:
        ordering = ["signed_at"]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        constraints = [
            models.UniqueConstraint(fields=["progress", "role"], name="one_signoff_per_role")
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.user}"


def evidence_path(instance, filename):
    return f"evidence/{instance.progress.candidacy.city_id}/{instance.progress_id}/{filename}"


class Evidence(models.Model):
    """A document attached to a stage (decree, plan, report, photo), checked on upload for size,
    extension and content by `core.uploads`."""

    progress = models.ForeignKey(
        StageProgress, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("stage")
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")

    def __str__(self):
        return self.original_name


class Transition(models.Model):
    """The history of a stage: every change of state, written by the service that made it."""

    class Action(models.TextChoices):
        OPEN = "open", _("opened")
        SUBMIT = "submit", _("submitted")
        APPROVE = "approve", _("approved")
        SIGN = "sign", _("signed (awaiting other signatories)")
        RETURN = "return", _("returned")
        REOPEN = "reopen", _("reopened")
        LOCK = "lock", _("locked again")
        RENEW = "renew", _("opened a new review round")
        WITHDRAW = "withdraw", _("withdrew the candidacy")
        RECALL = "recall", _("recalled before sign-off")

    progress = models.ForeignKey(
        StageProgress, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("stage")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("by"),
    )
    actor_role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    from_state = models.CharField(_("from"), max_length=20, choices=StageState.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=StageState.choices)
    comment = capped_text(_("comment"), max_length=NOTE_MAX_LENGTH, blank=True)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("stage history entry")
        verbose_name_plural = _("stage history")

    def __str__(self):
        return f"{self.progress}: {self.from_state} → {self.to_state}"


#: The same warning (and msgid) as the stakeholders' comments: a note is about the work.
COMMENT_CHILD_DATA_WARNING = _(
    "Describe topics, never children: a child's name, contact or other personal data does not "
    "belong here."
)


class StageComment(models.Model):
    """A note in a stage's thread, written through `candidacy.comments.stage_comment_add`:
    "to the city" (the city's office, the stage's signatories and the programme's coordinators
    read it) or "internal" (signatories and coordinators only; never the city's office). Who
    reads which is `candidacy.permissions.visible_comments_q`. Append-only."""

    class Visibility(models.TextChoices):
        CITY = "city", _("To the city")
        INTERNAL = "internal", _("Internal")

    progress = models.ForeignKey(
        StageProgress, on_delete=models.CASCADE, related_name="comments", verbose_name=_("stage")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("author")
    )
    body = capped_text(
        _("comment"), max_length=NOTE_MAX_LENGTH, help_text=COMMENT_CHILD_DATA_WARNING
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.CITY
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("stage comment")
        verbose_name_plural = _("stage comments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=["city", "internal"]),
                name="stage_comment_visibility_known",
            )
        ]

    def __str__(self):
        return self.body[:60]


class Recognition(models.Model):
    """One cycle of a city's recognition: from the approval of a stage that grants recognition
    to the end of its validity. Written by `candidacy.services` in the transaction of that
    approval (a renewal starts the next cycle and names it on the one before, `renewed_by`);
    `lapsed_on` is set by `manage.py record_lapses` for a cycle whose end passed without
    renewal. Earlier cycles stay on the record, the programme's closure included."""

    candidacy = models.ForeignKey(
        Candidacy,
        on_delete=models.CASCADE,
        related_name="recognitions",
        verbose_name=_("candidacy"),
    )
    cycle = models.PositiveSmallIntegerField(
        _("cycle"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    starts_on = models.DateField(_("starts on"), validators=[plausible_date])
    ends_on = models.DateField(_("ends on"), validators=[plausible_date])
    lapsed_on = models.DateField(
        _("lapsed on"), null=True, blank=True, editable=False, validators=[plausible_date]
    )
    renewed_by = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="renews",
        verbose_name=_("renewed by"),
    )

    class Meta:
        ordering = ["candidacy", "cycle"]
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        constraints = [
            models.UniqueConstraint(fields=["candidacy", "cycle"], name="recognition_cycle_unique"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="recognition_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.candidacy} – {self.cycle}"

    @property
    def ended_with_programme(self) -> bool:
        """The cycle ended, unrenewed, after its programme closed (`ended_with_programme`):
        "ended (programme closed)", not lapsed. Reads the candidacy's city's programme (the
        lists select it with the cycle)."""
        programme = self.candidacy.city.programme
        return self.renewed_by_id is None and ended_with_programme(
            self.ends_on,
            programme_status=programme.status,
            programme_closed_on=programme.closed_on,
            today=timezone.localdate(),
        )


class RecognitionCorrection(models.Model):
    """A correction of a recognition cycle's dates (a start typed wrong at the approval), with
    the dates before and after and the reason. Written by
    `candidacy.services.recognition_dates_correct` in the transaction of the correction."""

    recognition = models.ForeignKey(
        Recognition,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("recognition"),
    )
    from_starts_on = models.DateField(_("start before"), validators=[plausible_date])
    from_ends_on = models.DateField(_("end before"), validators=[plausible_date])
    to_starts_on = models.DateField(_("start after"), validators=[plausible_date])
    to_ends_on = models.DateField(_("end after"), validators=[plausible_date])
    note = capped_text(_("reason"), max_length=NOTE_MAX_LENGTH)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("recognition correction")
        verbose_name_plural = _("recognition corrections")

    def __str__(self):
        return f"{self.recognition} ({self.at:%Y-%m-%d})"
