"""The completeness rules of the record kinds (`candidacy.records.registry.missing`), one by
one: each blocks the stage's submission with its message, in the service and on the page, and
lets it through once fixed."""

from __future__ import annotations

import datetime

import pytest

from candidacy import services as workflow
from candidacy.models import GoalArea, StageKind, StageState
from candidacy.records import registry, services
from candidacy.records.documents import pdf_upload
from candidacy.services import WorkflowError

from .conftest import data_set_values, initiative_values, office_record_with_decree, office_values

pytestmark = pytest.mark.django_db

DECREE = "Upload the decree establishing the office before submitting."


def _try_submit(rw, progress) -> list[str]:
    """Submit with a narrative in place; the messages of the refusal ([] if it went through)."""
    by = rw.preparer(progress)
    workflow.stage_save_draft(progress=progress, by=by, narrative="Done.")
    try:
        workflow.stage_submit(progress=progress, by=by)
    except WorkflowError as error:
        assert rw.stage(progress.definition.key).state == StageState.OPEN
        return error.messages
    assert rw.stage(progress.definition.key).state == StageState.SUBMITTED
    return []


def test_every_kind_is_in_the_registry_and_rules_match_it():
    kinds = registry.record_kinds()
    assert set(kinds) == set(StageKind.values)
    with_record = {kind for kind, spec in kinds.items() if spec is not None}
    assert with_record == {kind for kind, spec in kinds.items() if spec and spec.rule}
    # The kinds issue 3 does not describe: no record.
    assert {kind for kind, spec in kinds.items() if spec is None} == {
        StageKind.COUNCIL,
        StageKind.REPORT,
    }


def test_office_formation_needs_its_record_then_its_decree(rw):
    office = rw.stage("office")
    assert registry.missing(office) == [
        "Fill in the office's record: its name, parent department, date established, decree "
        "number, head and staff.",
        DECREE,
    ]
    services.record_save(progress=office, by=rw.office, values=office_values())
    assert registry.missing(office) == [DECREE]
    assert _try_submit(rw, office) == [DECREE]

    office_record_with_decree(rw, office)
    assert registry.missing(office) == []
    assert _try_submit(rw, office) == []


def test_removing_the_decree_document_makes_the_record_incomplete_again(rw):
    office = rw.stage("office")
    record = office_record_with_decree(rw, office)
    assert registry.missing(office) == []
    workflow.evidence_remove(evidence=record.decree, by=rw.office)
    assert registry.missing(office) == [DECREE]


def test_cfc_database_needs_a_data_set_for_each_goal_area(rw):
    database = rw.open("database")
    assert registry.missing(database) == [
        "Add at least one data set for each goal area (none yet for: Safe and protected; A fair "
        "share of essential services; A voice in decisions; A safe, clean environment; Family, "
        "play and leisure)."
    ]
    for area in list(GoalArea)[:-1]:
        services.row_add(progress=database, by=rw.office, values=data_set_values(area))
        services.row_add(progress=database, by=rw.office, values=data_set_values(area))
    expected = [
        "Add at least one data set for each goal area (none yet for: Family, play and leisure)."
    ]
    assert registry.missing(database) == expected
    assert _try_submit(rw, database) == expected

    services.row_add(
        progress=database, by=rw.office, values=data_set_values(GoalArea.FAMILY_PLAY_LEISURE)
    )
    assert _try_submit(rw, database) == []


def test_stocktake_needs_an_initiative(rw):
    stocktake = rw.open("stocktake")
    expected = ["Add at least one initiative the city already has in place."]
    assert _try_submit(rw, stocktake) == expected
    services.row_add(progress=stocktake, by=rw.office, values=initiative_values())
    assert _try_submit(rw, stocktake) == []


@pytest.mark.parametrize(
    "key,expected",
    [
        (
            "submission",
            [
                "Fill in the letter's reference, date and addressee.",
                "Attach the letter before submitting.",
            ],
        ),
        (
            "request",
            [
                "Fill in the letter's reference, date and addressee.",
                "Attach the letter before submitting.",
            ],
        ),
        (
            "memorandum",
            [
                "Fill in the memorandum's reference, date and parties.",
                "Attach the signed memorandum before submitting.",
            ],
        ),
    ],
)
def test_letters_need_their_details_and_the_letter(rw, key, expected):
    progress = rw.open(key)
    by = rw.preparer(progress)
    assert _try_submit(rw, progress) == expected
    values = dict(reference="12/345", dated_on=datetime.date(2020, 12, 1), addressee="Ministry")
    services.record_save(progress=progress, by=by, values=values)
    assert _try_submit(rw, progress) == expected[1:]
    services.record_save(
        progress=progress,
        by=by,
        values=values,
        document_upload=pdf_upload("letter.pdf", "Letter"),
    )
    assert _try_submit(rw, progress) == []


@pytest.mark.parametrize("key", ["candidacy", "badge"])
def test_grants_need_their_date_number_and_certificate(rw, key):
    progress = rw.open(key)
    expected = [
        "Fill in the date granted and the certificate number.",
        "Attach the certificate before submitting.",
    ]
    assert _try_submit(rw, progress) == expected
    values = dict(granted_on=datetime.date(2021, 6, 14), certificate_number="C-1")
    services.record_save(progress=progress, by=rw.evaluator, values=values)
    assert _try_submit(rw, progress) == expected[1:]
    services.record_save(
        progress=progress,
        by=rw.evaluator,
        values=values,
        document_upload=pdf_upload("certificate.pdf", "Certificate"),
    )
    assert _try_submit(rw, progress) == []


def test_network_membership_needs_its_date_and_contact(rw):
    network = rw.open("network")
    expected = ["Fill in the date the city joined the network and its contact there."]
    assert _try_submit(rw, network) == expected
    services.record_save(
        progress=network,
        by=rw.office,
        values=dict(joined_on=datetime.date(2022, 1, 1), contact_name="CFCI secretariat"),
    )
    assert _try_submit(rw, network) == []


def test_a_kind_without_a_record_is_not_gated(rw):
    council = rw.open("council")
    assert registry.missing(council) == []
    assert _try_submit(rw, council) == []


def test_the_narrative_is_asked_for_first_then_what_the_record_lacks(rw):
    office = rw.stage("office")
    with pytest.raises(WorkflowError) as refused:
        workflow.stage_submit(progress=office, by=rw.office)
    # everything missing at once, as the stage page lists it (services.submission_missing)
    assert refused.value.messages[0] == (
        "Write the stage's narrative before submitting it for sign-off."
    )
    assert refused.value.messages[1:] == registry.missing(office)
    assert len(refused.value.messages) > 1
