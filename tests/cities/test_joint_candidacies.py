"""Entity types and joint candidacies (issue 13): a rayon held jointly with city A
(`City.joint_with`). City A's office prepares the rayon's candidacy too; the rayon's office does
not gain city A's own; an unrelated office gets what it gets today; the admin refuses a partner
that is the city itself, of another programme, or part of a chain, with a message and nothing
saved; unlinking takes the partner's access away on the next request (the kept scope)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from candidacy import services
from cities.models import City, CityJointChange
from cities.services import city_joint_set
from notifications.reminders import People
from tests import factories as f
from tests.candidacy.workflow import complete_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def rayon(world):
    return f.make_city(
        world.programme_a,
        slug="city-a-rayon",
        name="City A rayon",
        entity_type=City.EntityType.DISTRICT_RAYON,
        joint_with=world.city_a,
    )


@pytest.fixture
def rayon_office(rayon):
    return f.office_user(rayon, username="office.rayon")


def _stage(city, name="stage", stage="office"):
    return reverse(f"candidacy:{name}", kwargs={"city": city.slug, "stage": stage})


# --- who prepares what ------------------------------------------------------------------------


def test_the_partners_office_opens_and_prepares_the_joint_candidacy(client, world, rayon):
    client.force_login(world.office_a)
    assert client.get(reverse("candidacy:city", args=[rayon.slug])).status_code == 200
    assert client.get(_stage(rayon)).status_code == 200
    saved = client.post(_stage(rayon, "stage-save"), {"narrative": "Prepared by City A."})
    assert saved.status_code == 302, saved.text
    assert f.stage_of(rayon, "office").narrative == "Prepared by City A."


def test_the_joint_citys_own_office_prepares_it_too(client, rayon, rayon_office):
    client.force_login(rayon_office)
    saved = client.post(_stage(rayon, "stage-save"), {"narrative": "Prepared by the rayon."})
    assert saved.status_code == 302, saved.text
    assert f.stage_of(rayon, "office").narrative == "Prepared by the rayon."


def test_the_joint_citys_office_cannot_reach_the_partners_own_candidacy(
    client, world, rayon_office
):
    client.force_login(rayon_office)
    assert client.get(reverse("candidacy:city", args=[world.city_a.slug])).status_code == 404
    assert client.get(_stage(world.city_a)).status_code in (403, 404)
    refused = client.post(_stage(world.city_a, "stage-save"), {"narrative": "Taken over."})
    assert refused.status_code in (403, 404)
    assert f.stage_of(world.city_a, "office").narrative != "Taken over."


@pytest.mark.parametrize("outsider", ["office_a2", "office_b"])
def test_an_unrelated_office_is_refused_as_today(client, world, rayon, outsider):
    client.force_login(getattr(world, outsider))
    assert client.get(reverse("candidacy:city", args=[rayon.slug])).status_code == 404
    assert client.get(_stage(rayon)).status_code in (403, 404)
    refused = client.post(_stage(rayon, "stage-save"), {"narrative": "Taken over."})
    assert refused.status_code in (403, 404)
    assert f.stage_of(rayon, "office").narrative != "Taken over."


def test_unlinking_takes_the_partners_access_away_on_the_next_request(
    client, world, rayon, django_capture_on_commit_callbacks
):
    client.force_login(world.office_a)
    url = reverse("candidacy:city", args=[rayon.slug])
    assert client.get(url).status_code == 200  # the scope is now kept under the edition
    assert client.get(url).status_code == 200
    rayon.joint_with = None
    with django_capture_on_commit_callbacks(execute=True):  # the edition is raised on commit
        rayon.save()
    assert client.get(url).status_code == 404
    assert client.get(_stage(rayon)).status_code in (403, 404)
    # City A's own candidacy stays theirs.
    assert client.get(reverse("candidacy:city", args=[world.city_a.slug])).status_code == 200


def test_linking_gives_the_partners_office_access_on_the_next_request(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.office_a)
    url = reverse("candidacy:city", args=[world.city_a2.slug])
    assert client.get(url).status_code == 404
    world.city_a2.joint_with = world.city_a
    with django_capture_on_commit_callbacks(execute=True):
        world.city_a2.save()
    assert client.get(url).status_code == 200


# --- who is told ----------------------------------------------------------------------------


def test_a_returned_stage_mails_both_offices(
    world, rayon, rayon_office, django_capture_on_commit_callbacks
):
    office = f.stage_of(rayon, "office")
    services.stage_save_draft(progress=office, by=world.office_a, narrative="Office formed.")
    complete_record(office, by=world.office_a)
    services.stage_submit(progress=f.stage_of(rayon, "office"), by=world.office_a)  # the partner
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.stage_return(
            progress=f.stage_of(rayon, "office"), by=world.coordinator_a, comment="Again."
        )
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([world.office_a.email, rayon_office.email])


def test_reminders_reach_the_partners_office(world, rayon, rayon_office):
    people = {user.pk for user in People([rayon]).at(rayon)}
    assert {world.office_a.pk, rayon_office.pk, world.coordinator_a.pk} <= people
    assert world.office_a2.pk not in people
    # The partner's own city's reminders do not reach the rayon's office.
    assert rayon_office.pk not in {user.pk for user in People([world.city_a]).at(world.city_a)}


# --- what the pages show ----------------------------------------------------------------------


def test_the_city_pages_show_the_entity_type_and_the_joint_candidacy(client, world, rayon):
    client.force_login(world.office_a)
    page = client.get(reverse("candidacy:city", args=[rayon.slug])).text
    assert "District or rayon" in page
    assert "Held jointly with City A: both offices prepare the candidacy." in page
    partner = client.get(reverse("candidacy:city", args=[world.city_a.slug])).text
    assert "Municipality" in partner
    assert "Also holds the candidacy of" in partner
    assert reverse("candidacy:city", args=[rayon.slug]) in partner
    public = client.get(reverse("public-city", args=[world.programme_a.key, rayon.slug])).text
    assert "District or rayon" in public
    listing = client.get(reverse("public-cities")).text
    assert "(district or rayon)" in listing


def test_the_public_pages_name_the_partner_both_ways_with_its_public_page(client, world, rayon):
    """Anonymous readers: the rayon's page names City A, City A's names the rayon, each linked
    to the other's public page; a city held by nobody names nobody."""

    def public(city):
        return reverse("public-city", args=[world.programme_a.key, city.slug])

    page = client.get(public(rayon)).text
    assert f'Holds its candidacy jointly with <a href="{public(world.city_a)}">City A</a>.' in page
    partner = client.get(public(world.city_a)).text
    assert f'Also holds the candidacy of <a href="{public(rayon)}">City A rayon</a> jointly.' in (
        partner
    )
    assert 'id="joint-candidacy"' not in client.get(public(world.city_a2)).text
    # nothing of the signed-in pages leaks into the public one
    assert reverse("candidacy:city", args=[world.city_a.slug]) not in page


# --- the admin ------------------------------------------------------------------------------


def _post(city, **values):
    return {
        "name_en": city.name,
        "slug": city.slug,
        "programme": city.programme_id,
        "entity_type": city.entity_type,
        "districts-TOTAL_FORMS": "0",
        "districts-INITIAL_FORMS": "0",
        **values,
    }


@pytest.mark.parametrize(
    ("who", "city", "partner", "message"),
    [
        ("coordinator_a", "city_a2", "city_a2", "cannot hold its candidacy jointly with itself"),
        ("superuser", "city_a2", "city_b", "The partner must belong to the same programme."),
        ("coordinator_a", "city_a2", "rayon", "is itself held jointly with another city"),
        ("coordinator_a", "city_a", "city_a2", "Other cities hold their candidacies jointly"),
        ("coordinator_a", "city_a2", "city_b", "Select a valid choice"),  # not in their scope
    ],
)
def test_the_admin_refuses_a_bad_partner_and_saves_nothing(
    client, world, rayon, superuser, who, city, partner, message
):
    objects = {"rayon": rayon, **vars(world)}
    city, partner = objects[city], objects[partner]
    client.force_login(superuser if who == "superuser" else getattr(world, who))
    url = reverse("admin:cities_city_change", args=[city.pk])
    response = client.post(url, _post(city, joint_with=partner.pk, region_en="Typed region"))
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Typed region"' in response.text  # what was typed is kept
    stored = City.objects.get(pk=city.pk)
    assert (stored.joint_with_id, stored.region) == (city.joint_with_id, city.region)


def test_the_admin_links_a_partner_and_shows_it(client, world, rayon):
    client.force_login(world.coordinator_a)
    form = client.get(reverse("admin:cities_city_change", args=[world.city_a2.pk])).text
    assert "City A rayon" in form and "City B" not in form  # the coordinator's scope only
    url = reverse("admin:cities_city_change", args=[world.city_a2.pk])
    values = _post(world.city_a2, joint_with=world.city_a.pk, entity_type="intercommunality")
    response = client.post(url, values)
    assert response.status_code == 302, response.text
    stored = City.objects.get(pk=world.city_a2.pk)
    assert (stored.joint_with, stored.entity_type) == (world.city_a, "intercommunality")
    listing = client.get(reverse("admin:cities_city_changelist")).text
    assert '<td class="field-entity_type">intercommunality</td>' in listing
    assert '<td class="field-entity_type">district or rayon</td>' in listing
    assert '<td class="field-joint_with nowrap">City A</td>' in listing
    assert "Entity type" in listing and "Held jointly with" in listing
    filtered = client.get(
        reverse("admin:cities_city_changelist"), {"entity_type": "district_rayon"}
    )
    assert "City A rayon" in filtered.text and "City A2" not in filtered.text


# --- the service ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "partner", "message"),
    [
        ("city_a2", "city_a2", "A city cannot hold its candidacy jointly with itself."),
        ("city_a2", "city_b", "The partner must belong to the same programme."),
        ("city_a2", "rayon", "is itself held jointly with another city"),
        ("city_a", "city_a2", "Other cities hold their candidacies jointly"),
    ],
)
def test_the_service_refuses_a_bad_partner_with_a_message_and_writes_nothing(
    world, rayon, city, partner, message
):
    objects = {"rayon": rayon, **vars(world)}
    city, partner = objects[city], objects[partner]
    before = city.joint_with_id
    with pytest.raises(ValidationError) as refused:
        city_joint_set(city=city, partner=partner, by=world.coordinator_a)
    assert message in " ".join(refused.value.message_dict["joint_with"])
    assert City.objects.get(pk=city.pk).joint_with_id == before
    assert not CityJointChange.objects.exists()


def test_the_service_refuses_whoever_does_not_coordinate_the_programme(world, rayon):
    for outsider in (world.office_a, world.coordinator_b, world.evaluator_a):
        with pytest.raises(PermissionDenied):
            city_joint_set(city=world.city_a2, partner=world.city_a, by=outsider)
    assert City.objects.get(pk=world.city_a2.pk).joint_with_id is None
    assert not CityJointChange.objects.exists()


def test_the_service_links_and_unlinks_with_history(
    client, world, rayon, django_capture_on_commit_callbacks
):
    client.force_login(world.office_a)
    url = reverse("candidacy:city", args=[world.city_a2.slug])
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        city_joint_set(city=world.city_a2, partner=world.city_a, by=world.coordinator_a)
    assert client.get(url).status_code == 200  # the partner's office, at the next request
    city_joint_set(city=world.city_a2, partner=world.city_a, by=world.coordinator_a)  # the same
    city_joint_set(city=rayon, partner=None, by=world.coordinator_a)
    rows = [
        (row.city, row.from_partner, row.to_partner, row.by)
        for row in CityJointChange.objects.order_by("pk")
    ]
    assert rows == [
        (world.city_a2, None, world.city_a, world.coordinator_a),
        (rayon, world.city_a, None, world.coordinator_a),
    ]


def test_the_admin_goes_through_the_service_and_shows_the_history(client, world, rayon):
    client.force_login(world.coordinator_a)
    url = reverse("admin:cities_city_change", args=[world.city_a2.pk])
    response = client.post(url, _post(world.city_a2, joint_with=world.city_a.pk))
    assert response.status_code == 302, response.text
    change = CityJointChange.objects.get()
    assert (change.city, change.from_partner, change.to_partner, change.by) == (
        world.city_a2,
        None,
        world.city_a,
        world.coordinator_a,
    )
    # saving the city again without touching the partner writes no history
    assert client.post(url, _post(world.city_a2, joint_with=world.city_a.pk)).status_code == 302
    assert CityJointChange.objects.count() == 1
    form = client.get(url).text
    assert "Changes of a joint candidacy" in form
