"""No lost edits between the admin and the portal: an admin change form carries the version
its row was loaded with, a save from a form someone else's save overtook is refused with a
form error (nothing written), and an admin save counts, so a portal page loaded before it is
refused in turn. Shown on an organisation (portal edit page vs admin change page) and on a
council's member rows (an inline)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.stale_edits import STALE_MESSAGE, form_post

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _admin_form(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return page.context["adminform"].form


def _portal_url(world, organisation):
    return reverse("stakeholders:organisation-edit", args=[world.city_a.slug, organisation.pk])


def test_an_admin_save_from_a_stale_change_form_is_refused(world, superuser, stakeholders_a):
    organisation = stakeholders_a.organisation
    admin_url = reverse("admin:cities_organisation_change", args=[organisation.pk])
    admin, office = _client(superuser), _client(world.office_a)
    admin_form = _admin_form(admin, admin_url)
    assert admin_form["loaded_version"].value() == organisation.version
    # The office saves on the portal after the admin page was loaded.
    portal_form = office.get(_portal_url(world, organisation)).context["form"]
    saved = office.post(
        _portal_url(world, organisation), form_post(portal_form, name="Saved on the portal")
    )
    assert saved.status_code == 302
    refused = admin.post(admin_url, form_post(admin_form, name_en="Typed in the admin"))
    assert refused.status_code == 200  # the admin shows the form again
    assert STALE_MESSAGE in refused.text
    assert refused.context["adminform"].form["name_en"].value() == "Typed in the admin"
    organisation.refresh_from_db()
    assert (organisation.name, organisation.version) == ("Saved on the portal", 2)
    # Reloaded, the admin's save goes through and counts.
    fresh = _admin_form(admin, admin_url)
    again = admin.post(admin_url, form_post(fresh, name_en="Typed in the admin"))
    assert again.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.version) == ("Typed in the admin", 3)


def test_a_portal_save_from_a_page_loaded_before_an_admin_save_is_refused(
    world, superuser, stakeholders_a
):
    organisation = stakeholders_a.organisation
    admin_url = reverse("admin:cities_organisation_change", args=[organisation.pk])
    admin, office = _client(superuser), _client(world.office_a)
    portal_form = office.get(_portal_url(world, organisation)).context["form"]
    admin_form = _admin_form(admin, admin_url)
    saved = admin.post(admin_url, form_post(admin_form, name_en="Saved in the admin"))
    assert saved.status_code == 302
    organisation.refresh_from_db()
    assert organisation.version == 2  # the admin's save counts
    refused = office.post(
        _portal_url(world, organisation), form_post(portal_form, name="Typed on the portal")
    )
    assert refused.status_code == 409
    assert STALE_MESSAGE in refused.text
    assert "Saved in the admin" in refused.text  # what is stored now, beside the form
    organisation.refresh_from_db()
    assert organisation.name == "Saved in the admin"


def test_two_stale_admin_forms_clash_too(superuser, stakeholders_a):
    organisation = stakeholders_a.organisation
    url = reverse("admin:cities_organisation_change", args=[organisation.pk])
    first, second = _client(superuser), _client(superuser)
    form_1, form_2 = _admin_form(first, url), _admin_form(second, url)
    assert first.post(url, form_post(form_1, name_en="First")).status_code == 302
    refused = second.post(url, form_post(form_2, name_en="Second"))
    assert STALE_MESSAGE in refused.text
    organisation.refresh_from_db()
    assert organisation.name == "First"


def _inline_post(page, **member_changes) -> dict:
    """The council change form's POST, with `member_changes` to the first member row."""
    data = form_post(page.context["adminform"].form)
    for formset in page.context["inline_admin_formsets"]:
        formset = formset.formset
        for index, form in enumerate([formset.management_form, *formset.forms]):
            changes = member_changes if formset.prefix == "members" and index == 1 else {}
            data.update({form.add_prefix(k): v for k, v in form_post(form, **changes).items()})
    return data


def test_a_stale_member_row_in_the_council_admin_is_refused(world, superuser, stakeholders_a):
    council, member = stakeholders_a.council, stakeholders_a.member
    url = reverse("admin:stakeholders_council_change", args=[council.pk])
    admin, office = _client(superuser), _client(world.office_a)
    page = admin.get(url)
    members = next(
        f.formset for f in page.context["inline_admin_formsets"] if f.formset.prefix == "members"
    )
    assert [form.instance for form in members.forms] == [member]
    portal_url = reverse(
        "stakeholders:member-edit", args=[world.city_a.slug, council.pk, member.pk]
    )
    portal_form = office.get(portal_url).context["form"]
    assert (
        office.post(portal_url, form_post(portal_form, representative="Saved on the portal"))
    ).status_code == 302
    refused = admin.post(url, _inline_post(page, representative="Typed in the admin"))
    assert refused.status_code == 200
    assert STALE_MESSAGE in refused.text
    member.refresh_from_db()
    assert member.representative == "Saved on the portal"
