"""`manage.py load_world`: a tiny world (20 cities) is consistent the way the services leave
the data (stages, history, sign-offs, granted dates), valid by each model's own rules, fills
every model the demo fills, honours the big city's shape, holds no child's name, and is never
loaded over existing cities. (That a load raises the editions: `test_world_editions.py`.)"""

import io
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command

from candidacy.models import (
    ActionYearNote,
    Candidacy,
    ConditionStatusChange,
    CriterionJudgement,
    CriterionScore,
    DataSet,
    DistrictBoundaries,
    EvaluationCondition,
    EvaluationRecord,
    Evidence,
    Gap,
    GrantRecord,
    Grants,
    IndicatorDefinition,
    IndicatorValue,
    Initiative,
    LetterRecord,
    NetworkRecord,
    OfficeRecord,
    PlanAction,
    ReviewRound,
    SelfAssessment,
    SignOff,
    StageComment,
    StageKind,
    StageProgress,
    StageState,
    StrategicPlan,
    Transition,
)
from candidacy.records import registry
from cities.models import City, District, MapPlacement, Organisation, RoleAssignment
from cities.roles import Role
from library.models import GoodPractice, GoodPracticeChange, Theme
from notifications.models import Notification, Preference
from stakeholders.models import (
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilMember,
    Memorandum,
    StakeholderChange,
    StakeholderComment,
)

pytestmark = pytest.mark.django_db


def test_the_world_has_the_shape_asked_for(tiny_world):
    assert City.objects.count() == 20
    assert "Loaded a world of 20 cities in 2 programmes" in tiny_world
    assert Candidacy.objects.count() == 20
    assert not City.objects.filter(districts__isnull=True).exists()
    assert not City.objects.filter(role_assignments__role=Role.OFFICE).count() < 20
    for city in City.objects.all():
        assert city.role_assignments.filter(role=Role.OFFICE).exists(), city
        assert city.organisations.count() == 20
        assert city.councils.exists()


def test_every_city_is_on_the_map_near_its_country(tiny_world):
    from demo.world.load import CENTRES

    for city in City.objects.select_related("programme__country"):
        assert city.map_placement == MapPlacement.ON_MAP, city.slug
        city.full_clean()
        latitude, longitude, spread = CENTRES[city.programme.country.code]
        assert abs(float(city.latitude) - latitude) <= spread + 0.001
        assert abs(float(city.longitude) - longitude) <= spread + 0.001


def test_every_stage_agrees_with_its_history(tiny_world):
    history = defaultdict(list)
    for transition in Transition.objects.order_by("created_at", "pk"):
        history[transition.progress_id].append(transition)
    stages = StageProgress.objects.select_related("definition").order_by(
        "candidacy", "definition__position"
    )
    by_candidacy = defaultdict(list)
    for stage in stages:
        by_candidacy[stage.candidacy_id].append(stage)
        state, round_ = StageState.LOCKED, 1
        for transition in history[stage.pk]:
            assert transition.from_state == state, stage
            state = transition.to_state
            round_ = transition.round
            if transition.action in (Transition.Action.SUBMIT, Transition.Action.APPROVE):
                assert transition.actor_id is not None
        assert state == stage.state, stage
        assert round_ == stage.round or stage.state == StageState.LOCKED
        if stage.state in (StageState.SUBMITTED, StageState.APPROVED):
            assert stage.narrative and stage.submitted_at
        if stage.state == StageState.LOCKED:
            assert stage.opened_at is None and not history[stage.pk]
    for candidacy_stages in by_candidacy.values():
        states = [stage.state for stage in candidacy_stages]
        current = next(i for i, s in enumerate(states) if s != StageState.APPROVED)
        assert set(states[:current]) <= {StageState.APPROVED}
        assert states[current] in (StageState.OPEN, StageState.SUBMITTED, StageState.RETURNED)
        assert set(states[current + 1 :]) <= {StageState.LOCKED}


def test_signoffs_are_those_of_the_current_submission(tiny_world):
    signed = defaultdict(set)
    for signoff in SignOff.objects.all():
        signed[signoff.progress_id].add(signoff.role)
    for stage in StageProgress.objects.select_related("definition"):
        roles = set(stage.definition.signatory_roles)
        if stage.state == StageState.APPROVED:
            assert signed[stage.pk] == roles, stage
        elif stage.state == StageState.SUBMITTED:
            assert signed[stage.pk] < roles, stage
        else:
            assert not signed[stage.pk], stage


def test_granted_dates_follow_the_approved_stages(tiny_world):
    for candidacy in Candidacy.objects.prefetch_related("stages__definition"):
        granting = [s for s in candidacy.stages.all() if s.definition.grants == Grants.CANDIDACY]
        approved = any(s.state == StageState.APPROVED or s.round > 1 for s in granting)
        assert (candidacy.candidate_since is not None) == approved, candidacy


def test_the_big_city_and_the_import_city(tiny_world):
    actions = PlanAction.objects.values_list(
        "operational_plan__plan__progress__candidacy__city", flat=True
    )
    counts = defaultdict(int)
    for city_id in actions:
        counts[city_id] += 1
    big = City.objects.get(pk=max(counts, key=counts.get))
    assert counts[big.pk] == 300
    assert District.objects.filter(city=big).count() == 100
    assert IndicatorDefinition.objects.filter(programme=big.programme).count() == 100
    atlas = StageProgress.objects.get(
        candidacy__city=big, definition__kind=StageKind.CHILDRENS_ATLAS
    )
    assert atlas.state == StageState.APPROVED
    assert IndicatorValue.objects.filter(progress=atlas).count() == 10_000
    plans = StageProgress.objects.get(candidacy__city=big, definition__kind=StageKind.PLANS)
    assert plans.state == StageState.SUBMITTED
    other = City.objects.exclude(pk=big.pk).filter(districts__number=100).get()
    open_atlas = StageProgress.objects.get(
        candidacy__city=other, definition__kind=StageKind.CHILDRENS_ATLAS
    )
    assert open_atlas.state == StageState.OPEN
    assert not IndicatorValue.objects.filter(progress=open_atlas).exists()


def test_records_only_on_stages_reached(tiny_world):
    assert not IndicatorValue.objects.filter(progress__state=StageState.LOCKED).exists()
    assert not StrategicPlan.objects.filter(progress__state=StageState.LOCKED).exists()
    assert not IndicatorValue.objects.exclude(
        progress__definition__kind=StageKind.CHILDRENS_ATLAS
    ).exists()


def test_no_child_is_named(tiny_world):
    """Children's councils are described by counts only; nothing names or quotes a child."""
    assert ChildrenCouncilMakeUp.objects.exists()
    assert not CouncilMember.objects.filter(council__council_type__involves_children=True).exists()
    assert not Council.objects.filter(
        council_type__involves_children=True, makeup__isnull=True
    ).exists()
    assert ChildrenCouncilSession.objects.exists()
    assert not ChildrenCouncilSession.objects.filter(
        council__council_type__involves_children=False
    ).exists()
    assert not ChildrenProposal.objects.filter(
        council__council_type__involves_children=False
    ).exists()


def test_the_childrens_proposals_are_plausible(tiny_world):
    """Who put each proposal forward is a handful of children counted by age band and sex;
    a decision has its answer, dated after the proposal; the district, the organisation and the
    plan action are the council's city's own; every status and some links appear."""
    proposals = list(
        ChildrenProposal.objects.select_related(
            "council__city", "district", "responsible_organisation", "plan_action"
        )
    )
    assert len(proposals) >= 10
    for proposal in proposals:
        counts = [getattr(proposal, name) for name in ChildrenProposal.COUNT_FIELDS]
        assert 1 <= proposal.total <= 40 and max(counts) <= 12, proposal
        if proposal.status in ChildrenProposal.DECIDED:
            assert proposal.answer and proposal.answered_on >= proposal.received_on
        else:
            assert not proposal.answer and proposal.answered_on is None
        if proposal.district:
            assert proposal.district.city_id == proposal.council.city_id
        proposal.full_clean()  # the organisation and the plan action of the city's own
    assert {p.status for p in proposals} >= {"implemented", "declined"}
    assert any(p.district for p in proposals) and any(p.plan_action for p in proposals)


def test_some_cities_publish_and_published_entries_are_theirs(tiny_world):
    """Some cities' public pages show their plan or proposals, some nothing; the library's
    published entries are all of cities with a public page, and a few initiatives wait in the
    coordinators' queue."""
    public = City.objects.filter(publish_plan=True) | City.objects.filter(publish_proposals=True)
    assert 0 < public.count() < City.objects.count()
    published = GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED)
    assert published.exists()
    for entry in published.select_related("initiative__progress__candidacy__city"):
        city = entry.initiative.progress.candidacy.city
        assert entry.initiative.good_practice and entry.summary and entry.published_at
        assert city.publish_plan or city.publish_proposals, city
        assert entry.themes.exists()
    assert Initiative.objects.filter(good_practice=True, library_entry__isnull=True).exists()
    assert GoodPracticeChange.objects.count() >= GoodPractice.objects.count()


def test_district_shapes_are_what_an_upload_accepts(tiny_world):
    """The big city's and some others' district boundaries pass the upload's own check."""
    import json

    from candidacy.records.atlas.geojson import boundaries_parse

    assert DistrictBoundaries.objects.filter(city__districts__number=100).exists()
    for shapes in DistrictBoundaries.objects.select_related("city"):
        numbers = set(shapes.city.districts.values_list("number", flat=True))
        content = json.dumps(shapes.geojson).encode()
        assert boundaries_parse(content, district_numbers=numbers) == shapes.geojson


def test_memoranda_have_commitments_in_every_state(tiny_world):
    assert not Memorandum.objects.filter(commitments__isnull=True).exists()
    assert {c.status for c in Commitment.objects.all()} >= {"pending", "fulfilled"}
    for commitment in Commitment.objects.exclude(status="pending"):
        assert commitment.status_changed_on and commitment.evidence_note


def test_a_few_notices_per_person(tiny_world):
    """The inbox holds the newest stage notices of each person the workflow would have told,
    none dated in the future, some read."""
    counts = defaultdict(int)
    for recipient in Notification.objects.values_list("recipient", flat=True):
        counts[recipient] += 1
    assert len(counts) >= 4 and max(counts.values()) <= 5
    assert Notification.objects.filter(read_at__isnull=False).exists()
    assert Notification.objects.filter(read_at__isnull=True).exists()
    latest = Notification.objects.order_by("-created_at").first()
    old = Notification.objects.order_by("created_at").first()
    assert latest.created_at > old.created_at
    assert Preference.objects.exists()


def test_comments_and_the_stakeholders_history(tiny_world):
    assert StageComment.objects.filter(visibility="city").exists()
    assert StakeholderComment.objects.exists()
    assert StakeholderChange.objects.filter(object_type="childrenproposal").count() == (
        ChildrenProposal.objects.count()
    )


@pytest.mark.parametrize(
    "model",
    [
        City,
        District,
        Organisation,
        RoleAssignment,
        Candidacy,
        StageProgress,
        Transition,
        SignOff,
        IndicatorValue,
        StrategicPlan,
        PlanAction,
        ActionYearNote,
        OfficeRecord,
        DataSet,
        Initiative,
        LetterRecord,
        GrantRecord,
        NetworkRecord,
        Gap,
        SelfAssessment,
        CriterionScore,
        EvaluationRecord,
        CriterionJudgement,
        ReviewRound,
        Evidence,
        Council,
        CouncilMember,
        ChildrenCouncilMakeUp,
        ChildrenCouncilSession,
        ChildrenProposal,
        Memorandum,
        Commitment,
        StageComment,
        StakeholderComment,
        StakeholderChange,
        EvaluationCondition,
        ConditionStatusChange,
        DistrictBoundaries,
        Theme,
        GoodPractice,
        GoodPracticeChange,
        Notification,
        Preference,
    ],
)
def test_rows_keep_the_models_rules(tiny_world, model):
    """A sample of each model's rows passes the model's own validation (bounds, choices)."""
    rows = list(model.objects.order_by("pk")[:25]) + list(model.objects.order_by("-pk")[:25])
    assert rows
    for row in rows:
        row.full_clean()


def test_actions_have_come_some_way(tiny_world):
    """The world's actions are in every status their dates allow, with actual dates and some
    yearly notes (issue 12)."""

    statuses = set(PlanAction.objects.values_list("status", flat=True))
    assert "done" in statuses and len(statuses) >= 3
    assert PlanAction.objects.filter(started_on__isnull=False).exists()
    assert ActionYearNote.objects.exists()


def test_refuses_to_load_over_existing_cities(tiny_world):
    with pytest.raises(CommandError, match="already holds cities"):
        call_command("load_world", cities=20, stdout=io.StringIO())
    assert City.objects.count() == 20


def test_every_stage_sent_for_sign_off_has_a_complete_record(tiny_world):
    """What the services require before a submission holds for every submitted or approved
    stage (and every earlier review round): the kind's own completeness rule finds nothing."""
    stages = StageProgress.objects.filter(
        state__in=(StageState.SUBMITTED, StageState.APPROVED)
    ).select_related("definition", "candidacy__city")
    assert stages.count() > 20
    for stage in stages:
        assert registry.missing(stage) == [], stage


def test_every_judgement_names_its_judge(tiny_world):
    """The world's judgements are each an evaluator's own (one per evaluator and criterion)."""
    assert CriterionJudgement.objects.exists()
    assert not CriterionJudgement.objects.filter(judged_by__isnull=True).exists()
