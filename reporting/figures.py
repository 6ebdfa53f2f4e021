"""The public figures of children's proposals carried out (issue 12), per programme and per
city: of the proposals the city decided on (accepted, implemented or declined:
`ChildrenProposal.DECIDED`), the share implemented; and the same share broken down by the
children who put the proposals forward (age band, sex), by the district they came from and by
the city's year in the programme (counted from `City.joined_on` by the year a proposal was
received: year 1 is the year the city joined).

Every figure goes through the small-group rule (`core.privacy`): a cell is published only when
the children behind it (the sum of the proposals' counts in that band, sex, district or year)
are at least the threshold; the headline too (all the children behind the decided proposals).
The children's counts themselves are never shown, only proposals and shares, so a hidden cell
cannot be read back from the others.

Everything is counted in the database: three aggregate queries, and one for the names of the
districts shown, whatever the number of proposals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import add

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext as _

from cities.models import City, District, Programme
from cities.templatetags.portal import format_digits
from core.privacy import Figure, figure, publishable, small_group_threshold
from stakeholders.models import ChildrenProposal

IMPLEMENTED = ChildrenProposal.Status.IMPLEMENTED


@dataclass(frozen=True)
class Share:
    """Of `decided` proposals, `implemented` were carried out."""

    implemented: int
    decided: int

    @property
    def percent(self) -> float | None:
        return 100 * self.implemented / self.decided if self.decided else None


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: its label and its share, published or hidden."""

    label: str
    figure: Figure


@dataclass(frozen=True)
class ProposalFigures:
    """What `reporting/_proposal_figures.html` shows: the headline share and its breakdowns."""

    decided: int  # proposals decided: none means there is nothing to show
    headline: Figure
    by_band: list[Row]
    by_sex: list[Row]
    by_district: list[Row]
    by_year: list[Row]
    threshold: int


def _sum(fields) -> F:
    return reduce(add, (F(name) for name in fields))


_GIRLS = [girls for _label, girls, _boys in ChildrenProposal.AGE_BANDS]
_BOYS = [boys for _label, _girls, boys in ChildrenProposal.AGE_BANDS]


def _counted(children_of: str) -> dict:
    """The aggregates of one group: its children (the sum of `children_of`, an annotation of
    each proposal's children in the group), its decided proposals with a child of the group,
    and those implemented."""
    has_child = Q(**{f"{children_of}__gt": 0})
    return {
        f"{children_of}_children": Coalesce(Sum(children_of), 0),
        f"{children_of}_decided": Count("pk", filter=has_child),
        f"{children_of}_implemented": Count("pk", filter=has_child & Q(status=IMPLEMENTED)),
    }


def _row(label, totals: dict, group: str) -> Row:
    share = Share(totals[f"{group}_implemented"], totals[f"{group}_decided"])
    return Row(label, figure(share, group_size=totals[f"{group}_children"]))


#: The aggregates of a group of decided proposals (a district's, a year's): their children,
#: the proposals and those implemented.
_GROUPED = {
    "all_children_children": Coalesce(Sum("all_children"), 0),
    "all_children_decided": Count("pk"),
    "all_children_implemented": Count("pk", filter=Q(status=IMPLEMENTED)),
}


def _figures(proposals: QuerySet, *, city_names: bool) -> ProposalFigures:
    bands = [f"band_{i}" for i in range(len(ChildrenProposal.AGE_BANDS))]
    decided = proposals.filter(status__in=ChildrenProposal.DECIDED).annotate(
        all_children=_sum(ChildrenProposal.COUNT_FIELDS),
        girls=_sum(_GIRLS),
        boys=_sum(_BOYS),
        **{
            name: _sum(fields)
            for name, (_label, *fields) in zip(bands, ChildrenProposal.AGE_BANDS, strict=True)
        },
    )
    totals = decided.order_by().aggregate(
        **_GROUPED,
        **{
            name: aggregate
            for group in ("girls", "boys", *bands)
            for name, aggregate in _counted(group).items()
        },
    )
    threshold = small_group_threshold()
    headline = _row("", totals, "all_children").figure
    if not totals["all_children_decided"]:
        return ProposalFigures(0, headline, [], [], [], [], threshold)
    return ProposalFigures(
        decided=totals["all_children_decided"],
        headline=headline,
        by_band=[
            _row(label, totals, name)
            for (label, *_fields), name in zip(ChildrenProposal.AGE_BANDS, bands, strict=True)
        ],
        by_sex=[_row(_("Girls"), totals, "girls"), _row(_("Boys"), totals, "boys")],
        by_district=_districts(decided, city_names=city_names),
        by_year=_years(decided),
        threshold=threshold,
    )


def _districts(decided: QuerySet, *, city_names: bool) -> list[Row]:
    """A row per district whose children are enough to publish (most children first), one
    hidden row for the districts too small to show, and the proposals without a district."""
    groups = list(decided.order_by().values("district").annotate(**_GROUPED))
    in_districts = [group for group in groups if group["district"] is not None]
    shown = sorted(
        (group for group in in_districts if publishable(group["all_children_children"])),
        key=lambda group: -group["all_children_children"],
    )
    names = (
        District.objects.select_related("city").in_bulk([group["district"] for group in shown])
        if shown
        else {}
    )
    rows = []
    for group in shown:
        district = names[group["district"]]
        label = (
            _("%(district)s (%(city)s)") % {"district": district.name, "city": district.city.name}
            if city_names
            else district.name
        )
        rows.append(_row(label, group, "all_children"))
    if len(shown) < len(in_districts):
        rows.append(Row(_("Other districts"), figure(None, group_size=0)))
    rows.extend(
        _row(_("No district given"), group, "all_children")
        for group in groups
        if group["district"] is None
    )
    return rows


def _years(decided: QuerySet) -> list[Row]:
    """A row per year of the city in the programme (1: the year it joined), by the year each
    proposal was received; proposals of cities without a joining date, or received before it,
    are not counted here."""
    years = (
        decided.filter(council__city__joined_on__isnull=False)
        .annotate(year_in=ExtractYear("received_on") - ExtractYear("council__city__joined_on") + 1)
        .filter(year_in__gte=1)
        .order_by()
        .values("year_in")
        .annotate(**_GROUPED)
        .order_by("year_in")
    )
    return [
        _row(_("Year %(number)s") % {"number": format_digits(g["year_in"])}, g, "all_children")
        for g in years
    ]


def programme_figures(programme: Programme) -> ProposalFigures:
    """The proposals carried out in the cities of `programme`."""
    return _figures(
        ChildrenProposal.objects.filter(council__city__programme=programme), city_names=True
    )


def city_figures(city: City) -> ProposalFigures:
    """The proposals carried out in `city`, for its public page:
    `{% include "reporting/_proposal_figures.html" with figures=... %}`."""
    return _figures(ChildrenProposal.objects.filter(council__city=city), city_names=False)
