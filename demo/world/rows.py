"""Every model instance the world generator builds, in one place: when a model gains fields
(per-language names, say), this is the module to adapt. Plain constructors, no queries; names are
set through each model's plain `name` (or `title`) attribute."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

from django.contrib.auth import get_user_model

from candidacy.models import (
    ActionYearNote,
    Candidacy,
    ConditionStatusChange,
    CriterionJudgement,
    CriterionScore,
    DataSet,
    Decision,
    DistrictBoundaries,
    EvaluationCondition,
    EvaluationRecord,
    Evidence,
    Gap,
    GoalArea,
    GrantRecord,
    IndicatorDefinition,
    IndicatorValue,
    Initiative,
    LetterRecord,
    NetworkRecord,
    OfficeRecord,
    OperationalPlan,
    PlanAction,
    ReviewRound,
    SelfAssessment,
    SignOff,
    StageComment,
    StageProgress,
    StrategicGoal,
    StrategicPlan,
    Transition,
)
from cities.models import City, District, Organisation, RoleAssignment
from library.models import GoodPractice, GoodPracticeChange
from notifications.models import Kind, Notification, Preference
from stakeholders.models import (
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilMember,
    CouncilType,
    Memorandum,
    StakeholderChange,
    StakeholderComment,
)


def user(username: str, first: str, last: str, password: str, *, staff=False, superuser=False):
    return get_user_model()(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@world.example.org",
        password=password,
        is_staff=staff or superuser,
        is_superuser=superuser,
    )


def role(user_obj, role_key: str, *, city=None, programme=None) -> RoleAssignment:
    return RoleAssignment(user=user_obj, role=role_key, city=city, programme=programme)


def indicator(programme, framework, key: str, name: str, unit: str, goal_area: str, order: int):
    return IndicatorDefinition(
        programme=programme,
        framework=framework,
        key=key,
        name=name,
        unit=unit,
        goal_area=goal_area,
        order=order,
    )


def city(
    programme,
    slug: str,
    name: str,
    region: str,
    joined_on: datetime.date,
    position=(None, None),
    published=(False, False),
) -> City:
    """`published`: what its public page shows (the plan, the children's proposals)."""
    return City(
        programme=programme,
        slug=slug,
        name=name,
        region=region,
        joined_on=joined_on,
        latitude=position[0],
        longitude=position[1],
        publish_plan=published[0],
        publish_proposals=published[1],
    )


def district(city_obj, number: int, name: str) -> District:
    return District(city=city_obj, number=number, name=name)


def candidacy(city_obj, started_on, *, candidate_since=None, recognised=(None, None)):
    return Candidacy(
        city=city_obj,
        started_on=started_on,
        candidate_since=candidate_since,
        recognised_since=recognised[0],
        recognised_until=recognised[1],
    )


def stage(candidacy_obj, definition, state) -> StageProgress:
    """`state`: the simulated stage of `load._Stage` (its state, round, times, narrative)."""
    return StageProgress(
        candidacy=candidacy_obj,
        definition=definition,
        state=state.state,
        round=state.round,
        narrative=state.narrative,
        opened_at=state.opened_at,
        submitted_at=state.submitted_at,
        approved_at=state.approved_at,
    )


def transition(progress, event, actor) -> Transition:
    return Transition(
        progress=progress,
        action=event.action,
        actor=actor,
        actor_role=event.role,
        from_state=event.from_state,
        to_state=event.to_state,
        comment=event.comment,
        round=event.round,
        created_at=event.at,
    )


def signoff(progress, role_key: str, user_obj, at: datetime.datetime) -> SignOff:
    return SignOff(progress=progress, role=role_key, user=user_obj, signed_at=at)


def value(progress, district_obj, indicator_obj, amount: Decimal, year: int, source: str):
    return IndicatorValue(
        progress=progress,
        district=district_obj,
        indicator=indicator_obj,
        value=amount,
        year=year,
        source=source,
    )


def boundaries(city_obj, districts, by) -> DistrictBoundaries:
    """The city's districts as a grid of squares around its point (0.02 degrees a side): a
    FeatureCollection as `candidacy.records.atlas.geojson.boundaries_parse` accepts it."""
    side, columns = 0.02, max(1, math.ceil(math.sqrt(len(districts))))
    west = float(city_obj.longitude or 0) - side * columns / 2
    south = float(city_obj.latitude or 0) - side * columns / 2
    features = []
    for index, made in enumerate(districts):
        x, y = west + side * (index % columns), south + side * (index // columns)
        ring = [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]
        features.append(
            {
                "type": "Feature",
                "properties": {"district_number": made.number},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[round(a, 5), round(b, 5)] for a, b in ring]],
                },
            }
        )
    return DistrictBoundaries(
        city=city_obj,
        geojson={"type": "FeatureCollection", "features": features},
        original_name="districts.geojson",
        uploaded_by=by,
    )


def strategic_plan(progress, start_year: int, vision: str, by) -> StrategicPlan:
    return StrategicPlan(
        progress=progress,
        start_year=start_year,
        end_year=start_year + 4,
        vision=vision,
        updated_by=by,
    )


def goal(plan, title: str) -> StrategicGoal:
    return StrategicGoal(plan=plan, title=title)


def operational_plan(plan, year: int, title: str) -> OperationalPlan:
    return OperationalPlan(plan=plan, year=year, title=title)


def action(operational, goal_obj, area: str, title: str, **values) -> PlanAction:
    return PlanAction(
        operational_plan=operational, goal=goal_obj, goal_area=area, title=title, **values
    )


def action_note(action_obj, year: int, completion: int, text: str) -> ActionYearNote:
    return ActionYearNote(action=action_obj, year=year, completion=completion, progress_text=text)


def organisation(city_obj, name: str, inside: bool, sector: str) -> Organisation:
    return Organisation(city=city_obj, name=name, inside_municipality=inside, sector=sector)


def council_type(programme, key: str, name: str, involves_children: bool) -> CouncilType:
    return CouncilType(programme=programme, key=key, name=name, involves_children=involves_children)


def council(city_obj, type_obj, name: str, established_on) -> Council:
    return Council(city=city_obj, council_type=type_obj, name=name, established_on=established_on)


def member(council_obj, organisation_obj, person: str, position: str, seat_role: str, term):
    return CouncilMember(
        council=council_obj,
        organisation=organisation_obj,
        representative=person,
        position=position,
        contact=f"{person.lower().replace(' ', '.')}@world.example.org",
        seat_role=seat_role,
        term_start=term[0],
        term_end=term[1],
    )


def makeup(council_obj, recorded_on, counts: tuple[int, ...]) -> ChildrenCouncilMakeUp:
    """A children's council's make-up: counts by age band and sex, never a child's name."""
    fields = ("girls_under_10", "boys_under_10", "girls_10_13", "boys_10_13")
    fields += ("girls_14_17", "boys_14_17")
    return ChildrenCouncilMakeUp(
        council=council_obj, recorded_on=recorded_on, **dict(zip(fields, counts, strict=True))
    )


# --- the other stage records (demo.world.records) -----------------------------------------------


def evidence(progress, stored_name, original_name, size, by, at) -> Evidence:
    return Evidence(
        progress=progress,
        file=stored_name,
        original_name=original_name,
        content_type="application/pdf",
        size=size,
        uploaded_by=by,
        uploaded_at=at,
    )


def office_record(progress, city_name, day, parent, by, decree) -> OfficeRecord:
    return OfficeRecord(
        progress=progress,
        office_name=f"{city_name} Child-Friendly City Office",
        parent_department=f"{parent}, Deputy for Urban Planning",
        established_on=day,
        reference_number=f"D-{day:%Y}-{progress.pk}",
        head_name=by.get_full_name() if by else "",
        head_title="Head of the CFC office",
        staff_count=4,
        decree=decree,
        updated_by=by,
    )


def dataset(progress, area, agency, day) -> DataSet:
    return DataSet(
        progress=progress,
        name=f"{GoalArea(area).label}: register of services for children",
        goal_area=area,
        source_agency=agency,
        age_groups="0–5, 6–11, 12–17",
        by_sex=True,
        by_age=True,
        update_frequency="yearly",
        last_updated=day,
    )


def initiative(progress, area, organisation, year, good_practice=False) -> Initiative:
    return Initiative(
        good_practice=good_practice,
        progress=progress,
        title=f"{GoalArea(area).label}: a programme the city already runs",
        goal_area=area,
        description="Runs in every district; reviewed each year with the children's council.",
        year_started=year,
        responsible_organisation=organisation,
        beneficiaries="About 2,000 children a year",
    )


def letter_record(progress, city_name, day, by, letter) -> LetterRecord:
    return LetterRecord(
        progress=progress,
        reference=f"L-{day:%Y}-{progress.pk}",
        dated_on=day,
        addressee=f"The national coordinator, for {city_name}",
        letter=letter,
        updated_by=by,
    )


def grant_record(progress, slug, day, by, certificate) -> GrantRecord:
    return GrantRecord(
        progress=progress,
        granted_on=day,
        certificate_number=f"CFC-{day:%Y}-{progress.pk}",
        certificate=certificate,
        updated_by=by,
    )


def network_record(progress, slug, day, by) -> NetworkRecord:
    return NetworkRecord(
        progress=progress,
        joined_on=day,
        contact_name="CFC network secretariat",
        contact_email=f"network+{slug}@world.example.org",
        updated_by=by,
    )


def gap(progress, area, priority) -> Gap:
    return Gap(
        progress=progress,
        goal_area=area,
        current_situation="Services reach the central districts; the outer districts lag.",
        requirement="Every child within reach of the service, in every district.",
        description="The outer districts lack the service and the staff to run it.",
        priority=priority,
    )


def self_assessment(progress, at, by, framework) -> SelfAssessment:
    return SelfAssessment(
        progress=progress, version=1, framework=framework, saved_at=at, saved_by=by
    )


def score(assessment, criterion, level: int) -> CriterionScore:
    return CriterionScore(assessment=assessment, criterion=criterion, level=level)


def evaluation_record(
    progress, day, by, report, framework, decision=Decision.APPROVE
) -> EvaluationRecord:
    return EvaluationRecord(
        progress=progress,
        framework=framework,
        evaluated_on=day,
        recommendation="The plans meet the criteria; we recommend approval.",
        decision=decision,
        report=report,
        updated_by=by,
    )


def condition(progress, text: str, due_on, changed=None) -> EvaluationCondition:
    """A condition of a decision to approve with conditions; `changed`: (at, by) once the
    coordinator marked it met."""
    values = {}
    if changed:
        values = {"status": "met", "status_changed_at": changed[0], "status_changed_by": changed[1]}
    return EvaluationCondition(progress=progress, text=text, due_on=due_on, **values)


def condition_change(condition_obj) -> ConditionStatusChange:
    """The history row of a condition marked met (`condition`'s `changed`)."""
    return ConditionStatusChange(
        condition=condition_obj,
        from_status="open",
        to_status=condition_obj.status,
        by=condition_obj.status_changed_by,
        note="Shown by the documents the office uploaded.",
        changed_at=condition_obj.status_changed_at,
    )


def judgement(record, criterion) -> CriterionJudgement:
    """The record's evaluator's judgement of the criterion (its judge: who wrote the record)."""
    return CriterionJudgement(
        record=record,
        criterion=criterion,
        judgement="met",
        finding="Shown by the documents.",
        judged_by=record.updated_by,
    )


def review_round(progress, number, period_from, city_name) -> ReviewRound:
    return ReviewRound(
        progress=progress,
        round=number,
        period_from=period_from,
        period_to=period_from + datetime.timedelta(days=364),
        summary=f"{city_name} kept its plan on course this year; the council met four times.",
    )


# --- what happens around a city once it runs (demo.world.life) ---------------------------------


def stage_comment(progress, author, body: str, visibility: str, at) -> StageComment:
    return StageComment(
        progress=progress, author=author, body=body, visibility=visibility, created_at=at
    )


def memorandum(city_obj, title: str, parties: str, signed_on, summary: str) -> Memorandum:
    return Memorandum(
        city=city_obj, title=title, parties=parties, signed_on=signed_on, summary=summary
    )


def commitment(memorandum_obj, party: str, description: str, due_on, status: str, **values):
    """`values`: party_name (a party "other"), status_changed_on, evidence_note."""
    return Commitment(
        memorandum=memorandum_obj,
        programme_id=memorandum_obj.city.programme_id,
        party=party,
        description=description,
        due_on=due_on,
        status=status,
        **values,
    )


def session(council_obj, held_on, topic: str, attendance: int) -> ChildrenCouncilSession:
    """A children's council's meeting: its topic and how many children came, no names."""
    return ChildrenCouncilSession(
        council=council_obj, held_on=held_on, topic=topic, attendance=attendance
    )


def proposal(council_obj, title: str, received_on, counts: tuple[int, ...], **values):
    """A children's proposal; who put it forward in counts only (`ChildrenProposal.COUNT_FIELDS`).
    `values`: details, district, status, answer, answered_on, responsible_organisation,
    plan_action."""
    return ChildrenProposal(
        council=council_obj,
        programme_id=council_obj.city.programme_id,
        title=title,
        received_on=received_on,
        **dict(zip(ChildrenProposal.COUNT_FIELDS, counts, strict=True)),
        **values,
    )


def stakeholder_comment(city_obj, author, body: str, at, **target) -> StakeholderComment:
    """`target`: exactly one of council, proposal, memorandum."""
    return StakeholderComment(city=city_obj, author=author, body=body, created_at=at, **target)


def stakeholder_change(city_obj, object_type: str, object_id: int, summary: str, by, at):
    return StakeholderChange(
        city=city_obj,
        object_type=object_type,
        object_id=object_id,
        action=StakeholderChange.Action.CREATED,
        summary=summary[:500],
        user=by,
        created_at=at,
    )


def good_practice(
    initiative_obj, status: str, summary: str, by, published_at, *, programme_id: int
) -> GoodPractice:
    """A library entry, its summary written in English (the curator's language), of the
    programme of the initiative's city."""
    return GoodPractice(
        initiative=initiative_obj,
        programme_id=programme_id,
        status=status,
        summary=summary,
        summary_en=summary,
        curated_by=by,
        published_at=published_at,
    )


def good_practice_change(entry, by, from_status: str, to_status: str) -> GoodPracticeChange:
    return GoodPracticeChange(entry=entry, by=by, from_status=from_status, to_status=to_status)


def notification(recipient, subject: str, body: str, link: str, read_at) -> Notification:
    """A stage's notice in the recipient's inbox, written in English (no profile: the
    portal's default language); never mailed (`mail` stays "none")."""
    return Notification(
        recipient=recipient,
        kind=Kind.STAGE,
        subject=subject,
        body=body,
        link=link,
        read_at=read_at,
        language="en",
    )


def preference(user_obj, kind: str, delivery: str) -> Preference:
    return Preference(user=user_obj, kind=kind, delivery=delivery)
