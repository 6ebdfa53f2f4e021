"""The plan of the world and its bulk writes.

Programmes copy the stage sequences of the three seed programmes (`candidacy.programmes`) and are
loaded through `programme_load`, with their indicators and criteria seeded by the same functions
the portal uses. Each city's way through its stages is simulated here exactly as the workflow
services move a stage (open, submit, return, sign, approve, renew, with the sign-offs of the
current submission and the candidacy's granted dates), then written in bulk: the stage rows, the
history rows and the sign-offs agree with each other. Records are filled for the stages that
reached them, as complete as each kind's rule asks before a submission (the atlas and the plans
here, every other kind in `records`); around each city, its catalogue of organisations, two
councils with their members and a children's council described in aggregate only.

Three cities of the biggest programme are shaped on purpose: the *big city* (100 districts, 100
indicators, an approved atlas of 10,000 values and a submitted plan of 300 actions), the *import
city* (100 districts, its atlas open and empty: the benchmark imports 10,000 values into it and
rolls back) and a *veteran* that went through every stage (so even a tiny world holds every kind
of record).
"""

from __future__ import annotations

import datetime
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from candidacy.models import (
    ActionYearNote,
    AssessmentCriterion,
    Candidacy,
    ConditionStatusChange,
    CriterionJudgement,
    CriterionScore,
    DataSet,
    DistrictBoundaries,
    EvaluationCondition,
    EvaluationCriterion,
    EvaluationRecord,
    Evidence,
    FrameworkKind,
    Gap,
    GoalArea,
    GrantRecord,
    Grants,
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
    StageDefinition,
    StageKind,
    StageProgress,
    StageState,
    StrategicGoal,
    StrategicPlan,
    Transition,
    framework_for_opening,
)
from candidacy.programmes import PROGRAMMES, ProgrammeSpec, programme_load
from candidacy.records.atlas.indicators import indicators_seed
from candidacy.records.evaluations.criteria import criteria_seed
from candidacy.records.plans.criteria import criteria_load
from candidacy.services import current_stages_point, recognition_ends_on
from cities.calendars import date_year
from cities.models import City, District, Organisation, Programme, RoleAssignment
from cities.roles import Role
from core.editions import ATLAS, LISTS, PLANS, PROPOSALS, edition_bump
from demo.data import COUNCIL_TYPES
from stakeholders.models import ChildrenCouncilMakeUp, Council, CouncilMember, CouncilType

from . import life, names, records, rows

PASSWORD = "cfc-world"  # noqa: S105 - the documented password of the world's logins
BATCH = 2000
CHUNK = 250  # cities built and written together
UTC = datetime.UTC

#: (ISO code, English name): the countries of the programmes, the seed countries first.
COUNTRIES = (
    ("IR", "Iran"),
    ("KZ", "Kazakhstan"),
    ("LT", "Lithuania"),
    ("AM", "Armenia"),
    ("AZ", "Azerbaijan"),
    ("BD", "Bangladesh"),
    ("BG", "Bulgaria"),
    ("BR", "Brazil"),
    ("CL", "Chile"),
    ("CN", "China"),
    ("CO", "Colombia"),
    ("CZ", "Czechia"),
    ("DE", "Germany"),
    ("DK", "Denmark"),
    ("EE", "Estonia"),
    ("EG", "Egypt"),
    ("ES", "Spain"),
    ("FI", "Finland"),
    ("FR", "France"),
    ("GE", "Georgia"),
    ("GH", "Ghana"),
    ("HR", "Croatia"),
    ("ID", "Indonesia"),
    ("IS", "Iceland"),
    ("IT", "Italy"),
    ("JO", "Jordan"),
    ("JP", "Japan"),
    ("KG", "Kyrgyzstan"),
    ("KR", "Republic of Korea"),
    ("LV", "Latvia"),
    ("MA", "Morocco"),
    ("MN", "Mongolia"),
    ("MX", "Mexico"),
    ("MY", "Malaysia"),
    ("NL", "Netherlands"),
    ("NO", "Norway"),
    ("NZ", "New Zealand"),
    ("PE", "Peru"),
    ("PH", "Philippines"),
    ("PL", "Poland"),
    ("PT", "Portugal"),
    ("RS", "Serbia"),
    ("SE", "Sweden"),
    ("SI", "Slovenia"),
    ("SK", "Slovakia"),
    ("TJ", "Tajikistan"),
    ("TR", "Türkiye"),
    ("UA", "Ukraine"),
    ("UZ", "Uzbekistan"),
    ("VN", "Viet Nam"),
)
#: Roughly where each country's cities lie: (latitude, longitude) of a middle point and how far
#: (in degrees) a city may stand from it. A world city is placed there, spread by its slug's hash
#: (`_position`): plausible, repeatable, and costing no draw of the simulation's random numbers.
CENTRES = {
    "IR": (32.4, 53.7, 5.0), "KZ": (48.0, 67.0, 8.0), "LT": (55.2, 23.9, 1.2),
    "AM": (40.1, 45.0, 0.6), "AZ": (40.3, 47.7, 1.0), "BD": (23.7, 90.3, 1.5),
    "BG": (42.7, 25.3, 1.2), "BR": (-12.0, -48.0, 8.0), "CL": (-33.0, -71.0, 3.0),
    "CN": (32.0, 108.0, 8.0), "CO": (4.5, -74.3, 2.5), "CZ": (49.8, 15.5, 1.2),
    "DE": (51.0, 10.4, 2.0), "DK": (56.0, 9.5, 0.8), "EE": (58.6, 25.0, 0.8),
    "EG": (28.0, 30.8, 2.5), "ES": (40.2, -3.7, 2.5), "FI": (62.0, 25.7, 2.5),
    "FR": (46.6, 2.4, 2.5), "GE": (42.0, 43.5, 0.8), "GH": (7.9, -1.0, 1.5),
    "HR": (45.3, 16.0, 0.8), "ID": (-6.5, 107.0, 3.0), "IS": (64.5, -19.0, 1.0),
    "IT": (42.8, 12.5, 2.5), "JO": (31.2, 36.5, 0.8), "JP": (36.2, 138.3, 2.5),
    "KG": (41.4, 74.8, 1.5), "KR": (36.4, 127.8, 1.0), "LV": (56.9, 24.6, 0.9),
    "MA": (32.0, -6.5, 2.0), "MN": (46.9, 103.8, 4.0), "MX": (22.0, -101.0, 5.0),
    "MY": (3.8, 102.0, 1.5), "NL": (52.2, 5.3, 0.7), "NO": (61.0, 9.0, 2.0),
    "NZ": (-40.9, 174.9, 2.5), "PE": (-9.2, -75.0, 3.5), "PH": (12.9, 121.8, 3.0),
    "PL": (52.0, 19.1, 2.0), "PT": (39.6, -8.2, 1.2), "RS": (44.0, 20.9, 1.0),
    "SE": (60.1, 15.6, 3.0), "SI": (46.1, 14.8, 0.5), "SK": (48.7, 19.7, 0.8),
    "TJ": (38.9, 71.0, 1.2), "TR": (39.0, 35.2, 3.0), "UA": (49.0, 31.2, 3.0),
    "UZ": (41.4, 64.6, 3.0), "VN": (16.0, 107.0, 4.0),
}  # fmt: skip


def _position(country_code: str, slug: str) -> tuple[Decimal, Decimal]:
    """A city's coordinates in its country (`CENTRES`), from its slug's hash."""
    latitude, longitude, spread = CENTRES[country_code]
    digest = zlib.crc32(slug.encode())
    north = ((digest & 0xFFFF) / 0xFFFF * 2 - 1) * spread
    east = ((digest >> 16) / 0xFFFF * 2 - 1) * spread
    return (
        Decimal(f"{max(-89.9, min(89.9, latitude + north)):.5f}"),
        Decimal(f"{(longitude + east + 180) % 360 - 180:.5f}"),
    )


#: The seed programme whose stages programme i copies: Iran's long sequence most often.
TEMPLATES = ("iran", "kazakhstan", "iran", "lithuania", "iran")
LANGUAGE_OF = {"iran": names.PERSIAN, "kazakhstan": names.TURKIC, "lithuania": names.BALTIC}
BIG_PROGRAMME_WEIGHT = 5  # the first programme holds five times the cities of any other


@dataclass(frozen=True)
class WorldShape:
    """How many of what. Scale 1: 500 cities in 5 programmes; scale 10: 5,000 in 50."""

    cities: int
    programmes: int
    big_districts: int = 100
    big_indicators: int = 100
    big_actions: int = 300
    seed: int = 2026

    @classmethod
    def at_scale(cls, scale: float) -> WorldShape:
        return cls(cities=max(2, round(500 * scale)), programmes=max(1, round(5 * scale)))

    @classmethod
    def of_cities(cls, cities: int) -> WorldShape:
        return cls(cities=max(2, cities), programmes=max(2, min(len(COUNTRIES), cities // 100)))


# --- simulating a stage the way candidacy.services moves it ----------------------------------


@dataclass
class _Event:
    action: str
    role: str
    from_state: str
    to_state: str
    at: datetime.datetime
    round: int
    comment: str = ""


@dataclass
class _Stage:
    """One stage as the services would leave it: state, times, history and sign-offs."""

    definition: StageDefinition
    state: str = StageState.LOCKED
    round: int = 1
    narrative: str = ""
    opened_at: datetime.datetime | None = None
    submitted_at: datetime.datetime | None = None
    approved_at: datetime.datetime | None = None
    events: list[_Event] = field(default_factory=list)
    signoffs: dict[str, datetime.datetime] = field(default_factory=dict)  # role: signed at

    def _move(self, to_state, action, role, at, comment=""):
        self.events.append(_Event(action, role, self.state, to_state, at, self.round, comment))
        self.state = to_state

    def open(self, at, role=""):
        self._move(StageState.OPEN, Transition.Action.OPEN, role, at)
        self.opened_at, self.submitted_at = at, None

    def submit(self, at, narrative):
        self.signoffs.clear()
        self.narrative = narrative
        self._move(StageState.SUBMITTED, Transition.Action.SUBMIT, self.definition.prepared_by, at)
        self.submitted_at = at

    def give_back(self, at, role):
        self.signoffs.clear()
        comment = "Please add the sources of the figures and the districts they cover."
        self._move(StageState.RETURNED, Transition.Action.RETURN, role, at, comment)
        self.opened_at = at

    def sign(self, at, role) -> bool:
        """One signatory approves; True when that was the last one (the stage is approved)."""
        self.signoffs[role] = at
        if set(self.definition.signatory_roles) - set(self.signoffs):
            self.events.append(
                _Event(Transition.Action.SIGN, role, self.state, self.state, at, self.round)
            )
            return False
        self._move(StageState.APPROVED, Transition.Action.APPROVE, role, at)
        self.approved_at = at
        return True

    def renew(self, at, role):
        self.round += 1
        self.narrative = ""
        self.signoffs.clear()
        self._move(StageState.OPEN, Transition.Action.RENEW, role, at)
        self.opened_at = at


@dataclass
class _Way:
    """A city's simulated candidacy."""

    stages: list[_Stage]
    candidate_since: datetime.date | None = None
    recognised: tuple = (None, None)


def _narrative(city_name: str, definition: StageDefinition) -> str:
    return (
        f"{city_name}: the work of the stage “{definition.title}” is done and documented; the "
        "office kept the council informed and the children's council was consulted."
    )


def _simulate(rng, definitions, city_name, reached, last_state, end) -> _Way:
    """Move the stages up to `reached` (approved before it, `last_state` at it), with days
    between steps, so that the last step falls shortly before `end`."""
    stages = [_Stage(definition) for definition in definitions]
    gaps = [rng.randint(15, 90) for _ in range(8 * (reached + 1) + 8)]
    start = end - datetime.timedelta(days=sum(gaps) + 1)
    clock = iter(gaps)
    moment = datetime.datetime.combine(start, datetime.time(9), tzinfo=UTC)

    def later():
        nonlocal moment
        moment += datetime.timedelta(days=next(clock), hours=rng.randint(0, 8))
        return moment

    way = _Way(stages)
    stages[0].open(moment)
    opener = ""
    for index in range(reached + 1):
        stage = stages[index]
        current = index == reached
        if index:
            stage.open(later(), opener)
        if current and last_state == StageState.OPEN:
            break
        if stage.definition.repeats and not current:
            continue
        rounds = rng.randint(1, 3) if stage.definition.repeats else 1
        for turn in range(rounds):
            stage.submit(later(), _narrative(city_name, stage.definition))
            signatories = stage.definition.signatory_roles
            final = current and turn == rounds - 1
            if final and last_state == StageState.SUBMITTED:
                if len(signatories) > 1 and rng.random() < 0.5:
                    stage.sign(later(), signatories[0])
                break
            if rng.random() < 0.4 or (final and last_state == StageState.RETURNED):
                stage.give_back(later(), signatories[-1])
                if final and last_state == StageState.RETURNED:
                    break
                stage.submit(later(), _narrative(city_name, stage.definition))
            for role_key in signatories:
                approved = stage.sign(later(), role_key)
            assert approved
            opener = signatories[-1]
            day = stage.approved_at.date()
            if stage.definition.grants == Grants.CANDIDACY and way.candidate_since is None:
                way.candidate_since = day
            elif stage.definition.grants == Grants.RECOGNITION:
                since = way.recognised[0] or day
                way.recognised = (since, recognition_ends_on(day, stage.definition.validity_months))
            if stage.definition.repeats:
                stage.renew(stage.approved_at, opener)
                if final:
                    break
    return way


# --- the plan of the world --------------------------------------------------------------------


@dataclass
class _CityPlan:
    programme_index: int
    name: str
    slug: str
    region: str
    districts: list[str]
    reached: int
    last_state: str
    end: datetime.date
    special: str = ""  # "big", "import", "veteran" (through every stage) or ""


def _programme_sizes(shape: WorldShape) -> list[int]:
    weights = [BIG_PROGRAMME_WEIGHT] + [1] * (shape.programmes - 1)
    sizes = [shape.cities * weight // sum(weights) for weight in weights]
    sizes[0] += shape.cities - sum(sizes)
    return sizes


def _template(index: int) -> ProgrammeSpec:
    key = TEMPLATES[index % len(TEMPLATES)]
    return next(spec for spec in PROGRAMMES if spec.key == key)


def _city_plans(shape: WorldShape, rng, definitions: dict[int, list], today) -> list[_CityPlan]:
    taken, slugs = names.UniqueNames(), set()
    plans = []
    for index, size in enumerate(_programme_sizes(shape)):
        language = LANGUAGE_OF[_template(index).key]
        count = len(definitions[index])
        regions = [f"{names.place_name(rng, language)} Province" for _ in range(1 + size // 20)]
        for number in range(size):
            name = taken.take(names.place_name(rng, language))
            slug = base = slugify(name)
            while slug in slugs:
                slug = f"{base}-{len(slugs)}"
            slugs.add(slug)
            special = ""
            if index == 0 and number < 3:
                special = ("big", "import", "veteran")[number]
            big = special in ("big", "import")
            district_count = shape.big_districts if big else rng.randint(3, 8)
            district_names = names.UniqueNames()
            districts = [
                district_names.take(names.place_name(rng, language)) for _ in range(district_count)
            ]
            keys = [definition.key for definition in definitions[index]]
            if special == "big":
                reached, last = keys.index("plans"), StageState.SUBMITTED
            elif special == "import":
                reached, last = keys.index("childrens-atlas"), StageState.OPEN
            elif special == "veteran":  # badged, in review for years: every kind of record
                reached, last = count - 1, StageState.SUBMITTED
            else:
                reached = min(count - 1, int(rng.triangular(0, count, 3)))
                last = rng.choice(
                    [StageState.OPEN, StageState.OPEN, StageState.SUBMITTED, StageState.RETURNED]
                )
            end = today - datetime.timedelta(days=rng.randint(1, 60))
            plans.append(
                _CityPlan(
                    index, name, slug, rng.choice(regions), districts, reached, last, end, special
                )
            )
    return plans


# --- writing ----------------------------------------------------------------------------------

_EXTRA_INDICATOR_SUBJECTS = (
    ("Children aged 0–5", "children"),
    ("Children aged 6–11", "children"),
    ("Children aged 12–17", "children"),
    ("Kindergarten places", "places"),
    ("Primary school places", "places"),
    ("Health posts", "posts"),
    ("Playgrounds with shade", "playgrounds"),
    ("Safe crossings near schools", "crossings"),
    ("Children's library visits", "visits"),
    ("Sports fields open to children", "fields"),
    ("Families receiving support", "families"),
)
_EXTRA_INDICATOR_QUALIFIERS = (
    "in total",
    "within walking distance",
    "with step-free access",
    "open after school",
    "in informal settlements",
    "per 10,000 residents",
    "opened this year",
    "per school",
)
_AREAS = [choice for choice, _label in GoalArea.choices]
_DEPARTMENTS = (
    ("Deputy for Urban Planning", True, Organisation.Sector.MUNICIPAL),
    ("Deputy for Transport and Traffic", True, Organisation.Sector.MUNICIPAL),
    ("Cultural, Social and Sports Organization", True, Organisation.Sector.MUNICIPAL),
    ("Landscape and Green Space Organization", True, Organisation.Sector.MUNICIPAL),
    ("Fire and Safety Services", True, Organisation.Sector.MUNICIPAL),
    ("Waste Management Organization", True, Organisation.Sector.MUNICIPAL),
    ("Municipal Health Office", True, Organisation.Sector.MUNICIPAL),
    ("Information Technology Organization", True, Organisation.Sector.MUNICIPAL),
    ("Municipal Tourism Office", True, Organisation.Sector.MUNICIPAL),
    ("District Municipalities' Council", True, Organisation.Sector.MUNICIPAL),
    ("Provincial Welfare Organization", False, Organisation.Sector.GOVERNMENT),
    ("Provincial Education Office", False, Organisation.Sector.GOVERNMENT),
    ("Provincial Office of Sports and Youth", False, Organisation.Sector.GOVERNMENT),
    ("Provincial Public Libraries", False, Organisation.Sector.GOVERNMENT),
    ("Police Department for Families", False, Organisation.Sector.GOVERNMENT),
    ("University of Medical Sciences", False, Organisation.Sector.UNIVERSITY),
    ("Institute of Education Research", False, Organisation.Sector.UNIVERSITY),
    ("Red Crescent Society", False, Organisation.Sector.NGO),
    ("Child and Family Support Centre", False, Organisation.Sector.NGO),
    ("Parents' Association", False, Organisation.Sector.NGO),
    ("Architecture Academy", False, Organisation.Sector.PRIVATE),
    ("Chamber of Commerce", False, Organisation.Sector.PRIVATE),
)
ORGANISATIONS_PER_CITY = 20
SEATS_PER_COUNCIL = (14, 16)  # fewest and most seats of a council
_ACTION_VERBS = ("Open", "Renovate", "Train staff for", "Survey", "Publish", "Equip", "Extend")
_ACTION_OBJECTS = (
    "a children's house in the central park",
    "safe routes to the district's schools",
    "mother-and-child rooms at bus terminals",
    "the playgrounds of the old town",
    "a child-friendly polyclinic",
    "the children's library",
    "a youth centre",
    "the children's council's budget hearing",
    "the school ombudsmen network",
    "cycle paths to the sports fields",
)


@dataclass
class World:
    """What the generator made, for the report and the benchmark."""

    programmes: list[Programme]
    cities: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, scope
    big_city: str = ""
    import_city: str = ""


def world_load(
    shape: WorldShape, *, today: datetime.date | None = None, progress: Callable | None = None
) -> World:
    """Create the world of `shape` (in one transaction). Returns what was made."""
    today = today or timezone.localdate()
    rng = random.Random(shape.seed)  # noqa: S311 - made-up data, not secrets
    password = make_password(PASSWORD)
    with transaction.atomic():
        programmes = _programmes_load(shape)
        definitions = {
            index: list(programme.stage_definitions.order_by("position"))
            for index, programme in enumerate(programmes)
        }
        plans = _city_plans(shape, rng, definitions, today)
        world = World(programmes)
        people = _people_create(world, programmes, plans, password)
        types = _council_types_create(programmes)
        indicators = {
            index: list(
                IndicatorDefinition.objects.filter(
                    framework=framework_for_opening(programme.pk, FrameworkKind.ATLAS)
                ).order_by("order")
            )
            for index, programme in enumerate(programmes)
        }
        criteria = {}
        for index, programme in enumerate(programmes):
            evaluation = framework_for_opening(programme.pk, FrameworkKind.EVALUATION)
            assessment = framework_for_opening(programme.pk, FrameworkKind.SELF_ASSESSMENT)
            criteria[index] = {
                "evaluation": list(EvaluationCriterion.objects.filter(framework=evaluation)),
                "assessment": list(AssessmentCriterion.objects.filter(framework=assessment)),
                "evaluation_framework": evaluation,
                "assessment_framework": assessment,
            }
        records.placeholder_ensure()
        # What happens around the cities draws from a sequence of its own (`life`).
        life_rng = random.Random(shape.seed + 1)  # noqa: S311
        notices = life.Notices()
        known = {
            "indicators": indicators,
            "criteria": criteria,
            "types": types,
            "themes": life.themes_ensure(),
        }
        for start in range(0, len(plans), CHUNK):
            chunk = plans[start : start + CHUNK]
            _chunk_write(chunk, programmes, definitions, known, people, (rng, life_rng), notices)
            world.cities += len(chunk)
            if progress:
                progress(world.cities, len(plans))
        notices.write(life_rng)
        world.big_city, world.import_city = plans[0].slug, plans[1].slug
        # Bulk writes send no signal: every family of cached pages is told once, on commit.
        for name in (LISTS, PLANS, PROPOSALS, ATLAS):
            edition_bump(name)
    return world


def _programmes_load(shape: WorldShape) -> list[Programme]:
    programmes = []
    for index in range(shape.programmes):
        template = _template(index)
        code, country = COUNTRIES[index % len(COUNTRIES)]
        spec = replace(
            template,
            key=f"world-{index + 1:02d}-{code.lower()}",
            country_code=code,
            country_name=country,
            name=f"{country}: Child-Friendly Cities programme",
        )
        programme = programme_load(spec)
        indicators_seed(programme=programme)
        criteria_load(programme=programme)
        criteria_seed(programme)
        programmes.append(programme)
    _indicators_extend(programmes[0], shape.big_indicators)
    return programmes


def _indicators_extend(programme: Programme, total: int) -> None:
    """Give the biggest programme `total` indicators (the seed set, then made-up ones), in the
    version of its indicator set in force (the seed's)."""
    framework = framework_for_opening(programme.pk, FrameworkKind.ATLAS)
    have = IndicatorDefinition.objects.filter(framework=framework).count()
    combos = [
        (subject, unit, qualifier)
        for qualifier in _EXTRA_INDICATOR_QUALIFIERS
        for subject, unit in _EXTRA_INDICATOR_SUBJECTS
    ]
    IndicatorDefinition.objects.bulk_create(
        rows.indicator(
            programme,
            framework,
            f"world-{number}",
            f"{subject} {qualifier}",
            unit,
            _AREAS[number % len(_AREAS)],
            1000 + number,
        )
        for number, (subject, unit, qualifier) in enumerate(combos[: max(0, total - have)])
    )


def _people_create(world: World, programmes, plans, password) -> dict:
    """A superuser; per programme two coordinators, an evaluator and three office logins, each
    office login holding a third of the programme's cities; the big city has its own office
    login. Returns {(programme index, role): [users]} and the office user of each city slug."""
    users, assignments, people = [], [], {"office_of": {}}
    admin = rows.user("world.admin", "Daniel", "Weber", password, superuser=True)
    users.append(admin)
    world.logins.append(("world.admin", "superuser", "everything"))
    rng = random.Random(7)  # noqa: S311
    for index, programme in enumerate(programmes):
        language = LANGUAGE_OF[_template(index).key]
        for role_key, count in ((Role.COORDINATOR, 2), (Role.EVALUATOR, 1), (Role.OFFICE, 3)):
            for number in range(1, count + 1):
                first, last = names.person_name(rng, language)
                username = f"{programme.key}.{role_key}{number}"
                made = rows.user(
                    username, first, last, password, staff=role_key == Role.COORDINATOR
                )
                users.append(made)
                people.setdefault((index, role_key), []).append(made)
    first, last = names.person_name(rng, names.PERSIAN)
    big_office = rows.user(f"{plans[0].slug}.office", first, last, password)
    users.append(big_office)
    get_user_model().objects.bulk_create(users, batch_size=BATCH)
    people["admin"] = admin
    people["big_office"] = big_office
    for index, programme in enumerate(programmes):
        for role_key in (Role.COORDINATOR, Role.EVALUATOR):
            for made in people[(index, role_key)]:
                assignments.append(rows.role(made, role_key, programme=programme))
    RoleAssignment.objects.bulk_create(assignments, batch_size=BATCH)  # office: per chunk
    for index, programme in enumerate(programmes):
        coordinator, evaluator = (
            people[(index, Role.COORDINATOR)][0],
            people[(index, Role.EVALUATOR)][0],
        )
        world.logins.append((coordinator.username, "coordinator", programme.name))
        world.logins.append((evaluator.username, "evaluator", programme.name))
    world.logins.insert(1, (big_office.username, "office", plans[0].name))
    return people


def _council_types_create(programmes) -> dict:
    types = {}
    for index, programme in enumerate(programmes):
        for row in COUNCIL_TYPES[_template(index).key]:
            types.setdefault(index, []).append(
                rows.council_type(programme, row.key, row.name, row.involves_children)
            )
    CouncilType.objects.bulk_create([made for group in types.values() for made in group])
    return types


def _chunk_write(chunk, programmes, definitions, known, people, rngs, notices):
    """Write a chunk of cities with everything they hold, in a fixed number of statements.
    `known`: the programmes' indicators, criteria and council types, by programme index, and
    the library's themes; `rngs`: the world's random sequence and `life`'s."""
    rng, life_rng = rngs
    cities, districts_of, actors = _cities_write(chunk, programmes, people)
    stages = _pipeline_write(chunk, cities, actors, definitions, rng)
    gaps = _other_records_write(chunk, cities, stages, known["criteria"], rng)
    actions_of = _records_write(
        chunk, cities, stages, districts_of, known["indicators"], programmes, gaps, rng
    )
    councils, organisations_of = _stakeholders_write(chunk, cities, known["types"], programmes, rng)
    around = {
        "councils": [(council, stages[council.city.pk][0][2]) for council in councils],
        "organisations": organisations_of,
        "districts": districts_of,
        "actions": actions_of,
    }
    life.chunk_write(chunk, cities, stages, around, life_rng, notices, known["themes"])


def _cities_write(chunk, programmes, people):
    """The cities, their districts and office logins; returns the cities, their districts by
    city id, and who acts for each (its office login, its programme's coordinator and
    evaluator, by role)."""
    cities = City.objects.bulk_create(
        [
            rows.city(
                programmes[plan.programme_index],
                plan.slug,
                plan.name,
                plan.region,
                plan.end - datetime.timedelta(days=3650),
                _position(COUNTRIES[plan.programme_index % len(COUNTRIES)][0], plan.slug),
                life.published(zlib.crc32(plan.slug.encode()), plan.special),
            )
            for plan in chunk
        ],
        batch_size=BATCH,
    )
    districts = District.objects.bulk_create(
        [
            rows.district(city, number, name)
            for city, plan in zip(cities, chunk, strict=True)
            for number, name in enumerate(plan.districts, start=1)
        ],
        batch_size=BATCH,
    )
    districts_of: dict[int, list] = {}
    for made in districts:
        districts_of.setdefault(made.city_id, []).append(made)
    offices = []
    actors = []
    for number, (city, plan) in enumerate(zip(cities, chunk, strict=True)):
        index = plan.programme_index
        if plan.special == "big":
            office = people["big_office"]
        else:
            office = people[(index, Role.OFFICE)][number % 3]
        offices.append(rows.role(office, Role.OFFICE, city=city))
        actors.append(
            {
                Role.OFFICE: office,
                Role.COORDINATOR: people[(index, Role.COORDINATOR)][0],
                Role.EVALUATOR: people[(index, Role.EVALUATOR)][0],
                "": None,
            }
        )
    RoleAssignment.objects.bulk_create(offices, batch_size=BATCH)
    return cities, districts_of, actors


def _pipeline_write(chunk, cities, actors, definitions, rng) -> dict:
    """The candidacies, their stages, history and sign-offs, as simulated; returns each city's
    [(stage row, simulated stage, who acts)] by city id."""
    ways = [
        _simulate(
            rng,
            definitions[plan.programme_index],
            plan.name,
            plan.reached,
            plan.last_state,
            plan.end,
        )
        for plan in chunk
    ]
    for city, way in zip(cities, ways, strict=True):
        city.joined_on = way.stages[0].opened_at.date()
    City.objects.bulk_update(cities, ["joined_on"], batch_size=BATCH)
    candidacies = Candidacy.objects.bulk_create(
        [
            rows.candidacy(
                city,
                way.stages[0].opened_at.date(),
                candidate_since=way.candidate_since,
                recognised=way.recognised,
            )
            for city, way in zip(cities, ways, strict=True)
        ],
        batch_size=BATCH,
    )
    pairs = [
        (candidacy, stage, who)
        for candidacy, way, who in zip(candidacies, ways, actors, strict=True)
        for stage in way.stages
    ]
    progresses = StageProgress.objects.bulk_create(
        [rows.stage(candidacy, stage.definition, stage) for candidacy, stage, _who in pairs],
        batch_size=BATCH,
    )
    current_stages_point(Candidacy.objects.filter(pk__in=[c.pk for c in candidacies]))
    Transition.objects.bulk_create(
        [
            rows.transition(progress, event, who[event.role] if event.role else None)
            for progress, (_c, stage, who) in zip(progresses, pairs, strict=True)
            for event in stage.events
        ],
        batch_size=BATCH,
    )
    SignOff.objects.bulk_create(
        [
            rows.signoff(progress, role_key, who[role_key], at)
            for progress, (_c, stage, who) in zip(progresses, pairs, strict=True)
            for role_key, at in stage.signoffs.items()
        ],
        batch_size=BATCH,
    )
    by_city = {}
    for progress, (candidacy, stage, who) in zip(progresses, pairs, strict=True):
        by_city.setdefault(candidacy.city_id, []).append((progress, stage, who))
    return by_city


def _records_write(chunk, cities, by_city, districts_of, indicators, programmes, gaps, rng):
    """The atlas's values and the plans, for the stages that reached them (an open stage half
    the time; never the import city's atlas, which the benchmark fills). Each strategic goal
    closes its city's gap of the same goal area (of `gaps`, the situation analyses written).
    Returns the plan actions by city id."""
    values, plans_made, shapes = [], [], []
    for city, plan in zip(cities, chunk, strict=True):
        for progress, stage, who in by_city[city.pk]:
            kind = stage.definition.kind
            if kind not in (StageKind.CHILDRENS_ATLAS, StageKind.PLANS):
                continue
            if plan.special == "import" or not records.filled(rng, stage):
                continue
            if kind == StageKind.CHILDRENS_ATLAS:
                # The big city's districts and a third of the others' have their shapes (by
                # the slug's hash: no draw from the random sequence).
                if plan.special == "big" or zlib.crc32(city.slug.encode()) % 3 == 0:
                    shapes.append(rows.boundaries(city, districts_of[city.pk], who[Role.OFFICE]))
                values += _atlas_values(
                    rng,
                    progress,
                    city,
                    plan,
                    districts_of[city.pk],
                    indicators[plan.programme_index],
                    stage,
                )
            elif kind == StageKind.PLANS:
                plans_made.append((progress, city, plan, stage, who))
    IndicatorValue.objects.bulk_create(values, batch_size=BATCH)
    DistrictBoundaries.objects.bulk_create(shapes, batch_size=BATCH)
    strategic = StrategicPlan.objects.bulk_create(
        [
            rows.strategic_plan(
                progress,
                stage.opened_at.year,
                f"By {stage.opened_at.year + 4}, {city.name} is a city where every child is "
                "safe, is heard, and finds essential services, play and learning close to home.",
                who[Role.OFFICE],
            )
            for progress, city, plan, stage, who in plans_made
        ],
        batch_size=BATCH,
    )
    goals = StrategicGoal.objects.bulk_create(
        [
            rows.goal(made, f"{label} for every child")
            for made in strategic
            for _area, label in GoalArea.choices
        ],
        batch_size=BATCH,
    )
    gap_of = {(gap.progress.candidacy.city_id, gap.goal_area): gap for gap in gaps}
    goal_areas = [
        (city.pk, area) for _p, city, _pl, _s, _w in plans_made for area, _label in GoalArea.choices
    ]
    StrategicGoal.gaps.through.objects.bulk_create(
        [
            StrategicGoal.gaps.through(strategicgoal_id=goal_obj.pk, gap_id=gap_of[key].pk)
            for goal_obj, key in zip(goals, goal_areas, strict=True)
            if key in gap_of
        ],
        batch_size=BATCH,
    )
    operationals = OperationalPlan.objects.bulk_create(
        [
            rows.operational_plan(
                made, made.start_year + offset, f"Operational plan {made.start_year + offset}"
            )
            for made, (_p, _c, plan, _s, _w) in zip(strategic, plans_made, strict=True)
            for offset in range(3 if plan.special == "big" else 1)
        ],
        batch_size=BATCH,
    )
    actions, calendars, actions_of = [], [], {}
    today = timezone.localdate()
    goal_iter, operational_iter = iter(goals), iter(operationals)
    for _p, city, plan, _s, _w in plans_made:
        own_goals = [next(goal_iter) for _ in GoalArea.choices]
        own_operationals = [
            next(operational_iter) for _ in range(3 if plan.special == "big" else 1)
        ]
        count = 300 if plan.special == "big" else rng.randint(3, 8)
        city_districts = districts_of[city.pk]
        currency = {"IR": "IRR", "KZ": "KZT", "LT": "EUR"}.get(
            programmes[plan.programme_index].country.code, "USD"
        )
        for number in range(count):
            operational = own_operationals[number % len(own_operationals)]
            goal_obj = own_goals[number % len(own_goals)]
            area = _AREAS[number % len(_AREAS)]
            starts = datetime.date(operational.year, 1 + number % 9, 1)
            actions.append(
                rows.action(
                    operational,
                    goal_obj,
                    area,
                    f"{rng.choice(_ACTION_VERBS)} {rng.choice(_ACTION_OBJECTS)}",
                    responsible_organisation=rng.choice(_DEPARTMENTS)[0],
                    partners="UNICEF country office",
                    district=rng.choice(city_districts) if number % 3 else None,
                    starts_on=starts,
                    ends_on=(ends := starts + datetime.timedelta(days=rng.randint(30, 330))),
                    budget=Decimal(rng.randint(10, 5000) * 1000),
                    currency=currency,
                    children_participation="The children's council chose the priorities.",
                    indicator="Children reached",
                    target=f"{rng.randint(2, 90) * 100} children",
                    **_action_progress(number + city.pk, starts, ends, today),
                )
            )
            calendars.append(programmes[plan.programme_index].calendar)
            actions_of.setdefault(city.pk, []).append(actions[-1])
    PlanAction.objects.bulk_create(actions, batch_size=BATCH)
    ActionYearNote.objects.bulk_create(
        [
            rows.action_note(
                made,
                date_year(made.started_on, calendar),
                made.completion,
                "Work began; the children's council followed the first steps.",
            )
            for made, calendar in zip(actions, calendars, strict=True)
            if made.started_on and made.pk % 4 == 0
        ],
        batch_size=BATCH,
    )
    return actions_of


def _action_progress(key: int, starts, ends, today) -> dict:
    """How far an action has come on `today`, from its dates and a key (no draw from the
    world's random sequence): planned before it starts; under way, or over (done, not achieved,
    dropped) or delayed once its planned end has passed."""
    if starts > today:
        return {"status": "planned", "completion": 0}
    started = min(starts + datetime.timedelta(days=key % 20), today)
    if ends >= today:
        share = (today - starts).days * 100 // max((ends - starts).days, 1)
        return {"status": "under_way", "started_on": started, "completion": min(share, 95)}
    ended = min(max(ends + datetime.timedelta(days=key % 40 - 10), started), today)
    roll = key % 20
    if roll < 12:
        return {"status": "done", "started_on": started, "ended_on": ended, "completion": 100}
    if roll < 15:
        return {"status": "failed", "started_on": started, "ended_on": ended, "completion": 30}
    if roll < 17:
        return {"status": "dropped", "started_on": started, "completion": 10}
    return {"status": "delayed", "started_on": started, "completion": 70}


_RECORD_MODELS = {
    "office": OfficeRecord,
    "dataset": DataSet,
    "initiative": Initiative,
    "letter": LetterRecord,
    "grant": GrantRecord,
    "network": NetworkRecord,
    "gap": Gap,
    "review": ReviewRound,
}


def _other_records_write(chunk, cities, by_city, criteria, rng) -> list:
    """Every other kind's record (`demo.world.records`), with its document, its criteria's
    judgements or scores. Returns the gaps written."""
    todo = []  # (progress, stage, who, city, criteria)
    for city, plan in zip(cities, chunk, strict=True):
        for progress, stage, who in by_city[city.pk]:
            kind = stage.definition.kind
            if kind in (StageKind.CHILDRENS_ATLAS, StageKind.PLANS):
                continue
            if records.filled(rng, stage):
                todo.append((progress, stage, who, city, criteria[plan.programme_index]))
    needing = [item[:3] for item in todo if item[1].definition.kind in records.DOCUMENTS]
    documents = {
        made.progress_id: made
        for made in Evidence.objects.bulk_create(records.evidence_rows(needing), batch_size=BATCH)
    }
    made: dict[str, list] = {}
    for progress, stage, who, city, own_criteria in todo:
        document = documents.get(progress.pk)
        found = records.record_rows(rng, progress, stage, city, who, document, own_criteria)
        for name, items in found.items():
            made.setdefault(name, []).extend(items)
    for name, model in _RECORD_MODELS.items():
        model.objects.bulk_create(made.get(name, []), batch_size=BATCH)
    conditions = EvaluationCondition.objects.bulk_create(
        made.get("condition", []), batch_size=BATCH
    )
    ConditionStatusChange.objects.bulk_create(
        [rows.condition_change(made) for made in conditions if made.status_changed_by],
        batch_size=BATCH,
    )
    evaluations = made.get("evaluation", [])
    EvaluationRecord.objects.bulk_create([record for record, _c in evaluations], batch_size=BATCH)
    CriterionJudgement.objects.bulk_create(
        [rows.judgement(record, criterion) for record, found in evaluations for criterion in found],
        batch_size=BATCH,
    )
    assessments = made.get("assessment", [])
    SelfAssessment.objects.bulk_create([made for made, _s in assessments], batch_size=BATCH)
    CriterionScore.objects.bulk_create(
        [
            rows.score(assessment, criterion, level)
            for assessment, scores in assessments
            for criterion, level in scores
        ],
        batch_size=BATCH,
    )
    return made.get("gap", [])


def _stakeholders_write(chunk, cities, types, programmes, rng) -> tuple[list, dict]:
    """Around each city: its catalogue of organisations, two councils of adults with their
    members, and half the time a children's council described by counts only. Returns the
    councils and the organisations by city id."""
    organisations = []
    for city in cities:
        for name, inside, sector in _DEPARTMENTS[:ORGANISATIONS_PER_CITY]:
            organisations.append(rows.organisation(city, f"{city.name} {name}", inside, sector))
    organisations = Organisation.objects.bulk_create(organisations, batch_size=BATCH)
    councils, seats, makeups = [], [], []
    for number, (city, plan) in enumerate(zip(cities, chunk, strict=True)):
        adult_types = [t for t in types[plan.programme_index] if not t.involves_children]
        children_types = [t for t in types[plan.programme_index] if t.involves_children]
        founded = city.joined_on + datetime.timedelta(days=rng.randint(30, 400))
        own = organisations[number * ORGANISATIONS_PER_CITY : (number + 1) * ORGANISATIONS_PER_CITY]
        for type_obj in adult_types[:2]:
            councils.append(
                (rows.council(city, type_obj, f"{city.name} {type_obj.name.lower()}", founded), own)
            )
        if children_types and rng.random() < 0.5:
            type_obj = children_types[0]
            councils.append(
                (
                    rows.council(city, type_obj, f"{city.name} {type_obj.name.lower()}", founded),
                    None,
                )
            )
    made_councils = Council.objects.bulk_create([c for c, _own in councils], batch_size=BATCH)
    language_rng = random.Random(rng.random())  # noqa: S311
    for made, (_c, own) in zip(made_councils, councils, strict=True):
        if own is None:  # a children's council: counts only, never a child's name
            counts = tuple(language_rng.randint(0, 8) for _ in range(6))
            makeups.append(rows.makeup(made, made.established_on, counts))
            continue
        language = LANGUAGE_OF[_template(_programme_index(made, programmes)).key]
        term = (made.established_on, made.established_on + datetime.timedelta(days=4 * 365))
        size = language_rng.randint(*SEATS_PER_COUNCIL)
        for seat, organisation in enumerate(language_rng.sample(own, size)):
            role_key = ("chair", "secretary")[seat] if seat < 2 else "member"
            first, last = names.person_name(language_rng, language)
            seats.append(
                rows.member(
                    made, organisation, f"{first} {last}", "Head of department", role_key, term
                )
            )
    CouncilMember.objects.bulk_create(seats, batch_size=BATCH)
    ChildrenCouncilMakeUp.objects.bulk_create(makeups, batch_size=BATCH)
    organisations_of: dict[int, list] = {}
    for made in organisations:
        organisations_of.setdefault(made.city_id, []).append(made)
    return made_councils, organisations_of


def _programme_index(council, programmes) -> int:
    for index, programme in enumerate(programmes):
        if programme.pk == council.council_type.programme_id:
            return index
    return 0


def _atlas_values(rng, progress, city, plan, districts, indicators, stage) -> list:
    """A complete atlas (every district x indicator, as its rule asks) for the year before it
    was submitted, and for the year before that half the time."""
    year = (stage.submitted_at or stage.opened_at).year - 1
    years = [year] if plan.special == "big" or rng.random() < 0.5 else [year - 1, year]
    source = f"{city.name} municipality, statistics unit"
    return [
        rows.value(progress, district, indicator, Decimal(rng.randint(0, 50000)), y, source)
        for district in districts
        for indicator in indicators
        for y in years
    ]
