"""The people around a city: the organisations it works with, the councils they sit on, how
children are heard, and who committed to what in the city's memoranda.

Children's councils are recorded in aggregate only: the portal never holds a child's name or
contact. Council members are organisations and their (adult) representatives; a children's
council's make-up is a set of counts, its sessions and proposals are about topics, not children.

Every change made through `stakeholders.services` leaves a `StakeholderChange` row.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cities.calendars import date_format
from cities.models import City, District, KeepsProgramme, Organisation, Programme
from cities.validators import (
    DESCRIPTION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    capped_text,
    plausible_date,
    plausible_headcount,
)
from core.versions import Versioned

#: Help text for every free-text field that could be tempted to hold something about a child.
CHILD_DATA_WARNING = _(
    "Describe topics, never children: a child's name, contact or other personal data does not "
    "belong here."
)


class CouncilType(models.Model):
    """A kind of council a programme recognises (policy council, think tank...): data."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="council_types")
    key = models.SlugField(_("key"))
    name = models.CharField(_("name"), max_length=150)
    involves_children = models.BooleanField(
        _("children take part"),
        default=False,
        help_text=_("Children's councils are recorded in aggregate, never child by child."),
    )

    class Meta:
        ordering = ["programme", "name"]
        verbose_name = _("council type")
        verbose_name_plural = _("council types")
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="council_type_key")
        ]

    def __str__(self):
        return self.name


class Council(Versioned):
    """One of a city's councils (its policy council, steering council, children's council...)."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="councils")
    council_type = models.ForeignKey(
        CouncilType, on_delete=models.PROTECT, related_name="councils", verbose_name=_("type")
    )
    name = models.CharField(_("name"), max_length=200)
    established_on = models.DateField(
        _("established on"), null=True, blank=True, validators=[plausible_date]
    )

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self):
        return self.name

    def clean(self):
        if self.council_type_id and self.city_id:
            if self.council_type.programme_id != self.city.programme_id:
                raise ValidationError(
                    {"council_type": _("Choose a council type of the city's own programme.")}
                )


class CouncilMember(Versioned):
    """An organisation's seat on a council, with its (adult) representative and term.

    A seat is *current* until `ended_on` is set. Replacing the representative ends the row and
    starts a new one, so the council's history keeps who sat for the organisation and when. While
    current, an organisation holds one seat per council, and a council has one chair and one
    secretary (database constraints, with the same rules checked in `clean` for the message).
    """

    class SeatRole(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    #: The roles a council has only one current holder of.
    SINGLE_SEAT_ROLES = (SeatRole.CHAIR, SeatRole.SECRETARY)

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="seats",
        verbose_name=_("organisation"),
    )
    representative = models.CharField(
        _("representative"),
        max_length=200,
        blank=True,
        help_text=_(
            "The adult who represents the organisation. A child's name or other personal "
            "data does not belong here."
        ),
    )
    position = models.CharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_(
            "The representative's job title. A child's personal data does not belong here."
        ),
    )
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_(
            "A work e-mail or telephone of the adult representative. A child's contact or "
            "other personal data does not belong here."
        ),
    )
    seat_role = models.CharField(
        _("role in the council"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER
    )
    term_start = models.DateField(
        _("term starts"), null=True, blank=True, validators=[plausible_date]
    )
    term_end = models.DateField(_("term ends"), null=True, blank=True, validators=[plausible_date])
    ended_on = models.DateField(
        _("left the council on"),
        null=True,
        blank=True,
        validators=[plausible_date],
        help_text=_("Set when the representative was replaced or the seat was given up."),
    )

    class Meta:
        ordering = ["council", "organisation__name"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_start__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="member_term_ends_after_start",
                violation_error_message=_("The term cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(term_start__isnull=True)
                | models.Q(ended_on__gte=models.F("term_start")),
                name="member_leaves_after_start",
                violation_error_message=_("A member cannot leave before the term starts."),
            ),
            models.UniqueConstraint(
                fields=["council", "organisation"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_seat_per_organisation",
                violation_error_message=_(
                    "This organisation already holds a current seat on the council."
                ),
            ),
            models.UniqueConstraint(
                fields=["council", "seat_role"],
                condition=models.Q(ended_on__isnull=True, seat_role__in=["chair", "secretary"]),
                name="one_current_chair_and_secretary",
                violation_error_message=_("The council already has a current holder of this role."),
            ),
        ]
        indexes = [
            # An organisation's current seats (the admin's list counts them per row shown);
            # the seat constraint above leads with the council.
            models.Index(
                fields=["organisation"],
                condition=models.Q(ended_on__isnull=True),
                name="current_seats_of_organisation",
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.council})"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    def clean(self):
        errors = {}
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = _("The term cannot end before it starts.")
        if self.term_start and self.ended_on and self.ended_on < self.term_start:
            errors["ended_on"] = _("A member cannot leave before the term starts.")
        if self.organisation_id and self.council_id:
            if self.organisation.city_id != self.council.city_id:
                errors["organisation"] = _("Choose one of this city's organisations.")
        if self.ended_on is None and self.council_id and not errors:
            current = CouncilMember.objects.filter(
                council_id=self.council_id, ended_on__isnull=True
            ).exclude(pk=self.pk)
            if self.organisation_id and current.filter(organisation_id=self.organisation_id):
                errors["organisation"] = _(
                    "%(organisation)s already holds a current seat on this council. To change "
                    "who represents it, replace its representative instead."
                ) % {"organisation": self.organisation.name}
            if self.seat_role in self.SINGLE_SEAT_ROLES:
                holder = (
                    current.filter(seat_role=self.seat_role).select_related("organisation").first()
                )
                if holder is not None:
                    errors["seat_role"] = _(
                        "The council already has a current %(role)s (%(organisation)s). Replace "
                        "that representative, or end that seat first."
                    ) % {
                        "role": self.get_seat_role_display().lower(),
                        "organisation": holder.organisation.name,
                    }
        if errors:
            raise ValidationError(errors)


# --- children's participation -------------------------------------------------------------------


def require_children_council(council: Council, field: str | None = "council") -> None:
    """Refuse (`ValidationError`, keyed by `field` unless it is None) a record of children's
    participation for a council in which children do not take part."""
    if council.council_type_id and not council.council_type.involves_children:
        message = _("Only a council in which children take part records this.")
        raise ValidationError({field: message} if field else message)


#: What a children's council's make-up records: its date, the counts, how the members were chosen
#: and who takes part (its form's fields and what `makeup_save` accepts).
MAKEUP_FIELDS = (
    "recorded_on",
    "girls_under_10",
    "boys_under_10",
    "girls_10_13",
    "boys_10_13",
    "girls_14_17",
    "boys_14_17",
    "selection",
    "selection_note",
    "children_with_disabilities",
    "minority_children",
)


class ChildrenCounts(models.Model):
    """Children counted in aggregate by age band and sex: a children's council's members, the
    children who put a proposal forward. Never a child's name, contact or other personal data.
    The age bands are defined here once (`AGE_BANDS`) for every model and figure that counts
    children so."""

    girls_under_10 = models.PositiveSmallIntegerField(
        _("girls under 10"), default=0, validators=[plausible_headcount]
    )
    boys_under_10 = models.PositiveSmallIntegerField(
        _("boys under 10"), default=0, validators=[plausible_headcount]
    )
    girls_10_13 = models.PositiveSmallIntegerField(
        _("girls aged 10 to 13"), default=0, validators=[plausible_headcount]
    )
    boys_10_13 = models.PositiveSmallIntegerField(
        _("boys aged 10 to 13"), default=0, validators=[plausible_headcount]
    )
    girls_14_17 = models.PositiveSmallIntegerField(
        _("girls aged 14 to 17"), default=0, validators=[plausible_headcount]
    )
    boys_14_17 = models.PositiveSmallIntegerField(
        _("boys aged 14 to 17"), default=0, validators=[plausible_headcount]
    )
    #: (age band label, girls field, boys field), in age order.
    AGE_BANDS = (
        (_("Under 10"), "girls_under_10", "boys_under_10"),
        (_("10 to 13"), "girls_10_13", "boys_10_13"),
        (_("14 to 17"), "girls_14_17", "boys_14_17"),
    )

    #: Every count's field, girls then boys per band, in age order.
    COUNT_FIELDS = tuple(name for _label, g, b in AGE_BANDS for name in (g, b))

    class Meta:
        abstract = True

    @property
    def bands(self) -> list[tuple[str, int, int, int]]:
        """(label, girls, boys, total) per age band."""
        return [
            (label, getattr(self, g), getattr(self, b), getattr(self, g) + getattr(self, b))
            for label, g, b in self.AGE_BANDS
        ]

    @property
    def girls(self) -> int:
        return sum(getattr(self, g) for _label, g, _b in self.AGE_BANDS)

    @property
    def boys(self) -> int:
        return sum(getattr(self, b) for _label, _g, b in self.AGE_BANDS)

    @property
    def total(self) -> int:
        return self.girls + self.boys


class ChildrenCouncilMakeUp(ChildrenCounts, Versioned):
    """Who sits on a children's council, in aggregate only: counts by age band and sex, how
    they were chosen, and whether children with disabilities and from minorities take part.
    Never a child's name, contact or any other personal data."""

    class Selection(models.TextChoices):
        ELECTED_SCHOOLS = "elected_schools", _("Elected in their schools")
        ELECTED_DISTRICTS = "elected_districts", _("Elected in their districts")
        OPEN_CALL = "open_call", _("Open call, every applicant taken")
        NOMINATED = "nominated", _("Nominated by schools or organisations")
        MIXED = "mixed", _("A mix of these")
        OTHER = "other", _("Other (described below)")

    class Inclusion(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("Not known")

    council = models.OneToOneField(
        Council, on_delete=models.CASCADE, related_name="makeup", verbose_name=_("council")
    )
    recorded_on = models.DateField(
        _("as of"), default=timezone.localdate, validators=[plausible_date]
    )
    selection = models.CharField(
        _("how the members were chosen"),
        max_length=20,
        choices=Selection.choices,
        default=Selection.ELECTED_SCHOOLS,
    )
    selection_note = capped_text(
        _("more about how they were chosen"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=CHILD_DATA_WARNING,
    )
    children_with_disabilities = models.CharField(
        _("children with disabilities take part"),
        max_length=10,
        choices=Inclusion.choices,
        default=Inclusion.UNKNOWN,
    )
    minority_children = models.CharField(
        _("children from minorities take part"),
        max_length=10,
        choices=Inclusion.choices,
        default=Inclusion.UNKNOWN,
    )

    class Meta:
        verbose_name = _("children's council make-up")
        verbose_name_plural = _("children's council make-ups")

    def __str__(self):
        return gettext("Make-up of %(council)s") % {"council": self.council}

    def clean(self):
        if self.council_id:
            require_children_council(self.council)


def stakeholder_document_path(instance, filename):
    """Documents live per city: stakeholders/<city id>/<model>/<file name>."""
    return f"stakeholders/{instance.city_id_for_storage}/{instance._meta.model_name}/{filename}"


class ChildrenCouncilSession(Versioned):
    """A meeting of a children's council: when, about what, how many children came, and the
    minutes as a document (checked like stage evidence)."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("council")
    )
    held_on = models.DateField(_("held on"), validators=[plausible_date])
    topic = models.CharField(_("topic"), max_length=300, help_text=CHILD_DATA_WARNING)
    attendance = models.PositiveSmallIntegerField(
        _("children attending"),
        validators=[plausible_headcount],
        help_text=_("How many children took part: a number, no names."),
    )
    minutes = models.FileField(
        _("minutes"), upload_to=stakeholder_document_path, max_length=300, blank=True
    )
    minutes_name = models.CharField(_("file name"), max_length=200, blank=True)
    minutes_content_type = models.CharField(_("content type"), max_length=100, blank=True)

    class Meta:
        ordering = ["council", "-held_on", "-pk"]
        verbose_name = _("children's council session")
        verbose_name_plural = _("children's council sessions")

    def __str__(self):
        return f"{self.held_on}: {self.topic}"

    @property
    def city_id_for_storage(self):
        return self.council.city_id

    def clean(self):
        if self.council_id:
            require_children_council(self.council)


class ChildrenProposal(ChildrenCounts, KeepsProgramme, Versioned):
    """What a children's council asked the city for, and the city's answer: the rows of the
    city's "You said, we did" page. An accepted or implemented proposal may name the action of
    the city's operational plans that carries it out (`plan_action`, a string reference to the
    candidacy app's model; the city's actions are offered and checked through the candidacy
    app's public selector `plan_actions_of_city`).

    Who put it forward is recorded in aggregate only (`ChildrenCounts`: girls and boys per age
    band), with the district of the city it came from or concerns: what the public figures of
    proposals carried out break down by (`reporting.figures`).
    """

    programme_from = "council.city.programme_id"

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        CONSIDERING = "considering", _("Under consideration")
        ACCEPTED = "accepted", _("Accepted")
        IMPLEMENTED = "implemented", _("Implemented")
        DECLINED = "declined", _("Declined")

    #: Statuses that are a decision, and so need the city's answer.
    DECIDED = (Status.ACCEPTED, Status.IMPLEMENTED, Status.DECLINED)

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("council")
    )
    title = models.CharField(
        _("what the children asked for"), max_length=250, help_text=CHILD_DATA_WARNING
    )
    details = capped_text(
        _("details"), max_length=DESCRIPTION_MAX_LENGTH, blank=True, help_text=CHILD_DATA_WARNING
    )
    received_on = models.DateField(_("received on"), validators=[plausible_date])
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    answer = capped_text(
        _("the city's answer"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        help_text=_(
            "What the city did or will do, in words the children's council can read. "
            "A child's personal data does not belong here."
        ),
    )
    answered_on = models.DateField(
        _("answered on"), null=True, blank=True, validators=[plausible_date]
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="proposals",
        null=True,
        blank=True,
        verbose_name=_("responsible organisation"),
    )
    plan_action = models.ForeignKey(
        "candidacy.PlanAction",
        on_delete=models.SET_NULL,
        related_name="children_proposals",
        null=True,
        blank=True,
        verbose_name=_("plan action"),
        help_text=_("The action of the city's operational plans that carries the proposal out."),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        related_name="children_proposals",
        null=True,
        blank=True,
        verbose_name=_("district"),
        help_text=_("The district of the city the proposal came from or concerns, if one."),
    )

    class Meta:
        ordering = ["council", "-received_on", "-pk"]
        verbose_name = _("children's proposal")
        verbose_name_plural = _("children's proposals")
        indexes = [
            models.Index(
                fields=["programme", "-received_on", "-id"], name="proposal_programme_received"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True)
                | models.Q(answered_on__gte=models.F("received_on")),
                name="proposal_answered_after_received",
                violation_error_message=_("A proposal cannot be answered before it was received."),
            )
        ]

    def __str__(self):
        return self.title

    def _plan_action_in_city(self) -> bool:
        # Imported here: this module is loaded while the app registry is being populated.
        from candidacy.selectors import plan_actions_of_city

        return plan_actions_of_city(self.council.city_id).filter(pk=self.plan_action_id).exists()

    def clean(self):
        errors = {}
        if self.council_id:
            try:
                require_children_council(self.council)
            except ValidationError as error:
                errors.update(error.message_dict)
            if (
                self.responsible_organisation_id
                and self.responsible_organisation.city_id != self.council.city_id
            ):
                errors["responsible_organisation"] = _("Choose one of this city's organisations.")
            if self.district_id and self.district.city_id != self.council.city_id:
                errors["district"] = _("Choose one of this city's districts.")
            if self.plan_action_id and not self._plan_action_in_city():
                errors["plan_action"] = _("Choose an action of this city's own plans.")
        if self.answered_on and self.received_on and self.answered_on < self.received_on:
            errors["answered_on"] = _("A proposal cannot be answered before it was received.")
        if self.status in self.DECIDED and not self.answer.strip():
            errors["answer"] = _(
                "Write the city's answer: the children's council is told what was decided and why."
            )
        if self.answer.strip() and not self.answered_on:
            errors["answered_on"] = _("Give the date of the city's answer.")
        if errors:
            raise ValidationError(errors)


# --- memoranda and commitments ------------------------------------------------------------------


class Memorandum(Versioned):
    """A memorandum the city signed (with the ministry, UNICEF, the akimat...), whose parties'
    commitments are tracked in `Commitment`."""

    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="memoranda", verbose_name=_("city")
    )
    title = models.CharField(_("title"), max_length=250)
    parties = models.CharField(
        _("parties"),
        max_length=500,
        help_text=_("Who signed it, e.g. the Ministry of Interior, UNICEF and the municipality."),
    )
    signed_on = models.DateField(_("signed on"), validators=[plausible_date])
    summary = capped_text(_("summary"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    document = models.FileField(
        _("document"), upload_to=stakeholder_document_path, max_length=300, blank=True
    )
    document_name = models.CharField(_("file name"), max_length=200, blank=True)
    document_content_type = models.CharField(_("content type"), max_length=100, blank=True)

    class Meta:
        ordering = ["city", "-signed_on", "pk"]
        verbose_name = _("memorandum")
        verbose_name_plural = _("memoranda")

    def __str__(self):
        return self.title

    @property
    def city_id_for_storage(self):
        return self.city_id

    def clean(self):
        if self.pk and self.signed_on:
            early = self.commitments.filter(due_on__lt=self.signed_on).first()
            if early is not None:
                raise ValidationError(
                    {
                        "signed_on": _(
                            "A commitment of this memorandum is due on %(due)s, before this "
                            "date. Change that commitment first."
                        )
                        % {"due": date_format(early.due_on)}
                    }
                )


class Commitment(KeepsProgramme, Versioned):
    """What one party of a memorandum promised, by when, and whether it was kept. Overdue is
    computed from the due date (never stored)."""

    programme_from = "memorandum.city.programme_id"

    class Party(models.TextChoices):
        CITY = "city", _("City")
        MINISTRY = "ministry", _("Ministry or national coordinator")
        UNICEF = "unicef", _("UNICEF")
        PROVINCE = "province", _("Province or akimat")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        FULFILLED = "fulfilled", _("Fulfilled")
        CANCELLED = "cancelled", _("Cancelled")

    memorandum = models.ForeignKey(
        Memorandum,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("memorandum"),
    )
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
    party_name = models.CharField(
        _("name of the other party"),
        max_length=200,
        blank=True,
        help_text=_("Only when the party is “Other”."),
    )
    description = capped_text(_("what was promised"), max_length=DESCRIPTION_MAX_LENGTH)
    due_on = models.DateField(_("due on"), null=True, blank=True, validators=[plausible_date])
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    status_changed_on = models.DateField(
        _("status changed on"), null=True, blank=True, validators=[plausible_date]
    )
    evidence_note = capped_text(
        _("evidence"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("How the commitment was kept or why it was cancelled."),
    )
    evidence = models.FileField(
        _("evidence document"), upload_to=stakeholder_document_path, max_length=300, blank=True
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    evidence_content_type = models.CharField(_("content type"), max_length=100, blank=True)

    class Meta:
        ordering = ["memorandum", "due_on", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [
            models.Index(fields=["programme", "due_on", "id"], name="commitment_programme_due")
        ]

    def __str__(self):
        return f"{self.party_label}: {self.description[:60]}"

    @property
    def city_id_for_storage(self):
        return self.memorandum.city_id

    @property
    def party_label(self) -> str:
        if self.party == self.Party.OTHER and self.party_name:
            return self.party_name
        return str(self.Party(self.party).label) if self.party else ""

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PENDING

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    def clean(self):
        errors = {}
        if self.party == self.Party.OTHER and not self.party_name.strip():
            errors["party_name"] = _("Name the other party.")
        if self.party and self.party != self.Party.OTHER and self.party_name.strip():
            errors["party_name"] = _("Name a party only when it is “Other”.")
        if self.memorandum_id and self.due_on and self.due_on < self.memorandum.signed_on:
            errors["due_on"] = _(
                "A commitment cannot be due before the memorandum was signed (%(signed)s)."
            ) % {"signed": date_format(self.memorandum.signed_on)}
        if errors:
            raise ValidationError(errors)


# --- comments and history -----------------------------------------------------------------------


class StakeholderComment(models.Model):
    """A comment on a council, a children's proposal or a memorandum: how coordinators (and the
    city's office, answering them) discuss a city's stakeholders. Append-only."""

    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="stakeholder_comments", verbose_name=_("city")
    )
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    proposal = models.ForeignKey(
        ChildrenProposal, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    memorandum = models.ForeignKey(
        Memorandum, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("author")
    )
    body = capped_text(_("comment"), max_length=NOTE_MAX_LENGTH, help_text=CHILD_DATA_WARNING)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(council__isnull=False, proposal=None, memorandum=None)
                    | models.Q(council=None, proposal__isnull=False, memorandum=None)
                    | models.Q(council=None, proposal=None, memorandum__isnull=False)
                ),
                name="comment_on_exactly_one_thing",
            )
        ]

    def __str__(self):
        return self.body[:60]


class StakeholderChange(models.Model):
    """The history of a city's stakeholders: one row per change, written by the service that made
    it in the same transaction. Who, when, what kind of thing, which one, and what changed."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        REMOVED = "removed", _("removed")
        REPLACED = "replaced", _("replaced")
        STATUS_CHANGED = "status_changed", _("status changed")

    class ObjectType(models.TextChoices):
        ORGANISATION = "organisation", _("organisation")
        COUNCIL = "council", _("council")
        MEMBER = "councilmember", _("council member")
        MAKEUP = "childrencouncilmakeup", _("children's council make-up")
        SESSION = "childrencouncilsession", _("children's council session")
        PROPOSAL = "childrenproposal", _("children's proposal")
        MEMORANDUM = "memorandum", _("memorandum")
        COMMITMENT = "commitment", _("commitment")
        COMMENT = "stakeholdercomment", _("comment")

    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="stakeholder_changes", verbose_name=_("city")
    )
    object_type = models.CharField(_("kind"), max_length=30, choices=ObjectType.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    summary = models.CharField(_("summary"), max_length=500)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("stakeholder change")
        verbose_name_plural = _("stakeholder changes")
        indexes = [models.Index(fields=["city", "-created_at"], name="stakeholder_change_city")]

    def __str__(self):
        return f"{self.get_object_type_display()} {self.object_id}: {self.get_action_display()}"
