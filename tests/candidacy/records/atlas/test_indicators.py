"""The seed sets of indicators, `manage.py load_indicators`, and the scoped admin."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from candidacy.models import IndicatorDefinition
from candidacy.records.atlas.indicators import SETS
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", sorted(SETS))
def test_each_programme_has_about_twenty_indicators_with_age_bands(key):
    keys = [row[0] for row in SETS[key]]
    assert 20 <= len(keys) <= 22
    assert len(set(keys)) == len(keys)
    assert keys[:3] == ["children-0-5", "children-6-11", "children-12-17"]
    assert {"play-space-per-child", "libraries", "child-workspaces"} <= set(keys)


def test_load_indicators_seeds_and_keeps_edits():
    iran = f.ProgrammeFactory(key="iran")
    f.ProgrammeFactory(key="lithuania")
    out = io.StringIO()
    call_command("load_indicators", "iran", stdout=out)
    assert IndicatorDefinition.objects.filter(programme=iran).count() == len(SETS["iran"])
    assert not IndicatorDefinition.objects.exclude(programme=iran).exists()
    IndicatorDefinition.objects.filter(key="libraries").update(name="Libraries (edited)")
    call_command("load_indicators", stdout=out)
    assert "iran: 0 indicators added" in out.getvalue()
    assert IndicatorDefinition.objects.get(programme=iran, key="libraries").name == (
        "Libraries (edited)"
    )
    with pytest.raises(CommandError):
        call_command("load_indicators", "atlantis", stdout=out)


def test_coordinators_edit_their_programme_indicators_in_the_admin(client, world, superuser):
    """Like the criteria (issue 13): a version no atlas uses yet is the coordinators' to edit
    (a used one is frozen: test_atlas_frameworks); another programme's is out of reach."""
    call_command("load_indicators", stdout=io.StringIO())
    mine = IndicatorDefinition.objects.filter(programme=world.programme_a).first()
    theirs = IndicatorDefinition.objects.filter(programme=world.programme_b).first()
    client.force_login(world.coordinator_a)
    url = "/admin/candidacy/indicatordefinition/"
    listing = client.get(url)
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == world.programme_a.indicators.count()
    page = client.get(f"{url}{mine.pk}/change/")
    assert page.status_code == 200
    assert page.context["has_change_permission"] is True
    client.post(f"{url}{mine.pk}/change/", {"name": "Taken over"})  # an incomplete form
    mine.refresh_from_db()
    assert mine.name != "Taken over"
    assert client.get(f"{url}{theirs.pk}/change/").status_code in (302, 403, 404)
    client.force_login(superuser)
    assert client.get(f"{url}add/").status_code == 200
