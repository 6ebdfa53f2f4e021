"""Initiatives and library entries for the library's tests."""

from __future__ import annotations

from candidacy.models import GoalArea, Initiative
from library import services
from library.models import GoodPractice, Theme
from tests import factories as f


def initiative(city, *, title="Play streets", good_practice=True, **values) -> Initiative:
    """A stocktake initiative of the city (on its first stage: the rule reads the city)."""
    values = {
        "goal_area": GoalArea.FAMILY_PLAY_LEISURE,
        "description": "Streets closed to traffic on Sundays so children can play.",
        "year_started": 2019,
        "responsible_organisation": "Parks department",
        "beneficiaries": "About 2,000 children a year",
        **values,
    }
    return Initiative.objects.create(
        progress=f.stage_of(city, "office"), title=title, good_practice=good_practice, **values
    )


def theme(slug="play", name="Play spaces") -> Theme:
    return Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def published(city, by, *, title="Play streets", summary="Sundays for play.", themes=(), **kw):
    """A published entry of a new initiative of `city`, curated by `by`."""
    return services.good_practice_curate(
        initiative=initiative(city, title=title, **kw),
        by=by,
        status=GoodPractice.Status.PUBLISHED,
        summary=summary,
        themes=list(themes),
    )
