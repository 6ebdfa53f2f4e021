"""Who may read, manage and comment on a city's stakeholders.

Plain predicates, used by the services (which enforce them), the views, the templates (to show
or hide a button) and the admin alike.

- Reading follows the city's scope: its office, and the coordinators and evaluators of its
  programme (superusers read everything).
- The city's own office manages everything: organisations, councils and members, children's
  participation, memoranda and commitments.
- Coordinators of the programme comment (on councils, children's proposals and memoranda) and
  manage the commitments in which the ministry (the national coordinator) is the party. The
  office may answer in the same comment threads.
- The history of changes is read by the office and the programme's coordinators.
- Nobody manages or comments on anything of a city whose programme is suspended or closed
  (`cities.permissions.programme_is_open`); it stays readable.
"""

from __future__ import annotations

from django.db.models import Q

from cities.models import Organisation
from cities.permissions import (
    can_view_city,
    city_is_open,
    coordinates,
    is_office_of,
    open_programmes_q,
    scope_of,
)

from .models import Commitment, Council, CouncilMember, Memorandum


def can_view_stakeholders(user, city) -> bool:
    """Office staff of the city, and coordinators and evaluators of its programme."""
    return can_view_city(user, city)


def can_manage_stakeholders(user, city) -> bool:
    """Only the city's own office manages its councils, members, participation and memoranda."""
    return is_office_of(user, city) and city_is_open(city)


def can_comment_on_stakeholders(user, city) -> bool:
    """The programme's coordinators, and the city's office answering them."""
    return city_is_open(city) and (is_office_of(user, city) or coordinates(user, city.programme_id))


def can_view_stakeholder_history(user, city) -> bool:
    """Who changed what and when: the city's office, its programme's coordinators, superusers."""
    return (
        scope_of(user).superuser or is_office_of(user, city) or coordinates(user, city.programme_id)
    )


# --- councils and members -----------------------------------------------------------------------


def can_view_council(user, council: Council) -> bool:
    return can_view_stakeholders(user, council.city)


def can_manage_council(user, council: Council) -> bool:
    """Edit the council itself and add, edit, replace or remove its members, and record its
    children's make-up, sessions and proposals."""
    return can_manage_stakeholders(user, council.city)


def can_manage_council_member(user, member: CouncilMember) -> bool:
    return can_manage_council(user, member.council) and member.ended_on is None


def can_manage_organisation(user, organisation: Organisation) -> bool:
    return can_manage_stakeholders(user, organisation.city)


# --- memoranda and commitments ------------------------------------------------------------------


def can_manage_memorandum(user, memorandum: Memorandum) -> bool:
    return can_manage_stakeholders(user, memorandum.city)


def commitment_parties_for(user, city) -> list[str]:
    """The parties whose commitments the user may add or manage in the city's memoranda."""
    if not city_is_open(city):
        return []
    if is_office_of(user, city):
        return list(Commitment.Party.values)
    if coordinates(user, city.programme_id):
        return [Commitment.Party.MINISTRY]
    return []


def can_add_commitment(user, memorandum: Memorandum) -> bool:
    return bool(commitment_parties_for(user, memorandum.city))


def can_manage_commitment(user, commitment: Commitment) -> bool:
    """The office manages every commitment of its city; coordinators the ministry's."""
    return commitment.party in commitment_parties_for(user, commitment.memorandum.city)


def manageable_commitments_q(user) -> Q:
    """`can_manage_commitment(user, commitment)`, as a filter on `Commitment` (the "My tasks"
    page); `tests/stakeholders/test_commitment_rule.py` holds the two to the same answer."""
    scope = scope_of(user)
    return open_programmes_q("memorandum__city__programme") & (
        Q(memorandum__city_id__in=scope.office_city_ids)
        | Q(
            party=Commitment.Party.MINISTRY,
            memorandum__city__programme_id__in=scope.coordinated_programme_ids,
        )
    )
