"""No lost edits on the stakeholders' pages: every edit form carries the version it was
loaded with, and a save from a page someone else's save overtook is refused (409), showing
both versions and keeping what was typed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from stakeholders import services
from tests.stale_edits import walk_stale_edit

pytestmark = pytest.mark.django_db


def _pages(world, stakeholders_a, participation_a, memoranda_a):
    city = world.city_a.slug
    council, member = stakeholders_a.council, stakeholders_a.member
    children = participation_a.council
    session, proposal = participation_a.session, participation_a.proposal
    memorandum = memoranda_a.memorandum
    commitment = memoranda_a.city_commitment
    return {
        "organisation": (
            reverse("stakeholders:organisation-edit", args=[city, stakeholders_a.organisation.pk]),
            stakeholders_a.organisation,
        ),
        "council": (reverse("stakeholders:council-edit", args=[city, council.pk]), council),
        "member": (
            reverse("stakeholders:member-edit", args=[city, council.pk, member.pk]),
            member,
        ),
        "make-up": (reverse("stakeholders:makeup", args=[city, children.pk]), None),
        "session": (
            reverse("stakeholders:session-edit", args=[city, children.pk, session.pk]),
            session,
        ),
        "proposal": (
            reverse("stakeholders:proposal-edit", args=[city, children.pk, proposal.pk]),
            proposal,
        ),
        "proposal answer": (
            reverse("stakeholders:proposal-answer", args=[city, children.pk, proposal.pk]),
            proposal,
        ),
        "memorandum": (
            reverse("stakeholders:memorandum-edit", args=[city, memorandum.pk]),
            memorandum,
        ),
        "commitment": (
            reverse("stakeholders:commitment-edit", args=[city, memorandum.pk, commitment.pk]),
            commitment,
        ),
        "commitment status": (
            reverse("stakeholders:commitment-status", args=[city, memorandum.pk, commitment.pk]),
            commitment,
        ),
    }


PAGES = [
    "organisation",
    "council",
    "member",
    "make-up",
    "session",
    "proposal",
    "proposal answer",
    "memorandum",
    "commitment",
    "commitment status",
]


@pytest.mark.parametrize("page", PAGES)
def test_a_stale_save_is_refused_with_both_versions(
    page, world, stakeholders_a, participation_a, memoranda_a
):
    url, row = _pages(world, stakeholders_a, participation_a, memoranda_a)[page]
    a, b = Client(), Client()
    a.force_login(world.office_a)
    b.force_login(world.office_a)
    field, typed_a, typed_b = walk_stale_edit(a, b, url)
    if row is not None:
        row.refresh_from_db()
        assert getattr(row, field) == typed_b  # the save after reloading
        assert row.version >= 3


def test_the_service_refuses_a_stale_version(world, stakeholders_a):
    council = stakeholders_a.council
    loaded = council.version
    services.council_update(
        council=council,
        by=world.office_a,
        council_type=council.council_type,
        name="First",
        version=loaded,
    )
    with pytest.raises(Exception, match="Someone else saved this"):
        services.council_update(
            council=council,
            by=world.office_a,
            council_type=council.council_type,
            name="Second",
            version=loaded,
        )
    council.refresh_from_db()
    assert (council.name, council.version) == ("First", loaded + 1)
