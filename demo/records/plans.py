"""Demo records of the situation analysis, the plans and the ongoing review, written through
`candidacy.records.plans.services` (so only by the stage's preparer, while it is open or
returned). Called by `candidacy.records.demo.fill_demo_record` with (stage, city, preparer,
day of the story).

Isfahan's follow the source documents: a strategic plan to 1405 in the Solar Hijri calendar,
recorded in Gregorian years as 2022–2026 (1401–1405); operational plans for 2022 (1401) and
2023 (1402) with the children's house in Ghalamestan park, the mother-and-child rooms at the
Soffeh and Kaveh bus terminals, a CFC plan for each of the 15 districts and the child-centred
emergency preparedness project with the Ministry of Interior. Other cities get plausible
records of the same shape.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from candidacy.models import (
    ActionStatus,
    Currency,
    Gap,
    GoalArea,
    PlanAction,
    Priority,
    ReviewRound,
    SelfAssessment,
    StageProgress,
    StrategicGoal,
)
from candidacy.records.plans import selectors, services
from candidacy.records.plans.criteria import criteria_load
from cities.models import City, District

ISFAHAN = "isfahan"
A = GoalArea

# --- situation analysis --------------------------------------------------------------------------

# goal area: (current situation, what a child-friendly city requires, the gap, priority)
_ISFAHAN_GAPS = {
    A.SAFE_AND_PROTECTED: (
        "Road traffic is the first cause of injury among the city's children; child protection "
        "cases reach the Provincial Welfare Organization without a municipal referral path.",
        "Safe routes and low speeds around every school and park; a referral path from every "
        "municipal service to child protection.",
        "Safe crossings around a minority of schools only; no district has a referral protocol; "
        "emergency plans do not yet consider children.",
        Priority.HIGH,
    ),
    A.ESSENTIAL_SERVICES: (
        "Kindergartens and health centres cluster in the older central districts; mothers with "
        "babies find care rooms only at the Soffeh and Kaveh bus terminals.",
        "A kindergarten, a health centre and child-friendly public facilities within reach of "
        "every family, in every district.",
        "The new districts on the city's edge are short of kindergartens and health centres; "
        "stations and public buildings lack mother-and-child rooms.",
        Priority.HIGH,
    ),
    A.VOICE: (
        "The children's city council meets and puts proposals to the municipality.",
        "Children take part in the plans of the city and of each district, and every proposal "
        "gets an answer.",
        "District plans have not yet been drafted with children; proposals get no written answer.",
        Priority.HIGH,
    ),
    A.ENVIRONMENT: (
        "Play space per child ranges widely from district to district; few playgrounds suit "
        "young or disabled children.",
        "Safe, clean and accessible play space within walking distance of every home.",
        "Districts 13 to 15 have the least play space per child; most playgrounds are not "
        "accessible.",
        Priority.MEDIUM,
    ),
    A.FAMILY_PLAY_LEISURE: (
        "The children's house in Ghalamestan park, the largest in the city, and the space "
        "beside the Artists' House serve mainly the central districts.",
        "Places for play, learning and family time open to every child, in every district.",
        "Most districts have no children's house; libraries open few hours for children.",
        Priority.MEDIUM,
    ),
}

_GENERIC_GAPS = {
    A.SAFE_AND_PROTECTED: (
        "Child protection referrals are handled case by case by the social services.",
        "A referral path from every city service to child protection, known by staff.",
        "No written referral protocol; staff are not trained to recognise abuse.",
        Priority.HIGH,
    ),
    A.ESSENTIAL_SERVICES: (
        "Schools and kindergartens are full in the new residential areas.",
        "A place in a kindergarten and a school within reach of every child.",
        "Waiting lists for kindergartens in the new areas; no transport for children with "
        "disabilities.",
        Priority.HIGH,
    ),
    A.VOICE: (
        "Children are consulted on some projects, such as new playgrounds.",
        "A standing children's council, heard on every plan that affects children.",
        "No standing council; children do not hear what was done with their views.",
        Priority.MEDIUM,
    ),
    A.ENVIRONMENT: (
        "Play space and green space per child vary between districts.",
        "Safe, clean and accessible play space near every home.",
        "The older districts lack play space; few playgrounds are accessible.",
        Priority.MEDIUM,
    ),
    A.FAMILY_PLAY_LEISURE: (
        "Libraries and sports facilities are used by children mostly in the centre.",
        "Leisure, culture and sport open to every child and family.",
        "Opening hours and fees keep many families away.",
        Priority.LOW,
    ),
}

_LEVELS_BEFORE = [2, 1, 2, 1, 2, 1, 1, 2, 1, 1]
_LEVELS = [3, 2, 3, 2, 3, 2, 2, 3, 2, 2]


def situation_analysis(progress: StageProgress, city: City, by, day: datetime.date) -> None:
    rows = _ISFAHAN_GAPS if city.slug == ISFAHAN else _GENERIC_GAPS
    recorded = set(Gap.objects.filter(progress=progress).values_list("goal_area", flat=True))
    data_sets = list(selectors.city_data_sets(progress))
    indicators = list(selectors.programme_indicators(progress))
    for area, (current, requirement, gap, priority) in rows.items():
        if area in recorded:
            continue
        services.gap_add(
            progress=progress,
            by=by,
            values=dict(
                goal_area=area,
                current_situation=current,
                requirement=requirement,
                description=gap,
                priority=priority,
                data_sets=[row for row in data_sets if row.goal_area == area][:2],
                indicators=[row for row in indicators if row.goal_area == area][:2],
            ),
        )
    programme = city.programme
    if not programme.assessment_criteria.exists():
        criteria_load(programme=programme)
    criteria = list(selectors.criteria_of(progress))
    if city.slug == ISFAHAN:  # a first version, then the current one: the page shows both
        first_day = day - datetime.timedelta(days=60)
        _assess(progress, by, criteria, _LEVELS_BEFORE, "First assessment.", first_day)
    _assess(progress, by, criteria, _LEVELS, "", day)


def _assess(progress, by, criteria, levels, note: str, day: datetime.date) -> None:
    scores = {}
    for number, criterion in enumerate(criteria):
        level = levels[number % len(levels)]
        comment = (
            note
            or {
                1: "Not yet in place; planned in the strategic plan.",
                2: "Begun in some districts or departments.",
                3: "In place across most of the city; gaps remain.",
                4: "Fully in place.",
            }[level]
        )
        scores[criterion.pk] = (level, comment, comment)
    assessment = services.self_assessment_save(progress=progress, by=by, scores=scores)
    # Saved on that day of the demo's story, not today.
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))
    SelfAssessment.objects.filter(pk=assessment.pk).update(saved_at=moment)


# --- plans ---------------------------------------------------------------------------------------

_GOALS = {
    A.SAFE_AND_PROTECTED: "Safe streets and protection for every child",
    A.ESSENTIAL_SERVICES: "Essential services within reach in every district",
    A.VOICE: "Children's voice in the plans of the city and its districts",
    A.ENVIRONMENT: "Safe, clean and accessible play space near every home",
    A.FAMILY_PLAY_LEISURE: "Places for play, learning and family time across the city",
}

_CURRENCIES = {"IR": Currency.IRR, "KZ": Currency.KZT, "LT": Currency.EUR}


def _action(operational, goals, area, title, **values) -> dict:
    base = dict(
        operational_plan=operational,
        title=title,
        goal=goals[area],
        goal_area=area,
        partners="",
        district=None,
        status=ActionStatus.PLANNED,
        completion=0,
    )
    return {**base, **values}


def _isfahan_actions(operationals, goals, districts) -> list[dict]:
    first, second = operationals
    irr = Currency.IRR
    actions = [
        _action(
            first,
            goals,
            A.FAMILY_PLAY_LEISURE,
            "Children's house in Ghalamestan park: a year-round programme for families",
            responsible_organisation="Cultural, Social and Sports Organization",
            partners="Institute for the Intellectual Development of Children and Young Adults",
            starts_on=datetime.date(2022, 3, 21),
            ends_on=datetime.date(2023, 3, 20),
            budget=Decimal("35000000000"),
            currency=irr,
            children_participation="The children's city council chose the workshops and "
            "opening hours.",
            indicator="Children's visits a year",
            target="120,000 visits",
            status=ActionStatus.DONE,
            completion=100,
            started_on=datetime.date(2022, 3, 21),
            ended_on=datetime.date(2023, 3, 10),
        ),
        _action(
            first,
            goals,
            A.ESSENTIAL_SERVICES,
            "Mother-and-child rooms at the Soffeh and Kaveh bus terminals: refurbishment and "
            "longer opening hours",
            responsible_organisation="Urban Freight and Passenger Transport Management",
            partners="Provincial Welfare Organization",
            starts_on=datetime.date(2022, 4, 1),
            ends_on=datetime.date(2022, 12, 20),
            budget=Decimal("8500000000"),
            currency=irr,
            children_participation="Mothers travelling with babies were asked what the rooms "
            "need; older children drew the murals.",
            indicator="Terminals with a mother-and-child room open from first to last bus",
            target="2 of 2",
            status=ActionStatus.DONE,
            completion=100,
            started_on=datetime.date(2022, 4, 10),
            ended_on=datetime.date(2023, 1, 15),
        ),
        _action(
            first,
            goals,
            A.SAFE_AND_PROTECTED,
            "Child-centred emergency preparedness guidelines (COVID-19), joint project with "
            "the Ministry of Interior",
            responsible_organisation="Fire and Safety Services Organization",
            partners="Ministry of Interior; UNICEF; Red Crescent Society",
            starts_on=datetime.date(2022, 3, 21),
            ends_on=datetime.date(2022, 12, 31),
            budget=Decimal("4000000000"),
            currency=irr,
            children_participation="Children's views gathered through school surveys.",
            indicator="Guidelines adopted by the city's crisis management council",
            target="Adopted by the end of 2022",
            status=ActionStatus.DELAYED,
            completion=60,
            started_on=datetime.date(2022, 4, 5),
        ),
    ]
    for district in districts:
        actions.append(
            _action(
                first,
                goals,
                A.VOICE,
                f"CFC plan of {district.name}",
                responsible_organisation=f"Municipality of {district.name}",
                partners="CFC office; children's city council",
                district=district,
                starts_on=datetime.date(2022, 5, 1),
                ends_on=datetime.date(2022, 12, 31),
                budget=Decimal("1200000000"),
                currency=irr,
                children_participation="Consultations with children in the district's schools "
                "and cultural centres.",
                indicator="District plan drafted with children's proposals",
                target="Plan adopted by the district council",
                status=ActionStatus.FAILED if district.number == 15 else ActionStatus.DONE,
                completion=40 if district.number == 15 else 100,
                started_on=datetime.date(2022, 5, 1),
                ended_on=(
                    datetime.date(2023, 2, 28)
                    if district.number == 15
                    else datetime.date(2022, 12, 20)
                ),
            )
        )
    far = [district for district in districts if district.number >= 13] or [None]
    actions += [
        _action(
            second,
            goals,
            A.SAFE_AND_PROTECTED,
            "Safe routes to school around the primary schools of districts 1 to 5",
            responsible_organisation="Deputy for Transport and Traffic",
            partners="Provincial Education Office; Transport Network Management and "
            "Engineering Organization",
            starts_on=datetime.date(2023, 3, 21),
            ends_on=datetime.date(2024, 3, 19),
            budget=Decimal("22000000000"),
            currency=irr,
            children_participation="Pupils mapped their way to school and the dangerous crossings.",
            indicator="Primary schools with a safe crossing and a 30 km/h zone",
            target="40 schools",
            status=ActionStatus.DELAYED,
            completion=35,
            started_on=datetime.date(2023, 4, 15),
        ),
        _action(
            second,
            goals,
            A.ENVIRONMENT,
            "Accessible play spaces for young and disabled children",
            responsible_organisation="Landscape and Green Space Organization",
            partners="Provincial Welfare Organization; architecture academies",
            district=far[0],
            starts_on=datetime.date(2023, 4, 1),
            ends_on=datetime.date(2024, 2, 28),
            budget=Decimal("40000000000"),
            currency=irr,
            children_participation="Children of the district chose the equipment with the "
            "designers.",
            indicator="New accessible playgrounds",
            target="6 playgrounds",
            status=ActionStatus.FAILED,
            completion=20,
            started_on=datetime.date(2023, 5, 1),
            ended_on=datetime.date(2024, 2, 28),
        ),
        _action(
            second,
            goals,
            A.VOICE,
            "Children's city council: district representatives and a written answer to every "
            "proposal",
            responsible_organisation="Cultural, Social and Sports Organization",
            partners="Communications and International Affairs Management",
            starts_on=datetime.date(2023, 3, 21),
            ends_on=datetime.date(2024, 3, 19),
            budget=Decimal("3000000000"),
            currency=irr,
            children_participation="Elected children's representatives of the 15 districts.",
            indicator="Proposals answered in writing within 60 days",
            target="100 %",
            status=ActionStatus.UNDER_WAY,
            completion=50,
            started_on=datetime.date(2023, 3, 21),
        ),
    ]
    return actions


def _actual_dates(status: str, year: int, day: datetime.date) -> dict:
    """The actual start of an action under way or over, and the end of one done (never after
    the demo's day)."""
    if status in (ActionStatus.PLANNED, ActionStatus.DROPPED):
        return {}
    started = min(datetime.date(year, 2, 1), day)
    if status != ActionStatus.DONE:
        return {"started_on": started}
    return {"started_on": started, "ended_on": min(datetime.date(year, 11, 30), day)}


#: Isfahan's yearly progress notes: (the action's title begins with, stored year, completion,
#: what it achieved that year).
_ISFAHAN_NOTES = [
    (
        "Children's city council",
        2023,
        30,
        "Representatives elected in 12 of the 15 districts; 41 proposals received, 25 answered "
        "in writing.",
    ),
    (
        "Children's city council",
        2024,
        50,
        "All 15 districts represented; answers within 60 days for two proposals in three.",
    ),
    (
        "Safe routes to school",
        2023,
        20,
        "Pupils' maps collected from 60 schools; 8 crossings rebuilt. Works paused in winter.",
    ),
    (
        "Safe routes to school",
        2024,
        35,
        "14 schools with a safe crossing and a 30 km/h zone; the contractor's delay carried the "
        "rest over.",
    ),
    (
        "Accessible play spaces",
        2023,
        20,
        "One playground of six opened; the land for the others was not released.",
    ),
]


def _isfahan_notes(progress: StageProgress, by) -> None:
    actions = list(PlanAction.objects.filter(operational_plan__plan__progress=progress))
    for start, year, completion, text in _ISFAHAN_NOTES:
        action = next(action for action in actions if action.title.startswith(start))
        services.action_note_add(
            action=action,
            by=by,
            values=dict(year=year, completion=completion, progress_text=text),
        )


def _generic_actions(operationals, goals, currency, year: int, day) -> list[dict]:
    (first,) = operationals
    scale = {Currency.KZT: 1_000_000, Currency.IRR: 1_000_000_000}.get(currency, 10_000)
    rows = [
        (
            A.SAFE_AND_PROTECTED,
            "Referral protocol to child protection, with training for staff",
            "Social services department",
            8,
            "Children's council reviewed the leaflet for children.",
            "Staff trained",
            "300 staff",
            ActionStatus.DONE,
            100,
        ),
        (
            A.ESSENTIAL_SERVICES,
            "New kindergarten groups in the new residential areas",
            "Education department",
            60,
            "Parents and children visited the designs.",
            "New kindergarten places",
            "250 places",
            ActionStatus.UNDER_WAY,
            40,
        ),
        (
            A.VOICE,
            "A standing children's council with a budget for its proposals",
            "Youth affairs department",
            5,
            "Children elect the council and decide on its budget.",
            "Proposals answered in writing",
            "All proposals",
            ActionStatus.DONE,
            100,
        ),
        (
            A.ENVIRONMENT,
            "Accessible playgrounds in the older districts",
            "Parks department",
            40,
            "Children choose the equipment with the designers.",
            "Accessible playgrounds",
            "5 playgrounds",
            ActionStatus.PLANNED,
            0,
        ),
        (
            A.FAMILY_PLAY_LEISURE,
            "Free library and sports passes for children of low-income families",
            "Culture and sports department",
            12,
            "Children's council set the conditions of the pass.",
            "Passes issued",
            "2,000 passes",
            ActionStatus.DROPPED,
            0,
        ),
    ]
    return [
        _action(
            first,
            goals,
            area,
            title,
            responsible_organisation=responsible,
            starts_on=datetime.date(year, 2, 1),
            ends_on=datetime.date(year, 11, 30),
            **_actual_dates(status, year, day),
            budget=Decimal(amount * scale),
            currency=currency,
            children_participation=participation,
            indicator=indicator,
            target=target,
            status=status,
            completion=completion,
        )
        for (
            area,
            title,
            responsible,
            amount,
            participation,
            indicator,
            target,
            status,
            completion,
        ) in rows
    ]


def plans(progress: StageProgress, city: City, by, day: datetime.date) -> None:
    isfahan = city.slug == ISFAHAN
    plan = selectors.strategic_plan_of(progress)
    if plan is None:
        start = 2022 if isfahan else day.year
        vision = (
            "By 1405 (2026), Isfahan is a city where every child is safe, is heard in the plans "
            "of the city and of the 15 districts, and finds essential services, play and "
            "learning close to home."
            if isfahan
            else f"By {start + 4}, {city.name} is a city where every child is safe, is heard, "
            "and finds essential services, play and learning close to home."
        )
        plan = services.strategic_plan_save(
            progress=progress,
            by=by,
            values=dict(start_year=start, end_year=start + 4, vision=vision),
        )
    gaps = {gap.goal_area: gap for gap in selectors.city_gaps(progress)}
    goals = {}
    for goal in StrategicGoal.objects.filter(plan=plan).prefetch_related("gaps"):
        for gap in goal.gaps.all():
            goals.setdefault(gap.goal_area, goal)
    for area, title in _GOALS.items():
        if area in goals:
            continue
        goals[area] = services.goal_add(
            progress=progress,
            by=by,
            values=dict(
                title=title,
                description="",
                gaps=[gaps[area]] if area in gaps else [],
            ),
        )
    if PlanAction.objects.filter(operational_plan__plan=plan).exists():
        return
    years = [2022, 2023] if isfahan else [plan.start_year]
    existing = {operational.year: operational for operational in plan.operational_plans.all()}
    operationals = [
        existing.get(year)
        or services.operational_plan_add(
            progress=progress,
            by=by,
            values=dict(
                year=year,
                title=f"Operational plan {year}" + (f" ({year - 621})" if isfahan else ""),
            ),
        )
        for year in years
    ]
    if isfahan:
        districts = list(District.objects.filter(city=city).order_by("number"))
        actions = _isfahan_actions(operationals, goals, districts)
    else:
        currency = _CURRENCIES.get(city.programme.country.code, Currency.USD)
        actions = _generic_actions(operationals, goals, currency, plan.start_year, day)
    for values in actions:
        services.action_add(progress=progress, by=by, values=values)
    if isfahan:
        _isfahan_notes(progress, by)


# --- ongoing review ------------------------------------------------------------------------------


def ongoing_review(progress: StageProgress, city: City, by, day: datetime.date) -> None:
    current_round = StageProgress.objects.values_list("round", flat=True).get(pk=progress.pk)
    previous = (
        ReviewRound.objects.filter(progress=progress, round__lt=current_round)
        .order_by("-round")
        .first()
    )
    start = day - datetime.timedelta(days=365)
    if previous is not None and previous.period_to < day - datetime.timedelta(days=1):
        start = previous.period_to + datetime.timedelta(days=1)
    completion = selectors.plan_completion(progress)
    overall = completion[-1].percent if completion else None
    summary = (
        f"Review round {current_round} of {city.name}: the actions of the operational plans "
        "were followed up with each responsible department; "
        + (
            f"{overall} % of the actions (not counting dropped ones) are done. "
            if overall is not None
            else ""
        )
        + "The children's council reviewed the progress and its proposals were answered."
    )
    services.review_round_save(
        progress=progress,
        by=by,
        values=dict(
            period_from=start,
            period_to=day,
            summary=summary,
            indicators_updated=True,
            indicators_note="Indicators of the children's situation updated from the latest "
            "data of the source agencies.",
            issues="Some budget lines were agreed late; two actions were moved to next year.",
        ),
    )
