"""Realistic records for the demo data, written through `candidacy.records.services` like every
record (so only a stage that is open or returned can be filled, by its preparer).

`manage.py load_demo` moves cities through their stages with `stage_submit`, which refuses a
stage whose record is incomplete: it calls `fill_demo_record(stage, by=preparer)` just before
each submission. Isfahan's records follow the source documents (the office established on
1398/05/28 = 2019-08-19 under the urban-planning deputy; the children's house in Ghalamestan
park; the mother-and-child rooms at the Soffeh and Kaveh bus terminals); other cities get
plausible records of the same shape.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from candidacy import permissions, selectors
from candidacy.models import (
    Evidence,
    GoalArea,
    StageKind,
    StageProgress,
    StageState,
    UpdateFrequency,
)
from candidacy.records import registry, services
from candidacy.records.documents import pdf_upload
from cities.models import City

from . import atlas as atlas_demo
from . import evaluations as evaluations_demo
from . import plans as plans_demo

ISFAHAN = "isfahan"


def _preparer(progress: StageProgress):
    people = selectors.stage_people(progress, permissions.can_prepare_stage)
    if not people:
        raise ValueError(f"{progress}: nobody prepares this stage")
    return people[0]


def _before(day: datetime.date, days: int) -> datetime.date:
    return day - datetime.timedelta(days=days)


def _office(progress: StageProgress, city: City, by, day: datetime.date) -> None:
    if city.slug == ISFAHAN:
        values = dict(
            office_name="Child-Friendly City Office of Isfahan Municipality",
            parent_department="Deputy for Urban Planning and Architecture",
            established_on=datetime.date(2019, 8, 19),  # 1398/05/28
            reference_number="1398/05/28 (decree of the Deputy for Planning and Coordination)",
            head_name="Acting head of the CFC office",
            head_title="Acting head, appointed by decree",
            staff_count=6,
        )
    else:
        values = dict(
            office_name=f"Child-Friendly City office of {city.name}",
            parent_department="Deputy for Social and Cultural Affairs",
            established_on=_before(day, 60),
            reference_number=f"{city.slug.upper()}-CFC-01",
            head_name="Head of the CFC office",
            head_title="Head of office",
            staff_count=4,
        )
    decree = pdf_upload(
        "decree-establishing-the-cfc-office.pdf",
        f"Decree establishing the Child-Friendly City office of {city.name}",
        f"Reference: {values['reference_number']}",
        f"Date: {values['established_on'].isoformat()}",
    )
    services.record_save(progress=progress, by=by, values=values, document_upload=decree)


# name, goal area, source agency, age groups, (sex, age, disability), frequency
_ISFAHAN_DATA_SETS = [
    (
        "Child protection cases handled by the welfare organisation (aggregate)",
        GoalArea.SAFE_AND_PROTECTED,
        "Provincial Welfare Organization",
        "0–17",
        (True, True, True),
        UpdateFrequency.QUARTERLY,
    ),
    (
        "Children injured in road traffic, by district",
        GoalArea.SAFE_AND_PROTECTED,
        "Transport and Traffic Deputy",
        "0–5, 6–11, 12–17",
        (True, True, False),
        UpdateFrequency.YEARLY,
    ),
    (
        "Schools, kindergartens and pupils by district",
        GoalArea.ESSENTIAL_SERVICES,
        "Provincial Education Office",
        "3–5, 6–11, 12–17",
        (True, True, True),
        UpdateFrequency.YEARLY,
    ),
    (
        "Health centres and child vaccination coverage",
        GoalArea.ESSENTIAL_SERVICES,
        "University of Medical Sciences",
        "0–5",
        (True, True, False),
        UpdateFrequency.YEARLY,
    ),
    (
        "Sessions and proposals of the children's city council",
        GoalArea.VOICE,
        "Cultural, Social and Sports Organization",
        "9–17",
        (True, True, False),
        UpdateFrequency.QUARTERLY,
    ),
    (
        "Parks, green space and play space per child",
        GoalArea.ENVIRONMENT,
        "Landscape and Green Space Organization",
        "0–17",
        (False, False, False),
        UpdateFrequency.YEARLY,
    ),
    (
        "Visits to the children's house in Ghalamestan park",
        GoalArea.FAMILY_PLAY_LEISURE,
        "Cultural, Social and Sports Organization",
        "3–12",
        (True, True, False),
        UpdateFrequency.MONTHLY,
    ),
    (
        "Children's membership of public libraries",
        GoalArea.FAMILY_PLAY_LEISURE,
        "Provincial Public Libraries",
        "6–11, 12–17",
        (True, True, False),
        UpdateFrequency.YEARLY,
    ),
]

_GENERIC_DATA_SETS = [
    (
        "Child protection referrals (aggregate)",
        GoalArea.SAFE_AND_PROTECTED,
        "Social services department",
        "0–17",
        (True, True, True),
        UpdateFrequency.QUARTERLY,
    ),
    (
        "Schools and kindergartens by district",
        GoalArea.ESSENTIAL_SERVICES,
        "Education department",
        "3–5, 6–17",
        (True, True, True),
        UpdateFrequency.YEARLY,
    ),
    (
        "Children's participation in the city's consultations",
        GoalArea.VOICE,
        "Youth affairs department",
        "10–17",
        (True, True, False),
        UpdateFrequency.YEARLY,
    ),
    (
        "Play space and green space per child",
        GoalArea.ENVIRONMENT,
        "Parks department",
        "0–17",
        (False, False, False),
        UpdateFrequency.YEARLY,
    ),
    (
        "Use of libraries and sports facilities by children",
        GoalArea.FAMILY_PLAY_LEISURE,
        "Culture and sports department",
        "6–17",
        (True, True, False),
        UpdateFrequency.YEARLY,
    ),
]


def _cfc_database(progress: StageProgress, city: City, by, day: datetime.date) -> None:
    rows = _ISFAHAN_DATA_SETS if city.slug == ISFAHAN else _GENERIC_DATA_SETS
    last_updated = _before(day, 30)
    for name, area, source, ages, (by_sex, by_age, by_disability), frequency in rows:
        services.row_add(
            progress=progress,
            by=by,
            values=dict(
                name=name,
                goal_area=area,
                source_agency=source,
                districts=[],
                age_groups=ages,
                by_sex=by_sex,
                by_age=by_age,
                by_disability=by_disability,
                update_frequency=frequency,
                last_updated=last_updated,
            ),
        )


def _stocktake(progress: StageProgress, city: City, by, day: datetime.date) -> None:
    year = _before(day, 365).year
    if city.slug == ISFAHAN:
        rows = [
            dict(
                title="Children's house in Ghalamestan park",
                goal_area=GoalArea.FAMILY_PLAY_LEISURE,
                description=(
                    "The largest children's house in Isfahan, for play and learning, in "
                    "Ghalamestan park; a space for children beside the Artists' House too."
                ),
                responsible_organisation="Cultural, Social and Sports Organization",
                beneficiaries="Children of the whole city and their families",
                good_practice=True,
            ),
            dict(
                title="Mother-and-child rooms at the Soffeh and Kaveh bus terminals",
                goal_area=GoalArea.ESSENTIAL_SERVICES,
                description=(
                    "Rooms where mothers can feed and care for babies and young children "
                    "while travelling, at the city's two main intercity bus terminals."
                ),
                responsible_organisation="Urban Freight and Passenger Transport Management",
                beneficiaries="Travelling mothers with babies and young children",
                good_practice=True,
            ),
            dict(
                title="Children's city council",
                goal_area=GoalArea.VOICE,
                description=(
                    "Elected children's representatives meet regularly and put proposals to "
                    "the municipality, which answers each one."
                ),
                responsible_organisation="Cultural, Social and Sports Organization",
                beneficiaries="Children aged 9 to 17 through their elected representatives",
                good_practice=False,
            ),
        ]
    else:
        rows = [
            dict(
                title="Safe routes to school",
                goal_area=GoalArea.ENVIRONMENT,
                description="Pedestrian crossings and lower speed limits around schools.",
                responsible_organisation="Transport department",
                beneficiaries="Pupils of the city's primary schools",
                good_practice=False,
            ),
            dict(
                title="Children's consultations on new playgrounds",
                goal_area=GoalArea.VOICE,
                description="Children are asked what new playgrounds in their area need.",
                responsible_organisation="Parks department",
                beneficiaries="Children living near the new playgrounds",
                good_practice=True,
            ),
        ]
    for row in rows:
        services.row_add(
            progress=progress, by=by, values={**row, "district": None, "year_started": year}
        )


def _letter(progress: StageProgress, city: City, by, day: datetime.date) -> None:
    memorandum = progress.definition.kind == StageKind.MEMORANDUM
    day = _before(day, 2)
    key = progress.definition.key
    if memorandum:
        addressee = f"The national programme's coordinating body and the city of {city.name}"
        title = f"Memorandum of cooperation with {city.name}"
    elif key == "request-to-unicef":
        addressee = "UNICEF country office"
        title = f"Request to UNICEF for the candidacy of {city.name}"
    else:
        addressee = "Organization of Municipalities and Village Administrations"
        title = f"Submission of the CFC plans of {city.name} with a request for candidacy"
    reference = f"{city.slug.upper()}-{key.upper()}-{day.year}"
    letter = pdf_upload(
        f"{key}-letter.pdf", title, f"Reference: {reference}", f"Date: {day.isoformat()}"
    )
    services.record_save(
        progress=progress,
        by=by,
        values=dict(reference=reference, dated_on=day, addressee=addressee),
        document_upload=letter,
    )


def _grant(progress: StageProgress, city: City, by, day: datetime.date) -> None:
    number = f"CFCI-{city.programme.country.code}-{day.year}-{city.pk:03d}"
    certificate = pdf_upload(
        f"{progress.definition.key}-certificate.pdf",
        f"{progress.definition.title}: {city.name}",
        f"Certificate {number}",
        f"Granted on {day.isoformat()}",
    )
    services.record_save(
        progress=progress,
        by=by,
        values=dict(granted_on=day, certificate_number=number),
        document_upload=certificate,
    )


def _network(progress: StageProgress, city: City, by, day: datetime.date) -> None:
    services.record_save(
        progress=progress,
        by=by,
        values=dict(
            joined_on=day,
            contact_name="UNICEF Child Friendly Cities Initiative secretariat",
            contact_email="",
        ),
    )


_FILLERS = {
    StageKind.OFFICE_FORMATION: _office,
    StageKind.CFC_DATABASE: _cfc_database,
    StageKind.STOCKTAKE: _stocktake,
    StageKind.SUBMISSION: _letter,
    StageKind.MEMORANDUM: _letter,
    StageKind.CANDIDACY: _grant,
    StageKind.RECOGNITION: _grant,
    StageKind.NETWORK_MEMBERSHIP: _network,
    StageKind.CHILDRENS_ATLAS: atlas_demo.atlas_fill,
    StageKind.EVALUATION: evaluations_demo.fill,
    StageKind.SITUATION_ANALYSIS: plans_demo.situation_analysis,
    StageKind.PLANS: plans_demo.plans,
    StageKind.ONGOING_REVIEW: plans_demo.ongoing_review,
}


def fill_demo_record(progress: StageProgress, *, by=None, on: datetime.date | None = None) -> bool:
    """Fill a complete record for one open or returned stage of any kind that has one, unless
    it is complete already. Returns whether anything was written. `by` defaults to one of the
    stage's preparers; `on` is the day the stage is submitted in the demo's story (today if not
    given): the record's dates fall on or before it."""
    filler = _FILLERS.get(progress.definition.kind)
    if filler is None or registry.record_kind(progress) is None:
        return False
    if not registry.missing(progress):
        return False
    day = min(on or timezone.localdate(), timezone.localdate())
    started = timezone.now()
    filler(progress, progress.candidacy.city, by or _preparer(progress), day)
    if on is not None:  # the documents were uploaded on that day of the story, not today
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))
        Evidence.objects.filter(progress=progress, uploaded_at__gte=started).update(
            uploaded_at=moment
        )
    return True


def fill_demo_records(city: City) -> int:
    """Fill the records of the city's stages that are open or returned (the only ones a record
    can still be written for; approved stages are read-only). Returns how many were filled."""
    stages = (
        StageProgress.objects.filter(
            candidacy__city=city, state__in=[StageState.OPEN, StageState.RETURNED]
        )
        .select_related("definition", "candidacy__city__programme__country")
        .order_by("definition__position")
    )
    filled = sum(fill_demo_record(stage) for stage in stages)
    evaluations_demo.after_replay(city)  # criteria for every programme; Isfahan's conditions
    return filled
