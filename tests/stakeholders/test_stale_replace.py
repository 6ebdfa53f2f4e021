"""No lost edits on the member-replace page: a replacement decided on a member row that someone
corrected after the page was loaded is refused (409), with the stored row shown, what was typed
kept and nothing written; a replacement of a member someone else already replaced is refused
too (a former member's row cannot be managed any more)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from stakeholders.models import CouncilMember
from tests.stale_edits import STALE_MESSAGE, form_post

pytestmark = pytest.mark.django_db


def _clients(world):
    a, b = Client(), Client()
    a.force_login(world.office_a)
    b.force_login(world.office_a)
    return a, b


def _urls(world, stakeholders_a):
    council, member = stakeholders_a.council, stakeholders_a.member
    args = [world.city_a.slug, council.pk, member.pk]
    return reverse("stakeholders:member-edit", args=args), reverse(
        "stakeholders:member-replace", args=args
    )


def test_a_replacement_from_a_page_loaded_before_a_correction_is_refused(world, stakeholders_a):
    member = stakeholders_a.member
    edit_url, replace_url = _urls(world, stakeholders_a)
    a, b = _clients(world)
    replace_form = b.get(replace_url).context["form"]
    assert "version" in replace_form.fields
    edit_form = a.get(edit_url).context["form"]
    corrected = a.post(edit_url, form_post(edit_form, representative="Corrected by A"))
    assert corrected.status_code == 302
    rows = CouncilMember.objects.count()

    refused = b.post(replace_url, form_post(replace_form, representative="Typed by B"))
    assert refused.status_code == 409
    assert STALE_MESSAGE in refused.text
    assert "Corrected by A" in refused.text  # what is stored now
    assert refused.context["form"]["representative"].value() == "Typed by B"
    member.refresh_from_db()
    assert member.ended_on is None and member.representative == "Corrected by A"
    assert CouncilMember.objects.count() == rows  # no successor written

    # B compares, then saves again from the refused page: accepted.
    again = b.post(replace_url, form_post(refused.context["form"], representative="Typed by B"))
    assert again.status_code == 302
    member.refresh_from_db()
    assert member.ended_on is not None
    assert CouncilMember.objects.get(
        council=member.council, ended_on=None, organisation=member.organisation
    ).representative == ("Typed by B")


def test_a_second_replacement_from_the_same_page_is_refused(world, stakeholders_a):
    _edit_url, replace_url = _urls(world, stakeholders_a)
    a, b = _clients(world)
    form_a, form_b = a.get(replace_url).context["form"], b.get(replace_url).context["form"]
    assert a.post(replace_url, form_post(form_a, representative="By A")).status_code == 302
    rows = CouncilMember.objects.count()
    refused = b.post(replace_url, form_post(form_b, representative="By B"))
    # A former member is no longer managed on this page: the portal's 403 page, nothing written.
    assert refused.status_code == 403
    assert CouncilMember.objects.count() == rows
    assert not CouncilMember.objects.filter(representative="By B").exists()
