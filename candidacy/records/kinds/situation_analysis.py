"""The situation analysis stage: the gap of each goal area and the self-assessment against the
programme's criteria; its pages are in `candidacy.records.plans`."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _

from candidacy.models import Gap, GoalArea, StageKind, StageProgress
from candidacy.records.plans import selectors, views
from candidacy.records.registry import RecordKind
from cities.templatetags.portal import format_digits

from .common import goal_areas_text


def situation_analysis(progress: StageProgress) -> list[str]:
    """A gap recorded for every goal area, and every criterion of the programme self-assessed
    in the current version of the self-assessment."""
    problems = []
    recorded = set(Gap.objects.filter(progress=progress).values_list("goal_area", flat=True))
    missing_areas = [area for area in GoalArea if area not in recorded]
    if missing_areas:
        problems.append(
            _("Record the gap for each goal area (none yet for: %(areas)s).")
            % {"areas": goal_areas_text(missing_areas)}
        )
    criteria = list(selectors.criteria_of(progress).values_list("pk", "order"))
    if criteria:
        latest = selectors.latest_self_assessments(progress, count=1)
        assessed = {score.criterion_id for score in latest[0].scores.all()} if latest else set()
        unassessed = [
            format_digits(number)
            for number, (pk, _order) in enumerate(criteria, start=1)
            if pk not in assessed
        ]
        if unassessed:
            problems.append(
                _(
                    "Assess the city against every criterion of the programme, on levels 1 to 4 "
                    "(not yet assessed: criteria %(numbers)s)."
                )
                % {"numbers": ", ".join(unassessed)}
            )
    return problems


def context(progress: StageProgress) -> dict:
    return {"rec": selectors.situation_analysis_context(progress)}


KIND = RecordKind(
    stage_kinds=(StageKind.SITUATION_ANALYSIS,),
    template="candidacy/records/plans/situation_analysis.html",
    rule=situation_analysis,
    context=context,
    urlpatterns=(
        path("gaps/add/", views.gap_add, name="record-gap-add"),
        path("gaps/<int:pk>/", views.gap_edit, name="record-gap-edit"),
        path("gaps/<int:pk>/delete/", views.gap_delete, name="record-gap-delete"),
        path("self-assessment/", views.self_assessment_edit, name="record-self-assessment"),
    ),
)
