"""The small-group rule, in one place: a figure about children is published only when the group
of children behind it is at least `settings.PORTAL_SMALL_GROUP_THRESHOLD` (default 5); below it
the figure is hidden, and the page says so ("fewer than 5 children: not shown") without the
figure. Every published figure about children goes through `figure()`: a count, a share, a
breakdown's cell alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

from cities.templatetags.portal import format_number


def small_group_threshold() -> int:
    """The smallest group of children a published figure may be about."""
    return settings.PORTAL_SMALL_GROUP_THRESHOLD


def publishable(group_size: int) -> bool:
    """Whether a figure about `group_size` children may be published."""
    return group_size >= small_group_threshold()


@dataclass(frozen=True)
class Figure:
    """A figure about a group of children: its `value` when the group is large enough to
    publish, else `hidden` (and `value` None: what is not published is not carried either).
    `threshold` is the rule's at the time the figure was made, for the words that say why it
    is hidden."""

    value: Any
    hidden: bool
    threshold: int

    @property
    def hidden_text(self) -> str:
        return gettext("fewer than %(threshold)s children: not shown") % {
            "threshold": format_number(self.threshold)
        }

    def __str__(self) -> str:
        return self.hidden_text if self.hidden else format_number(self.value)


def figure(value: Any, *, group_size: int) -> Figure:
    """`value`, a figure about `group_size` children, published or hidden by the rule."""
    threshold = small_group_threshold()
    if group_size >= threshold:
        return Figure(value=value, hidden=False, threshold=threshold)
    return Figure(value=None, hidden=True, threshold=threshold)
