"""Reads shaped for the stakeholders pages (and the commitment summaries of the candidacy
pages), each in a fixed number of queries whatever the number of councils, members, sessions,
proposals, memoranda or commitments."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from candidacy.selectors import plan_actions_of_city
from cities.models import City, Organisation

from .models import (
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilMember,
    CouncilType,
    Memorandum,
    StakeholderChange,
    StakeholderComment,
)

#: A council seat that is current: it has not ended.
CURRENT_SEAT = {"ended_on__isnull": True}


def current_count(relation: str) -> Count:
    """Count the current rows of a relation to council seats (`members` of a council, `seats` of
    an organisation): those that have not ended."""
    return Count(
        relation, filter=Q(**{f"{relation}__{key}": value for key, value in CURRENT_SEAT.items()})
    )


def row_count(queryset: QuerySet) -> Subquery:
    """The number of rows of `queryset`, which refers to the row read with `OuterRef`: an
    annotation that the database computes for the rows a query returns (a list's page) alone,
    where a `Count` over a join groups every row the query filters."""
    return Subquery(
        queryset.order_by().values(
            count=Func(F("pk"), function="COUNT", output_field=IntegerField())
        )
    )


def current_seat_count(of: str) -> Subquery:
    """The current seats of the row read, per row (`row_count`): `of` is "council" (its
    members) or "organisation" (its seats)."""
    return row_count(CouncilMember.objects.filter(**{of: OuterRef("pk")}, **CURRENT_SEAT))


@dataclass
class OrganisationCatalogue:
    inside: list[Organisation]
    outside: list[Organisation]


def city_councils(city: City) -> list[Council]:
    """The city's councils ordered by type (for grouping), each with `member_count` (current
    members only)."""
    return list(
        Council.objects.filter(city=city)
        .select_related("council_type")
        .annotate(member_count=current_count("members"))
        .order_by("council_type__name", "council_type_id", "name", "pk")
    )


def city_organisations(city: City) -> OrganisationCatalogue:
    """The city's organisations, inside and outside the municipality, each with `seat_count`
    (the number of current council seats it holds)."""
    organisations = list(
        Organisation.objects.filter(city=city)
        .annotate(seat_count=current_count("seats"))
        .order_by("name", "pk")
    )
    return OrganisationCatalogue(
        inside=[o for o in organisations if o.inside_municipality],
        outside=[o for o in organisations if not o.inside_municipality],
    )


def council_in_city(city: City, pk: int) -> QuerySet[Council]:
    """The council `pk` if it belongs to the city (an empty queryset otherwise)."""
    return Council.objects.filter(city=city, pk=pk).select_related(
        "council_type", "city__programme"
    )


def _seat_order(members: list[CouncilMember]) -> list[CouncilMember]:
    order = {role: index for index, role in enumerate(CouncilMember.SeatRole.values)}
    members.sort(key=lambda member: order.get(member.seat_role, len(order)))
    return members


@dataclass
class CouncilRoster:
    current: list[CouncilMember]
    former: list[CouncilMember]


def council_roster(council: Council) -> CouncilRoster:
    """The council's current members (chairs first, then by organisation) and its former ones
    (most recently left first), in one query."""
    members = list(
        CouncilMember.objects.filter(council=council)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    for member in members:
        member.council = council
    current = _seat_order([m for m in members if m.ended_on is None])
    former = sorted(
        (m for m in members if m.ended_on is not None),
        key=lambda m: (m.ended_on, m.pk),
        reverse=True,
    )
    return CouncilRoster(current=current, former=former)


def council_members(council: Council) -> list[CouncilMember]:
    """The council's current members with their organisations, chairs first."""
    return council_roster(council).current


def council_types_for(city: City) -> QuerySet[CouncilType]:
    """The council types the city's programme recognises."""
    return CouncilType.objects.filter(programme_id=city.programme_id).order_by("name", "pk")


def organisations_of(city: City) -> QuerySet[Organisation]:
    return Organisation.objects.filter(city=city).order_by("name", "pk")


def plan_actions_of(city: City) -> QuerySet:
    """The actions of the city's own operational plans, which a proposal may name as what
    carries it out."""
    return plan_actions_of_city(city.pk)


def comments_on(**target) -> list[StakeholderComment]:
    """The thread of one council, proposal or memorandum, oldest first, with the authors."""
    return list(
        StakeholderComment.objects.filter(**target)
        .select_related("author")
        .order_by("created_at", "pk")
    )


# --- children's participation -------------------------------------------------------------------


def children_council_in_city(city: City, pk: int) -> QuerySet[Council]:
    """The council `pk` of the city with its make-up (if recorded)."""
    return council_in_city(city, pk).select_related("makeup")


def council_sessions(council: Council) -> list[ChildrenCouncilSession]:
    sessions = list(ChildrenCouncilSession.objects.filter(council=council).order_by("-held_on"))
    for session in sessions:
        session.council = council
    return sessions


def council_proposals(council: Council) -> list[ChildrenProposal]:
    proposals = list(
        ChildrenProposal.objects.filter(council=council)
        .select_related("responsible_organisation", "plan_action__operational_plan")
        .order_by("-received_on", "-pk")
    )
    for proposal in proposals:
        proposal.council = council
    return proposals


def proposal_in_council(council: Council, pk: int) -> QuerySet[ChildrenProposal]:
    return ChildrenProposal.objects.filter(council=council, pk=pk).select_related(
        "responsible_organisation", "plan_action__operational_plan"
    )


@dataclass
class YouSaidWeDid:
    """The proposals of a city's children's councils, grouped by council."""

    councils: list[tuple[Council, list[ChildrenProposal]]]
    answered: int
    open: int


def you_said_we_did(city: City) -> YouSaidWeDid:
    """Every proposal of the city's children's councils with its answer, newest first, grouped
    by council; in one query."""
    proposals = list(
        ChildrenProposal.objects.filter(council__city=city)
        .select_related("council", "responsible_organisation", "plan_action__operational_plan")
        .order_by("council__name", "council_id", "-received_on", "-pk")
    )
    groups: dict[int, tuple[Council, list[ChildrenProposal]]] = {}
    for proposal in proposals:
        proposal.council.city = city
        groups.setdefault(proposal.council_id, (proposal.council, []))[1].append(proposal)
    answered = sum(1 for p in proposals if p.answer)
    return YouSaidWeDid(
        councils=list(groups.values()), answered=answered, open=len(proposals) - answered
    )


# --- memoranda and commitments ------------------------------------------------------------------


def city_memoranda(city: City) -> list[Memorandum]:
    """The city's memoranda, newest first, each with its commitments (by due date)."""
    memoranda = list(
        Memorandum.objects.filter(city=city)
        .prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.order_by("due_on", "pk"))
        )
        .order_by("-signed_on", "-pk")
    )
    for memorandum in memoranda:
        memorandum.city = city
        for commitment in memorandum.commitments.all():
            commitment.memorandum = memorandum
    return memoranda


def memorandum_in_city(city: City, pk: int) -> QuerySet[Memorandum]:
    return Memorandum.objects.filter(city=city, pk=pk)


def memorandum_commitments(memorandum: Memorandum) -> list[Commitment]:
    commitments = list(memorandum.commitments.order_by("due_on", "pk"))
    for commitment in commitments:
        commitment.memorandum = memorandum
    return commitments


@dataclass
class PartyCommitments:
    """How many of one party's commitments are still open (pending), and how many of those
    are overdue."""

    party: str
    party_name: str
    open: int
    overdue: int

    @property
    def label(self) -> str:
        if self.party == Commitment.Party.OTHER and self.party_name:
            return self.party_name
        return str(Commitment.Party(self.party).label)


@dataclass
class CommitmentSummary:
    parties: list[PartyCommitments] = field(default_factory=list)

    @property
    def open(self) -> int:
        return sum(p.open for p in self.parties)

    @property
    def overdue(self) -> int:
        return sum(p.overdue for p in self.parties)


_PARTY_ORDER = {party: index for index, party in enumerate(Commitment.Party.values)}


def open_commitments_by_city(
    cities: Iterable[City | int], *, today: datetime.date | None = None
) -> dict[int, CommitmentSummary]:
    """Open and overdue commitments per party for each of the cities, in one query (an
    aggregate with filtered counts). Cities without open commitments get an empty summary."""
    today = today or timezone.localdate()
    ids = [city if isinstance(city, int) else city.pk for city in cities]
    summaries = {city_id: CommitmentSummary() for city_id in ids}
    if not ids:
        return summaries
    rows = (
        Commitment.objects.filter(memorandum__city_id__in=ids, status=Commitment.Status.PENDING)
        .values("memorandum__city_id", "party", "party_name")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
        .order_by()
    )
    for row in rows:
        summaries[row["memorandum__city_id"]].parties.append(
            PartyCommitments(row["party"], row["party_name"], row["open"], row["overdue"])
        )
    for summary in summaries.values():
        summary.parties.sort(key=lambda p: (_PARTY_ORDER.get(p.party, 99), p.party_name))
    return summaries


def summarise_commitments(
    commitments: Iterable[Commitment], *, today: datetime.date | None = None
) -> CommitmentSummary:
    """The same summary as `open_commitments_by_city`, from commitments already fetched."""
    today = today or timezone.localdate()
    counts: dict[tuple[str, str], list[int]] = {}
    for commitment in commitments:
        if commitment.status != Commitment.Status.PENDING:
            continue
        key = (commitment.party, commitment.party_name)
        entry = counts.setdefault(key, [0, 0])
        entry[0] += 1
        entry[1] += commitment.is_overdue(today)
    parties = [PartyCommitments(p, n, o, d) for (p, n), (o, d) in counts.items()]
    parties.sort(key=lambda p: (_PARTY_ORDER.get(p.party, 99), p.party_name))
    return CommitmentSummary(parties)


# --- history ------------------------------------------------------------------------------------


def city_history(city: City) -> QuerySet[StakeholderChange]:
    """The city's stakeholder changes, newest first, with who made them (to paginate)."""
    return (
        StakeholderChange.objects.filter(city=city)
        .select_related("user")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class CommitmentCounts:
    total: int = 0
    met: int = 0
    open: int = 0
    overdue: int = 0


def commitment_counts_by_city(
    city_ids: Iterable[int], *, today: datetime.date | None = None
) -> dict[int, CommitmentCounts]:
    """Each city's commitments: all of them, those met (fulfilled), those open (pending) and
    those open past their due date; one grouped query. Cities without any are left out."""
    today = today or timezone.localdate()
    pending = Q(status=Commitment.Status.PENDING)
    rows = (
        Commitment.objects.filter(memorandum__city_id__in=list(city_ids))
        .values("memorandum__city_id")
        .annotate(
            total=Count("pk"),
            met=Count("pk", filter=Q(status=Commitment.Status.FULFILLED)),
            open=Count("pk", filter=pending),
            overdue=Count("pk", filter=pending & Q(due_on__lt=today)),
        )
        .order_by()
    )
    return {
        row["memorandum__city_id"]: CommitmentCounts(
            row["total"], row["met"], row["open"], row["overdue"]
        )
        for row in rows
    }
