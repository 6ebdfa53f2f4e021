"""Pages that edit the situation analysis, the plans and the review rounds. They are read on
the stage page itself (the kinds' context, `candidacy.records.kinds`).
Only the stage's preparer reaches these pages (403 for everyone else in scope, 404 outside it);
while the stage is not open or returned, they send the preparer back with the reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from candidacy.models import Gap, OperationalPlan, PlanAction, ReviewRound, StageKind, StrategicGoal
from candidacy.views import progress_url

from ..views import model_title, prepared_stage, refusal_redirect, row_removed, stage_form_page
from . import forms, selectors, services

# --- situation analysis ------------------------------------------------------------------------


@login_required
def gap_add(request, city, stage):
    progress = prepared_stage(request, city, stage, StageKind.SITUATION_ANALYSIS)
    return stage_form_page(
        request,
        progress,
        forms.GapForm,
        lambda form: services.gap_add(progress=progress, by=request.user, values=form.values),
        title=_("Record a gap"),
    )


def _gap(progress, pk) -> Gap:
    return get_object_or_404(Gap, pk=pk, progress=progress)


@login_required
def gap_edit(request, city, stage, pk):
    progress = prepared_stage(request, city, stage, StageKind.SITUATION_ANALYSIS)
    gap = _gap(progress, pk)
    return stage_form_page(
        request,
        progress,
        forms.GapForm,
        lambda form: services.gap_update(gap=gap, by=request.user, values=form.values),
        title=model_title(Gap),
        instance=gap,
    )


@login_required
@require_POST
def gap_delete(request, city, stage, pk):
    progress = prepared_stage(request, city, stage, StageKind.SITUATION_ANALYSIS)
    gap = _gap(progress, pk)
    return row_removed(
        request, progress, lambda: services.gap_remove(gap=gap, by=request.user), gap
    )


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
            progress=progress, by=request.user, values=form.values
        ),
        title=_("Strategic plan"),
        instance=selectors.strategic_plan_of(progress),
    )


def _plan_or_back(request, progress):
    """The strategic plan, or a redirect to the stage asking to write it first."""
    plan = selectors.strategic_plan_of(progress)
    if plan is None:
        messages.error(request, _("Write the strategic plan's period and vision first."))
    return plan


@login_required
def goal_add(request, city, stage):
    progress = prepared_stage(request, city, stage, StageKind.PLANS)
    refused = refusal_redirect(request, progress)
    if refused:
        return refused
    if _plan_or_back(request, progress) is None:
        return redirect(progress_url(progress))
    return stage_form_page(
        request,
        progress,
        forms.StrategicGoalForm,
        lambda form: services.goal_add(progress=progress, by=request.user, values=form.values),
        title=_("Add a goal"),
    )


def _goal(progress, pk) -> StrategicGoal:
    return get_object_or_404(StrategicGoal, pk=pk, plan__progress=progress)


@login_required
def goal_edit(request, city, stage, pk):
    progress = prepared_stage(request, city, stage, StageKind.PLANS)
    goal = _goal(progress, pk)
    return stage_form_page(
        request,
        progress,
        forms.StrategicGoalForm,
        lambda form: services.goal_update(goal=goal, by=request.user, values=form.values),
        title=model_title(StrategicGoal),
        instance=goal,
    )


@login_required
@require_POST
def goal_delete(request, city, stage, pk):
    progress = prepared_stage(request, city, stage, StageKind.PLANS)
    goal = _goal(progress, pk)
    return row_removed(
        request, progress, lambda: services.goal_remove(goal=goal, by=request.user), goal
    )


@login_required
def operational_plan_add(request, city, stage):
    progress = prepared_stage(request, city, stage, StageKind.PLANS)
    refused = refusal_redirect(request, progress)
    if refused:
        return refused
    plan = _plan_or_back(request, progress)
    if plan is None:
        return redirect(progress_url(progress))
    return stage_form_page(
        request,
        progress,
        forms.OperationalPlanForm,
        lambda form: services.operational_plan_add(
            progress=progress, by=request.user, values=form.values
        ),
        title=_("Add an operational plan"),
        plan=plan,
    )


def _operational(progress, pk) -> OperationalPlan:
    return get_object_or_404(
        OperationalPlan.objects.select_related("plan"), pk=pk, plan__progress=progress
    )


@login_required
def operational_plan_edit(request, city, stage, pk):
    progress = prepared_stage(request, city, stage, StageKind.PLANS)
    operational = _operational(progress, pk)
    return stage_form_page(
        request,
        progress,
        forms.OperationalPlanForm,
        lambda form: services.operational_plan_update(
            operational=operational, by=request.user, values=form.values
        ),
        title=model_title(OperationalPlan),
        instance=operational,
        plan=operational.plan,
    )


@login_required
@require_POST
def operational_plan_delete(request, city, stage, pk):
    progress = prepared_stage(request, city, stage, StageKind.PLANS)
    operational = _operational(progress, pk)
    return row_removed(
        request,
        progress,
        lambda: services.operational_plan_remove(operational=operational, by=request.user),
        operational,
    )


@login_required
def action_add(request, city, stage):
    progress = prepared_stage(request, city, stage, StageKind.PLANS)
    refused = refusal_redirect(request, progress)
    if refused:
        return refused
    if not selectors.operational_plans(progress).exists() or not (
        selectors.strategic_goals(progress).exists()
    ):
        messages.error(
            request, _("Add a goal and an operational plan before adding actions to it.")
        )
        return redirect(progress_url(progress))
    initial = {"operational_plan": request.GET.get("plan")} if request.method != "POST" else None
    return stage_form_page(
        request,
        progress,
        forms.PlanActionForm,
        lambda form: services.action_add(progress=progress, by=request.user, values=form.values),
        title=_("Add an action"),
        initial=initial,
    )


def _action(progress, pk) -> PlanAction:
    return get_object_or_404(
        PlanAction.objects.select_related("operational_plan__plan"),
        pk=pk,
        operational_plan__plan__progress=progress,
    )


@login_required
def action_edit(request, city, stage, pk):
    progress = prepared_stage(request, city, stage, StageKind.PLANS)
    action = _action(progress, pk)
    return stage_form_page(
        request,
        progress,
        forms.PlanActionForm,
        lambda form: services.action_update(action=action, by=request.user, values=form.values),
        title=model_title(PlanAction),
        instance=action,
    )


@login_required
@require_POST
def action_delete(request, city, stage, pk):
    progress = prepared_stage(request, city, stage, StageKind.PLANS)
    action = _action(progress, pk)
    return row_removed(
        request, progress, lambda: services.action_remove(action=action, by=request.user), action
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
            progress=progress, by=request.user, values=form.values
        ),
        title=_("Review round %(round)s") % {"round": progress.round},
        instance=record,
    )
