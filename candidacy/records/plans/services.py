"""Every write to the situation analysis, the plans and the review rounds. Like
`candidacy.records.services`, each function checks that the user may edit the stage (its
preparer, while it is open or returned: an approved stage stays read-only until reopened),
validates with the models' rules plus the links the models cannot check (only this city's data
sets, districts and gaps, this programme's indicators), and writes inside one transaction with
the stage row locked. No change of workflow state and no history row: the record is part of the
stage's draft."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from candidacy.models import (
    CriterionScore,
    Gap,
    OperationalPlan,
    PlanAction,
    ReviewRound,
    SelfAssessment,
    StageKind,
    StageProgress,
    StrategicGoal,
    StrategicPlan,
)
from candidacy.services import WorkflowError

from ..services import _assign, _editable
from . import forms, selectors


def _stage(progress: StageProgress, by, kind: str) -> StageProgress:
    """The stage, locked, once it is of `kind` and the user may edit it."""
    if progress.definition.kind != kind:
        raise WorkflowError(_("This stage keeps no such record."))
    return _editable(progress, by)


def _only(chosen, allowed, field: str, message: str) -> None:
    allowed_ids = set(allowed.values_list("pk", flat=True))
    if any(item.pk not in allowed_ids for item in chosen):
        raise ValidationError({field: message})


def _set_many(instance, many: dict) -> None:
    for name, value in many.items():
        getattr(instance, name).set(value)


# --- situation analysis: gaps --------------------------------------------------------------------


def _check_gap_links(progress: StageProgress, many: dict) -> None:
    _only(
        many.get("data_sets", []),
        selectors.city_data_sets(progress),
        "data_sets",
        _("Choose data sets of this city's CFC database only."),
    )
    _only(
        many.get("indicators", []),
        selectors.programme_indicators(progress),
        "indicators",
        _("Choose indicators of this programme's atlas only."),
    )


def gap_add(*, progress: StageProgress, by, values: dict) -> Gap:
    """Record the gap of one goal area (one per goal area)."""
    with transaction.atomic():
        progress = _stage(progress, by, StageKind.SITUATION_ANALYSIS)
        gap = Gap(progress=progress)
        many = _assign(gap, forms.GapForm, values)
        _check_gap_links(progress, many)
        gap.full_clean()
        gap.save()
        _set_many(gap, many)
    return gap


def gap_update(*, gap: Gap, by, values: dict) -> Gap:
    with transaction.atomic():
        progress = _stage(gap.progress, by, StageKind.SITUATION_ANALYSIS)
        gap = Gap.objects.select_for_update().get(pk=gap.pk, progress=progress)
        many = _assign(gap, forms.GapForm, values)
        _check_gap_links(progress, many)
        gap.full_clean()
        gap.save()
        _set_many(gap, many)
    return gap


def gap_remove(*, gap: Gap, by) -> None:
    with transaction.atomic():
        _stage(gap.progress, by, StageKind.SITUATION_ANALYSIS)
        gap.delete()


# --- situation analysis: self-assessment ---------------------------------------------------------


def self_assessment_save(*, progress: StageProgress, by, scores: dict) -> SelfAssessment:
    """Save a new version of the self-assessment: `scores` maps every criterion id of the
    programme to (level 1–4, comment). The versions before it are kept unchanged."""
    with transaction.atomic():
        progress = _stage(progress, by, StageKind.SITUATION_ANALYSIS)
        criteria = {criterion.pk: criterion for criterion in selectors.criteria_of(progress)}
        if not criteria:
            raise WorkflowError(_("The programme has no self-assessment criteria yet."))
        if set(scores) != set(criteria):
            raise ValidationError(
                _("Give a level for every criterion of the programme, and for no other.")
            )
        last = (
            SelfAssessment.objects.select_for_update()
            .filter(progress=progress)
            .order_by("-version")
            .first()
        )
        assessment = SelfAssessment(
            progress=progress, version=(last.version + 1) if last else 1, saved_by=by
        )
        assessment.full_clean()
        assessment.save()
        rows = []
        for criterion_id, (level, comment) in scores.items():
            row = CriterionScore(
                assessment=assessment,
                criterion=criteria[criterion_id],
                level=level,
                comment=(comment or "").strip(),
            )
            row.full_clean(exclude=["assessment"])
            rows.append(row)
        CriterionScore.objects.bulk_create(rows)
    return assessment


# --- plans ---------------------------------------------------------------------------------------


def _plan(progress: StageProgress) -> StrategicPlan:
    plan = StrategicPlan.objects.filter(progress=progress).first()
    if plan is None:
        raise WorkflowError(_("Write the strategic plan's period and vision first."))
    return plan


def strategic_plan_save(*, progress: StageProgress, by, values: dict) -> StrategicPlan:
    """Create or change the strategic plan (period and vision). A period that would leave an
    operational plan outside it is refused."""
    with transaction.atomic():
        progress = _stage(progress, by, StageKind.PLANS)
        plan = StrategicPlan.objects.filter(progress=progress).first() or StrategicPlan(
            progress=progress
        )
        _assign(plan, forms.StrategicPlanForm, values)
        plan.updated_by = by
        plan.full_clean()
        if plan.pk:
            outside = sorted(
                plan.operational_plans.exclude(
                    year__gte=plan.start_year, year__lte=plan.end_year
                ).values_list("year", flat=True)
            )
            if outside:
                raise ValidationError(
                    {
                        "start_year": _(
                            "The operational plans of %(years)s would fall outside this period: "
                            "change or remove them first."
                        )
                        % {"years": ", ".join(str(year) for year in outside)}
                    }
                )
        plan.save()
    return plan


def _check_goal_links(progress: StageProgress, many: dict) -> None:
    _only(
        many.get("gaps", []),
        selectors.city_gaps(progress),
        "gaps",
        _("Choose gaps of this city's situation analysis only."),
    )


def goal_add(*, progress: StageProgress, by, values: dict) -> StrategicGoal:
    with transaction.atomic():
        progress = _stage(progress, by, StageKind.PLANS)
        goal = StrategicGoal(plan=_plan(progress))
        many = _assign(goal, forms.StrategicGoalForm, values)
        _check_goal_links(progress, many)
        goal.full_clean()
        goal.save()
        _set_many(goal, many)
    return goal


def goal_update(*, goal: StrategicGoal, by, values: dict) -> StrategicGoal:
    with transaction.atomic():
        progress = _stage(goal.plan.progress, by, StageKind.PLANS)
        goal = StrategicGoal.objects.select_for_update().get(pk=goal.pk, plan__progress=progress)
        many = _assign(goal, forms.StrategicGoalForm, values)
        _check_goal_links(progress, many)
        goal.full_clean()
        goal.save()
        _set_many(goal, many)
    return goal


def goal_remove(*, goal: StrategicGoal, by) -> None:
    with transaction.atomic():
        _stage(goal.plan.progress, by, StageKind.PLANS)
        if goal.actions.exists():
            raise WorkflowError(
                _("Actions serve this goal: give them another goal or remove them first.")
            )
        goal.delete()


def operational_plan_add(*, progress: StageProgress, by, values: dict) -> OperationalPlan:
    """Add a one-year operational plan; its year must fall within the strategic plan's."""
    with transaction.atomic():
        progress = _stage(progress, by, StageKind.PLANS)
        operational = OperationalPlan(plan=_plan(progress))
        _assign(operational, forms.OperationalPlanForm, values)
        operational.full_clean()
        operational.save()
    return operational


def operational_plan_update(*, operational: OperationalPlan, by, values: dict) -> OperationalPlan:
    with transaction.atomic():
        progress = _stage(operational.plan.progress, by, StageKind.PLANS)
        operational = OperationalPlan.objects.select_for_update().get(
            pk=operational.pk, plan__progress=progress
        )
        _assign(operational, forms.OperationalPlanForm, values)
        operational.full_clean()
        operational.save()
    return operational


def operational_plan_remove(*, operational: OperationalPlan, by) -> None:
    with transaction.atomic():
        _stage(operational.plan.progress, by, StageKind.PLANS)
        if operational.actions.exists():
            raise WorkflowError(_("Remove the plan's actions first."))
        operational.delete()


def _check_action_links(progress: StageProgress, action: PlanAction) -> None:
    errors = {}
    if action.operational_plan.plan.progress_id != progress.pk:
        errors["operational_plan"] = _("Choose one of this stage's operational plans.")
    if action.goal.plan.progress_id != progress.pk:
        errors["goal"] = _("Choose a goal of this strategic plan.")
    if action.district_id is not None and action.district.city_id != progress.candidacy.city_id:
        errors["district"] = _("Choose a district of this city.")
    if errors:
        raise ValidationError(errors)


def action_add(*, progress: StageProgress, by, values: dict) -> PlanAction:
    """Add an action to one of the stage's operational plans."""
    with transaction.atomic():
        progress = _stage(progress, by, StageKind.PLANS)
        action = PlanAction()
        _assign(action, forms.PlanActionForm, values)
        _check_action_links(progress, action)
        action.full_clean()
        action.save()
    return action


def action_update(*, action: PlanAction, by, values: dict) -> PlanAction:
    with transaction.atomic():
        progress = _stage(action.operational_plan.plan.progress, by, StageKind.PLANS)
        action = PlanAction.objects.select_for_update().get(
            pk=action.pk, operational_plan__plan__progress=progress
        )
        _assign(action, forms.PlanActionForm, values)
        _check_action_links(progress, action)
        action.full_clean()
        action.save()
    return action


def action_remove(*, action: PlanAction, by) -> None:
    with transaction.atomic():
        _stage(action.operational_plan.plan.progress, by, StageKind.PLANS)
        action.delete()


# --- ongoing review ------------------------------------------------------------------------------


def review_round_save(*, progress: StageProgress, by, values: dict) -> ReviewRound:
    """Create or change the record of the stage's current review round. Earlier rounds' records
    are never changed: once a round is approved, the stage moves on to the next round."""
    with transaction.atomic():
        progress = _stage(progress, by, StageKind.ONGOING_REVIEW)
        record = ReviewRound.objects.filter(
            progress=progress, round=progress.round
        ).first() or ReviewRound(progress=progress, round=progress.round)
        _assign(record, forms.ReviewRoundForm, values)
        record.updated_by = by
        record.full_clean()
        record.save()
    return record
