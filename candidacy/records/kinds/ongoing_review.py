"""The ongoing review stage: one record per review round (the period it covers and a summary
of progress), beside the completion of the operational plans; its page is in
`candidacy.records.plans`."""

from __future__ import annotations

from django.db.models import F
from django.urls import path
from django.utils.translation import gettext as _

from candidacy.models import ReviewRound, StageKind, StageProgress
from candidacy.records.plans import selectors, views
from candidacy.records.registry import RecordKind


def ongoing_review(progress: StageProgress) -> list[str]:
    """This round's record: the period it covers and a summary of progress (the model requires
    both, so a record of this round is a filled one)."""
    # The round as stored: a caller may hold the stage from before its last approval.
    if ReviewRound.objects.filter(progress=progress, round=F("progress__round")).exists():
        return []
    return [
        _("Fill in this review round's record: the period it covers and a summary of progress.")
    ]


def context(progress: StageProgress) -> dict:
    return {"rec": selectors.review_context(progress)}


KIND = RecordKind(
    stage_kinds=(StageKind.ONGOING_REVIEW,),
    template="candidacy/records/plans/ongoing_review.html",
    rule=ongoing_review,
    context=context,
    urlpatterns=(path("review-round/", views.review_round_edit, name="record-review-round"),),
)
