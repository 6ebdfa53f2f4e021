"""The evaluation criteria every programme starts with: UNICEF's global minimum criteria for
Child Friendly City recognition, and what each country's programme adds from the source
documents. `criteria_seed` loads them (`manage.py load_evaluation_criteria`, and the demo data);
afterwards superusers edit them in the admin. Texts are marked for translation so that the
catalogues carry them, as the stage titles are."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_noop

from candidacy.models import (
    EvaluationCriterion,
    FrameworkKind,
    framework_for_opening,
    framework_uses,
)
from cities.models import Programme
from cities.seed_names import localized


@dataclass(frozen=True)
class CriterionSpec:
    key: str
    text: str
    #: What evaluators look for (`EvaluationCriterion.guidance`), in every language through
    #: the catalogues.
    guidance: str = ""


#: UNICEF's global minimum criteria: every programme judges these.
GLOBAL = (
    CriterionSpec(
        "results-across-goal-areas",
        gettext_noop(
            "Demonstrated results for children across several of the CFCI goal areas, against "
            "the action plan's indicators."
        ),
        gettext_noop(
            "Compare the indicators' baseline with the latest values; look for results in at "
            "least three goal areas."
        ),
    ),
    CriterionSpec(
        "child-participation",
        gettext_noop(
            "Meaningful and inclusive child participation, e.g. through child or youth "
            "councils, in every phase: analysis, planning, implementation and evaluation."
        ),
        gettext_noop(
            "Check the minutes of the children's council and whether children's proposals were "
            "answered."
        ),
    ),
    CriterionSpec(
        "non-discrimination",
        gettext_noop(
            "Demonstrated work to eliminate discrimination against children, in the city's "
            "policies, services and the initiative itself."
        ),
        gettext_noop(
            "Ask which groups of children were reached: children with disabilities, migrant "
            "children, children out of school."
        ),
    ),
)

#: What each programme adds, by programme key.
NATIONAL = {
    "iran": (
        CriterionSpec(
            "emergency-preparedness",
            gettext_noop(
                "Child-centred emergency preparedness (e.g. the guidelines of the joint "
                "project with the Ministry of Interior)."
            ),
            gettext_noop(
                "Look for an emergency plan that names children's needs (shelters, schools, "
                "separated children) and for a drill or training in which children took part."
            ),
        ),
        CriterionSpec(
            "child-friendly-budget",
            gettext_noop(
                "A child-friendly budget, with a plan for monitoring what is spent on children."
            ),
            gettext_noop(
                "Look for the budget lines spent on children, their share of the city's budget, "
                "and a report comparing what was planned with what was spent."
            ),
        ),
    ),
    "kazakhstan": (
        CriterionSpec(
            "local-government-structures",
            gettext_noop(
                "Assessment of local government structures and processes: the "
                "interdepartmental coordination council, school ombudsmen, the children's "
                "maslikhat."
            ),
            gettext_noop(
                "Check the decision setting up the coordination council and the minutes of its "
                "latest meetings, the list of schools with an ombudsman, and the children's "
                "maslikhat's election and sessions."
            ),
        ),
        CriterionSpec(
            "sectoral-outcomes",
            gettext_noop(
                "Assessment of the outcomes of sectoral policies for children (health, "
                "education, social protection)."
            ),
            gettext_noop(
                "Compare the indicators of children's health, education and social protection "
                "with their baseline, and ask which department answers for each."
            ),
        ),
        CriterionSpec(
            "childrens-views",
            gettext_noop("Assessment of children's views of their city, asked of children."),
            gettext_noop(
                "Look for a survey or group discussions in which children themselves described "
                "their city, and for what the akimat changed in response."
            ),
        ),
    ),
    "lithuania": (
        CriterionSpec(
            "survey-of-children",
            gettext_noop("A survey of children informs the situation analysis."),
            gettext_noop(
                "Check that the survey's questions, sample and results are attached, that it "
                "reached children with disabilities and children out of school, and that the "
                "situation analysis cites it."
            ),
        ),
        CriterionSpec(
            "action-plan-adopted",
            gettext_noop("The action plan was adopted by the municipal council."),
            gettext_noop(
                "Look for the municipal council's decision adopting the action plan, with its "
                "date and number, and the budget set aside for the plan."
            ),
        ),
    ),
}


def criteria_for(programme_key: str) -> tuple[CriterionSpec, ...]:
    return GLOBAL + NATIONAL.get(programme_key, ())


def criteria_seed(programme: Programme) -> int:
    """Create the programme's missing criteria (global ones first, then the country's); an
    existing criterion, perhaps edited by an administrator, is never overwritten. Returns how
    many were created. They go into the framework version in force (version 1 for a programme
    without one); nothing is added to a version an evaluation already uses."""
    created = 0
    with transaction.atomic():
        framework = framework_for_opening(programme.pk, FrameworkKind.EVALUATION)
        if framework_uses(framework.pk, framework.kind):
            return 0
        for order, spec in enumerate(criteria_for(programme.key), start=1):
            _, new = EvaluationCriterion.objects.get_or_create(
                programme=programme,
                framework=framework,
                key=spec.key,
                defaults={
                    **localized("text", spec.text),
                    **localized("guidance", spec.guidance),
                    "order": order * 10,
                    "is_global": spec in GLOBAL,
                },
            )
            created += new
    return created
