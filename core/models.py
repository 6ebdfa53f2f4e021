from django.db import models
from django.utils.translation import gettext_lazy as _


class Edition(models.Model):
    """How many times what a family of cached pages shows has changed (`core.editions`).
    Every app server keys its cache on the number it reads here, so a change made through one
    server is never hidden by a page another server cached before it."""

    name = models.SlugField(_("name"), unique=True)
    number = models.PositiveBigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("cache edition")
        verbose_name_plural = _("cache editions")

    def __str__(self):
        return f"{self.name} {self.number}"
