"""Countries, their national CFC programmes, the cities taking part, and who works where."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .validators import plausible_date


class Country(models.Model):
    """A country that runs a national Child-Friendly Cities programme."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name


class Programme(models.Model):
    """A country's national CFC programme: who coordinates it and the calendar it dates in.

    Its ordered stage definitions live in `candidacy.StageDefinition`.
    """

    class Calendar(models.TextChoices):
        GREGORIAN = "gregorian", _("Gregorian")
        SOLAR_HIJRI = "solar_hijri", _("Solar Hijri")

    key = models.SlugField(_("key"), unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("country")
    )
    name = models.CharField(_("name"), max_length=200)
    coordinating_body = models.CharField(_("coordinating body"), max_length=300)
    calendar = models.CharField(
        _("calendar"), max_length=20, choices=Calendar.choices, default=Calendar.GREGORIAN
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language of people invited into the programme, until they choose their own, "
            "and of its public pages for readers whose browser asks for none of ours."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name


class City(models.Model):
    """A municipality taking part in its country's programme."""

    slug = models.SlugField(_("key"), unique=True)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="cities", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=120)
    region = models.CharField(_("region"), max_length=120, blank=True)
    joined_on = models.DateField(
        _("joined the programme on"), null=True, blank=True, validators=[plausible_date]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self):
        return self.name


class District(models.Model):
    """An urban district of a city (Isfahan has 15); plans and indicators may be per district."""

    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="districts", verbose_name=_("city")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["city", "number"]
        constraints = [
            models.UniqueConstraint(fields=["city", "number"], name="district_number_per_city")
        ]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class Organisation(models.Model):
    """A body a city works with: a municipal department, a provincial agency, an NGO... The
    city's catalogue, shared by its councils (stakeholders) and its stocktake (candidacy); its
    forms, services and history are the stakeholders app's."""

    class Sector(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal department or organisation")
        GOVERNMENT = "government", _("Provincial or national agency")
        NGO = "ngo", _("Non-governmental organisation")
        UNIVERSITY = "university", _("University or research institute")
        PRIVATE = "private", _("Private body")
        OTHER = "other", _("Other")

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("name"), max_length=250)
    inside_municipality = models.BooleanField(_("inside the municipality"), default=False)
    sector = models.CharField(
        _("sector"), max_length=20, choices=Sector.choices, default=Sector.OTHER
    )
    #: Counts the saves made through the services (`core.versions`, above this layer, declares
    #: the same field as `Versioned`; an edit form loaded before another save is refused).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # Unique per city in each language (`name` itself is kept per language, see
        # cities/translation.py; a language left empty is NULL and never clashes).
        constraints = [
            models.UniqueConstraint(
                fields=["city", f"name_{code}"], name=f"organisation_name_per_city-name_{code}"
            )
            for code, _language in settings.LANGUAGES
        ]

    def __str__(self):
        return self.name


class RoleAssignment(models.Model):
    """Gives a user a role and its scope: office staff of one city, or a coordinator or
    evaluator of one programme. A user may hold several assignments."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, null=True, blank=True, related_name="role_assignments"
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(role=Role.OFFICE, city__isnull=False, programme__isnull=True)
                    | (
                        models.Q(role__in=[Role.COORDINATOR, Role.EVALUATOR])
                        & models.Q(city__isnull=True, programme__isnull=False)
                    )
                ),
                name="role_assignment_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "city", "programme"], name="role_assignment_unique"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.city or self.programme}"

    def clean(self):
        if self.role == Role.OFFICE and (self.city_id is None or self.programme_id is not None):
            raise ValidationError(_("Office staff are assigned to a city, not a programme."))
        if self.role in (Role.COORDINATOR, Role.EVALUATOR) and (
            self.programme_id is None or self.city_id is not None
        ):
            raise ValidationError(
                _("Coordinators and evaluators are assigned to a programme, not a city.")
            )


class UserProfile(models.Model):
    """What a user keeps about themselves beyond Django's user: the language they read the
    portal (and its e-mail) in. Created on demand (`profile_of`); applied when they sign in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_profile"
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the portal and of the e-mail it sends you."),
    )

    class Meta:
        verbose_name = _("user profile")
        verbose_name_plural = _("user profiles")

    def __str__(self):
        return str(self.user)


class RoleAssignmentChange(models.Model):
    """The history of a programme's people: who invited, moved or removed whom, and when.
    Written by the services of `cities.services` in the same transaction as the change."""

    class Action(models.TextChoices):
        INVITED = "invited", _("invited")
        MOVED = "moved", _("moved to another city")
        ENDED = "ended", _("role ended")
        DEACTIVATED = "deactivated", _("account deactivated")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="people_changes"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_changes"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    city = models.ForeignKey(
        City, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_city = models.ForeignKey(
        City, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change of a programme's people")
        verbose_name_plural = _("changes of a programme's people")

    def __str__(self):
        return f"{self.person} – {self.get_action_display()}"
