"""The stakeholders pages cost the same number of queries with 3 and with 30 rows."""

import pytest
from django.urls import reverse

from tests.factories import CouncilTypeFactory, OrganisationFactory
from tests.stakeholders.factories import council_with_members

pytestmark = pytest.mark.django_db

CITY_PAGE_QUERIES = 6  # session, user, roles, city, councils, organisations
COUNCIL_PAGE_QUERIES = 6  # session, user, roles, city, council, members


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("user", ["office_a", "coordinator_a"])
def test_city_page_queries_do_not_grow(client, world, django_assert_max_num_queries, size, user):
    types = [CouncilTypeFactory(programme=world.programme_a) for _ in range(3)]
    for index in range(size):
        council_with_members(world.city_a, members=2, council_type=types[index % 3])
    for _ in range(size):
        OrganisationFactory(city=world.city_a, inside_municipality=False)
    client.force_login(getattr(world, user))
    with django_assert_max_num_queries(CITY_PAGE_QUERIES):
        response = client.get(reverse("stakeholders:city", kwargs={"city": "city-a"}))
    assert response.status_code == 200
    assert response.content.decode().count('href="/cities/city-a/stakeholders/councils/') >= size


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("user", ["office_a", "coordinator_a"])
def test_council_page_queries_do_not_grow(client, world, django_assert_max_num_queries, size, user):
    council = council_with_members(world.city_a, members=size)
    council.members.filter(pk=council.members.first().pk).update(
        term_start="2020-01-01", term_end="2022-01-01"
    )
    client.force_login(getattr(world, user))
    url = reverse("stakeholders:council", kwargs={"city": "city-a", "pk": council.pk})
    with django_assert_max_num_queries(COUNCIL_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row"') == size
