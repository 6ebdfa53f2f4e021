"""The good-practice library: initiatives a city marked as good practice in its stocktake
(`candidacy.Initiative.good_practice`), curated by its programme's coordinators into entries
the whole network reads (`/good-practice/`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from candidacy.models import Initiative
from cities.models import KeepsProgramme
from cities.validators import capped_text

SUMMARY_MAX_LENGTH = 1_000


class Theme(models.Model):
    """A theme the library's entries are filed under (e.g. "Play spaces"); its name per
    language (`library/translation.py`), its slug for the library's filter."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("key"), max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class GoodPractice(KeepsProgramme):
    """A curated entry of the library for one initiative. Its state changes only through
    `library.services.good_practice_curate` (which writes a `GoodPracticeChange`); the public
    library shows the published ones whose city still marks them as good practice."""

    programme_from = "initiative.progress.candidacy.city.programme_id"

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    initiative = models.OneToOneField(
        Initiative,
        on_delete=models.CASCADE,
        related_name="library_entry",
        verbose_name=_("initiative"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    # Stored per language (`library/translation.py`): written in the curator's language.
    summary = capped_text(_("summary"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="entries", verbose_name=_("themes")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    curated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("curated by"),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practice")
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["programme", "-id"], name="goodpractice_programme"),
        ]

    def __str__(self):
        return self.initiative.title


class GoodPracticeChange(models.Model):
    """History of an entry: who moved it from which status to which, when (written by the
    service in the same transaction)."""

    entry = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="changes", verbose_name=_("entry")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=GoodPractice.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=GoodPractice.Status.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("good-practice change")
        verbose_name_plural = _("good-practice changes")

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"
