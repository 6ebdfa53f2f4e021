"""The history of what a city's public page shows: `cities.services.city_publication_set`
writes a `CityPublicationChange` row with each change, in the same transaction; the choice's
page says who changed it last and when (in the programme's calendar); the city's admin page
lists the changes, read-only, newest first."""

import html

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cities.calendars import SOLAR_HIJRI
from cities.models import City, CityPublicationChange, Programme
from cities.services import city_publication_set

pytestmark = pytest.mark.django_db


def _settings_url(city):
    return reverse("city-publication", args=[city.slug])


def test_a_change_writes_one_history_row(world):
    city_publication_set(
        city=world.city_a, by=world.office_a, publish_plan=True, publish_proposals=False
    )
    change = CityPublicationChange.objects.get()
    assert (change.city, change.publish_plan, change.publish_proposals, change.by) == (
        world.city_a,
        True,
        False,
        world.office_a,
    )
    # Saving the same choice again changes nothing, so writes nothing.
    city_publication_set(
        city=world.city_a, by=world.coordinator_a, publish_plan=True, publish_proposals=False
    )
    assert CityPublicationChange.objects.count() == 1


def test_a_refused_change_writes_none(client, world):
    with pytest.raises(PermissionDenied):
        city_publication_set(
            city=world.city_a, by=world.evaluator_a, publish_plan=True, publish_proposals=True
        )
    client.force_login(world.office_a)
    response = client.post(_settings_url(world.city_a), {"publish_plan": "maybe"})
    assert response.status_code == 400
    client.force_login(world.office_b)
    response = client.post(
        _settings_url(world.city_a), {"publish_plan": "yes", "publish_proposals": "yes"}
    )
    assert response.status_code == 404
    assert not CityPublicationChange.objects.exists()


def test_the_page_says_who_changed_it_last_and_when(client, world):
    client.force_login(world.office_a)
    assert 'id="last-change"' not in client.get(_settings_url(world.city_a)).text
    response = client.post(
        _settings_url(world.city_a), {"publish_plan": "yes", "publish_proposals": "no"}
    )
    assert response.status_code == 302
    assert CityPublicationChange.objects.count() == 1
    client.force_login(world.coordinator_a)
    text = html.unescape(client.get(_settings_url(world.city_a)).text)
    name = world.office_a.get_full_name() or world.office_a.get_username()
    assert f"Last changed by {name} on " in text


def test_the_day_is_in_the_programmes_calendar(client, world):
    Programme.objects.filter(pk=world.programme_a.pk).update(calendar=SOLAR_HIJRI)
    city_publication_set(
        city=world.city_a, by=world.office_a, publish_plan=True, publish_proposals=True
    )
    client.force_login(world.office_a)
    client.cookies["django_language"] = "fa"
    text = client.get(_settings_url(world.city_a)).text
    # The Persian reader sees Persian digits in a Solar Hijri date (its year is 14xx).
    assert 'id="last-change"' in text and "۱۴۰" in text


def test_the_citys_admin_page_lists_the_changes(client, world, superuser):
    city_publication_set(
        city=world.city_a, by=world.office_a, publish_plan=True, publish_proposals=False
    )
    city_publication_set(
        city=world.city_a, by=world.coordinator_a, publish_plan=True, publish_proposals=True
    )
    client.force_login(world.coordinator_a)
    response = client.get(reverse("admin:cities_city_change", args=[world.city_a.pk]))
    assert response.status_code == 200
    text = response.text
    assert "publication_changes-group" in text
    formset = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.opts.model is CityPublicationChange
    )
    rows = [form.original for form in formset]
    assert [row.by for row in rows] == [world.coordinator_a, world.office_a]  # newest first
    assert not formset.has_add_permission and not formset.has_delete_permission
    assert City.objects.get(pk=world.city_a.pk).publish_proposals


def test_the_city_admin_shows_the_publication_choice_read_only(client, world):
    """The choice is changed on the city's publication page only (the service, with its
    history row): the admin's form has no field for it, and shows it read-only."""
    client.force_login(world.coordinator_a)
    response = client.get(reverse("admin:cities_city_change", args=[world.city_a.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "publish_plan" not in form.fields and "publish_proposals" not in form.fields
    assert "field-publish_plan" in response.text and "field-publish_proposals" in response.text
