"""The people around a city: the organisations it works with and the councils they sit on.

Children's councils are recorded in aggregate only: the portal never holds a child's name or
contact. Council members are organisations and their (adult) representatives.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cities.models import City, Programme


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
        return gettext(self.name)  # the demo's and seeds' types are in the catalogue


class Organisation(models.Model):
    """A body a city works with: a municipal department, a provincial agency, an NGO..."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("name"), max_length=250)
    inside_municipality = models.BooleanField(_("inside the municipality"), default=False)

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="organisation_name_per_city")
        ]

    def __str__(self):
        return self.name


class Council(models.Model):
    """One of a city's councils (its policy council, steering council, children's council...)."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="councils")
    council_type = models.ForeignKey(
        CouncilType, on_delete=models.PROTECT, related_name="councils", verbose_name=_("type")
    )
    name = models.CharField(_("name"), max_length=200)
    established_on = models.DateField(_("established on"), null=True, blank=True)

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


class CouncilMember(models.Model):
    """An organisation's seat on a council, with its (adult) representative and term."""

    class SeatRole(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

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
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)

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
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.council})"

    def clean(self):
        errors = {}
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = _("The term cannot end before it starts.")
        if self.organisation_id and self.council_id:
            if self.organisation.city_id != self.council.city_id:
                errors["organisation"] = _("Choose one of this city's organisations.")
        if errors:
            raise ValidationError(errors)
