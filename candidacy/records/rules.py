"""What each kind of stage must record before it can be submitted: the one place these rules
are stated. `missing(progress)` answers, in the user's language, every thing still missing;
`candidacy.services.stage_submit` refuses while the list is not empty, and the stage page shows
the same list beside the submit button.

A kind without a rule here (see `registry.RECORDS`: the atlas, the situation analysis, plans,
evaluations, ongoing review, councils and reports) is not gated by a record yet.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from candidacy.models import (
    DataSet,
    GoalArea,
    GrantRecord,
    Initiative,
    LetterRecord,
    NetworkRecord,
    OfficeRecord,
    StageKind,
    StageProgress,
)

from .atlas.rules import childrens_atlas
from .evaluations.rules import evaluation
from .plans import rules as plan_rules


def office_formation(progress: StageProgress) -> list[str]:
    record = OfficeRecord.objects.filter(progress=progress).first()
    problems = []
    if record is None:
        problems.append(
            _(
                "Fill in the office's record: its name, parent department, date established, "
                "decree number, head and staff."
            )
        )
    if record is None or record.decree_id is None:
        problems.append(_("Upload the decree establishing the office before submitting."))
    return problems


def cfc_database(progress: StageProgress) -> list[str]:
    covered = set(
        DataSet.objects.filter(progress=progress).values_list("goal_area", flat=True).distinct()
    )
    uncovered = [area.label for area in GoalArea if area not in covered]
    if not uncovered:
        return []
    return [
        _("Add at least one data set for each goal area (none yet for: %(areas)s).")
        % {"areas": "; ".join(str(label) for label in uncovered)}
    ]


def stocktake(progress: StageProgress) -> list[str]:
    if Initiative.objects.filter(progress=progress).exists():
        return []
    return [_("Add at least one initiative the city already has in place.")]


def letter(progress: StageProgress) -> list[str]:
    record = LetterRecord.objects.filter(progress=progress).first()
    memorandum = progress.definition.kind == StageKind.MEMORANDUM
    problems = []
    if record is None:
        problems.append(
            _("Fill in the memorandum's reference, date and parties.")
            if memorandum
            else _("Fill in the letter's reference, date and addressee.")
        )
    if record is None or record.letter_id is None:
        problems.append(
            _("Attach the signed memorandum before submitting.")
            if memorandum
            else _("Attach the letter before submitting.")
        )
    return problems


def grant(progress: StageProgress) -> list[str]:
    record = GrantRecord.objects.filter(progress=progress).first()
    problems = []
    if record is None:
        problems.append(_("Fill in the date granted and the certificate number."))
    if record is None or record.certificate_id is None:
        problems.append(_("Attach the certificate before submitting."))
    return problems


def network_membership(progress: StageProgress) -> list[str]:
    if NetworkRecord.objects.filter(progress=progress).exists():
        return []
    return [_("Fill in the date the city joined the network and its contact there.")]


#: The completeness rule of every kind that has one.
RULES: dict[str, Callable[[StageProgress], list[str]]] = {
    StageKind.OFFICE_FORMATION: office_formation,
    StageKind.CFC_DATABASE: cfc_database,
    StageKind.STOCKTAKE: stocktake,
    StageKind.SUBMISSION: letter,
    StageKind.MEMORANDUM: letter,
    StageKind.CANDIDACY: grant,
    StageKind.RECOGNITION: grant,
    StageKind.NETWORK_MEMBERSHIP: network_membership,
    StageKind.SITUATION_ANALYSIS: plan_rules.situation_analysis,
    StageKind.PLANS: plan_rules.plans,
    StageKind.ONGOING_REVIEW: plan_rules.ongoing_review,
    StageKind.CHILDRENS_ATLAS: childrens_atlas,
    StageKind.EVALUATION: evaluation,
}


def missing(progress: StageProgress) -> list[str]:
    """Every thing the stage's record still lacks before submission, one message each."""
    rule = RULES.get(progress.definition.kind)
    return rule(progress) if rule else []
