"""Pages that edit the situation analysis, the plans and the review rounds. They are read on
the stage page itself (the kinds' context, `candidacy.records.kinds`).
Only the stage's preparer reaches these pages (403 for everyone else in scope, 404 outside it);
while the stage is not open or returned, they send the preparer back with the reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from candidacy.models import PlanAction, ReviewRound, StageKind
from cities.templatetags.portal import format_digits

from ..views import RowPages, prepared_stage, stage_form_page
from . import forms, selectors, services

# --- situation analysis ------------------------------------------------------------------------


#: The gaps of the situation analysis.
GAP_PAGES = RowPages(services.GAPS, forms.GapForm, add_title=_lazy("Record a gap"))
gap_add, gap_edit, gap_delete = GAP_PAGES.views()


class _AssessmentForm(forms.SelfAssessmentForm):
    """The self-assessment form as `stage_form_page` builds it (no model instance)."""

    def __init__(self, *args, instance=None, progress, **kwargs):
        versions = selectors.latest_self_assessments(progress, count=1)
        super().__init__(
            *args,
            progress=progress,
            criteria=selectors.criteria_of(progress),
            current=versions[0] if versions else None,
            **kwargs,
        )


@login_required
def self_assessment_edit(request, city, stage):
    progress = prepared_stage(request, city, stage, StageKind.SITUATION_ANALYSIS)
    return stage_form_page(
        request,
        progress,
        _AssessmentForm,
        lambda form: services.self_assessment_save(
            progress=progress, by=request.user, scores=form.values
        ),
        title=_("Self-assessment"),
    )


# --- plans -------------------------------------------------------------------------------------


@login_required
def strategic_plan_edit(request, city, stage):
    progress = prepared_stage(request, city, stage, StageKind.PLANS)
    return stage_form_page(
        request,
        progress,
        forms.StrategicPlanForm,
        lambda form: services.strategic_plan_save(
            progress=progress, by=request.user, values=form.values, version=form.loaded_version
        ),
        title=_("Strategic plan"),
        instance=selectors.strategic_plan_of(progress),
    )


def _plan_kwargs(request, progress) -> dict | None:
    """The operational plan form's strategic plan, or None after asking to write it first."""
    plan = selectors.strategic_plan_of(progress)
    if plan is None:
        messages.error(request, _("Write the strategic plan's period and vision first."))
        return None
    return {"plan": plan}


def _goal_ready(request, progress) -> dict | None:
    return None if _plan_kwargs(request, progress) is None else {}


def _action_ready(request, progress) -> dict | None:
    if not selectors.operational_plans(progress).exists() or not (
        selectors.strategic_goals(progress).exists()
    ):
        messages.error(
            request, _("Add a goal and an operational plan before adding actions to it.")
        )
        return None
    initial = {"operational_plan": request.GET.get("plan")} if request.method != "POST" else None
    return {"initial": initial}


GOAL_PAGES = RowPages(
    services.GOALS, forms.StrategicGoalForm, add_title=_lazy("Add a goal"), add_ready=_goal_ready
)
OPERATIONAL_PLAN_PAGES = RowPages(
    services.OPERATIONAL_PLANS,
    forms.OperationalPlanForm,
    add_title=_lazy("Add an operational plan"),
    add_ready=_plan_kwargs,
    edit_kwargs=lambda operational: {"plan": operational.plan},
)
ACTION_PAGES = RowPages(
    services.ACTIONS,
    forms.PlanActionForm,
    add_title=_lazy("Add an action"),
    add_ready=_action_ready,
)
goal_add, goal_edit, goal_delete = GOAL_PAGES.views()
operational_plan_add, operational_plan_edit, operational_plan_delete = (
    OPERATIONAL_PLAN_PAGES.views()
)
action_add, action_edit, action_delete = ACTION_PAGES.views()

#: The actions' yearly progress notes: changed and removed like every row of the plans.
ACTION_NOTE_PAGES = RowPages(
    services.ACTION_NOTES,
    forms.ActionYearNoteForm,
    add_title=_lazy("Add a yearly progress note"),
)
action_note_edit, action_note_delete = ACTION_NOTE_PAGES.views()[1:]


@login_required
def action_note_add(request, city, stage, pk):
    """A yearly progress note of one action of the stage (404 for an action of another)."""
    progress = prepared_stage(request, city, stage, StageKind.PLANS)
    action = get_object_or_404(
        PlanAction.objects.select_related("operational_plan__plan"),
        pk=pk,
        operational_plan__plan__progress=progress,
    )
    return stage_form_page(
        request,
        progress,
        forms.ActionYearNoteForm,
        lambda form: services.action_note_add(action=action, by=request.user, values=form.values),
        title=_("Yearly progress of “%(action)s”") % {"action": action.title},
        action=action,
    )


# --- ongoing review ----------------------------------------------------------------------------


@login_required
def review_round_edit(request, city, stage):
    progress = prepared_stage(request, city, stage, StageKind.ONGOING_REVIEW)
    record = ReviewRound.objects.filter(progress=progress, round=progress.round).first()
    return stage_form_page(
        request,
        progress,
        forms.ReviewRoundForm,
        lambda form: services.review_round_save(
            progress=progress, by=request.user, values=form.values, version=form.loaded_version
        ),
        title=_("Review round %(round)s") % {"round": format_digits(progress.round)},
        instance=record,
    )
