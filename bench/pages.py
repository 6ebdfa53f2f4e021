"""What the benchmark measures: each main page, as whom, and the target of its ratio to the
floor (issue 10's table). Needs a configured Django and a database holding a world of
`manage.py load_world` (any scale: the tests use a tiny one)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count
from django.test import RequestFactory
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from candidacy.models import PlanAction, StageKind, StageProgress
from cities.models import City, Programme, RoleAssignment
from cities.roles import Role

ANONYMOUS = "anonymous"
BENCH_DEVICE = "bench"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    role: str  # a Role, or ANONYMOUS
    target: float | None  # the least ratio to the floor; None: measured, no target


@dataclass(frozen=True)
class Cast:
    """The world's people and places the pages are measured with."""

    big_city: City
    import_city: City
    programme: Programme  # the biggest
    users: dict  # role: user


def cast() -> Cast:
    """The big city (the plan of most actions), the import city (the other city of 100
    districts), the biggest programme and its people."""
    top = (
        PlanAction.objects.values("operational_plan__plan__progress__candidacy__city")
        .annotate(actions=Count("pk"))
        .order_by("-actions")
        .first()
    )
    big_city = City.objects.select_related("programme").get(
        pk=top["operational_plan__plan__progress__candidacy__city"]
    )
    import_city = (
        City.objects.annotate(size=Count("districts"))
        .exclude(pk=big_city.pk)
        .order_by("-size", "pk")
        .first()
    )
    programme = Programme.objects.annotate(size=Count("cities")).order_by("-size", "pk").first()

    def first(role, **scope):
        return RoleAssignment.objects.filter(role=role, **scope).order_by("pk").first().user

    users = {
        Role.OFFICE: first(Role.OFFICE, city=big_city),
        Role.COORDINATOR: first(Role.COORDINATOR, programme=programme),
        Role.EVALUATOR: first(Role.EVALUATOR, programme=big_city.programme),
    }
    return Cast(big_city, import_city, programme, users)


def stage_key(city: City, kind: str) -> str:
    return (
        StageProgress.objects.filter(candidacy__city=city, definition__kind=kind)
        .values_list("definition__key", flat=True)
        .first()
    )


def admin_changelists(user) -> list[tuple[str, str]]:
    """(model name, URL) of every changelist the admin's index offers `user`."""
    request = RequestFactory().get(reverse("admin:index"))
    request.user = user
    return [
        (
            f"{app['app_label']}.{model['object_name'].lower()}",
            # the stages' list opens on "awaiting my sign-off": measured whole
            model["admin_url"]
            + ("?awaiting_me=all" if model["object_name"] == "StageProgress" else ""),
        )
        for app in admin.site.get_app_list(request)
        for model in app["models"]
        if model.get("admin_url") and model["perms"].get("view", model["perms"].get("change"))
    ]


def pages(people: Cast) -> list[Page]:
    city = people.big_city
    atlas = stage_key(city, StageKind.CHILDRENS_ATLAS)
    plans = stage_key(city, StageKind.PLANS)
    found = [
        Page("public list /", reverse("public-cities"), ANONYMOUS, 0.5),
        Page(
            "city page (big city)", reverse("candidacy:city", args=[city.slug]), Role.OFFICE, 0.25
        ),
        Page(
            "coordinator overview (biggest programme)",
            reverse("candidacy:overview", args=[people.programme.key]),
            Role.COORDINATOR,
            0.25,
        ),
        Page("sign-off queue (coordinator)", reverse("candidacy:queue"), Role.COORDINATOR, 0.25),
        Page("sign-off queue (evaluator)", reverse("candidacy:queue"), Role.EVALUATOR, 0.25),
        Page(
            "atlas record page (100 x 100)",
            reverse("candidacy:atlas", args=[city.slug, atlas]),
            Role.OFFICE,
            0.1,
        ),
        Page(
            "plans page (300 actions)",
            reverse("candidacy:stage", args=[city.slug, plans]),
            Role.OFFICE,
            0.1,
        ),
    ]
    # the public face (issue 12): the big city publishes its plan and its children's proposals
    public = [city.programme.key, city.slug]
    found += [
        Page("public city page (big city)", reverse("public-city", args=public), ANONYMOUS, 0.25),
        Page(
            "public city report (big city)",
            reverse("public-city-report", args=public),
            ANONYMOUS,
            0.25,
        ),
        Page("good-practice library", reverse("good-practice"), ANONYMOUS, 0.25),
        Page("open data", reverse("open-data"), ANONYMOUS, 0.25),
    ]
    lists = admin_changelists(people.users[Role.COORDINATOR])
    lists.sort(key=lambda item: item[0] != "candidacy.candidacy")  # the candidacies first
    found += [Page(f"admin {name}", url, Role.COORDINATOR, 0.03) for name, url in lists]
    found.append(Page("login page", reverse("login"), ANONYMOUS, None))
    return found


def session_key(user, *, two_factor: bool = False) -> str:
    """A signed-in session for `user`, made with the session engine directly (as the login
    view would leave it). `two_factor`: give the user a confirmed TOTP device and mark the
    session verified by it (django_otp's login), as the admin requires."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if two_factor:
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name=BENCH_DEVICE, defaults={"confirmed": True}
        )
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return store.session_key


def sessions(people: Cast) -> dict[str, str]:
    """A session key for each role (the coordinator's verified for the admin)."""
    return {
        role: session_key(user, two_factor=role == Role.COORDINATOR)
        for role, user in people.users.items()
    }
