"""Countries, their national CFC programmes, the cities taking part, and who works where."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .calendars import date_format
from .roles import Role
from .validators import (
    LATITUDE_BOUNDS,
    LONGITUDE_BOUNDS,
    NOTE_MAX_LENGTH,
    capped_text,
    latitude_in_range,
    longitude_in_range,
    plausible_date,
)


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

    class Status(models.TextChoices):
        """Where the programme stands. Suspended and closed programmes are read-only
        (`cities.permissions.programme_is_open`); a handed-over one goes on under its new
        coordinating body. Changed only by `cities.services.programme_status_change` and
        `programme_hand_over`, each with a `ProgrammeChange` row."""

        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        CLOSED = "closed", _("Closed")
        HANDED_OVER = "handed_over", _("Handed over")

    class PreStatus(models.TextChoices):
        """What the programme calls a city on its way, before recognition."""

        NONE = "", _("None")
        ALLIED = "allied", _("Allied municipality")
        CANDIDATE = "candidate", _("Candidate city")

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
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE, editable=False
    )
    status_since = models.DateField(
        _("status since"), null=True, blank=True, editable=False, validators=[plausible_date]
    )
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True, editable=False, validators=[plausible_date]
    )
    handed_over_to = models.CharField(
        _("handed over to"), max_length=300, blank=True, editable=False
    )
    pre_status = models.CharField(
        _("label before recognition"),
        max_length=20,
        choices=PreStatus.choices,
        default=PreStatus.NONE,
        blank=True,
        help_text=_(
            "What the public page and the city page call a city of this programme on its way, "
            "before it is recognised."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name

    @property
    def is_closed(self) -> bool:
        """Closed for good (not suspended): what the pages say "programme closed on …" of."""
        return self.status == self.Status.CLOSED

    def pre_status_of(self, candidacy) -> str:
        """The programme's pre-status ("allied", "candidate") as a candidacy not recognised and
        not withdrawn holds it, in the reader's language; "" for any other, or where the
        programme grants none. Reads nothing from the database."""
        if (
            not self.pre_status
            or candidacy is None
            or candidacy.recognised_since
            or candidacy.withdrawn_on
        ):
            return ""
        return self.get_pre_status_display()

    def status_text(self) -> str:
        """Where the programme stands, for the public pages and the open data page's readers:
        "Active", "Suspended since D", "Closed on D", "Handed over to BODY on D", the date in
        the programme's own calendar (`cities.calendars.date_format`) and the reader's language.
        Reads nothing from the database."""
        if self.status == self.Status.SUSPENDED:
            return gettext("Suspended since %(date)s") % {
                "date": date_format(self.status_since, self.calendar)
            }
        if self.status == self.Status.CLOSED:
            return gettext("Closed on %(date)s") % {
                "date": date_format(self.closed_on, self.calendar)
            }
        if self.status == self.Status.HANDED_OVER:
            return gettext("Handed over to %(body)s on %(date)s.") % {
                "body": self.handed_over_to,
                "date": date_format(self.status_since, self.calendar),
            }
        return str(self.Status.ACTIVE.label)


class MapPlacement(models.TextChoices):
    """Whether a city is on the public map, and why not: `City.map_placement`, and as a query
    `map_placement_q` (the admin's filter, the map's markers)."""

    ON_MAP = "on-map", _("On the map")
    NO_COORDINATES = "no-coordinates", _("Not on the map: no coordinates")
    OUT_OF_RANGE = "out-of-range", _("Not on the map: coordinates out of range")


def map_placement_q(placement: str, prefix: str = "") -> models.Q:
    """The cities (at lookup `prefix`) whose `City.map_placement` is `placement`: the
    property's rule as a query (`tests/cities/test_map_placement.py` checks they agree)."""
    p = f"{prefix}__" if prefix else ""
    missing = models.Q(**{f"{p}latitude__isnull": True}) | models.Q(
        **{f"{p}longitude__isnull": True}
    )
    in_range = models.Q(
        **{
            f"{p}latitude__gte": LATITUDE_BOUNDS[0],
            f"{p}latitude__lte": LATITUDE_BOUNDS[1],
            f"{p}longitude__gte": LONGITUDE_BOUNDS[0],
            f"{p}longitude__lte": LONGITUDE_BOUNDS[1],
        }
    )
    return {
        MapPlacement.NO_COORDINATES: missing,
        MapPlacement.ON_MAP: ~missing & in_range,
        MapPlacement.OUT_OF_RANGE: ~missing & ~in_range,
    }[placement]


class City(models.Model):
    """A municipality, a district or rayon, or an intercommunality taking part in its country's
    programme (`entity_type`). Its coordinates (WGS 84 degrees, both or neither) put it on the
    public map. A city may hold its candidacy jointly with a partner of its programme
    (`joint_with`, e.g. a French city and its intercommunality): the partner's office prepares
    it as well (`permissions.scope_of`); partners do not chain."""

    class EntityType(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        DISTRICT_RAYON = "district_rayon", _("district or rayon")
        INTERCOMMUNALITY = "intercommunality", _("intercommunality")

    slug = models.SlugField(_("key"), unique=True)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="cities", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=120)
    region = models.CharField(_("region"), max_length=120, blank=True)
    entity_type = models.CharField(
        _("entity type"),
        max_length=20,
        choices=EntityType.choices,
        default=EntityType.MUNICIPALITY,
    )
    joint_with = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="joint_candidacies",
        verbose_name=_("held jointly with"),
        help_text=_(
            "The intercommunality (or municipality) of the same programme that holds this "
            "candidacy with it: its office prepares the candidacy too."
        ),
    )
    joined_on = models.DateField(
        _("joined the programme on"), null=True, blank=True, validators=[plausible_date]
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[latitude_in_range],
        help_text=_("In degrees, north positive (Isfahan: 32.65246)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[longitude_in_range],
        help_text=_("In degrees, east positive (Isfahan: 51.67462)."),
    )
    # What the city's office shows on its public page (`reporting.public_city`); its status,
    # the stages passed and the validity are always public. Set through
    # `services.city_publication_set` (or the admin), never by the public page.
    publish_plan = models.BooleanField(
        _("publish the plan"),
        default=False,
        help_text=_("The plan's summary by goal area and each action's progress."),
    )
    publish_proposals = models.BooleanField(
        _("publish the children's proposals"),
        default=False,
        help_text=_(
            "What the children asked for, the city's answers and the actions that carry them out."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                _("Give both the latitude and the longitude, or neither."),
                code="half_coordinates",
            )
        self.clean_joint_with()

    def clean_joint_with(self):
        """A partner is another city of the same programme, not itself held jointly; a city
        that is a partner is not held jointly in turn (no chains). The rule of the admin's
        form and of `cities.services.city_joint_set`."""
        partner = self.joint_with
        if partner is None:
            return
        if self.pk is not None and partner.pk == self.pk:
            message = _("A city cannot hold its candidacy jointly with itself.")
            raise ValidationError({"joint_with": message}, code="joint_self")
        if self.programme_id is not None and partner.programme_id != self.programme_id:
            message = _("The partner must belong to the same programme.")
            raise ValidationError({"joint_with": message}, code="joint_programme")
        if partner.joint_with_id is not None:
            message = _(
                "%(partner)s is itself held jointly with another city, so it cannot be a partner."
            ) % {"partner": partner}
            raise ValidationError({"joint_with": message}, code="joint_chain")
        if self.pk is not None and City.objects.filter(joint_with_id=self.pk).exists():
            message = _(
                "Other cities hold their candidacies jointly with this one, so it cannot be "
                "held jointly in turn."
            )
            raise ValidationError({"joint_with": message}, code="joint_chain")

    @property
    def map_placement(self) -> str:
        if self.latitude is None or self.longitude is None:
            return MapPlacement.NO_COORDINATES
        if (
            LATITUDE_BOUNDS[0] <= self.latitude <= LATITUDE_BOUNDS[1]
            and LONGITUDE_BOUNDS[0] <= self.longitude <= LONGITUDE_BOUNDS[1]
        ):
            return MapPlacement.ON_MAP
        return MapPlacement.OUT_OF_RANGE


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


class KeepsProgramme(models.Model):
    """A row far from its programme (several tables away) that keeps the programme's id with
    it, so that a programme's list of such rows (the admin's scope, count and page) reads one
    index rather than joining every row's chain. Filled on the first save from the chain
    `programme_from` names (a bulk load sets it itself); a city never changes programme
    (`CityAdmin`), so the copy never drifts. The subclass indexes it with its list's order."""

    #: The attributes from the row to its programme's id, e.g. "council.city.programme_id".
    programme_from = ""

    programme = models.ForeignKey(
        "cities.Programme",
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        db_index=False,  # the subclass's index leads with it
        verbose_name=_("programme"),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.programme_id is None:
            value = self
            for name in self.programme_from.split("."):
                value = getattr(value, name)
            self.programme_id = value
        super().save(*args, **kwargs)


class ProgrammeChange(models.Model):
    """The history of a programme's lifecycle: suspended, resumed, closed, handed over (from
    which coordinating body to which). Written by `cities.services` in the same transaction as
    the change."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="lifecycle_changes"
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Programme.Status.choices
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Programme.Status.choices)
    on = models.DateField(_("on"), validators=[plausible_date])
    from_body = models.CharField(_("from coordinating body"), max_length=300, blank=True)
    to_body = models.CharField(_("to coordinating body"), max_length=300, blank=True)
    note = capped_text(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change of a programme's status")
        verbose_name_plural = _("changes of a programme's status")

    def __str__(self):
        return f"{self.programme} – {self.get_to_status_display()}"


class CityPublicationChange(models.Model):
    """The history of what a city's public page shows: who chose to publish or hide the plan
    and the children's proposals, and when. Written by `cities.services.city_publication_set`
    in the same transaction as the change."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="publication_changes")
    publish_plan = models.BooleanField(_("publish the plan"))
    publish_proposals = models.BooleanField(_("publish the children's proposals"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change of a city's public page")
        verbose_name_plural = _("changes of a city's public page")

    def __str__(self):
        return f"{self.city} – {self.at:%Y-%m-%d}"


class CityJointChange(models.Model):
    """The history of a city's joint candidacy (`City.joint_with`): which partner it had and
    which it has since, who changed it and when. Written by `cities.services.city_joint_set`
    in the same transaction as the change."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="joint_changes")
    from_partner = models.ForeignKey(
        City,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from partner"),
    )
    to_partner = models.ForeignKey(
        City,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to partner"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change of a joint candidacy")
        verbose_name_plural = _("changes of a joint candidacy")

    def __str__(self):
        return f"{self.city} – {self.at:%Y-%m-%d}"
