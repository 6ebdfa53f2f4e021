"""For tests that move a stage along: fill a complete record before submitting it, through the
same services the pages use (so only the stage's preparer, while it is open or returned)."""

from __future__ import annotations

from candidacy.models import StageProgress
from candidacy.records import registry

from .records import fill_demo_record


def complete_record(progress: StageProgress, *, by=None) -> StageProgress:
    """Give the stage a record that satisfies its kind's completeness rule (nothing for kinds
    without a record, or a record already complete). Returns the stage."""
    fill_demo_record(progress, by=by)
    problems = registry.missing(progress)
    if problems:  # a kind with a rule but without a demo filler
        raise AssertionError(f"{progress}: record still incomplete: {problems}")
    return progress
