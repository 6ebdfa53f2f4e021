"""The small-group rule (`core.privacy`): a figure about fewer children than
PORTAL_SMALL_GROUP_THRESHOLD (default 5) is hidden, never carried; the notice says why, in the
reader's language and digits."""

import pytest
from django.utils import translation

from core.privacy import figure, publishable, small_group_threshold


def test_the_default_threshold_is_five():
    assert small_group_threshold() == 5
    assert not publishable(4)
    assert publishable(5)
    assert not publishable(0)


@pytest.mark.parametrize(("size", "shown"), [(4, False), (5, True), (6, True), (0, False)])
def test_a_figure_at_and_around_the_threshold(size, shown):
    made = figure(42, group_size=size)
    assert made.hidden is not shown
    if shown:
        assert made.value == 42
        assert str(made) == "42"
    else:
        assert made.value is None  # what is not published is not carried either
        assert str(made) == "fewer than 5 children: not shown"


def test_the_threshold_is_a_setting(settings):
    settings.PORTAL_SMALL_GROUP_THRESHOLD = 10
    assert not publishable(9)
    assert publishable(10)
    hidden = figure(3, group_size=9)
    assert hidden.hidden and hidden.value is None
    assert str(hidden) == "fewer than 10 children: not shown"
    settings.PORTAL_SMALL_GROUP_THRESHOLD = 1
    assert publishable(1) and not publishable(0)


def test_the_notice_in_the_readers_language_and_digits(settings):
    settings.PORTAL_SMALL_GROUP_THRESHOLD = 12
    with translation.override("fa"):
        text = str(figure(1, group_size=3))
    assert "۱۲" in text and "12" not in text
    with translation.override("ru"):
        assert str(figure(1, group_size=3)) == "детей меньше 12: не показано"
