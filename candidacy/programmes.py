"""The stage sequences of the three national programmes of the source documents.

This is configuration data, loaded by `manage.py load_programmes` (and by the demo data); once
loaded, superusers edit it in the admin. Titles are marked for translation so that the portal's
catalogues carry them in every language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from cities.models import Country, Programme

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
    steps: tuple[Step, ...]


IRAN = ProgrammeSpec(
    key="iran",
    country_code="IR",
    country_name=N_("Iran"),
    name=N_("Iran's Child-Friendly Cities programme"),
    coordinating_body=N_(
        "Ministry of Interior (Centre for International Affairs) with the Organization of "
        "Municipalities and Village Administrations and the UNICEF country office"
    ),
    calendar=Programme.Calendar.SOLAR_HIJRI,
    steps=(
        Step(
            "office-formation",
            StageKind.OFFICE_FORMATION,
            N_("Office formation"),
            CITY,
            True,
            description=N_("The municipality forms its CFC office under the national directive."),
        ),
        Step(
            "cfc-database",
            StageKind.CFC_DATABASE,
            N_("CFC database"),
            CITY,
            True,
            description=N_("Children's information is centralised in the office's database."),
        ),
        Step(
            "childrens-atlas",
            StageKind.CHILDRENS_ATLAS,
            N_("Children's atlas"),
            CITY,
            True,
            description=N_(
                "The situation of the city's children is assessed by need, urban "
                "environment and the spaces where people work with children."
            ),
        ),
        Step(
            "stocktake",
            StageKind.STOCKTAKE,
            N_("Stocktake"),
            CITY,
            True,
            description=N_(
                "What the city has already done for children is reviewed and summarised."
            ),
        ),
        Step(
            "situation-analysis",
            StageKind.SITUATION_ANALYSIS,
            N_("Situation analysis"),
            CITY,
            True,
            description=N_("The gap between today and what a child-friendly city requires."),
        ),
        Step(
            "plans",
            StageKind.PLANS,
            N_("Plans"),
            CITY,
            True,
            description=N_(
                "A five-year strategic plan and one-year operational plans that close the gaps."
            ),
        ),
        Step(
            "plan-submission",
            StageKind.SUBMISSION,
            N_("Plan submission"),
            CITY,
            True,
            description=N_(
                "The plans go to the national Organization of Municipalities with a "
                "request for candidacy."
            ),
        ),
        Step(
            "request-to-unicef",
            StageKind.SUBMISSION,
            N_("Request to UNICEF"),
            COORD,
            True,
            description=N_(
                "The Organization of Municipalities and the Ministry of Interior's "
                "international office send the request to UNICEF."
            ),
        ),
        Step(
            "joint-evaluation",
            StageKind.EVALUATION,
            N_("Joint evaluation"),
            EVAL,
            True,
            True,
            description=N_(
                "The ministry's international office and UNICEF evaluate the plans and actions."
            ),
        ),
        Step(
            "candidacy",
            StageKind.CANDIDACY,
            N_("Candidacy"),
            EVAL,
            evaluator=True,
            grants=Grants.CANDIDACY,
            description=N_("The city becomes a candidate."),
        ),
        Step(
            "final-evaluation",
            StageKind.EVALUATION,
            N_("Final evaluation"),
            EVAL,
            evaluator=True,
            description=N_(
                "Evaluation for the badge, on the strategic plan and three to five "
                "years of performance."
            ),
        ),
        Step(
            "badge",
            StageKind.RECOGNITION,
            N_("Badge"),
            EVAL,
            evaluator=True,
            grants=Grants.RECOGNITION,
            validity_months=48,
            description=N_(
                "The city receives the badge and enters permanent evaluation to keep it."
            ),
        ),
        Step(
            "network-membership",
            StageKind.NETWORK_MEMBERSHIP,
            N_("Network membership"),
            CITY,
            True,
            description=N_("The city starts its activity in UNICEF's CFC network."),
        ),
        Step(
            "ongoing-review",
            StageKind.ONGOING_REVIEW,
            N_("Ongoing review"),
            CITY,
            True,
            True,
            grants=Grants.RECOGNITION,
            validity_months=48,
            description=N_(
                "Periodic monitoring reports and re-evaluation; a badge that is not renewed lapses."
            ),
        ),
    ),
)

KAZAKHSTAN = ProgrammeSpec(
    key="kazakhstan",
    country_code="KZ",
    country_name=N_("Kazakhstan"),
    name=N_("Kazakhstan's Child-Friendly Cities programme"),
    coordinating_body=N_(
        "Ministry of Education and Science (Committee for children's rights protection) with UNICEF"
    ),
    calendar=Programme.Calendar.GREGORIAN,
    steps=(
        Step(
            "memorandum",
            StageKind.MEMORANDUM,
            N_("Memorandum with the akimat"),
            COORD,
            True,
            description=N_(
                "The Committee for children's rights protection signs a memorandum "
                "with the city's akimat."
            ),
        ),
        Step(
            "situation-study",
            StageKind.SITUATION_ANALYSIS,
            N_("Study of the situation of children and families"),
            CITY,
            True,
        ),
        Step(
            "coordination-council",
            StageKind.COUNCIL,
            N_("Interdepartmental coordination council"),
            CITY,
            True,
        ),
        Step("strategic-programme", StageKind.PLANS, N_("Strategic programme adopted"), CITY, True),
        Step(
            "assessment",
            StageKind.EVALUATION,
            N_("Assessment (governance structures, sector results, children's views)"),
            EVAL,
            True,
            True,
        ),
        Step(
            "accreditation",
            StageKind.CANDIDACY,
            N_("Accreditation"),
            EVAL,
            evaluator=True,
            grants=Grants.CANDIDACY,
        ),
        Step(
            "certification",
            StageKind.RECOGNITION,
            N_("Certification"),
            EVAL,
            True,
            True,
            grants=Grants.RECOGNITION,
            validity_months=36,
        ),
        Step(
            "ongoing-review",
            StageKind.ONGOING_REVIEW,
            N_("Ongoing review"),
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
    country_name=N_("Lithuania"),
    name=N_("Lithuania's Child-Friendly Cities programme"),
    coordinating_body=N_("UNICEF Lithuania (national committee), in the Nordic-Baltic network"),
    calendar=Programme.Calendar.GREGORIAN,
    steps=(
        Step(
            "memorandum",
            StageKind.MEMORANDUM,
            N_("Memorandum of cooperation"),
            CITY,
            True,
            grants=Grants.CANDIDACY,
        ),
        Step(
            "working-group",
            StageKind.COUNCIL,
            N_("Working group and coordinator appointed"),
            CITY,
            True,
        ),
        Step(
            "situation-analysis",
            StageKind.SITUATION_ANALYSIS,
            N_("Situation analysis with a survey of children"),
            CITY,
            True,
        ),
        Step("action-plan", StageKind.PLANS, N_("Action plan adopted by the council"), CITY, True),
        Step("implementation-report", StageKind.REPORT, N_("Implementation report"), CITY, True),
        Step("evaluation", StageKind.EVALUATION, N_("Evaluation"), EVAL, evaluator=True),
        Step(
            "recognition",
            StageKind.RECOGNITION,
            N_("Recognition"),
            EVAL,
            evaluator=True,
            grants=Grants.RECOGNITION,
            validity_months=36,
        ),
        Step(
            "ongoing-review",
            StageKind.ONGOING_REVIEW,
            N_("Ongoing review"),
            CITY,
            True,
            True,
            grants=Grants.RECOGNITION,
            validity_months=36,
        ),
    ),
)

PROGRAMMES = (IRAN, KAZAKHSTAN, LITHUANIA)


def programme_load(spec: ProgrammeSpec) -> Programme:
    """Create the programme and its stage definitions if missing; never overwrite an
    administrator's edits of an existing definition."""
    with transaction.atomic():
        country, _ = Country.objects.get_or_create(
            code=spec.country_code, defaults={"name": spec.country_name}
        )
        programme, _ = Programme.objects.get_or_create(
            key=spec.key,
            defaults={
                "country": country,
                "name": spec.name,
                "coordinating_body": spec.coordinating_body,
                "calendar": spec.calendar,
            },
        )
        for position, step in enumerate(spec.steps, start=1):
            StageDefinition.objects.get_or_create(
                programme=programme,
                key=step.key,
                defaults={
                    "position": position,
                    "kind": step.kind,
                    "title": step.title,
                    "description": step.description,
                    "prepared_by": step.prepared_by,
                    "signed_by_coordinator": step.coordinator,
                    "signed_by_evaluator": step.evaluator,
                    "grants": step.grants,
                    "validity_months": step.validity_months,
                },
            )
    return programme
