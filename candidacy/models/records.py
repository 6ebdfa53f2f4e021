"""The structured records of the stages (issue 3, first part).

A record is one-to-one with its `StageProgress`; a kind that keeps a list (the CFC database's
data sets, the stocktake's initiatives) has rows with a foreign key to the stage instead. The
documents a record requires (the founding decree, a letter, a certificate) are the stage's own
`Evidence` documents, chosen in the record's form, so that they are uploaded, checked, listed and
downloaded exactly like every other document of the stage.

Records are written only through `candidacy.records.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.calendars import calendar_year, year_format
from cities.models import District
from cities.validators import (
    DESCRIPTION_MAX_LENGTH,
    capped_text,
    plausible_date,
    plausible_headcount,
)
from core.versions import Versioned

from .pipeline import Evidence, StageProgress


class GoalArea(models.TextChoices):
    """The five goal areas of UNICEF's Child-Friendly Cities Initiative, shared by every kind
    of record that sorts its content by goal area (data sets, initiatives, later gaps and
    actions)."""

    SAFE_AND_PROTECTED = "safe_protected", _("Safe and protected")
    ESSENTIAL_SERVICES = "essential_services", _("A fair share of essential services")
    VOICE = "voice", _("A voice in decisions")
    ENVIRONMENT = "environment", _("A safe, clean environment")
    FAMILY_PLAY_LEISURE = "family_play_leisure", _("Family, play and leisure")


class UpdateFrequency(models.TextChoices):
    CONTINUOUS = "continuous", _("Continuously")
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter")
    YEARLY = "yearly", _("Every year")
    MULTI_YEAR = "multi_year", _("Every few years")
    ONCE = "once", _("Once (not updated)")


def not_in_future(day) -> None:
    """A record states what has happened: its dates cannot lie after today."""
    if day is not None and day > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future")


def year_not_in_future(year) -> None:
    """A stored (Gregorian) year up to this one; the message counts in the page's calendar."""
    if year is not None and year > timezone.localdate().year:
        raise ValidationError(
            _("The year %(year)s has not come yet.") % {"year": year_format(year)}, code="future"
        )


def required_document(verbose_name):
    return models.ForeignKey(
        Evidence,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class ConstraintOnField:
    """A model mixin for a model whose unique constraint is told on one field in the user's
    words: `constraint_error = (field, message)` replaces Django's generic message."""

    constraint_error: tuple[str, str]

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude)
        except ValidationError as error:
            field, message = self.constraint_error
            raise ValidationError({field: message}) from error


class StageRecord(Versioned):
    """What every one-to-one record shares: its stage and who changed it last."""

    progress = models.OneToOneField(
        StageProgress,
        on_delete=models.CASCADE,
        related_name="%(class)s",
        verbose_name=_("stage"),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )

    #: The name of this record's required document field, if it has one.
    document_field = ""

    class Meta:
        abstract = True

    def __str__(self):
        return str(self.progress)

    def clean(self):
        super().clean()
        field = self.document_field
        document_id = getattr(self, f"{field}_id", None) if field else None
        if document_id is not None and self.progress_id is not None:
            # Only a document of this very stage may be chosen.
            document = getattr(self, field)
            if document.progress_id != self.progress_id:
                raise ValidationError(
                    {field: _("Choose one of the documents attached to this stage.")}
                )


class OfficeRecord(StageRecord):
    """Office formation: the municipality's CFC office and the decree that established it."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "office_name",
        "parent_department",
        "established_on",
        "reference_number",
        "head_name",
        "head_title",
        "staff_count",
        "decree",
    )

    office_name = models.CharField(_("office name"), max_length=200)
    parent_department = models.CharField(
        _("parent department"),
        max_length=200,
        help_text=_("The department or deputy the office reports to."),
    )
    established_on = models.DateField(
        _("date established"), validators=[plausible_date, not_in_future]
    )
    reference_number = models.CharField(_("decree or reference number"), max_length=100)
    head_name = models.CharField(_("head of office"), max_length=200)
    head_title = models.CharField(_("title of the head of office"), max_length=200)
    staff_count = models.SmallIntegerField(
        _("staff"),
        validators=[
            MinValueValidator(
                1, message=_("Give the number of staff: one or more, never negative.")
            ),
            plausible_headcount,
        ],
    )
    decree = required_document(_("founding decree"))

    document_field = "decree"

    class Meta:
        verbose_name = _("office record")
        verbose_name_plural = _("office records")
        constraints = [
            models.CheckConstraint(condition=models.Q(staff_count__gte=1), name="office_has_staff")
        ]


class LetterRecord(StageRecord):
    """A submission, request or memorandum: the letter itself and where it went."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "reference",
        "dated_on",
        "addressee",
        "letter",
    )

    reference = models.CharField(_("reference"), max_length=100)
    dated_on = models.DateField(_("date"), validators=[plausible_date, not_in_future])
    addressee = models.CharField(
        _("addressee or parties"),
        max_length=300,
        help_text=_("Who the letter is addressed to, or the parties to the memorandum."),
    )
    letter = required_document(_("letter"))

    document_field = "letter"

    class Meta:
        verbose_name = _("letter record")
        verbose_name_plural = _("letter records")


class GrantRecord(StageRecord):
    """Candidacy, badge, certification or recognition: what was granted and its certificate.
    How long a recognition stays valid is the candidacy's (`Candidacy.recognised_until`)."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "granted_on",
        "certificate_number",
        "certificate",
    )

    granted_on = models.DateField(_("date granted"), validators=[plausible_date, not_in_future])
    certificate_number = models.CharField(_("certificate number"), max_length=100)
    certificate = required_document(_("certificate"))

    document_field = "certificate"

    class Meta:
        verbose_name = _("grant record")
        verbose_name_plural = _("grant records")


class NetworkRecord(StageRecord):
    """Network membership: when the city joined and who its contact in the network is."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "joined_on",
        "contact_name",
        "contact_email",
    )

    joined_on = models.DateField(_("date joined"), validators=[plausible_date, not_in_future])
    contact_name = models.CharField(
        _("contact in the network"),
        max_length=200,
        help_text=_("The person or office the city deals with in the network."),
    )
    contact_email = models.EmailField(_("contact's e-mail"), blank=True)

    class Meta:
        verbose_name = _("network membership record")
        verbose_name_plural = _("network membership records")


class StageRow(Versioned):
    """A row of a kind that keeps a list; belongs to the stage directly."""

    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    document_field = ""  # rows require no document

    class Meta:
        abstract = True


class DataSet(StageRow):
    """CFC database: one data set about the city's children in the office's inventory."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "name",
        "goal_area",
        "source_agency",
        "districts",
        "age_groups",
        "by_sex",
        "by_age",
        "by_disability",
        "update_frequency",
        "last_updated",
    )

    progress = models.ForeignKey(
        StageProgress, on_delete=models.CASCADE, related_name="datasets", verbose_name=_("stage")
    )
    name = models.CharField(_("name"), max_length=200)
    goal_area = models.CharField(_("goal area"), max_length=30, choices=GoalArea.choices)
    source_agency = models.CharField(_("source agency"), max_length=200)
    districts = models.ManyToManyField(
        District,
        blank=True,
        related_name="+",
        verbose_name=_("coverage"),
        help_text=_("The districts the data covers; choose none if it covers the whole city."),
    )
    age_groups = models.CharField(
        _("age groups"), max_length=100, help_text=_("For example: 0–5, 6–11, 12–17.")
    )
    by_sex = models.BooleanField(_("by sex"), default=False)
    by_age = models.BooleanField(_("by age"), default=False)
    by_disability = models.BooleanField(_("by disability"), default=False)
    update_frequency = models.CharField(
        _("update frequency"), max_length=20, choices=UpdateFrequency.choices
    )
    last_updated = models.DateField(_("last updated"), validators=[plausible_date, not_in_future])

    class Meta:
        ordering = ["goal_area", "name", "pk"]
        verbose_name = _("data set")
        verbose_name_plural = _("data sets")

    def __str__(self):
        return self.name


class Initiative(StageRow):
    """Stocktake: something the city already does for children."""

    #: What a user may set: the forms' fields, and all the record services accept.
    editable_fields = (
        "title",
        "goal_area",
        "description",
        "district",
        "year_started",
        "responsible_body",
        "responsible_organisation",
        "beneficiaries",
        "good_practice",
    )

    progress = models.ForeignKey(
        StageProgress,
        on_delete=models.CASCADE,
        related_name="initiatives",
        verbose_name=_("stage"),
    )
    title = models.CharField(_("title"), max_length=200)
    goal_area = models.CharField(_("goal area"), max_length=30, choices=GoalArea.choices)
    description = capped_text(_("description"), max_length=DESCRIPTION_MAX_LENGTH)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
        help_text=_("Leave empty if the initiative serves the whole city."),
    )
    year_started = calendar_year(
        models.SmallIntegerField(
            _("year started"),
            validators=[
                MinValueValidator(1900, message=_("Give the year in full, e.g. 2019.")),
                year_not_in_future,
            ],
        )
    )
    # One of the city's catalogued organisations (the catalogue lives in `cities`, below both
    # candidacy and stakeholders); or, for a body that is not in the catalogue, its name as
    # free text. Exactly one of the two.
    responsible_body = models.ForeignKey(
        "cities.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("responsible organisation"),
        help_text=_("One of the city's organisations, if it is in the catalogue."),
    )
    responsible_organisation = models.CharField(
        _("responsible organisation (not in the catalogue)"),
        max_length=300,
        blank=True,
        help_text=_("Only if the organisation is not in the city's catalogue."),
    )
    beneficiaries = models.CharField(
        _("beneficiaries"),
        max_length=300,
        help_text=_(
            "Who benefits, in aggregate (e.g. “about 3,000 children under 6 a year”). "
            "Never name a child."
        ),
    )
    good_practice = models.BooleanField(_("good practice worth sharing"), default=False)

    class Meta:
        ordering = ["goal_area", "title", "pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_started__gte=1900), name="initiative_year_in_full"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def responsible_name(self) -> str:
        """The responsible organisation as shown: the catalogued one's name, else the text."""
        if self.responsible_body_id is not None:
            return self.responsible_body.name
        return self.responsible_organisation

    def clean(self):
        super().clean()
        errors = {}
        city_id = self.progress.candidacy.city_id if self.progress_id is not None else None
        if (
            self.district_id is not None
            and city_id is not None
            and self.district.city_id != city_id
        ):
            errors["district"] = _("Choose a district of this city.")
        if self.responsible_body_id is not None:
            if city_id is not None and self.responsible_body.city_id != city_id:
                errors["responsible_body"] = _("Choose one of this city's organisations.")
            elif self.responsible_organisation.strip():
                errors["responsible_organisation"] = _(
                    "Either choose an organisation of the catalogue or write the name of one "
                    "that is not in it, not both."
                )
        elif not self.responsible_organisation.strip():
            errors["responsible_body"] = _(
                "Choose the responsible organisation, or write its name below if it is not in "
                "the city's catalogue."
            )
        if errors:
            raise ValidationError(errors)
