"""What the lists show (the public list, the coordinator's overview, the sign-off queue, the city
page), and so what raises their edition (`core.editions`): a city, its programme and country
(names), its candidacy (status), a stage's state, a stage's title, a commitment (the open
commitments), a sign-off, a role and a declaration of conflict of interest (who may sign what;
the scopes kept under the edition), an
evaluation's condition (the city page), a district (its name, on the programme page's figures of
proposals carried out, `reporting.figures`) and a person's row (their name, who signed; the
signed-in user's row is kept under the edition too, `core.auth`), and a person's or a group's
Django permissions (kept with the user, `core.auth`); a city's row also holds what its public
page shows (`publish_plan`, `publish_proposals`); the good-practice library's entries and their
themes, and a stocktake's initiative (marked as good practice or not, its title: the public
library, the curation queue in "My tasks"). The plans stage's record (a strategic plan, its
goals and the gaps they close, an operational plan, a plan action or its yearly note) raises the
plans' edition (`core.editions.PLANS`: the charts' budgets, a city's public page, the plans
stage's page), not the lists'; a
children's proposal the proposals' edition (`PROPOSALS`: a city's public page and report, the
programme page's figures). A district, an indicator definition, a version of a programme's atlas
indicators (issue 13) or a city's boundaries raise the atlases' edition (`core.editions.ATLAS`:
the atlas pages); the atlas's values, written in bulk only by its services (a bulk statement
sends no signal), raise it there (`candidacy.records.atlas.services`). Signals, not calls from
the services, because the admin and the services of lower layers write these rows too, and none
of them should know about a cache above them. A stage's row (a draft saved too), its history,
evidence and comments raise the stages' edition (`core.editions.STAGES`: the stage's page).
(History is never written
from signals: this is a cache, not a record.)"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save

from candidacy.models import (
    ActionYearNote,
    CallRound,
    Candidacy,
    ConflictDeclaration,
    DistrictBoundaries,
    EvaluationCondition,
    Evidence,
    FrameworkKind,
    FrameworkVersion,
    Gap,
    IndicatorDefinition,
    Initiative,
    OperationalPlan,
    PlanAction,
    Recognition,
    SignOff,
    StageComment,
    StageDefinition,
    StageProgress,
    StrategicGoal,
    StrategicPlan,
    Transition,
)
from cities.models import City, Country, District, Programme, RoleAssignment
from core.editions import ATLAS, PLANS, PROPOSALS, STAGES, edition_bump
from library.models import GoodPractice, Theme
from stakeholders.models import ChildrenProposal, Commitment

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
    District,
    GoodPractice,
    Theme,
    Initiative,  # marked as good practice or not, its title: the library and its queue
    Recognition,  # its cycles (lapsed by `record_lapses`): the city pages
    CallRound,  # its closing day: the "Late" badges of the overview and the queue
    ConflictDeclaration,  # who signs what: the queue and "My tasks" ("declare first")
)
#: The plans stage's record (the page keeps it, `candidacy.views`), its budgets and actions.
PLANS_SHOWN = (StrategicPlan, StrategicGoal, Gap, OperationalPlan, PlanAction, ActionYearNote)
#: What a stage's page reads of its stage and keeps (`core.editions.STAGES`).
STAGES_SHOWN = (StageProgress, Transition, Evidence, StageComment)
#: What an atlas page shows beside its stage.
ATLAS_SHOWN = (District, IndicatorDefinition, DistrictBoundaries)
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


def _proposals_changed(sender, **kwargs):
    edition_bump(PROPOSALS)


def _stages_changed(sender, **kwargs):
    edition_bump(STAGES)


def _atlas_changed(sender, **kwargs):
    edition_bump(ATLAS)


def _framework_changed(sender, instance, **kwargs):
    """A new version of a programme's atlas indicators is what an atlas without values shows
    (its indicators, copied in bulk with no signal of their own); the other kinds, nothing of an
    atlas."""
    if instance.kind == FrameworkKind.ATLAS:
        edition_bump(ATLAS)


def _permissions_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        edition_bump()


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
    m2m_changed.connect(
        _changed, sender=GoodPractice.themes.through, dispatch_uid="public-entry-themes"
    )
    for model in STAGES_SHOWN:
        name = model.__name__
        post_save.connect(_stages_changed, sender=model, dispatch_uid=f"stages-edition-{name}")
        post_delete.connect(
            _stages_changed, sender=model, dispatch_uid=f"stages-edition-del-{name}"
        )
    for model in PLANS_SHOWN:
        name = model.__name__
        post_save.connect(_plans_changed, sender=model, dispatch_uid=f"plans-edition-{name}")
        post_delete.connect(_plans_changed, sender=model, dispatch_uid=f"plans-edition-del-{name}")
    m2m_changed.connect(
        _plans_changed, sender=StrategicGoal.gaps.through, dispatch_uid="plans-edition-goal-gaps"
    )
    post_save.connect(_proposals_changed, sender=ChildrenProposal, dispatch_uid="proposals-edition")
    post_delete.connect(
        _proposals_changed, sender=ChildrenProposal, dispatch_uid="proposals-edition-del"
    )
    for model in ATLAS_SHOWN:
        name = model.__name__
        post_save.connect(_atlas_changed, sender=model, dispatch_uid=f"atlas-edition-{name}")
        post_delete.connect(_atlas_changed, sender=model, dispatch_uid=f"atlas-edition-del-{name}")
    post_save.connect(_framework_changed, sender=FrameworkVersion, dispatch_uid="atlas-framework")
    post_delete.connect(
        _framework_changed, sender=FrameworkVersion, dispatch_uid="atlas-framework-del"
    )
    # The Django permissions kept with the signed-in user (`core.auth`).
    user = get_user_model()
    for through in (user.groups.through, user.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            _permissions_changed, sender=through, dispatch_uid=f"perms-edition-{through}"
        )
    for model in (Group, Permission):
        post_save.connect(_changed, sender=model, dispatch_uid=f"perms-edition-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"perms-edition-del-{model.__name__}"
        )
    post_save.connect(
        _person_changed, sender=get_user_model(), dispatch_uid="public-edition-person"
    )
