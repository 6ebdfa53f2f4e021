"""Who may read and manage a city's councils and stakeholders.

Plain predicates, used by the services (which enforce them), the views, the templates (to show
or hide a button) and the admin alike. Reading follows the city's scope (its office, and the
coordinators and evaluators of its programme); writing is the city's own office's alone.
"""

from __future__ import annotations

from cities.permissions import can_view_city, is_office_of

from .models import Council, CouncilMember, Organisation


def can_view_stakeholders(user, city) -> bool:
    """Office staff of the city, and coordinators and evaluators of its programme."""
    return can_view_city(user, city)


def can_manage_stakeholders(user, city) -> bool:
    """Only the city's own office manages its councils and members."""
    return is_office_of(user, city)


def can_view_council(user, council: Council) -> bool:
    return can_view_stakeholders(user, council.city)


def can_manage_council(user, council: Council) -> bool:
    """Edit the council itself and add, edit or remove its members."""
    return can_manage_stakeholders(user, council.city)


def can_manage_council_member(user, member: CouncilMember) -> bool:
    return can_manage_council(user, member.council)


def can_manage_organisation(user, organisation: Organisation) -> bool:
    return can_manage_stakeholders(user, organisation.city)
