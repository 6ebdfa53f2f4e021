"""Every write to the situation analysis, the plans and the review rounds. Like
`candidacy.records.services`, each function checks that the user may edit the stage (its
preparer, while it is open or returned: an approved stage stays read-only until reopened),
validates with the models' rules plus the links the models cannot check (only this city's data
sets, districts and gaps, this programme's indicators), and writes inside one transaction with
the stage row locked. No change of workflow state and no history row: the record is part of the
stage's draft."""

from __future__ import annotations

import dataclasses

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from candidacy.models import (
    ActionYearNote,
    CriterionScore,
    FrameworkKind,
    Gap,
    OperationalPlan,
    PlanAction,
    ReviewRound,
    SelfAssessment,
    StageKind,
    StageProgress,
    StrategicGoal,
    StrategicPlan,
    framework_for_opening,
)
from candidacy.services import WorkflowError
from cities.calendars import year_format
from core.versions import check_and_bump

from ..services import Rows, assign_values, editable_stage, row_add, row_services
from . import selectors


def _only(chosen, allowed, field: str, message: str) -> None:
    allowed_ids = set(allowed.values_list("pk", flat=True))
    if any(item.pk not in allowed_ids for item in chosen):
        raise ValidationError({field: message})


# --- situation analysis: gaps --------------------------------------------------------------------


def _check_gap_links(progress: StageProgress, gap: Gap, many: dict) -> None:
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


#: The gaps of the situation analysis, one per goal area.
GAPS = Rows(Gap, StageKind.SITUATION_ANALYSIS, check=_check_gap_links)


#: Record the gap of one goal area (one per goal area), change it, remove it.
gap_add, gap_update, gap_remove = row_services(GAPS, "gap")


# --- situation analysis: self-assessment ---------------------------------------------------------


def self_assessment_save(*, progress: StageProgress, by, scores: dict) -> SelfAssessment:
    """Save a new version of the self-assessment: `scores` maps every criterion id of its
    framework version (the one in force when its first version was saved, kept by every later
    one) to (level 1–4, comment, justification); every level needs its written justification.
    The versions before it are kept unchanged. Writes nothing on a refusal."""
    with transaction.atomic():
        progress = editable_stage(progress, by, kind=StageKind.SITUATION_ANALYSIS)
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
        framework_id = (
            last.framework_id
            if last
            else framework_for_opening(
                progress.candidacy.city.programme_id, FrameworkKind.SELF_ASSESSMENT
            ).pk
        )
        assessment = SelfAssessment(
            progress=progress,
            version=(last.version + 1) if last else 1,
            framework_id=framework_id,
            saved_by=by,
        )
        assessment.full_clean()
        assessment.save()
        unjustified = {
            f"justification_{criterion_id}": _("Say why you chose this level.")
            for criterion_id, (_level, _comment, justification) in scores.items()
            if not (justification or "").strip()
        }
        if unjustified:
            raise ValidationError(unjustified)
        rows = []
        for criterion_id, (level, comment, justification) in scores.items():
            row = CriterionScore(
                assessment=assessment,
                criterion=criteria[criterion_id],
                level=level,
                comment=(comment or "").strip(),
                justification=justification.strip(),
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


def strategic_plan_save(
    *, progress: StageProgress, by, values: dict, version: int | None = None
) -> StrategicPlan:
    """Create or change the strategic plan (period and vision). A period that would leave an
    operational plan outside it is refused; so is a save from a form loaded at another
    `version` (`core.versions.StaleEdit`)."""
    with transaction.atomic():
        progress = editable_stage(progress, by, kind=StageKind.PLANS)
        plan = StrategicPlan.objects.filter(progress=progress).first() or StrategicPlan(
            progress=progress
        )
        check_and_bump(plan, version)
        assign_values(plan, values)
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
                        % {"years": ", ".join(year_format(year) for year in outside)}
                    }
                )
        plan.save()
    return plan


def _check_goal_links(progress: StageProgress, goal: StrategicGoal, many: dict) -> None:
    _only(
        many.get("gaps", []),
        selectors.city_gaps(progress),
        "gaps",
        _("Choose gaps of this city's situation analysis only."),
    )


def _goal_unused(goal: StrategicGoal) -> None:
    if goal.actions.exists():
        raise WorkflowError(
            _("Actions serve this goal: give them another goal or remove them first.")
        )


def _operational_plan_empty(operational: OperationalPlan) -> None:
    if operational.actions.exists():
        raise WorkflowError(_("Remove the plan's actions first."))


def _check_action_links(progress: StageProgress, action: PlanAction, many: dict) -> None:
    errors = {}
    if action.operational_plan.plan.progress_id != progress.pk:
        errors["operational_plan"] = _("Choose one of this stage's operational plans.")
    if action.goal.plan.progress_id != progress.pk:
        errors["goal"] = _("Choose a goal of this strategic plan.")
    if action.district_id is not None and action.district.city_id != progress.candidacy.city_id:
        errors["district"] = _("Choose a district of this city.")
    if errors:
        raise ValidationError(errors)


#: The strategic plan's goals, each closing gaps of the situation analysis.
GOALS = Rows(
    StrategicGoal,
    StageKind.PLANS,
    stage_path="plan__progress",
    new=lambda progress: StrategicGoal(plan=_plan(progress)),
    check=_check_goal_links,
    before_remove=_goal_unused,
)
#: The one-year operational plans; each year falls within the strategic plan's period.
OPERATIONAL_PLANS = Rows(
    OperationalPlan,
    StageKind.PLANS,
    stage_path="plan__progress",
    new=lambda progress: OperationalPlan(plan=_plan(progress)),
    check=None,
    before_remove=_operational_plan_empty,
)
#: The operational plans' actions, each serving a goal.
ACTIONS = Rows(
    PlanAction,
    StageKind.PLANS,
    stage_path="operational_plan__plan__progress",
    new=lambda progress: PlanAction(),
    check=_check_action_links,
)


#: The goals' services; an operational plan's year must fall within the strategic plan's; an
#: action is added to one of the stage's operational plans.
goal_add, goal_update, goal_remove = row_services(GOALS, "goal")
operational_plan_add, operational_plan_update, operational_plan_remove = row_services(
    OPERATIONAL_PLANS, "operational", prefix="operational_plan"
)
action_add, action_update, action_remove = row_services(ACTIONS, "action")


def _check_note_links(progress: StageProgress, note: ActionYearNote, many: dict) -> None:
    if note.action.operational_plan.plan.progress_id != progress.pk:
        raise ValidationError(_("Choose an action of this stage's plans."))


#: The actions' yearly progress notes, one a year; written by whoever may edit the actions
#: (the same stage, the same predicate: `editable_stage`).
ACTION_NOTES = Rows(
    ActionYearNote,
    StageKind.PLANS,
    stage_path="action__operational_plan__plan__progress",
    check=_check_note_links,
)

#: Change a yearly note, remove it.
action_note_update, action_note_remove = row_services(ACTION_NOTES, "note", prefix="action_note")[
    1:
]


def action_note_add(*, action: PlanAction, by, values: dict) -> ActionYearNote:
    """Write the yearly progress note of one year of `action` (a year within the action's
    years, in the programme's calendar; one note a year). The same checks as every write to
    the plan's actions; raises ValidationError on the year field."""
    rows = dataclasses.replace(ACTION_NOTES, new=lambda progress: ActionYearNote(action=action))
    return row_add(progress=ACTIONS.stage_of(action), by=by, values=values, rows=rows)


# --- ongoing review ------------------------------------------------------------------------------


def review_round_save(
    *, progress: StageProgress, by, values: dict, version: int | None = None
) -> ReviewRound:
    """Create or change the record of the stage's current review round. Earlier rounds' records
    are never changed: once a round is approved, the stage moves on to the next round. A save
    from a form loaded at another `version` is refused (`core.versions.StaleEdit`)."""
    with transaction.atomic():
        progress = editable_stage(progress, by, kind=StageKind.ONGOING_REVIEW)
        record = ReviewRound.objects.filter(
            progress=progress, round=progress.round
        ).first() or ReviewRound(progress=progress, round=progress.round)
        check_and_bump(record, version)
        assign_values(record, values)
        record.updated_by = by
        record.full_clean()
        record.save()
    return record
