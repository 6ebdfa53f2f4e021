"""The children's atlas: what is measured (a programme's indicator definitions), the values per
district and year, and the districts' shapes.

Values belong to the atlas stage (`StageProgress`) like the rows of every other record, so an
approved atlas is read-only until the stage is reopened. Boundaries belong to the city: its
districts keep their shapes whatever stage the city is at. Writes go through
`candidacy.records.atlas.services`; indicator definitions are edited by superusers in the admin.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.calendars import calendar_year, year_format
from cities.models import City, District, Programme

from .frameworks import FrameworkCriterion, FrameworkKind, FrameworkVersion
from .pipeline import StageProgress
from .records import GoalArea, year_not_in_future

#: The earliest year a value may be given for.
FIRST_YEAR = 1950


class IndicatorDefinition(FrameworkCriterion):
    """One indicator of a programme's atlas (children aged 0–5, schools, play space per
    child...): data, so that each country measures what its programme asks for. It belongs to
    a version of the programme's indicator set (`FrameworkKind.ATLAS`); a stage's atlas keeps
    the version of its values, and a version that an atlas uses is frozen
    (`criterion_in_use`)."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("programme"),
    )
    framework = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        blank=True,
        related_name="atlas_indicators",
        limit_choices_to={"kind": FrameworkKind.ATLAS},
        verbose_name=_("framework version"),
    )
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("A stable key used in CSV files; never change it once values exist."),
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("For example: children, m²."))
    goal_area = models.CharField(_("goal area"), max_length=30, choices=GoalArea.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "key"]
        verbose_name = _("atlas indicator")
        verbose_name_plural = _("atlas indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "key"], name="atlas_indicator_key_per_version"
            )
        ]

    framework_kind = FrameworkKind.ATLAS

    def __str__(self):
        return self.name


def atlas_framework_q(programme_id: int, values: QuerySet):
    """The version of the programme's indicator set that an atlas keeps, as an expression: the
    one of its `values` (an atlas opens with its first value, in the version then in force, and
    every later value is of that version's indicators), else the one in force now."""
    kept = values.order_by().values("indicator__framework_id")[:1]
    in_force = (
        FrameworkVersion.objects.filter(
            programme_id=programme_id,
            kind=FrameworkKind.ATLAS,
            in_force_from__lte=timezone.now(),
        )
        .order_by("-number")
        .values("pk")[:1]
    )
    return Coalesce(Subquery(kept), Subquery(in_force))


def atlas_indicators(programme_id: int, values: QuerySet) -> QuerySet[IndicatorDefinition]:
    """The indicators of the version an atlas keeps (`atlas_framework_q`): one query."""
    return IndicatorDefinition.objects.alias(kept=atlas_framework_q(programme_id, values)).filter(
        framework_id=F("kept")
    )


class IndicatorValue(models.Model):
    """The value of one indicator in one district of the city, for one year, with its source."""

    progress = models.ForeignKey(
        StageProgress,
        on_delete=models.CASCADE,
        related_name="atlas_values",
        verbose_name=_("stage"),
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="+", verbose_name=_("district")
    )
    indicator = models.ForeignKey(
        IndicatorDefinition,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("indicator"),
    )
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0, message=_("A value cannot be negative."))],
    )
    year = calendar_year(
        models.SmallIntegerField(
            _("year"),
            validators=[
                MinValueValidator(FIRST_YEAR, message=_("Give the year in full, e.g. 2019.")),
                MaxValueValidator(9999),
                year_not_in_future,
            ],
        )
    )
    source = models.CharField(_("source"), max_length=200)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["district__number", "indicator__order", "year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["progress", "district", "indicator", "year"],
                name="atlas_value_per_district_indicator_year",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="atlas_value_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.district} · {self.indicator} · {year_format(self.year)}"


class DistrictBoundaries(models.Model):
    """The shapes of a city's districts: a GeoJSON FeatureCollection whose features carry a
    `district_number` property, checked by `geojson.boundaries_parse` before it is stored."""

    city = models.OneToOneField(
        City, on_delete=models.CASCADE, related_name="district_boundaries", verbose_name=_("city")
    )
    geojson = models.JSONField(_("GeoJSON"))
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("district boundaries")
        verbose_name_plural = _("district boundaries")

    def __str__(self):
        return str(self.city)
