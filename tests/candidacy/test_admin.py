"""The admin as coordinators use it: scoped to their programme, state read-only, and actions
that approve or return through the services."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from candidacy import services
from candidacy.models import Candidacy, Recognition, StageProgress, StageState, Transition
from demo.testing import complete_record


def _submit(world, city, office):
    stage = world.stage(city, "office")
    services.stage_save_draft(progress=stage, by=office, narrative="The office is formed.")
    complete_record(stage, by=office)
    return services.stage_submit(progress=stage, by=office)


def _approve_in_admin(client, user, stage):
    """Run the changelist's approve action on the stage as `user`, confirmed with the
    submission its confirmation page showed; return it reloaded."""
    client.force_login(user)
    client.post(
        reverse("admin:candidacy_stageprogress_changelist"),
        {
            "action": "approve_stages",
            ACTION_CHECKBOX_NAME: [stage.pk],
            "confirm": "1",
            f"submission_{stage.pk}": stage.submission,
        },
    )
    stage.refresh_from_db()
    return stage


@pytest.mark.django_db
def test_coordinator_sees_only_their_programme(client, world):
    client.force_login(world.coordinator_a)
    page = client.get(reverse("admin:candidacy_candidacy_changelist"))
    assert page.status_code == 200
    assert "City A" in page.text and "City A2" in page.text
    assert "City B" not in page.text
    assert "Beta programme" not in page.text  # not even in the list filters
    other = world.city_b.candidacy
    url = reverse("admin:candidacy_candidacy_change", args=[other.pk])
    assert client.get(url).status_code in (302, 403, 404)


@pytest.mark.django_db
def test_candidacy_filters_by_current_stage_state_and_region(client, world):
    _submit(world, world.city_a, world.office_a)
    world.city_a2.region = "South"
    world.city_a2.save()
    client.force_login(world.coordinator_a)
    url = reverse("admin:candidacy_candidacy_changelist")
    submitted = client.get(url, {"state": StageState.SUBMITTED})
    assert "City A<" in submitted.text and "City A2" not in submitted.text
    south = client.get(url, {"city__region": "South"})
    assert "City A2" in south.text and "City A<" not in south.text
    by_stage = client.get(url, {"stage": "office"})
    assert "City A2" in by_stage.text


@pytest.mark.django_db
def test_stage_state_cannot_be_edited_in_the_admin(client, world):
    stage = _submit(world, world.city_a, world.office_a)
    client.force_login(world.coordinator_a)
    url = reverse("admin:candidacy_stageprogress_change", args=[stage.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="state"' not in page.text
    client.post(url, {"state": StageState.APPROVED})
    stage.refresh_from_db()
    assert stage.state == StageState.SUBMITTED


@pytest.mark.django_db
def test_admin_action_approves_through_the_service(client, world):
    stage = _approve_in_admin(
        client, world.coordinator_a, _submit(world, world.city_a, world.office_a)
    )
    assert stage.state == StageState.APPROVED
    assert world.stage(world.city_a, "joint").state == StageState.OPEN
    last = Transition.objects.filter(progress=stage).latest("pk")
    assert (last.actor, last.actor_role, last.to_state) == (
        world.coordinator_a,
        "coordinator",
        StageState.APPROVED,
    )


@pytest.mark.django_db
def test_admin_return_needs_a_comment(client, world):
    stage = _submit(world, world.city_a, world.office_a)
    client.force_login(world.coordinator_a)
    url = reverse("admin:candidacy_stageprogress_changelist")
    data = {
        "action": "return_stages",
        ACTION_CHECKBOX_NAME: [stage.pk],
        "confirm": "1",
        f"submission_{stage.pk}": stage.submission,
    }
    refused = client.post(url, {**data, "comment": "  "})
    assert refused.status_code == 200
    assert "This field is required" in refused.text
    stage.refresh_from_db()
    assert stage.state == StageState.SUBMITTED
    client.post(url, {**data, "comment": "Attach the decree."})
    stage.refresh_from_db()
    assert stage.state == StageState.RETURNED
    assert Transition.objects.filter(progress=stage, comment="Attach the decree.").exists()


@pytest.mark.django_db
def test_admin_action_cannot_touch_another_programme(client, world):
    stage = _approve_in_admin(
        client, world.coordinator_a, _submit(world, world.city_b, world.office_b)
    )
    assert stage.state == StageState.SUBMITTED


@pytest.mark.django_db
def test_city_added_in_the_admin_starts_its_candidacy(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("admin:cities_city_add"),
        {
            "name_en": "New Town",
            "slug": "new-town",
            "programme": world.programme_a.pk,
            "region_en": "East",
            "entity_type": "municipality",
            "districts-TOTAL_FORMS": "0",
            "districts-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    candidacy = Candidacy.objects.get(city__slug="new-town")
    assert candidacy.stages.get(definition__key="office").state == StageState.OPEN
    refused = client.post(
        reverse("admin:cities_city_add"),
        {
            "name_en": "Foreign Town",
            "slug": "foreign-town",
            "programme": world.programme_b.pk,
            "districts-TOTAL_FORMS": "0",
            "districts-INITIAL_FORMS": "0",
        },
    )
    assert refused.status_code == 200
    assert not StageProgress.objects.filter(candidacy__city__slug="foreign-town").exists()


@pytest.mark.django_db
def test_stage_definitions_are_edited_by_superusers_only(client, world, superuser):
    definition = world.programme_a.stage_definitions.get(key="office")
    url = reverse("admin:candidacy_stagedefinition_change", args=[definition.pk])
    client.force_login(world.coordinator_a)
    assert client.get(url).status_code == 200
    assert client.post(url, {"title_en": "Changed"}).status_code == 403
    definition.refresh_from_db()
    assert definition.title != "Changed"
    client.force_login(superuser)
    page = client.get(url).text
    assert 'name="title_en"' in page
    assert 'name="preparation_days"' in page and 'name="signoff_days"' in page


@pytest.mark.django_db
def test_stage_appended_by_a_superuser_reaches_running_candidacies(client, world, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:candidacy_stagedefinition_add"),
        {
            "programme": world.programme_a.pk,
            "position": 6,
            "key": "network",
            "kind": "network_membership",
            "title_en": "Network membership",
            "prepared_by": "office",
            "signed_by_coordinator": "on",
            "min_evaluators": 1,
            "grants": "",
        },
    )
    assert response.status_code == 302, response.content
    for city in (world.city_a, world.city_a2):
        assert world.stage(city, "network").state == StageState.LOCKED
    assert not world.city_b.candidacy.stages.filter(definition__key="network").exists()


@pytest.mark.django_db
def test_region_filter_offers_only_the_coordinators_regions(client, world):
    world.city_b.region = "Far Province"
    world.city_b.save()
    client.force_login(world.coordinator_a)
    for url in (
        reverse("admin:candidacy_candidacy_changelist"),
        reverse("admin:candidacy_stageprogress_changelist"),
        reverse("admin:cities_city_changelist"),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert "North" in page.text  # city A's region
        assert "Far Province" not in page.text


@pytest.mark.django_db
def test_recognitions_are_read_only_in_the_admin_and_scoped(client, world):
    mine = Recognition.objects.create(
        candidacy=world.city_a.candidacy,
        cycle=1,
        starts_on=datetime.date(2025, 6, 5),
        ends_on=datetime.date(2029, 6, 4),
    )
    theirs = Recognition.objects.create(
        candidacy=world.city_b.candidacy,
        cycle=1,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    client.force_login(world.coordinator_a)
    listing = client.get(reverse("admin:candidacy_recognition_changelist"))
    assert listing.status_code == 200
    assert "City A" in listing.text and "City B" not in listing.text
    url = reverse("admin:candidacy_recognition_change", args=[mine.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="starts_on"' not in page.text and "2029" in page.text
    assert client.post(url, {"starts_on": "2020-01-01"}).status_code == 403
    mine.refresh_from_db()
    assert mine.starts_on == datetime.date(2025, 6, 5)
    theirs_url = reverse("admin:candidacy_recognition_change", args=[theirs.pk])
    assert client.get(theirs_url).status_code in (302, 403, 404)
