"""A city's coordinates: bounded in the model (the admin's form refuses a bad value with a
message, keeps what was typed, writes nothing), and whether it is on the public map and why not,
as a property and as a query that agree (the admin's column and filter)."""

import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cities.models import City, MapPlacement, map_placement_q

pytestmark = pytest.mark.django_db

VALUES = [None, Decimal("-90"), Decimal("90"), Decimal("-180"), Decimal("180"), Decimal("90.5")]
VALUES += [Decimal("-180.00001"), Decimal("0")]


def test_the_property_and_the_query_agree(world):
    city = world.city_a
    for latitude, longitude in itertools.product(VALUES, VALUES):
        City.objects.filter(pk=city.pk).update(latitude=latitude, longitude=longitude)
        city.refresh_from_db()
        matching = [
            placement
            for placement in MapPlacement.values
            if City.objects.filter(map_placement_q(placement), pk=city.pk).exists()
        ]
        assert matching == [city.map_placement], (latitude, longitude)


@pytest.mark.parametrize(
    ("latitude", "longitude", "field", "message"),
    [
        ("90.1", "0", "latitude", "A latitude lies between -90 and 90 degrees"),
        ("-90.00001", "0", "latitude", "A latitude lies between -90 and 90 degrees"),
        ("0", "180.5", "longitude", "A longitude lies between -180 and 180 degrees"),
        ("0", "-181", "longitude", "A longitude lies between -180 and 180 degrees"),
    ],
)
def test_the_model_refuses_coordinates_off_the_globe(world, latitude, longitude, field, message):
    city = world.city_a
    city.latitude, city.longitude = Decimal(latitude), Decimal(longitude)
    with pytest.raises(ValidationError) as refused:
        city.full_clean()
    assert message in str(refused.value.message_dict[field])


def test_the_model_wants_both_coordinates_or_neither(world):
    city = world.city_a
    city.latitude, city.longitude = Decimal("10"), None
    with pytest.raises(ValidationError, match="Give both the latitude and the longitude"):
        city.full_clean()
    city.latitude = None
    city.full_clean()


def _post(world, **values):
    return {
        "name_en": "City A",
        "slug": "city-a",
        "programme": world.programme_a.pk,
        "entity_type": "municipality",
        "districts-TOTAL_FORMS": "0",
        "districts-INITIAL_FORMS": "0",
        **values,
    }


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"latitude": "91", "longitude": "10"}, "A latitude lies between -90 and 90 degrees"),
        ({"latitude": "10", "longitude": "-200"}, "A longitude lies between -180 and 180"),
        ({"latitude": "north", "longitude": "10"}, "Enter a number."),
        ({"latitude": "12345", "longitude": "10"}, "no more than 3 digits before the decimal"),
        ({"latitude": "10", "longitude": ""}, "Give both the latitude and the longitude"),
    ],
)
def test_the_admin_form_refuses_bad_coordinates_and_keeps_them(client, world, values, message):
    client.force_login(world.coordinator_a)
    url = reverse("admin:cities_city_change", args=[world.city_a.pk])
    response = client.post(url, _post(world, **values))
    assert response.status_code == 200
    assert message in response.text
    assert f'value="{values["latitude"]}"' in response.text  # what was typed is kept
    city = City.objects.get(pk=world.city_a.pk)
    assert (city.latitude, city.longitude) == (None, None)


def test_the_admin_form_sets_coordinates(client, world):
    client.force_login(world.coordinator_a)
    url = reverse("admin:cities_city_change", args=[world.city_a.pk])
    response = client.post(url, _post(world, latitude="32.65246", longitude="51.67462"))
    assert response.status_code == 302, response.text
    city = City.objects.get(pk=world.city_a.pk)
    assert (city.latitude, city.longitude) == (Decimal("32.65246"), Decimal("51.67462"))


def test_the_admin_list_says_whether_a_city_is_on_the_map_and_why_not(client, world):
    City.objects.filter(pk=world.city_a.pk).update(latitude=32, longitude=51)
    City.objects.filter(pk=world.city_a2.pk).update(latitude=120, longitude=51)
    client.force_login(world.coordinator_a)
    url = reverse("admin:cities_city_changelist")
    page = client.get(url).text
    assert "On the map" in page
    assert "Not on the map: coordinates out of range" in page
    assert "City B" not in page  # another programme's city
    for placement, names in [
        (MapPlacement.ON_MAP, ["City A"]),
        (MapPlacement.OUT_OF_RANGE, ["City A2"]),
        (MapPlacement.NO_COORDINATES, []),
    ]:
        listed = client.get(url, {"map": placement}).context["cl"].result_list
        assert [city.name for city in listed] == names, placement
    client.cookies["django_language"] = "ru"
    assert "Не на карте: координаты вне допустимых пределов" in client.get(url).text
