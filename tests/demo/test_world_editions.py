"""A world's load writes in bulk, which sends no signal: it raises every family of cached
pages' edition itself (`core.editions`), on commit, so no page is kept from before it."""

import io

import pytest
from django.core.management import call_command

from core.editions import ATLAS, LISTS, PLANS, PROPOSALS
from core.models import Edition

pytestmark = pytest.mark.django_db

NAMES = (LISTS, PLANS, PROPOSALS, ATLAS)


def _numbers() -> dict[str, int]:
    found = dict(Edition.objects.filter(name__in=NAMES).values_list("name", "number"))
    return {name: found.get(name, 0) for name in NAMES}


def test_a_load_raises_every_edition(django_capture_on_commit_callbacks):
    before = _numbers()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_world", cities=4, stdout=io.StringIO())
    after = _numbers()
    assert all(after[name] > before[name] for name in NAMES), (before, after)
