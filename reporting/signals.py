"""What the lists show (the public list, the coordinator's overview, the sign-off queue, the city
page), and so what raises their edition (`core.editions`): a city, its programme and country
(names), its candidacy (status), a stage's state, a stage's title, a commitment (the open
commitments), a sign-off and a role (who may sign what; the scopes kept under the edition), an
evaluation's condition (the city page) and a person's row (their name, who signed; the
signed-in user's row is kept under the edition too, `core.auth`). A plan action raises the
plans' edition (`core.editions.PLANS`: the charts' budgets), not the lists'.
Signals, not calls from the services, because the admin and the services of lower layers write
these rows too, and none of them should know about a cache above them. (History is never
written from signals: this is a cache, not a record.)"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from candidacy.models import (
    Candidacy,
    EvaluationCondition,
    PlanAction,
    SignOff,
    StageDefinition,
    StageProgress,
)
from cities.models import City, Country, Programme, RoleAssignment
from core.editions import PLANS, edition_bump
from stakeholders.models import Commitment

SHOWN = (
    City,
    Country,
    Programme,
    Candidacy,
    StageDefinition,
    Commitment,
    SignOff,
    RoleAssignment,
    EvaluationCondition,
)
#: What a sign-in changes of a person (`core.auth` keeps the rest under the edition).
SIGN_IN_FIELDS = {"last_login"}


def _changed(sender, **kwargs):
    edition_bump()


def _stage_changed(sender, update_fields=None, **kwargs):
    """A stage's draft being saved changes nothing public; a change of state does."""
    if update_fields is None or "state" in update_fields:
        edition_bump()


def _plans_changed(sender, **kwargs):
    edition_bump(PLANS)


def _person_changed(sender, update_fields=None, **kwargs):
    """A sign-in (its `last_login`) changes nothing kept; a new name ("signed by ..."), a new
    password, a deactivation or new flags do (the signed-in user's row is kept, `core.auth`)."""
    if update_fields is None or set(update_fields) - SIGN_IN_FIELDS:
        edition_bump()


def connect():
    for model in SHOWN:
        post_save.connect(_changed, sender=model, dispatch_uid=f"public-edition-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"public-edition-del-{model.__name__}"
        )
    post_save.connect(_stage_changed, sender=StageProgress, dispatch_uid="public-edition-stage")
    post_delete.connect(_changed, sender=StageProgress, dispatch_uid="public-edition-stage-del")
    post_save.connect(_plans_changed, sender=PlanAction, dispatch_uid="plans-edition-action")
    post_delete.connect(_plans_changed, sender=PlanAction, dispatch_uid="plans-edition-action-del")
    post_save.connect(
        _person_changed, sender=get_user_model(), dispatch_uid="public-edition-person"
    )
