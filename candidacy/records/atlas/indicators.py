"""The indicator sets of the three programmes' atlases, seeded by the demo and by
`manage.py load_indicators`. Superusers edit them afterwards in the admin: they are data.

Names and units are stored in every language (`cities.seed_names`); the English, marked with
gettext_noop, is the table's key.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from candidacy.models import (
    FrameworkKind,
    GoalArea,
    IndicatorDefinition,
    framework_for_opening,
    framework_uses,
)
from cities.models import Programme
from cities.seed_names import localized

SAFE = GoalArea.SAFE_AND_PROTECTED
SERVICES = GoalArea.ESSENTIAL_SERVICES
VOICE = GoalArea.VOICE
ENVIRONMENT = GoalArea.ENVIRONMENT
PLAY = GoalArea.FAMILY_PLAY_LEISURE

CHILDREN = N_("children")
PER_1000 = N_("per 1,000 children")

# key, name, unit, goal area. The first three (children by age band) are the same everywhere.
_AGE_BANDS = [
    ("children-0-5", N_("Children aged 0–5"), CHILDREN, SERVICES),
    ("children-6-11", N_("Children aged 6–11"), CHILDREN, SERVICES),
    ("children-12-17", N_("Children aged 12–17"), CHILDREN, SERVICES),
]

IRAN = _AGE_BANDS + [
    ("children-with-disabilities", N_("Children with disabilities"), CHILDREN, SERVICES),
    ("kindergartens", N_("Kindergartens"), N_("kindergartens"), SERVICES),
    ("primary-schools", N_("Primary schools"), N_("schools"), SERVICES),
    ("secondary-schools", N_("Secondary schools"), N_("schools"), SERVICES),
    ("health-centres", N_("Health centres"), N_("centres"), SERVICES),
    ("mother-child-rooms", N_("Mother-and-child rooms"), N_("rooms"), SERVICES),
    ("play-space-per-child", N_("Play space per child"), N_("m²"), PLAY),
    ("parks", N_("Parks and playgrounds"), N_("parks"), PLAY),
    ("libraries", N_("Public libraries"), N_("libraries"), PLAY),
    ("childrens-houses", N_("Children's houses and cultural centres"), N_("centres"), PLAY),
    ("sports-facilities", N_("Sports facilities open to children"), N_("facilities"), PLAY),
    (
        "child-workspaces",
        N_("Spaces where people work with children"),
        N_("spaces"),
        SAFE,
    ),
    ("child-protection-cases", N_("Child protection cases handled"), PER_1000, SAFE),
    ("road-injuries", N_("Children injured in road traffic"), PER_1000, SAFE),
    ("safe-school-crossings", N_("Schools with a safe crossing"), N_("%"), ENVIRONMENT),
    ("green-space-per-child", N_("Green space per child"), N_("m²"), ENVIRONMENT),
    ("student-councils", N_("Schools with a student council"), N_("%"), VOICE),
    ("council-sessions", N_("Children's council sessions held"), N_("sessions a year"), VOICE),
]

KAZAKHSTAN = _AGE_BANDS + [
    ("children-with-disabilities", N_("Children with disabilities"), CHILDREN, SERVICES),
    ("kindergartens", N_("Kindergartens"), N_("kindergartens"), SERVICES),
    ("kindergarten-places", N_("Kindergarten places"), PER_1000, SERVICES),
    ("schools", N_("Schools"), N_("schools"), SERVICES),
    ("inclusive-schools", N_("Schools with inclusive education"), N_("%"), SERVICES),
    ("polyclinics", N_("Children's polyclinics"), N_("polyclinics"), SERVICES),
    ("child-friendly-polyclinics", N_("Child-friendly polyclinics"), N_("%"), SERVICES),
    ("libraries", N_("Children's libraries"), N_("libraries"), PLAY),
    ("playgrounds", N_("Playgrounds"), N_("playgrounds"), PLAY),
    ("play-space-per-child", N_("Play space per child"), N_("m²"), PLAY),
    ("sports-sections", N_("Sports clubs for children"), N_("clubs"), PLAY),
    (
        "child-workspaces",
        N_("Spaces where people work with children"),
        N_("spaces"),
        SAFE,
    ),
    ("school-ombudsmen", N_("Schools with an ombudsman"), N_("%"), SAFE),
    ("children-in-care", N_("Children in residential care"), PER_1000, SAFE),
    ("road-injuries", N_("Children injured in road traffic"), PER_1000, SAFE),
    ("green-space-per-child", N_("Green space per child"), N_("m²"), ENVIRONMENT),
    ("maslikhat-members", N_("Members of the children's maslikhat"), N_("members"), VOICE),
]

LITHUANIA = _AGE_BANDS + [
    ("children-with-disabilities", N_("Children with disabilities"), CHILDREN, SERVICES),
    ("kindergartens", N_("Kindergartens"), N_("kindergartens"), SERVICES),
    (
        "kindergarten-waiting-list",
        N_("Children waiting for a kindergarten place"),
        CHILDREN,
        SERVICES,
    ),
    ("schools", N_("Schools"), N_("schools"), SERVICES),
    ("health-centres", N_("Primary health care centres"), N_("centres"), SERVICES),
    ("child-day-centres", N_("Children's day centres"), N_("centres"), SAFE),
    ("social-risk-families", N_("Children in families at social risk"), PER_1000, SAFE),
    (
        "child-workspaces",
        N_("Spaces where people work with children"),
        N_("spaces"),
        SAFE,
    ),
    ("road-injuries", N_("Children injured in road traffic"), PER_1000, SAFE),
    ("libraries", N_("Libraries with a children's section"), N_("libraries"), PLAY),
    ("playgrounds", N_("Playgrounds"), N_("playgrounds"), PLAY),
    ("play-space-per-child", N_("Play space per child"), N_("m²"), PLAY),
    ("open-youth-spaces", N_("Open youth centres and spaces"), N_("spaces"), PLAY),
    ("green-space-per-child", N_("Green space per child"), N_("m²"), ENVIRONMENT),
    ("cycle-paths", N_("Cycle paths"), N_("km"), ENVIRONMENT),
    ("pupil-councils", N_("Schools with a pupils' council"), N_("%"), VOICE),
    ("youth-council-members", N_("Members of the youth council"), N_("members"), VOICE),
]

#: The seed set of each programme, by programme key; any other programme gets `DEFAULT`.
SETS = {"iran": IRAN, "kazakhstan": KAZAKHSTAN, "lithuania": LITHUANIA}
DEFAULT = IRAN


def indicators_seed(*, programme: Programme) -> int:
    """Give the programme its seed set of indicators: adds the definitions whose key it lacks,
    leaves existing ones (perhaps edited by a superuser) alone. Returns how many were added.
    They go into the version in force of the programme's indicator set (version 1 for a
    programme without one); nothing is added to a version an atlas already uses."""
    rows = SETS.get(programme.key, DEFAULT)
    with transaction.atomic():
        framework = framework_for_opening(programme.pk, FrameworkKind.ATLAS)
        if framework_uses(framework.pk, framework.kind):
            return 0
        existing = set(
            IndicatorDefinition.objects.filter(framework=framework).values_list("key", flat=True)
        )
        new = [
            IndicatorDefinition(
                programme=programme,
                framework=framework,
                key=key,
                **localized("name", name),
                **localized("unit", unit),
                goal_area=area,
                order=10 * position,
            )
            for position, (key, name, unit, area) in enumerate(rows, start=1)
            if key not in existing
        ]
        IndicatorDefinition.objects.bulk_create(new)
    return len(new)
