"""A programme with a stage of every kind that has a record (and one that has none yet), two
of its cities with districts, a city of another programme, and one person per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from candidacy.models import Preparer, StageKind
from candidacy.records import services
from candidacy.records.documents import pdf_upload
from tests import factories as f
from tests.candidacy.workflow import StageWorld

CITY, COORD, EVAL = Preparer.CITY, Preparer.COORDINATOR, Preparer.EVALUATOR

STEPS = [
    ("office", StageKind.OFFICE_FORMATION, CITY, {}),
    ("database", StageKind.CFC_DATABASE, CITY, {}),
    ("stocktake", StageKind.STOCKTAKE, CITY, {}),
    ("submission", StageKind.SUBMISSION, CITY, {}),
    ("request", StageKind.SUBMISSION, COORD, {}),
    ("memorandum", StageKind.MEMORANDUM, CITY, {}),
    ("candidacy", StageKind.CANDIDACY, EVAL, {"grants": "candidacy"}),
    ("badge", StageKind.RECOGNITION, EVAL, {"grants": "recognition", "validity_months": 24}),
    ("network", StageKind.NETWORK_MEMBERSHIP, CITY, {}),
    ("atlas", StageKind.CHILDRENS_ATLAS, CITY, {}),
    ("council", StageKind.COUNCIL, CITY, {}),  # a kind without a record
]
KEYS = [key for key, *_ in STEPS]


def iran_like_steps():
    return [f.step(key, kind, preparer, **extra) for key, kind, preparer, extra in STEPS]


@dataclass
class RecordsWorld(StageWorld):
    districts: list
    other_districts: list


@pytest.fixture
def rw(db):
    made = f.make_two_programmes(
        programmes=[("records", "Records programme"), ("far", "Far programme")],
        cities=[("rec-city", "Record City"), ("rec-other", "Other City"), ("rec-far", "Far City")],
        scopes=["rec", "rec.other", "rec.far"],
        steps=iran_like_steps(),
    )
    city, other_city = made["city"], made["other_city"]
    return RecordsWorld(
        **made,
        keys=KEYS,
        districts=[f.DistrictFactory(city=city, number=n, name=f"District {n}") for n in (1, 2, 3)],
        other_districts=[f.DistrictFactory(city=other_city, number=1, name="Other district 1")],
    )


TODAY = datetime.date.today


def office_values(**changes):
    values = dict(
        office_name="CFC office",
        parent_department="Deputy for Urban Planning",
        established_on=datetime.date(2019, 8, 19),
        reference_number="1398/05/28",
        head_name="Head of office",
        head_title="Acting head",
        staff_count=5,
    )
    return {**values, **changes}


def office_record_with_decree(rw, office):
    """The city office saves the office stage's record with its decree uploaded."""
    return services.record_save(
        progress=office,
        by=rw.office,
        values=office_values(),
        document_upload=pdf_upload("decree.pdf", "Decree"),
    )


def data_set_values(area, **changes):
    values = dict(
        name=f"Data on {area}",
        goal_area=area,
        source_agency="Statistics office",
        districts=[],
        age_groups="0–17",
        by_sex=True,
        by_age=True,
        by_disability=False,
        update_frequency="yearly",
        last_updated=datetime.date(2020, 1, 1),
    )
    return {**values, **changes}


def initiative_values(**changes):
    values = dict(
        title="Children's house",
        goal_area="family_play_leisure",
        description="A house for play and learning.",
        district=None,
        year_started=2015,
        responsible_organisation="Cultural Organization",
        beneficiaries="Children of the whole city",
        good_practice=True,
    )
    return {**values, **changes}
