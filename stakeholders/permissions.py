"""Who may read and manage a city's councils and stakeholders."""

from cities.permissions import can_view_city, is_office_of


def can_view_stakeholders(user, city) -> bool:
    """Office staff of the city, and coordinators and evaluators of its programme."""
    return can_view_city(user, city)


def can_manage_stakeholders(user, city) -> bool:
    """Only the city's own office manages its councils and members."""
    return is_office_of(user, city)
