"""A programme with a stage of every kind that has a record (and one that has none yet), two
of its cities with districts, a city of another programme, and one person per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse

from candidacy import services
from candidacy.models import Preparer, StageKind, StageProgress, StageState
from demo.testing import complete_record
from tests import factories as f

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


def _steps():
    steps = []
    for key, kind, preparer, extra in STEPS:
        by_evaluator = preparer == EVAL
        steps.append(
            dict(
                key=key,
                kind=kind,
                prepared_by=preparer,
                signed_by_coordinator=not by_evaluator,
                signed_by_evaluator=by_evaluator,
                **extra,
            )
        )
    return steps


@dataclass
class RecordsWorld:
    programme: object
    city: object
    other_city: object  # same programme
    far_city: object  # another programme
    office: object
    other_office: object
    far_office: object
    coordinator: object
    evaluator: object
    far_coordinator: object
    far_evaluator: object
    districts: list
    other_districts: list

    def stage(self, key, city=None) -> StageProgress:
        city = city or self.city
        return StageProgress.objects.select_related(
            "definition", "candidacy__city__programme__country"
        ).get(candidacy__city=city, definition__key=key)

    def preparer(self, progress):
        return {CITY: self.office, COORD: self.coordinator, EVAL: self.evaluator}[
            progress.definition.prepared_by
        ]

    def signatories(self, progress):
        return [self.evaluator] if progress.definition.signed_by_evaluator else [self.coordinator]

    def submit(self, key, *, fill=True) -> StageProgress:
        progress = self.stage(key)
        by = self.preparer(progress)
        services.stage_save_draft(progress=progress, by=by, narrative="Done, see the record.")
        if fill:
            complete_record(progress, by=by)
        services.stage_submit(progress=progress, by=by)
        return self.stage(key)

    def approve(self, key) -> StageProgress:
        progress = self.stage(key)
        if progress.state != StageState.SUBMITTED:
            progress = self.submit(key)
        for user in self.signatories(progress):
            services.stage_approve(progress=self.stage(key), by=user)
        return self.stage(key)

    def open(self, key) -> StageProgress:
        """Approve every stage before `key`; `key` is then open."""
        for earlier in KEYS[: KEYS.index(key)]:
            if self.stage(earlier).state != StageState.APPROVED:
                self.approve(earlier)
        progress = self.stage(key)
        assert progress.state == StageState.OPEN
        return progress

    def url(self, name, key, *args, city=None):
        city = city or self.city
        return reverse(f"candidacy:{name}", args=[city.slug, key, *args])


@pytest.fixture
def rw(db):
    programme = f.make_programme(key="records", name="Records programme", steps=_steps())
    far_programme = f.make_programme(key="far", name="Far programme", steps=_steps())
    city = f.make_city(programme, slug="rec-city", name="Record City")
    other_city = f.make_city(programme, slug="rec-other", name="Other City")
    far_city = f.make_city(far_programme, slug="rec-far", name="Far City")
    districts = [f.DistrictFactory(city=city, number=n, name=f"District {n}") for n in (1, 2, 3)]
    other_districts = [f.DistrictFactory(city=other_city, number=1, name="Other district 1")]
    return RecordsWorld(
        programme=programme,
        city=city,
        other_city=other_city,
        far_city=far_city,
        office=f.office_user(city, username="rec.office"),
        other_office=f.office_user(other_city, username="rec.other.office"),
        far_office=f.office_user(far_city, username="rec.far.office"),
        coordinator=f.coordinator_user(programme, username="rec.coord"),
        evaluator=f.evaluator_user(programme, username="rec.eval"),
        far_coordinator=f.coordinator_user(far_programme, username="rec.far.coord"),
        far_evaluator=f.evaluator_user(far_programme, username="rec.far.eval"),
        districts=districts,
        other_districts=other_districts,
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
