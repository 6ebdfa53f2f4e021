"""The three kinds of portal user, named once. A user's scope (which city, which programmes) is
data in `cities.models.RoleAssignment`, never a group per city."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE = "office", _("CFC office staff")
    COORDINATOR = "coordinator", _("National coordinator")
    EVALUATOR = "evaluator", _("UNICEF evaluator")
