"""A declared conflict of interest is personal: it recuses the person from the city's stages in
every role they hold. A coordinator who evaluates the programme too and declared a conflict
with a city neither prepares, signs, returns nor judges its stages, nor reads or writes their
threads, as coordinator or as evaluator (`permissions.is_recused`, and `recused_q` in the
queries); they keep the programme's administrative reach (the overview, the city page and its
dossier, withdrawing). Another city of the programme is not concerned."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from candidacy import permissions, selectors
from candidacy.comments import stage_comment_add
from candidacy.models import StageComment, StageDefinition, StageProgress, StageState
from cities.roles import Role
from tests import factories as f

pytestmark = pytest.mark.django_db

SECRET = "Internal: the decree looks backdated."


def _coordinator_stage(world, city, *, prepared=False):
    """A stage of `city` the coordinator signs (or, with `prepared`, prepares), read afresh."""
    stages = StageProgress.objects.filter(candidacy__city=city).select_related(
        "definition", "candidacy__city__programme"
    )
    if prepared:
        return next(s for s in stages if s.definition.prepared_by == Role.COORDINATOR)
    return next(s for s in stages if s.definition.signed_by_coordinator)


def test_a_recused_coordinator_neither_signs_nor_prepares_the_city_s_stages(world):
    recused = f.coordinator_recused_from(world.city_a, username="coord.recused")
    StageProgress.objects.update(state=StageState.SUBMITTED, submitted_at=timezone.now())
    mine = _coordinator_stage(world, world.city_a)
    other = _coordinator_stage(world, world.city_a2)
    assert permissions.can_sign_stage(world.coordinator_a, mine)  # the other coordinator signs
    assert not permissions.can_sign_stage(recused, mine)
    assert permissions.returning_role(recused, mine) is None
    assert permissions.can_sign_stage(recused, other)  # another city: not concerned
    queue = {progress.pk for progress in selectors.signoff_queue(recused)}
    assert mine.pk not in queue and other.pk in queue
    StageProgress.objects.update(state=StageState.OPEN)
    StageDefinition.objects.filter(programme=world.programme_a, key="candidacy").update(
        prepared_by=Role.COORDINATOR
    )
    prepared = _coordinator_stage(world, world.city_a, prepared=True)
    assert not permissions.can_prepare_stage(recused, prepared)
    assert permissions.can_prepare_stage(
        recused, _coordinator_stage(world, world.city_a2, prepared=True)
    )


def test_a_recused_coordinator_reads_no_thread_but_keeps_the_administrative_reach(client, world):
    recused = f.coordinator_recused_from(world.city_a, username="coord.recused")
    progress = world.stage(world.city_a, "joint")
    stage_comment_add(progress=progress, by=world.office_a, body="A question from the city.")
    stage_comment_add(
        progress=progress,
        by=world.coordinator_a,
        body=SECRET,
        visibility=StageComment.Visibility.INTERNAL,
    )
    assert permissions.comment_visibilities(recused, progress) == []
    assert not StageComment.objects.filter(permissions.visible_comments_q(recused)).exists()
    # The administrative reach stays: the overview, the city, its dossier, withdrawing.
    candidacy = world.city_a.candidacy
    assert permissions.can_see_dossier(recused, candidacy)
    assert permissions.can_withdraw_candidacy(recused, candidacy)
    client.force_login(recused)
    assert (
        client.get(reverse("candidacy:overview", args=[world.programme_a.key])).status_code == 200
    )
    page = client.get(reverse("candidacy:stage", args=[world.city_a.slug, "joint"]))
    assert page.status_code == 200
    assert SECRET not in page.text and "A question from the city." not in page.text
