"""The self-assessment criteria each programme starts with (data: superusers edit them in the
admin afterwards). Loaded by `manage.py load_assessment_criteria` and by the demo data.

The criteria follow UNICEF's Child-Friendly Cities Initiative (children's rights in the city's
policies and budget, a coordinating mechanism, data on children, plans with results across the
goal areas, meaningful and inclusive participation, work to end discrimination, monitoring) and
what each country's programme adds (Iran: the CFC office, district plans and child-centred
emergency preparedness; Kazakhstan: the coordination council, children's maslikhats and school
ombudsmen; Lithuania: the children's survey and the action plan adopted by the council).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_noop

from candidacy.models import (
    AssessmentCriterion,
    FrameworkKind,
    framework_for_opening,
    framework_uses,
)
from cities.models import Programme
from cities.seed_names import localized

_COMMON = [
    (
        "rights-in-policy",
        gettext_noop(
            "Children's rights are written into the city's strategies, regulations and decisions."
        ),
    ),
    (
        "child-budget",
        gettext_noop("The city's budget shows what it spends on children, year by year."),
    ),
    (
        "data-on-children",
        gettext_noop(
            "Data on children are collected, broken down by age, sex, disability and district, "
            "and used to plan."
        ),
    ),
    (
        "results-across-goal-areas",
        gettext_noop(
            "The plans set measurable results in all five goal areas, each with an indicator "
            "and a responsible body."
        ),
    ),
    (
        "meaningful-participation",
        gettext_noop(
            "Children take part meaningfully and inclusively in the decisions that affect them, "
            "and hear what was done with their views."
        ),
    ),
    (
        "non-discrimination",
        gettext_noop(
            "The city works to end discrimination: the most disadvantaged children are "
            "identified and reached."
        ),
    ),
]

#: What a city's office describes for a criterion (`AssessmentCriterion.guidance`), by key; in
#: every language through the catalogues.
GUIDANCE: dict[str, str] = {
    "rights-in-policy": gettext_noop(
        "Name the strategies and decisions, with their dates, that mention children's rights."
    ),
    "child-budget": gettext_noop("Give the share of the budget spent on children this year."),
    "data-on-children": gettext_noop(
        "Say which data you collect, how often, and which plan used them."
    ),
    "results-across-goal-areas": gettext_noop(
        "For each goal area, give one result with its indicator and the body responsible."
    ),
    "meaningful-participation": gettext_noop(
        "Describe how children took part and how they heard what was done with their views."
    ),
    "non-discrimination": gettext_noop(
        "Say which children are the most disadvantaged in the city and how you reached them."
    ),
    # Each programme's own criteria, and the generic set's.
    "cfc-office": gettext_noop(
        "Attach the organisation chart showing the office, and name its head, its staff and the "
        "members of the policy council."
    ),
    "district-plans": gettext_noop(
        "List the urban districts with the date each district's plan was approved."
    ),
    "emergency-preparedness": gettext_noop(
        "Name the emergency plans that mention children and say what they provide for them, e.g. "
        "safe places, schools and help for separated children."
    ),
    "coordination-council": gettext_noop(
        "Give the akimat's decision that set up the council, its members and the dates of its "
        "meetings this year."
    ),
    "childrens-maslikhat": gettext_noop(
        "Say when the children's maslikhat was elected, when the city maslikhat last heard it and "
        "what came of it."
    ),
    "school-ombudsmen": gettext_noop(
        "Give how many schools the city has and how many of them have an ombudsman for children's "
        "rights."
    ),
    "working-group": gettext_noop(
        "Name the coordinator and the working group's members, and give the decision that "
        "appointed them."
    ),
    "survey-of-children": gettext_noop(
        "Say how many children answered the survey, how children with disabilities and children "
        "out of school were reached, and where the analysis uses the results."
    ),
    "council-adopted-plan": gettext_noop(
        "Give the number and date of the council's decision and the budget it set aside for the "
        "plan."
    ),
    "coordinating-mechanism": gettext_noop(
        "Give the decision that set up the office or council, with its mandate, its staff and its "
        "budget."
    ),
    "monitoring": gettext_noop(
        "Say how often progress is reported and to whom, and where the latest report is published."
    ),
}

CRITERIA: dict[str, list[tuple[str, str]]] = {
    "iran": [
        (
            "cfc-office",
            gettext_noop(
                "The CFC office is in the municipality's organisation chart, with a head, staff "
                "and a policy council of municipal and outside bodies."
            ),
        ),
        *_COMMON,
        (
            "district-plans",
            gettext_noop("Each urban district has its own child-friendly city plan."),
        ),
        (
            "emergency-preparedness",
            gettext_noop("Emergency preparedness plans take children's needs into account."),
        ),
    ],
    "kazakhstan": [
        (
            "coordination-council",
            gettext_noop(
                "An interdepartmental coordination council under the akimat meets regularly "
                "and follows the programme."
            ),
        ),
        *_COMMON,
        (
            "childrens-maslikhat",
            gettext_noop("A children's maslikhat is elected and heard by the city maslikhat."),
        ),
        (
            "school-ombudsmen",
            gettext_noop("Every school has an ombudsman for children's rights."),
        ),
    ],
    "lithuania": [
        (
            "working-group",
            gettext_noop("A working group and a coordinator lead the initiative in the city."),
        ),
        *_COMMON,
        (
            "survey-of-children",
            gettext_noop(
                "A survey of children, reaching children with disabilities and children out of "
                "school, informs the situation analysis."
            ),
        ),
        (
            "council-adopted-plan",
            gettext_noop("The municipal council has adopted the action plan and its budget."),
        ),
    ],
}

#: For programmes without a set of their own.
GENERIC: list[tuple[str, str]] = [
    (
        "coordinating-mechanism",
        gettext_noop(
            "A coordinating office or council, with a mandate, staff and budget, leads the "
            "city's work for children."
        ),
    ),
    *_COMMON,
    (
        "monitoring",
        gettext_noop("Progress is monitored and reported regularly, and the report is public."),
    ),
]


def criteria_load(*, programme: Programme) -> int:
    """Add the programme's criteria that are missing (by key); never overwrite an
    administrator's edits. Returns how many were added. They go into the framework version in
    force (version 1 for a programme without one); nothing is added to a version a
    self-assessment already uses."""
    rows = CRITERIA.get(programme.key, GENERIC)
    with transaction.atomic():
        framework = framework_for_opening(programme.pk, FrameworkKind.SELF_ASSESSMENT)
        if framework_uses(framework.pk, framework.kind):
            return 0
        existing = set(
            AssessmentCriterion.objects.filter(framework=framework).values_list("key", flat=True)
        )
        added = AssessmentCriterion.objects.bulk_create(
            AssessmentCriterion(
                programme=programme,
                framework=framework,
                key=key,
                order=order,
                **localized("text", text),
                **localized("guidance", GUIDANCE.get(key, "")),
            )
            for order, (key, text) in enumerate(rows, start=1)
            if key not in existing
        )
    return len(added)
