"""Memoranda and commitments through the services and selectors: who may manage which party's
commitments, the dates that are refused, overdue computed from the date, and the per-party
summary of open and overdue commitments for many cities in one query."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from stakeholders import selectors, services
from stakeholders.models import Commitment, Memorandum, StakeholderChange
from tests.stakeholders.factories import PDF_BYTES, CommitmentFactory, MemorandumFactory

pytestmark = pytest.mark.django_db

SIGNED = datetime.date(2020, 1, 15)


def test_office_records_a_memorandum_with_its_document(world):
    memorandum = services.memorandum_create(
        city=world.city_a,
        by=world.office_a,
        title=" Memorandum with UNICEF ",
        parties="Ministry of Interior, UNICEF, the municipality",
        signed_on=SIGNED,
        upload=SimpleUploadedFile("memorandum.pdf", PDF_BYTES),
    )
    memorandum.refresh_from_db()
    assert (memorandum.title, memorandum.document_name) == (
        "Memorandum with UNICEF",
        "memorandum.pdf",
    )
    assert StakeholderChange.objects.get(object_type="memorandum").action == "created"


def test_a_commitment_due_before_the_signing_is_refused(world, memoranda_a):
    with pytest.raises(ValidationError) as error:
        services.commitment_add(
            memorandum=memoranda_a.memorandum,
            by=world.office_a,
            party="unicef",
            description="Fund the atlas",
            due_on=SIGNED - datetime.timedelta(days=1),
        )
    assert "before the memorandum was signed" in str(error.value.error_dict["due_on"])
    with pytest.raises(ValidationError):
        services.commitment_update(
            commitment=memoranda_a.city_commitment,
            by=world.office_a,
            party="city",
            description="Earlier",
            due_on=datetime.date(2019, 1, 1),
        )
    # Nor may the signing move after a commitment's due date.
    with pytest.raises(ValidationError) as error:
        services.memorandum_update(
            memorandum=memoranda_a.memorandum,
            by=world.office_a,
            title="Memorandum with UNICEF",
            parties="Ministry, UNICEF",
            signed_on=datetime.date(2022, 1, 1),
        )
    assert "signed_on" in error.value.error_dict
    memoranda_a.memorandum.refresh_from_db()
    assert memoranda_a.memorandum.signed_on == SIGNED


def test_other_party_needs_a_name(world, memoranda_a):
    with pytest.raises(ValidationError) as error:
        services.commitment_add(
            memorandum=memoranda_a.memorandum,
            by=world.office_a,
            party="other",
            description="Host the forum",
        )
    assert "party_name" in error.value.error_dict
    commitment = services.commitment_add(
        memorandum=memoranda_a.memorandum,
        by=world.office_a,
        party="other",
        party_name="Red Crescent Society",
        description="Host the forum",
    )
    assert commitment.party_label == "Red Crescent Society"


def test_overdue_is_computed_from_the_due_date(memoranda_a):
    unicef = memoranda_a.unicef_commitment
    assert unicef.is_overdue(datetime.date(2021, 7, 1))
    assert not unicef.is_overdue(datetime.date(2021, 6, 30))
    assert unicef.overdue  # due in 2021, still pending
    unicef.status = Commitment.Status.CANCELLED
    assert not unicef.overdue
    assert not memoranda_a.city_commitment.overdue  # due next year


def test_status_needs_evidence(world, memoranda_a):
    commitment = memoranda_a.city_commitment
    with pytest.raises(ValidationError) as error:
        services.commitment_set_status(commitment=commitment, by=world.office_a, status="fulfilled")
    assert "evidence_note" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.commitment_set_status(commitment=commitment, by=world.office_a, status="cancelled")
    assert "evidence_note" in error.value.error_dict
    services.commitment_set_status(
        commitment=commitment,
        by=world.office_a,
        status="fulfilled",
        upload=SimpleUploadedFile("opening.pdf", PDF_BYTES),
        on=datetime.date(2025, 5, 1),
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.status_changed_on, commitment.evidence_name) == (
        "fulfilled",
        datetime.date(2025, 5, 1),
        "opening.pdf",
    )
    change = StakeholderChange.objects.get(object_type="commitment", object_id=commitment.pk)
    assert change.action == "status_changed"
    assert change.summary.startswith("Pending → Fulfilled")


def test_coordinator_manages_only_the_ministrys_commitments(world, memoranda_a):
    coordinator = world.coordinator_a
    ministry = services.commitment_set_status(
        commitment=memoranda_a.ministry_commitment,
        by=coordinator,
        status="fulfilled",
        evidence_note="Training held.",
    )
    assert ministry.status == "fulfilled"
    added = services.commitment_add(
        memorandum=memoranda_a.memorandum,
        by=coordinator,
        party="ministry",
        description="Review the plans",
    )
    assert StakeholderChange.objects.get(object_id=added.pk).user == coordinator
    with pytest.raises(ValidationError) as error:
        services.commitment_add(
            memorandum=memoranda_a.memorandum,
            by=coordinator,
            party="unicef",
            description="Fund it",
        )
    assert "party" in error.value.error_dict
    with pytest.raises(ValidationError):  # nor hand the ministry's commitment to another party
        services.commitment_update(
            commitment=ministry, by=coordinator, party="city", description="Shifted"
        )
    for commitment in (memoranda_a.unicef_commitment, memoranda_a.city_commitment):
        with pytest.raises(PermissionDenied):
            services.commitment_set_status(
                commitment=commitment, by=coordinator, status="cancelled", evidence_note="No."
            )
    with pytest.raises(PermissionDenied):
        services.memorandum_update(
            memorandum=memoranda_a.memorandum,
            by=coordinator,
            title="X",
            parties="X",
            signed_on=SIGNED,
        )


@pytest.mark.parametrize("user", ["evaluator_a", "office_a2", "office_b", "coordinator_b"])
def test_readers_and_outsiders_manage_no_commitment(world, memoranda_a, user):
    by = getattr(world, user)
    with pytest.raises(PermissionDenied):
        services.memorandum_create(
            city=world.city_a, by=by, title="X", parties="X", signed_on=SIGNED
        )
    with pytest.raises(PermissionDenied):
        services.commitment_add(
            memorandum=memoranda_a.memorandum, by=by, party="ministry", description="X"
        )
    for commitment in (memoranda_a.ministry_commitment, memoranda_a.unicef_commitment):
        with pytest.raises(PermissionDenied):
            services.commitment_set_status(
                commitment=commitment, by=by, status="cancelled", evidence_note="X"
            )
    assert Memorandum.objects.count() == 1
    assert not StakeholderChange.objects.exists()


def test_open_commitments_of_many_cities_in_one_query(world, memoranda_a):
    other = MemorandumFactory(city=world.city_a2, signed_on=SIGNED)
    CommitmentFactory(memorandum=other, party="unicef", due_on=datetime.date(2020, 6, 1))
    CommitmentFactory(memorandum=other, party="unicef", due_on=datetime.date(2099, 6, 1))
    CommitmentFactory(memorandum=other, party="city", status="fulfilled")
    CommitmentFactory(memorandum=other, party="other", party_name="Akimat's partner")
    with CaptureQueriesContext(connection) as queries:
        summaries = selectors.open_commitments_by_city([world.city_a, world.city_a2, world.city_b])
    assert len(queries) == 1

    def rows(city):
        return [(p.label, p.open, p.overdue) for p in summaries[city.pk].parties]

    assert rows(world.city_a) == [
        ("City", 1, 0),
        ("Ministry or national coordinator", 1, 0),
        ("UNICEF", 1, 1),
    ]
    assert rows(world.city_a2) == [("UNICEF", 2, 1), ("Akimat's partner", 1, 1)]
    assert rows(world.city_b) == []
    assert (summaries[world.city_a.pk].open, summaries[world.city_a.pk].overdue) == (3, 1)


def test_the_template_tags_render_the_summary(world, memoranda_a):
    template = Template(
        "{% load commitments %}{% commitment_summaries cities as commitments %}"
        "{% for city in cities %}[{% commitments_of commitments city %}]{% endfor %}"
    )
    text = template.render(Context({"cities": [world.city_a, world.city_b]}))
    assert "UNICEF</span>: 1 open" in text and "1 overdue" in text
    assert "None open" in text  # city B


def test_the_summary_joins_open_and_overdue_with_the_readers_comma(world, memoranda_a):
    template = Template(
        "{% load commitments %}{% commitment_summaries cities as commitments %}"
        "{% commitments_of commitments city %}"
    )
    context = {"cities": [world.city_a], "city": world.city_a}
    assert "1 open, <span" in template.render(Context(context))
    with translation.override("fa"):
        assert "انجام‌نشده، <span" in template.render(Context(context))
