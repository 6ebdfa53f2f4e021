"""The stage sequences of the three national programmes of the source documents.

This is configuration data, loaded by `manage.py load_programmes` (and by the demo data); once
loaded, superusers edit it in the admin. Names and titles are stored in every language
(`cities.seed_names`); they stay marked with gettext_noop so that the catalogues keep carrying
them for the seed's fallback (the descriptions' Russian, Kazakh and Lithuanian).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_noop

from cities.models import Country, Programme
from cities.seed_names import localized

from .models import Grants, Preparer, StageDefinition, StageKind

CITY, COORD, EVAL = Preparer.CITY, Preparer.COORDINATOR, Preparer.EVALUATOR


@dataclass(frozen=True)
class Step:
    key: str
    kind: str
    title: str
    prepared_by: str
    coordinator: bool = False
    evaluator: bool = False
    grants: str = Grants.NOTHING
    validity_months: int | None = None
    description: str = ""


@dataclass(frozen=True)
class ProgrammeSpec:
    key: str
    country_code: str
    country_name: str
    name: str
    coordinating_body: str
    calendar: str
    language: str
    steps: tuple[Step, ...]


IRAN = ProgrammeSpec(
    key="iran",
    country_code="IR",
    country_name=gettext_noop("Iran"),
    name=gettext_noop("Iran's Child-Friendly Cities programme"),
    coordinating_body=gettext_noop(
        "Ministry of Interior (Centre for International Affairs) with the Organization of "
        "Municipalities and Village Administrations and the UNICEF country office"
    ),
    calendar=Programme.Calendar.SOLAR_HIJRI,
    language="fa",
    steps=(
        Step(
            "office-formation",
            StageKind.OFFICE_FORMATION,
            gettext_noop("Office formation"),
            CITY,
            True,
            description=gettext_noop(
                "The municipality forms its CFC office under the national directive."
            ),
        ),
        Step(
            "cfc-database",
            StageKind.CFC_DATABASE,
            gettext_noop("CFC database"),
            CITY,
            True,
            description=gettext_noop(
                "Children's information is centralised in the office's database."
            ),
        ),
        Step(
            "childrens-atlas",
            StageKind.CHILDRENS_ATLAS,
            gettext_noop("Children's atlas"),
            CITY,
            True,
            description=gettext_noop(
                "The situation of the city's children is assessed by need, urban "
                "environment and the spaces where people work with children."
            ),
        ),
        Step(
            "stocktake",
            StageKind.STOCKTAKE,
            gettext_noop("Stocktake"),
            CITY,
            True,
            description=gettext_noop(
                "What the city has already done for children is reviewed and summarised."
            ),
        ),
        Step(
            "situation-analysis",
            StageKind.SITUATION_ANALYSIS,
            gettext_noop("Situation analysis"),
            CITY,
            True,
            description=gettext_noop(
                "The gap between today and what a child-friendly city requires."
            ),
        ),
        Step(
            "plans",
            StageKind.PLANS,
            gettext_noop("Plans"),
            CITY,
            True,
            description=gettext_noop(
                "A five-year strategic plan and one-year operational plans that close the gaps."
            ),
        ),
        Step(
            "plan-submission",
            StageKind.SUBMISSION,
            gettext_noop("Plan submission"),
            CITY,
            True,
            description=gettext_noop(
                "The plans go to the national Organization of Municipalities with a "
                "request for candidacy."
            ),
        ),
        Step(
            "request-to-unicef",
            StageKind.SUBMISSION,
            gettext_noop("Request to UNICEF"),
            COORD,
            True,
            description=gettext_noop(
                "The Organization of Municipalities and the Ministry of Interior's "
                "international office send the request to UNICEF."
            ),
        ),
        Step(
            "joint-evaluation",
            StageKind.EVALUATION,
            gettext_noop("Joint evaluation"),
            EVAL,
            True,
            True,
            description=gettext_noop(
                "The ministry's international office and UNICEF evaluate the plans and actions."
            ),
        ),
        Step(
            "candidacy",
            StageKind.CANDIDACY,
            gettext_noop("Candidacy"),
            EVAL,
            evaluator=True,
            grants=Grants.CANDIDACY,
            description=gettext_noop("The city becomes a candidate."),
        ),
        Step(
            "final-evaluation",
            StageKind.EVALUATION,
            gettext_noop("Final evaluation"),
            EVAL,
            evaluator=True,
            description=gettext_noop(
                "Evaluation for the badge, on the strategic plan and three to five "
                "years of performance."
            ),
        ),
        Step(
            "badge",
            StageKind.RECOGNITION,
            gettext_noop("Badge"),
            EVAL,
            evaluator=True,
            grants=Grants.RECOGNITION,
            validity_months=48,
            description=gettext_noop(
                "The city receives the badge and enters permanent evaluation to keep it."
            ),
        ),
        Step(
            "network-membership",
            StageKind.NETWORK_MEMBERSHIP,
            gettext_noop("Network membership"),
            CITY,
            True,
            description=gettext_noop("The city starts its activity in UNICEF's CFC network."),
        ),
        Step(
            "ongoing-review",
            StageKind.ONGOING_REVIEW,
            gettext_noop("Ongoing review"),
            CITY,
            True,
            True,
            grants=Grants.RECOGNITION,
            validity_months=48,
            description=gettext_noop(
                "Periodic monitoring reports and re-evaluation; a badge that is not renewed lapses."
            ),
        ),
    ),
)

KAZAKHSTAN = ProgrammeSpec(
    key="kazakhstan",
    country_code="KZ",
    country_name=gettext_noop("Kazakhstan"),
    name=gettext_noop("Kazakhstan's Child-Friendly Cities programme"),
    coordinating_body=gettext_noop(
        "Ministry of Education and Science (Committee for children's rights protection) with UNICEF"
    ),
    calendar=Programme.Calendar.GREGORIAN,
    language="kk",
    steps=(
        Step(
            "memorandum",
            StageKind.MEMORANDUM,
            gettext_noop("Memorandum with the akimat"),
            COORD,
            True,
            description=gettext_noop(
                "The Committee for children's rights protection signs a memorandum "
                "with the city's akimat."
            ),
        ),
        Step(
            "situation-study",
            StageKind.SITUATION_ANALYSIS,
            gettext_noop("Study of the situation of children and families"),
            CITY,
            True,
        ),
        Step(
            "coordination-council",
            StageKind.COUNCIL,
            gettext_noop("Interdepartmental coordination council"),
            CITY,
            True,
        ),
        Step(
            "strategic-programme",
            StageKind.PLANS,
            gettext_noop("Strategic programme adopted"),
            CITY,
            True,
        ),
        Step(
            "assessment",
            StageKind.EVALUATION,
            gettext_noop("Assessment (governance structures, sector results, children's views)"),
            EVAL,
            True,
            True,
        ),
        Step(
            "accreditation",
            StageKind.CANDIDACY,
            gettext_noop("Accreditation"),
            EVAL,
            evaluator=True,
            grants=Grants.CANDIDACY,
        ),
        Step(
            "certification",
            StageKind.RECOGNITION,
            gettext_noop("Certification"),
            EVAL,
            True,
            True,
            grants=Grants.RECOGNITION,
            validity_months=36,
        ),
        Step(
            "ongoing-review",
            StageKind.ONGOING_REVIEW,
            gettext_noop("Ongoing review"),
            CITY,
            True,
            True,
            grants=Grants.RECOGNITION,
            validity_months=36,
        ),
    ),
)

LITHUANIA = ProgrammeSpec(
    key="lithuania",
    country_code="LT",
    country_name=gettext_noop("Lithuania"),
    name=gettext_noop("Lithuania's Child-Friendly Cities programme"),
    coordinating_body=gettext_noop(
        "UNICEF Lithuania (national committee), in the Nordic-Baltic network"
    ),
    calendar=Programme.Calendar.GREGORIAN,
    language="lt",
    steps=(
        Step(
            "memorandum",
            StageKind.MEMORANDUM,
            gettext_noop("Memorandum of cooperation"),
            CITY,
            True,
            grants=Grants.CANDIDACY,
        ),
        Step(
            "working-group",
            StageKind.COUNCIL,
            gettext_noop("Working group and coordinator appointed"),
            CITY,
            True,
        ),
        Step(
            "situation-analysis",
            StageKind.SITUATION_ANALYSIS,
            gettext_noop("Situation analysis with a survey of children"),
            CITY,
            True,
        ),
        Step(
            "action-plan",
            StageKind.PLANS,
            gettext_noop("Action plan adopted by the council"),
            CITY,
            True,
        ),
        Step(
            "implementation-report",
            StageKind.REPORT,
            gettext_noop("Implementation report"),
            CITY,
            True,
        ),
        Step("evaluation", StageKind.EVALUATION, gettext_noop("Evaluation"), EVAL, evaluator=True),
        Step(
            "recognition",
            StageKind.RECOGNITION,
            gettext_noop("Recognition"),
            EVAL,
            evaluator=True,
            grants=Grants.RECOGNITION,
            validity_months=36,
        ),
        Step(
            "ongoing-review",
            StageKind.ONGOING_REVIEW,
            gettext_noop("Ongoing review"),
            CITY,
            True,
            True,
            grants=Grants.RECOGNITION,
            validity_months=36,
        ),
    ),
)

PROGRAMMES = (IRAN, KAZAKHSTAN, LITHUANIA)

#: The expected days of preparation and of sign-off of each kind of stage (`candidacy.deadlines`;
#: superusers change them per definition in the admin). None: no deadline (a badge's final
#: evaluation follows years of performance).
KIND_DAYS: dict[str, tuple[int | None, int | None]] = {
    StageKind.OFFICE_FORMATION: (90, 30),
    StageKind.CFC_DATABASE: (180, 30),
    StageKind.CHILDRENS_ATLAS: (180, 30),
    StageKind.STOCKTAKE: (120, 30),
    StageKind.SITUATION_ANALYSIS: (180, 30),
    StageKind.PLANS: (365, 60),
    StageKind.SUBMISSION: (30, 30),
    StageKind.MEMORANDUM: (90, 30),
    StageKind.COUNCIL: (90, 30),
    StageKind.EVALUATION: (120, 60),
    StageKind.CANDIDACY: (60, 30),
    StageKind.RECOGNITION: (None, 90),
    StageKind.NETWORK_MEMBERSHIP: (90, 30),
    StageKind.REPORT: (365, 60),
    StageKind.ONGOING_REVIEW: (365, 90),
}


def programme_load(spec: ProgrammeSpec) -> Programme:
    """Create the programme and its stage definitions if missing; never overwrite an
    administrator's edits of an existing definition."""
    with transaction.atomic():
        country, _ = Country.objects.get_or_create(
            code=spec.country_code, defaults=localized("name", spec.country_name)
        )
        programme, _ = Programme.objects.get_or_create(
            key=spec.key,
            defaults={
                "country": country,
                **localized("name", spec.name),
                **localized("coordinating_body", spec.coordinating_body),
                "calendar": spec.calendar,
                "language": spec.language,
            },
        )
        for position, step in enumerate(spec.steps, start=1):
            StageDefinition.objects.get_or_create(
                programme=programme,
                key=step.key,
                defaults={
                    "position": position,
                    "kind": step.kind,
                    **localized("title", step.title),
                    **localized("description", step.description),
                    "prepared_by": step.prepared_by,
                    "signed_by_coordinator": step.coordinator,
                    "signed_by_evaluator": step.evaluator,
                    "grants": step.grants,
                    "validity_months": step.validity_months,
                    "preparation_days": KIND_DAYS.get(step.kind, (None, None))[0],
                    "signoff_days": KIND_DAYS.get(step.kind, (None, None))[1],
                },
            )
    return programme
