"""The stage records of the world other than the atlas and the plans (those are `load`'s): what
each kind of record needs to be complete (`candidacy.records.kinds`), for every stage that
reached it, built as rows for bulk writes. Required documents are `Evidence` rows of the stage,
all pointing at one stored placeholder PDF (`placeholder_ensure`)."""

from __future__ import annotations

import datetime
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from candidacy.models import Decision, GoalArea, StageKind, StageState
from cities.roles import Role

from . import rows

PLACEHOLDER = "evidence/world/document.pdf"
PLACEHOLDER_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
#: The kinds whose record requires a document, and the document's file name.
DOCUMENTS = {
    StageKind.OFFICE_FORMATION: "decree.pdf",
    StageKind.SUBMISSION: "letter.pdf",
    StageKind.MEMORANDUM: "memorandum.pdf",
    StageKind.CANDIDACY: "certificate.pdf",
    StageKind.RECOGNITION: "certificate.pdf",
    StageKind.EVALUATION: "evaluation-report.pdf",
}
_AREAS = [choice for choice, _label in GoalArea.choices]
_AGENCIES = (
    "Provincial Education Office",
    "Provincial Welfare Organization",
    "University of Medical Sciences",
    "Municipal statistics unit",
    "Police Department for Families",
)

#: The conditions of a decision to approve with conditions: (what, days after the evaluation).
_CONDITIONS = (
    ("Publish the plan's budget by district on the city's website.", 180),
    ("Add the children's council's review of the plan to the next yearly report.", 365),
)


def placeholder_ensure() -> str:
    """Store the placeholder document once; returns its name."""
    if not default_storage.exists(PLACEHOLDER):
        default_storage.save(PLACEHOLDER, ContentFile(PLACEHOLDER_PDF))
    return PLACEHOLDER


def filled(rng: random.Random, stage) -> bool:
    """A stage has its record when it reached sign-off (or was returned), and half the time
    while it is open; never while locked."""
    if stage.state == StageState.LOCKED:
        return False
    return stage.state != StageState.OPEN or stage.round > 1 or rng.random() < 0.5


def _day(stage) -> datetime.date:
    """A day the record speaks of: shortly after the stage opened."""
    return (stage.opened_at + datetime.timedelta(days=3)).date()


def evidence_rows(todo) -> list:
    """`todo`: [(progress, stage, who)] of stages needing a document: one Evidence each."""
    made = []
    for progress, stage, who in todo:
        preparer = who[stage.definition.prepared_by]
        made.append(
            rows.evidence(
                progress,
                PLACEHOLDER,
                DOCUMENTS[stage.definition.kind],
                len(PLACEHOLDER_PDF),
                preparer,
                stage.opened_at + datetime.timedelta(days=2),
            )
        )
    return made


def record_rows(rng, progress, stage, city, who, document, criteria) -> dict[str, list]:
    """The rows of the stage's record by model name (`document`: its Evidence or None;
    `criteria`: the programme's {"evaluation": [...], "assessment": [...]})."""
    kind, day, by = stage.definition.kind, _day(stage), who[stage.definition.prepared_by]
    out: dict[str, list] = {}
    if kind == StageKind.OFFICE_FORMATION:
        head = f"{city.name} municipality"
        out["office"] = [rows.office_record(progress, city.name, day, head, by, document)]
    elif kind == StageKind.CFC_DATABASE:
        out["dataset"] = [
            rows.dataset(progress, area, rng.choice(_AGENCIES), day) for area in _AREAS
        ]
    elif kind == StageKind.STOCKTAKE:
        # A third of the initiatives are marked as good practice (by their place, drawing
        # nothing from the random sequence): the library's queue and entries (`life`).
        out["initiative"] = [
            rows.initiative(
                progress,
                area,
                rng.choice(_AGENCIES),
                day.year - rng.randint(1, 9),
                good_practice=(progress.pk + number) % 3 == 0,
            )
            for number, area in enumerate(_AREAS[: rng.randint(2, 5)])
        ]
    elif kind in (StageKind.SUBMISSION, StageKind.MEMORANDUM):
        out["letter"] = [rows.letter_record(progress, city.name, day, by, document)]
    elif kind in (StageKind.CANDIDACY, StageKind.RECOGNITION):
        out["grant"] = [rows.grant_record(progress, city.slug, day, by, document)]
    elif kind == StageKind.NETWORK_MEMBERSHIP:
        out["network"] = [rows.network_record(progress, city.slug, day, by)]
    elif kind == StageKind.SITUATION_ANALYSIS:
        out["gap"] = [rows.gap(progress, area, rng.choice(("high", "medium"))) for area in _AREAS]
        out["assessment"] = [
            (
                rows.self_assessment(
                    progress, stage.opened_at, by, criteria["assessment_framework"]
                ),
                [(criterion, rng.randint(1, 4)) for criterion in criteria["assessment"]],
            )
        ]
    elif kind == StageKind.EVALUATION:
        # Every third evaluation approves with conditions (by its place, drawing nothing from
        # the random sequence); once approved, the coordinator marked the first met.
        conditional = progress.pk % 3 == 0
        decision = Decision.APPROVE_WITH_CONDITIONS if conditional else Decision.APPROVE
        out["evaluation"] = [
            (
                rows.evaluation_record(
                    progress,
                    day,
                    who[Role.EVALUATOR],
                    document,
                    criteria["evaluation_framework"],
                    decision,
                ),
                criteria["evaluation"],
            )
        ]
        if conditional:
            met = None  # the first condition, once the stage is approved
            if stage.state == StageState.APPROVED:
                at = min(stage.approved_at + datetime.timedelta(days=45), timezone.now())
                met = (at, who[Role.COORDINATOR])
            out["condition"] = [
                rows.condition(
                    progress, text, day + datetime.timedelta(days=days), None if number else met
                )
                for number, (text, days) in enumerate(_CONDITIONS)
            ]
    elif kind == StageKind.ONGOING_REVIEW:
        last = stage.round if stage.state != StageState.OPEN else stage.round - 1
        out["review"] = [
            rows.review_round(
                progress,
                number,
                day - datetime.timedelta(days=365 * (last - number + 1)),
                city.name,
            )
            for number in range(1, last + 1)
        ]
    return out
