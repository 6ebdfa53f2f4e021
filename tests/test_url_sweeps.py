"""Sweeps over every URL of the project, so that a page added later is covered without anyone
remembering to write its permission test:

(a) an anonymous visitor is sent to a login page everywhere except the public pages listed here;
(b) people of another city or programme get 403 or 404 on every object URL of city A and
    programme A, and nothing changes in the database;
(c) a coordinator of programme B cannot read or change programme A's rows in the admin.

Path parameters are filled in by name (city, stage, programme, and object ids told apart by the
path segment before them); a pattern whose parameter cannot be told is skipped with its reason.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from candidacy import services
from candidacy.models import (
    CallRound,
    Candidacy,
    ConflictDeclaration,
    DataSet,
    Evidence,
    Initiative,
    Recognition,
    StageComment,
    StageDefinition,
    StageProgress,
    StageState,
)
from cities.models import City, District, Organisation, Programme, RoleAssignment
from library.models import GoodPractice
from notifications.models import Notification
from stakeholders import services as stakeholder_services
from stakeholders.models import (
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilMember,
    Memorandum,
)
from tests import factories as f
from tests.candidacy.records.evaluations import sweep as evaluation_sweep
from tests.candidacy.records.plans.sweep import SEGMENTS as PLAN_SEGMENTS
from tests.candidacy.records.plans.sweep import sweep_objects as plan_objects
from tests.candidacy.workflow import PDF_BYTES, bring, snapshot
from tests.library import make as library_make

# --- the URL patterns -------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    route: str  # the joined pattern, e.g. "cities/<slug:city>/stages/<slug:stage>/"
    name: str  # "namespace:name", or "" for an unnamed pattern

    def __str__(self):
        return self.name or self.route


def _join(prefix: str, route: str) -> str:
    # Django joins routes the same way (URLResolver._join_route): a nested "^" is dropped.
    return prefix + (route[1:] if route.startswith("^") else route)


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, _join(prefix, str(entry.pattern)), inner)
        elif isinstance(entry, URLPattern):
            name = ""
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Endpoint(_join(prefix, str(entry.pattern)), name)


ENDPOINTS = list(_walk(get_resolver().url_patterns))
OBJECT_ENDPOINTS = [
    endpoint for endpoint in ENDPOINTS if endpoint.route.startswith(("cities/", "programmes/"))
]

_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")

#: Deliberately public pages: what an anonymous visitor gets (status, redirect target) on GET
#: and on POST. Everything else must send them to a login page.
PUBLIC = {
    # Which cities are where: name, programme, status and current stage only.
    "public-cities": {"get": (200, None), "post": (200, None)},
    # The same for one programme, in the programme's language by default.
    "public-programme": {"get": (200, None), "post": (200, None)},
    # The good-practice library and a published entry: curated summary, goal area, themes,
    # city and country, year started, responsible body; no person, no contact.
    "good-practice": {"get": (200, None), "post": (200, None)},
    "good-practice-entry": {"get": (200, None), "post": (200, None)},
    # The public list's map: its cities' names, coordinates and links, as JSON.
    "public-map": {"get": (200, None), "post": (200, None)},
    "public-programme-map": {"get": (200, None), "post": (200, None)},
    # A city's public page (status, stages passed; its plan and its children's proposals as
    # the city publishes them) and its report for children (city A publishes its proposals).
    "public-city": {"get": (200, None), "post": (200, None)},
    "public-city-report": {"get": (200, None), "post": (200, None)},
    "login": {"get": (200, None), "post": (200, None)},
    # Signing out needs a POST; an anonymous one just lands on the public page.
    "logout": {"get": (405, None), "post": (302, "/")},
    # Choosing a language works for everyone, before signing in too.
    "set_language": {"get": (302, "/"), "post": (302, "/")},
    # The proxy's health check: "ok", or 503 (it answers GET and HEAD only).
    "healthz": {"get": (200, None), "post": (405, None)},
    "admin:login": {"get": (200, None), "post": (200, None)},
    # Someone who forgot their password asks for a link, and chooses a new one through it. An
    # invalid link shows a page saying so; the reset says nothing of whether an address exists.
    "password_reset": {"get": (200, None), "post": (200, None)},
    "password_reset_done": {"get": (200, None), "post": (405, None)},
    "password_reset_confirm": {"get": (200, None), "post": (200, None)},
    "password_reset_complete": {"get": (200, None), "post": (405, None)},
    # The admin's sign-out sends an anonymous visitor to the admin index, i.e. its login.
    "admin:logout": {"get": (302, "/admin/"), "post": (302, "/admin/")},
    # Open data: the public list's information as files (no people, contacts or documents).
    "open-data": {"get": (200, None), "post": (405, None)},
    "open-data-cities-csv": {"get": (200, None), "post": (405, None)},
    "open-data-cities-json": {"get": (200, None), "post": (405, None)},
    "open-data-programmes-json": {"get": (200, None), "post": (405, None)},
}

#: The path segment before an id parameter says which kind of object it names.
SEGMENT_MODELS = {
    "evidence": Evidence,
    "council": Council,
    "councils": Council,
    "member": CouncilMember,
    "members": CouncilMember,
    "organisation": Organisation,
    "organisations": Organisation,
    "district": District,
    "districts": District,
    "session": ChildrenCouncilSession,
    "sessions": ChildrenCouncilSession,
    "proposal": ChildrenProposal,
    "proposals": ChildrenProposal,
    "memoranda": Memorandum,
    "commitment": Commitment,
    "commitments": Commitment,
    "rows": DataSet,
    "assignments": RoleAssignment,
    "users": get_user_model(),
    "inbox": Notification,  # a notification of city A's office (its own inbox only)
    "good-practice": GoodPractice,  # a published entry (city A's)
    "initiatives": Initiative,  # an initiative of city A marked as good practice
    "rounds": CallRound,  # programme A's call round, city A's candidacy in it
    **PLAN_SEGMENTS,
    **evaluation_sweep.SEGMENTS,
}


@dataclass
class Objects:
    """One object of each kind in city A (programme A), for the URLs' parameters."""

    world: object
    by_model: dict

    @property
    def city(self):
        return self.world.city_a


@pytest.fixture
def objects(world):
    office = world.stage(world.city_a, "office")
    evidence = services.evidence_add(
        progress=office,
        by=world.office_a,
        upload=_pdf(),
        description="Decree establishing the office",
    )
    # Joint candidacies (`City.joint_with`): a rayon held jointly with city A, whose office is
    # swept as an outsider (a joint city's office never reaches its partner's own candidacy),
    # and an intercommunality's shape the other way round: city A2 is the partner of a joint
    # city, so its office (an outsider already) prepares two candidacies, neither city A's.
    rayon = f.make_city(
        world.programme_a,
        slug="city-a-rayon",
        name="City A rayon",
        entity_type=City.EntityType.DISTRICT_RAYON,
        joint_with=world.city_a,
    )
    world.office_joint = f.office_user(rayon, username="office.joint")
    # Evaluators of programme A who may read city A but not its dossier: one who declared a
    # conflict of interest with it (recused), one who has not declared (`can_read_dossier`).
    world.evaluator_recused = f.evaluator_user(
        world.programme_a, declared=False, username="eval.recused"
    )
    ConflictDeclaration.objects.create(
        evaluator=world.evaluator_recused,
        candidacy=world.city_a.candidacy,
        has_conflict=True,
        statement="My sister runs its office.",
    )
    world.evaluator_undeclared = f.evaluator_user(
        world.programme_a, declared=False, username="eval.undeclared"
    )
    f.make_city(
        world.programme_a, slug="city-a2-town", name="City A2 town", joint_with=world.city_a2
    )
    # City A publishes its plan and proposals: its public report is a page, not a 404.
    City.objects.filter(pk=world.city_a.pk).update(publish_plan=True, publish_proposals=True)
    # A children's council, so that its participation pages, sessions and proposals exist.
    council = f.CouncilFactory(
        city=world.city_a,
        name="Children's council",
        council_type=f.CouncilTypeFactory(programme=world.programme_a, involves_children=True),
    )
    member = f.CouncilMemberFactory(council=council, representative="Deputy for Planning")
    district = f.DistrictFactory(city=world.city_a)
    session = stakeholder_services.session_add(
        council=council,
        by=world.office_a,
        held_on=datetime.date(2024, 5, 1),
        topic="Play spaces",
        attendance=12,
        upload=_pdf(),
    )
    proposal = stakeholder_services.proposal_add(
        council=council,
        by=world.office_a,
        title="Safe routes to school",
        received_on=datetime.date(2024, 5, 1),
    )
    memorandum = stakeholder_services.memorandum_create(
        city=world.city_a,
        by=world.office_a,
        title="Memorandum with UNICEF",
        parties="Ministry, UNICEF, municipality",
        signed_on=datetime.date(2020, 1, 15),
        upload=_pdf(),
    )
    commitment = stakeholder_services.commitment_add(
        memorandum=memorandum, by=world.office_a, party="ministry", description="Train staff"
    )
    commitment = stakeholder_services.commitment_set_status(
        commitment=commitment,
        by=world.office_a,
        status="fulfilled",
        evidence_note="Done.",
        upload=_pdf(),
    )
    # A record row of city A. (The sweep's stage is the office stage, which keeps no rows: the
    # row pages answer outsiders before they look a row up. tests/candidacy/records sweeps them
    # on stages that do keep rows.)
    data_set = DataSet.objects.create(
        progress=office,
        name="Births",
        goal_area="safe_protected",
        source_agency="Registry",
        age_groups="0",
        update_frequency="yearly",
        last_updated="2020-01-01",
    )
    notification = Notification.objects.create(
        recipient=world.office_a, kind="stage", subject="Office formation", link="/"
    )
    entry = library_make.published(world.city_a, world.coordinator_a)
    call_round = call_round_of_a(world)
    return Objects(
        world=world,
        by_model={
            Notification: notification,
            CallRound: call_round,
            GoodPractice: entry,
            Initiative: entry.initiative,
            Evidence: evidence,
            Council: council,
            CouncilMember: member,
            Organisation: member.organisation,
            District: district,
            ChildrenCouncilSession: session,
            ChildrenProposal: proposal,
            Memorandum: memorandum,
            Commitment: commitment,
            DataSet: data_set,
            **plan_objects(office),
            **evaluation_sweep.sweep_objects(office),
            City: world.city_a,
            Programme: world.programme_a,
            Candidacy: world.city_a.candidacy,
            StageProgress: office,
            StageDefinition: office.definition,
            type(world.office_a): world.office_a,
            RoleAssignment: world.office_a.role_assignments.get(),
        },
    )


def call_round_of_a(world) -> CallRound:
    """A call round of programme A with city A's candidacy in it."""
    call_round = services.round_open(
        programme=world.programme_a,
        by=world.coordinator_a,
        name="Call 2024",
        opens_on=datetime.date(2024, 1, 1),
        closes_on=datetime.date(2024, 6, 30),
    )
    services.candidacy_join_round(
        candidacy=world.city_a.candidacy, call_round=call_round, by=world.coordinator_a
    )
    return call_round


def _pdf():
    return SimpleUploadedFile("decree.pdf", PDF_BYTES, content_type="application/pdf")


def _segment_before(route: str, parameter: str) -> str:
    parts = route.split("/")
    for index, part in enumerate(parts):
        if re.fullmatch(rf"<(?:\w+:)?{parameter}>", part) and index > 0:
            return parts[index - 1]
    return ""


def _admin_object_id(route: str, objects: Objects) -> str:
    match = re.match(r"admin/(\w+)/(\w+)/<(?:path:object_id|int:pk)>/", route)
    if match is None:
        return str(objects.city.pk)  # view_on_site: the object of the content type below
    model = apps.get_model(match[1], match[2])
    known = objects.by_model.get(model)
    if known is not None:
        return str(known.pk)
    first = model._default_manager.order_by("pk").first()
    # The admin answers an anonymous visitor before it looks the object up.
    return str(first.pk) if first else "0"


def _value(endpoint: Endpoint, parameter: str, objects: Objects) -> str:
    route = endpoint.route
    if parameter == "city":
        return objects.city.slug
    if parameter == "stage":
        return "office"
    if parameter == "programme":
        return objects.world.programme_a.key
    if parameter == "kind":  # a kind of framework (candidacy.models.FrameworkKind)
        return "evaluation"
    if parameter == "number":  # a district's number in its city
        return str(objects.by_model[District].number)
    if parameter == "section":  # a section of "My tasks" (reporting.tasks), not an object
        return "prepare"
    if parameter == "app_label":
        return "candidacy"
    if parameter == "uidb64":
        return "MQ"
    if parameter == "token":
        return "no-such-token"
    if parameter == "url":
        return "no-such-page/"
    if parameter == "content_type_id":
        return str(ContentType.objects.get_for_model(City).pk)
    if parameter in ("object_id", "pk") and route.startswith("admin/"):
        return _admin_object_id(route, objects)
    if parameter == "id" and route.startswith("admin/auth/user/"):
        return str(objects.world.office_a.pk)
    model = SEGMENT_MODELS.get(_segment_before(route, parameter))
    if model is not None and model in objects.by_model:
        return str(objects.by_model[model].pk)
    pytest.skip(f"{route}: cannot tell which object the parameter <{parameter}> names")


def _url(endpoint: Endpoint, objects: Objects) -> str:
    def fill(match):
        return _value(endpoint, match[1] or match[2], objects)

    path = "/" + _PARAMETER.sub(fill, endpoint.route).lstrip("^").rstrip("$")
    # The URL built must reach the very pattern it was built from.
    assert resolve(path).route == endpoint.route, (path, resolve(path).route)
    return path


def _full_snapshot() -> dict:
    return {
        **snapshot(),
        "cities": sorted(
            City.objects.values_list(
                "pk", "name", "slug", "programme_id", "publish_plan", "publish_proposals"
            )
        ),
        "districts": sorted(District.objects.values_list("pk", "city_id", "name")),
        "councils": sorted(Council.objects.values_list("pk", "city_id", "name")),
        "members": sorted(CouncilMember.objects.values_list("pk", "council_id", "representative")),
        "organisations": sorted(Organisation.objects.values_list("pk", "city_id", "name")),
        "sessions": sorted(ChildrenCouncilSession.objects.values_list("pk", "topic")),
        "proposals": sorted(ChildrenProposal.objects.values_list("pk", "title", "status")),
        "memoranda": sorted(Memorandum.objects.values_list("pk", "title", "signed_on")),
        "commitments": sorted(Commitment.objects.values_list("pk", "party", "status")),
        "conditions": evaluation_sweep.sweep_snapshot(),
        "stage_comments": sorted(StageComment.objects.values_list("pk", "progress_id")),
        "good_practice": sorted(GoodPractice.objects.values_list("pk", "status", "summary")),
        "call_rounds": sorted(
            CallRound.objects.values_list("pk", "programme_id", "name", "closes_on", "version")
        ),
        "candidacy_rounds": sorted(Candidacy.objects.values_list("pk", "call_round_id")),
    }


# --- (a) anonymous visitors -------------------------------------------------------------------


def test_the_public_list_names_real_pages():
    names = {endpoint.name for endpoint in ENDPOINTS}
    assert set(PUBLIC) <= names


def test_the_sweep_sees_every_app():
    routes = [endpoint.route for endpoint in ENDPOINTS]
    assert {"home/", "tasks/", "tasks/<slug:section>/"} <= set(routes)
    assert any(route.startswith("cities/<slug:city>/stages/") for route in routes)
    assert any("stakeholders/" in route for route in routes)
    assert any(route.startswith("programmes/") for route in routes)
    assert any(route.startswith("admin/candidacy/") for route in routes)


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_login(client, objects, endpoint, method):
    url = _url(endpoint, objects)
    before = _full_snapshot()
    response = getattr(client, method)(url)
    if endpoint.name in PUBLIC:
        status, target = PUBLIC[endpoint.name][method]
        assert response.status_code == status, url
        if target is not None:
            assert urlsplit(response["Location"]).path == target
    else:
        login = reverse("admin:login") if endpoint.route.startswith("admin/") else reverse("login")
        assert response.status_code == 302, url
        location = urlsplit(response["Location"])
        assert location.path == login, url
        assert parse_qs(location.query)["next"] == [url]
    assert _full_snapshot() == before


# --- (b) people of another city or programme -----------------------------------------------

#: office_a2 is the partner office of a joint city of programme A, office_joint the office of a
#: rayon held jointly with city A (`objects`): neither gains city A's own candidacy.
OUTSIDERS = ["office_a2", "office_b", "coordinator_b", "evaluator_b", "office_joint"]


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", OBJECT_ENDPOINTS, ids=str)
def test_outsiders_get_403_or_404_on_city_a_urls(client, objects, superuser, endpoint):
    world = objects.world
    # Put a stage in each state a request could act on: office open (with evidence), and
    # city A2's office stage submitted, so a stray approval would show.
    bring(world, world.city_a2, "office", StageState.SUBMITTED)
    url = _url(endpoint, objects)

    def payload():
        return {
            "narrative": "Taken over.",
            "submit": "1",
            "decision": "approve",
            "comment": "Taken over.",
            "reason": "Taken over.",
            "body": "Taken over.",  # a comment in a stage's thread
            "name": "Taken over",
            "name_en": "Taken over",  # names kept per language (the admin)
            "description": "Taken over",
            "opens_on": "2024-01-01",  # a call round's dates
            "closes_on": "2024-12-31",
            "file": _pdf(),
        }

    before = _full_snapshot()
    seen = {}
    for outsider in OUTSIDERS:
        client.force_login(getattr(world, outsider))
        seen[outsider] = (client.get(url).status_code, client.post(url, payload()).status_code)
        assert _full_snapshot() == before, (outsider, url)

    # The same URL is real for someone allowed to see city A: the outsiders' 404 is about them,
    # not about a wrong parameter. (Run last: an allowed POST may change things.)
    client.force_login(superuser)
    allowed = (client.get(url).status_code, client.post(url, {}).status_code)
    assert 404 not in allowed, (url, allowed)
    for outsider, (get_status, post_status) in seen.items():
        assert get_status in (403, 404) or get_status == 405 == allowed[0], (outsider, url)
        assert post_status in (403, 404) or post_status == 405 == allowed[1], (outsider, url)


# --- (b2) evaluators of programme A who may not read city A's dossier ---------------------------

#: Evaluators of city A's programme who read the city but not its dossier
#: (`candidacy.permissions.can_read_dossier`): recused (a declared conflict) and undeclared.
DOSSIER_CLOSED = ["evaluator_recused", "evaluator_undeclared"]
CITY_ENDPOINTS = [endpoint for endpoint in OBJECT_ENDPOINTS if endpoint.route.startswith("cities/")]
#: The dossier's pages and downloads outside its stages' and its stakeholders' pages.
DOSSIER_NAMES = {
    "candidacy:city-dossier",
    "city-record",
    "stakeholders:memorandum-document",
    "stakeholders:session-minutes",
    "stakeholders:commitment-evidence",
}


def _is_stakeholders(endpoint: Endpoint) -> bool:
    """The stakeholders' pages (councils, sessions, memoranda, commitments, "You said, we
    did"): part of the dossier, refused as the stage pages refuse it."""
    return endpoint.name.startswith("stakeholders:")


def _is_dossier(endpoint: Endpoint) -> bool:
    return (
        endpoint.name in DOSSIER_NAMES
        or _is_stakeholders(endpoint)
        or endpoint.route.startswith("cities/<slug:city>/stages/")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", CITY_ENDPOINTS, ids=str)
def test_recused_and_undeclared_evaluators_read_no_dossier(client, objects, endpoint):
    """On every city URL they change nothing and download no document; on the dossier's pages
    and downloads a recused evaluator gets 403 or 404, an undeclared one the same or the way to
    the declaration (as the stage pages send them)."""
    world = objects.world
    url = _url(endpoint, objects)
    conflict = reverse("candidacy:conflict", kwargs={"city": world.city_a.slug})
    before = _full_snapshot(), sorted(ConflictDeclaration.objects.values_list("pk", "has_conflict"))
    for who in DOSSIER_CLOSED:
        client.force_login(getattr(world, who))
        got = client.get(url)
        posted = client.post(url, {"narrative": "Taken over.", "comment": "Taken over."})
        after = (
            _full_snapshot(),
            sorted(ConflictDeclaration.objects.values_list("pk", "has_conflict")),
        )
        assert after == before, (who, url)
        for response in (got, posted):
            assert response.status_code < 500, (who, url)
            assert "attachment" not in response.get("Content-Disposition", ""), (who, url)
        if _is_dossier(endpoint):
            redirected = got.status_code == 302 and urlsplit(got["Location"]).path == conflict
            if who == "evaluator_undeclared" and redirected:
                continue
            assert got.status_code in (403, 404, 405), (who, url, got.status_code)
        if _is_stakeholders(endpoint) and got.status_code != 405:
            # exactly as the stage pages: the undeclared to the declaration, the recused 403
            if who == "evaluator_undeclared":
                assert urlsplit(got["Location"]).path == conflict, (who, url)
            else:
                assert got.status_code == 403, (who, url, got.status_code)


@pytest.mark.django_db
def test_object_sweep_covers_the_pages_that_matter():
    names = {endpoint.name for endpoint in OBJECT_ENDPOINTS}
    assert {
        "candidacy:overview",
        "programme-charts",
        "candidacy:city",
        "candidacy:city-dossier",
        "city-publication",
        "candidacy:stage",
        "candidacy:stage-save",
        "candidacy:stage-decide",
        "candidacy:stage-reopen",
        "candidacy:stage-comment",
        "candidacy:evidence-upload",
        "candidacy:evidence-download",
        "candidacy:evidence-delete",
        "stakeholders:city",
        "library:curation",
        "library:curate",
        "candidacy:rounds",
        "candidacy:round",
        "candidacy:round-edit",
    } <= names
    assert DOSSIER_NAMES <= names


# --- (c) the admin, for a coordinator of another programme ---------------------------------


def _admin_targets(world):
    stage = world.stage(world.city_a, "office")
    return {
        "candidacy": world.city_a.candidacy.pk,
        "stageprogress": stage.pk,
        "city": world.city_a.pk,
        "callround": call_round_of_a(world).pk,
        "recognition": Recognition.objects.get_or_create(
            candidacy=world.city_a.candidacy,
            cycle=1,
            defaults={"starts_on": datetime.date(2025, 6, 5), "ends_on": datetime.date(2029, 6, 4)},
        )[0].pk,
    }


ADMIN_MODELS = [
    ("candidacy", "candidacy"),
    ("candidacy", "stageprogress"),
    ("candidacy", "callround"),
    ("candidacy", "recognition"),
    ("cities", "city"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("app,model", ADMIN_MODELS)
@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_other_coordinator_cannot_open_programme_a_in_the_admin(client, world, app, model, view):
    bring(world, world.city_a, "office", StageState.SUBMITTED)
    pk = _admin_targets(world)[model]
    url = reverse(f"admin:{app}_{model}_{view}", args=[pk])
    before = _full_snapshot()

    client.force_login(world.coordinator_b)
    assert client.get(url).status_code in (302, 403, 404)
    posted = client.post(
        url,
        {
            "post": "yes",  # confirms a deletion
            "name": "Taken over",
            "name_en": "Taken over",  # names kept per language (the admin)
            "slug": "taken-over",
            "programme": world.programme_b.pk,
            "region": "Elsewhere",
            "region_en": "Elsewhere",
            "state": StageState.APPROVED,
            "narrative": "Taken over.",
            "opens_on": "2024-01-01",
            "closes_on": "2024-12-31",
        },
    )
    assert posted.status_code in (302, 403, 404)
    assert _full_snapshot() == before

    # Programme A's own coordinator reaches the same object: the refusal above is about scope.
    # (Coordinators delete nothing, so theirs is a 403 on the object, not "does not exist".)
    client.force_login(world.coordinator_a)
    assert client.get(url).status_code == {"change": 200, "history": 200, "delete": 403}[view]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "action,extra",
    [
        ("approve_stages", {}),
        ("return_stages", {"confirm": "1", "comment": "Taken over."}),
        ("delete_selected", {"post": "yes"}),
    ],
)
def test_other_coordinator_cannot_act_on_programme_a_stages(client, world, action, extra):
    stage = bring(world, world.city_a, "office", StageState.SUBMITTED)
    before = _full_snapshot()
    client.force_login(world.coordinator_b)
    response = client.post(
        reverse("admin:candidacy_stageprogress_changelist"),
        {"action": action, "_selected_action": [stage.pk], **extra},
    )
    assert response.status_code in (200, 302, 403, 404)
    assert _full_snapshot() == before
    assert world.stage(world.city_a, "office").state == StageState.SUBMITTED


@pytest.mark.django_db
def test_other_coordinator_cannot_delete_programme_a_cities_from_the_list(client, world):
    before = _full_snapshot()
    client.force_login(world.coordinator_b)
    response = client.post(
        reverse("admin:cities_city_changelist"),
        {"action": "delete_selected", "_selected_action": [world.city_a.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302, 403, 404)
    assert _full_snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("user", ["office_a", "evaluator_a"])
def test_people_without_admin_access_are_sent_to_the_admin_login(client, world, user):
    client.force_login(getattr(world, user))
    url = reverse("admin:candidacy_candidacy_change", args=[world.city_a.candidacy.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("admin:login")


#: The admin's pages that change a programme's lifecycle (`cities.admin.ProgrammeAdmin`):
#: superusers only.
LIFECYCLE_VIEWS = ["admin:cities_programme_status", "admin:cities_programme_hand_over"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", LIFECYCLE_VIEWS)
@pytest.mark.parametrize("who", ["coordinator_a", "coordinator_b", "evaluator_a"])
def test_only_superusers_reach_the_programme_lifecycle_pages(client, world, superuser, name, who):
    url = reverse(name, args=[world.programme_a.pk])
    before = _full_snapshot(), list(Programme.objects.values())
    client.force_login(getattr(world, who))
    assert client.get(url).status_code in (302, 403, 404)
    posted = client.post(
        url, {"status": "closed", "to_body": "Taken over", "on": "2024-05-01", "note": "x"}
    )
    assert posted.status_code in (302, 403, 404)
    assert (_full_snapshot(), list(Programme.objects.values())) == before
    client.force_login(superuser)
    assert client.get(url).status_code == 200
