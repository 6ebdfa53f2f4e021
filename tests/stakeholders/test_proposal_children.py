"""Who put a children's proposal forward, in aggregate only (girls and boys per age band, the
bands of `ChildrenCounts.AGE_BANDS`) and the city's district it came from: saved from the
proposal's pages; a refused value is shown beside its field, what was typed kept, nothing
written."""

import pytest
from django.core.exceptions import ValidationError

from stakeholders import services
from stakeholders.models import ChildrenCouncilMakeUp, ChildrenProposal, StakeholderChange
from tests.factories import DistrictFactory

from .test_pages import assert_refused, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, world):
    client.force_login(world.office_a)
    return client


COUNTS = {
    "girls_under_10": "2",
    "boys_under_10": "0",
    "girls_10_13": "4",
    "boys_10_13": "3",
    "girls_14_17": "1",
    "boys_14_17": "",  # left empty: none
}


def _post(participation, **changes):
    return {
        "title": "A cycle lane to school",
        "received_on": "2025-02-10",
        "details": "",
        **COUNTS,
        **changes,
    }


def test_the_bands_are_the_councils_bands():
    assert ChildrenProposal.AGE_BANDS is ChildrenCouncilMakeUp.AGE_BANDS
    assert len(ChildrenProposal.COUNT_FIELDS) == 6


def test_a_proposal_is_recorded_with_its_children_and_district(office, world, participation_a):
    district = DistrictFactory(city=world.city_a, name="Old town")
    council = participation_a.council
    page = office.get(url("proposal-add", pk=council.pk)).content.decode()
    assert "Children who put it forward, by age band and sex" in page
    assert "Old town" in page
    response = office.post(
        url("proposal-add", pk=council.pk), _post(participation_a, district=district.pk)
    )
    assert response.status_code == 302
    proposal = ChildrenProposal.objects.get(title="A cycle lane to school")
    assert proposal.district == district
    assert (proposal.girls, proposal.boys, proposal.total) == (7, 3, 10)
    assert proposal.boys_14_17 == 0
    # and corrected from the edit page
    edit = url("proposal-edit", pk=council.pk, proposal=proposal.pk)
    response = office.post(
        edit, _post(participation_a, boys_14_17="5", district="", version=proposal.version)
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.boys_14_17 == 5 and proposal.district is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"girls_10_13": "-3"}, "Give a number of children: zero or more."),
        ({"boys_under_10": "10001"}, "Give at most 10,000: check the number."),
        ({"girls_14_17": "many"}, "Enter a whole number."),
    ],
)
def test_a_bad_count_is_refused_beside_its_field(office, participation_a, changes, message):
    council = participation_a.council
    proposals, changes_before = ChildrenProposal.objects.count(), StakeholderChange.objects.count()
    response = office.post(url("proposal-add", pk=council.pk), _post(participation_a, **changes))
    page = assert_refused(response, message)
    ((name, typed),) = changes.items()
    assert f'value="{typed}"' in page  # what was typed is kept
    assert 'value="A cycle lane to school"' in page
    assert ChildrenProposal.objects.count() == proposals
    assert StakeholderChange.objects.count() == changes_before


def test_a_district_of_another_city_is_refused(office, world, participation_a):
    elsewhere = DistrictFactory(city=world.city_b, name="Far district")
    council = participation_a.council
    proposals = ChildrenProposal.objects.count()
    response = office.post(
        url("proposal-add", pk=council.pk), _post(participation_a, district=elsewhere.pk)
    )
    page = assert_refused(response, "Choose one of this city&#x27;s districts.")
    assert "Far district" not in page  # never offered
    assert ChildrenProposal.objects.count() == proposals
    # the service and the model refuse it too, whatever writes it
    with pytest.raises(ValidationError) as refused:
        services.proposal_add(
            council=council,
            by=world.office_a,
            title="Elsewhere",
            received_on=participation_a.proposal.received_on,
            district=elsewhere,
        )
    assert "district" in refused.value.message_dict
    with pytest.raises(TypeError):
        services.proposal_add(
            council=council,
            by=world.office_a,
            title="Named",
            received_on=participation_a.proposal.received_on,
            child_name="never",
        )
    assert ChildrenProposal.objects.count() == proposals


def test_the_proposal_page_shows_its_children_and_district(office, world, participation_a):
    proposal = participation_a.proposal
    proposal.district = DistrictFactory(city=world.city_a, name="Old town")
    proposal.girls_10_13, proposal.boys_14_17 = 4, 3
    proposal.save()
    page = office.get(
        url("proposal", pk=participation_a.council.pk, proposal=proposal.pk)
    ).content.decode()
    assert "Old town" in page
    assert "<td>4</td><td>0</td><td>4</td>" in page  # 10 to 13
    assert "<td>4</td><td>3</td><td>7</td>" in page  # all ages
