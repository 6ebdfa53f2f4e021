"""`manage.py load_demo`: fill an empty database with the demo data of `cities.demo` and print
the demo logins. On a database that already holds cities it changes nothing and only prints
the logins, so `make run` can run it every time.

Candidacies move only through `candidacy.services`, exactly as the portal's users move them;
afterwards the timestamps of what happened are dated back (with queryset updates of the date
fields only, never of a state) so that the history reads as the years it stands for.
"""

from __future__ import annotations

import dataclasses
import datetime

import jdatetime
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.test.utils import override_settings
from django.utils import timezone

from candidacy import rounds, services
from candidacy.models import (
    CallRound,
    Candidacy,
    Grants,
    Initiative,
    PlanAction,
    Recognition,
    SignOff,
    StageProgress,
    Transition,
)
from candidacy.programmes import LITHUANIA, PROGRAMMES, programme_load
from cities import services as cities_services
from cities.models import (
    City,
    District,
    Organisation,
    Programme,
    ProgrammeChange,
    RoleAssignment,
)
from cities.roles import Role
from cities.seed_names import PLACE_LANGUAGES, district_names, localized
from demo import data as demo
from demo.library import library_load
from demo.records import fill_demo_record, fill_demo_records
from notifications.reminders import reminders_due
from notifications.services import messages_deliver
from stakeholders.models import (
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilMember,
    CouncilType,
    Memorandum,
)

PASSWORD = "cfc-demo"  # noqa: S105 - the documented password of the demo logins


class Command(BaseCommand):
    help = (
        "Load the demo data (the Iran, Kazakhstan and Lithuania programmes, their cities, "
        "candidacies, councils, children's participation, memoranda and demo logins) into an "
        "empty database, and print the logins."
    )

    def handle(self, *args, **options):
        if City.objects.exists():
            self.stdout.write("The database already holds cities: the demo data was not loaded.")
        else:
            # Replaying years of history must not e-mail anyone: the workflow services queue
            # their notifications on commit, so the dummy backend covers the commit too.
            with (
                override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
                transaction.atomic(),
            ):
                demo_load(today=timezone.localdate())
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded the demo data: {Programme.objects.count()} programmes, "
                    f"{City.objects.count()} cities, {get_user_model().objects.count()} users."
                )
            )
        self._print_logins()

    def _print_logins(self):
        """Every demo login: the superuser, the coordinators and evaluators, then one office
        login per city, by programme."""
        countries = {spec.key: spec.country_name for spec in PROGRAMMES}
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for every one: {PASSWORD})")
        self.stdout.write(f"  {'username':<28} {'role':<24} scope")
        self._print_login("admin", "superuser", "everything")
        for user in demo.FEATURED_USERS:
            if user.role != Role.OFFICE:
                self._print_login(user.username, Role(user.role).label, countries[user.scope])
        for key, rows in demo.CITIES.items():
            for row in rows:
                self._print_login(
                    demo.office_username(row.slug),
                    Role.OFFICE.label,
                    f"{row.name} ({countries[key]})",
                )

        programme = demo.CLOSED_NAMES["en"]
        for user in demo.CLOSED_PEOPLE:
            self._print_login(user.username, Role(user.role).label, f"{programme} (closed)")
        for slug, (names, *_rest) in demo.CLOSED_CITIES.items():
            self._print_login(
                demo.office_username(slug), Role.OFFICE.label, f"{names['en']} ({programme})"
            )

    def _print_login(self, username: str, role, scope: str) -> None:
        self.stdout.write(f"  {username:<28} {str(role):<24} {scope}")


def demo_load(*, today: datetime.date) -> None:
    """Create the whole demo data set. Call inside a transaction, on a database without cities."""
    programmes, cities = programmes_and_cities_load()
    people = _users_create(programmes, cities)
    joint_load(cities, people)
    plans = {plan.slug: plan for plan in demo.city_plans(today)}
    for slug, city in cities.items():
        key = city.programme.key
        replay = _Replay(
            city,
            {
                Role.OFFICE: people[demo.office_username(slug)],
                Role.COORDINATOR: people[f"{key}.coordinator"],
                Role.EVALUATOR: people[f"{key}.evaluator"],
            },
        )
        replay.run(plans[slug], today=today)
        fill_demo_records(city)
    call_round_load(programmes["iran"], people["iran.coordinator"])
    closed_programme_load(by=people["admin"])
    stakeholders_load(programmes, cities)
    _records_link()
    library_load(
        cities,
        {key: people[f"{key}.coordinator"] for key in {c.programme.key for c in cities.values()}},
    )
    # Recognitions the replay dated back whose end has passed are recorded as lapsed, as the
    # daily `record_lapses` would have.
    services.recognition_lapses_record(today=today)
    # The inbox holds the workflow's notices of the replay; add today's reminders to it.
    messages_deliver(reminders_due())


def joint_load(cities: dict[str, City], people: dict) -> None:
    """The joint candidacies (`demo.CITIES`' `joint_with`), set by their programme's
    coordinator through the service, so each has its history row."""
    for rows in demo.CITIES.values():
        for row in rows:
            if row.joint_with:
                city = cities[row.slug]
                cities_services.city_joint_set(
                    city=city,
                    partner=cities[row.joint_with],
                    by=people[f"{city.programme.key}.coordinator"],
                )


def call_round_load(programme: Programme, coordinator) -> CallRound:
    """Iran's call round of this Solar Hijri year ("Call 1405"), from Nowruz, with every Iranian
    candidacy in it. It closed the day before the latest Iranian application (a first stage),
    which is so its one late submission (`candidacy.rounds`); applications no longer close
    with it, so the demo's cities may still send their first stage."""
    stages = StageProgress.objects.filter(
        rounds.application_q(), candidacy__city__programme=programme, submitted_at__isnull=False
    )
    latest = max(timezone.localdate(when) for when in stages.values_list("submitted_at", flat=True))
    closes_on = latest - datetime.timedelta(days=1)
    year = jdatetime.date.fromgregorian(date=closes_on).year
    opens_on = min(jdatetime.date(year, 1, 1).togregorian(), closes_on)
    year_fa = str(year).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    call_round = services.round_open(
        programme=programme,
        by=coordinator,
        name=f"Call {year}",
        name_en=f"Call {year}",
        name_fa=f"فراخوان {year_fa}",
        name_ru=f"Тур приёма заявок {year}",
        name_kk=f"Өтінім қабылдау туры {year}",
        name_lt=f"Paraiškų priėmimo turas {year}",
        opens_on=opens_on,
        closes_on=closes_on,
        decision_by=closes_on + datetime.timedelta(days=60),
        applications_close=False,
        notes="Cities that join the programme this year apply in this round.",
    )
    for candidacy in Candidacy.objects.filter(city__programme=programme):
        services.candidacy_join_round(candidacy=candidacy, call_round=call_round, by=coordinator)
    return call_round


def closed_programme_load(*, by) -> Programme:
    """The demo's closed programme (`demo.CLOSED_PROGRAMME_KEY`): Lithuania's stages, two
    cities and their people, replayed through the workflow services as of the spring of 2024
    (one city recognised, one a candidate), then closed on `demo.CLOSED_ON` by `by` (a
    superuser) through `cities.services.programme_status_change`, which writes its history."""
    spec = dataclasses.replace(
        LITHUANIA,
        key=demo.CLOSED_PROGRAMME_KEY,
        name=demo.CLOSED_NAMES["en"],
        coordinating_body=demo.CLOSED_BODIES["en"],
    )
    programme = programme_load(spec)
    Programme.objects.filter(pk=programme.pk).update(
        **{f"name_{code}": name for code, name in demo.CLOSED_NAMES.items()},
        **{f"coordinating_body_{code}": body for code, body in demo.CLOSED_BODIES.items()},
    )
    programme.refresh_from_db()
    password = make_password(PASSWORD)
    User = get_user_model()
    people = {}
    for row in demo.CLOSED_PEOPLE:
        user = User.objects.create(
            username=row.username,
            first_name=row.first_name,
            last_name=row.last_name,
            email=row.email,
            password=password,
            is_staff=row.role == Role.COORDINATOR,
        )
        RoleAssignment.objects.create(user=user, role=row.role, programme=programme)
        people[row.role] = user
    plans = {plan.slug: plan for plan in demo.closed_city_plans()}
    for slug, (names, regions, joined, person, position) in demo.CLOSED_CITIES.items():
        city = City.objects.create(
            slug=slug,
            programme=programme,
            **{f"name_{code}": name for code, name in names.items()},
            **{f"region_{code}": region for code, region in regions.items()},
            joined_on=joined,
            latitude=position[0],
            longitude=position[1],
        )
        office = demo.DemoUser(demo.office_username(slug), *person, Role.OFFICE, slug)
        user = User.objects.create(
            username=office.username,
            first_name=office.first_name,
            last_name=office.last_name,
            email=office.email,
            password=password,
        )
        RoleAssignment.objects.create(user=user, role=Role.OFFICE, city=city)
        replay = _Replay(city, {**people, Role.OFFICE: user})
        replay.run(plans[slug], today=demo.CLOSED_ON - datetime.timedelta(days=1))
    programme = cities_services.programme_status_change(
        programme=programme,
        by=by,
        status=Programme.Status.CLOSED,
        on=demo.CLOSED_ON,
        note=demo.CLOSED_NOTE,
    )
    ProgrammeChange.objects.filter(programme=programme).update(at=_moment(demo.CLOSED_ON))
    return programme


def programmes_and_cities_load() -> tuple[dict[str, Programme], dict[str, City]]:
    """The three programmes and their demo cities (no candidacy yet), by key and by slug."""
    programmes = {spec.key: programme_load(spec) for spec in PROGRAMMES}
    return programmes, _cities_create(programmes)


def stakeholders_load(programmes: dict[str, Programme], cities: dict[str, City]) -> None:
    """The demo's organisations, councils and members, children's participation, memoranda
    and commitments, bulk-created."""
    councils = _councils_create(programmes, cities)
    _participation_create(councils)
    _memoranda_create(cities)


def _cities_create(programmes: dict[str, Programme]) -> dict[str, City]:
    cities = City.objects.bulk_create(
        City(
            slug=row.slug,
            programme=programmes[key],
            **localized("name", row.name, PLACE_LANGUAGES[key]),
            **localized("region", row.region, PLACE_LANGUAGES[key]),
            joined_on=row.joined_on,
            entity_type=row.entity_type,
            latitude=demo.POSITIONS[row.slug][0],
            longitude=demo.POSITIONS[row.slug][1],
            publish_plan=row.slug in demo.PUBLIC_PAGES,
            publish_proposals=row.slug in demo.PUBLIC_PAGES,
        )
        for key, rows in demo.CITIES.items()
        for row in rows
    )
    by_slug = {city.slug: city for city in cities}
    District.objects.bulk_create(
        District(city=by_slug["isfahan"], number=number, **district_names(number, "iran"))
        for number in range(1, demo.ISFAHAN_DISTRICTS + 1)
    )
    return by_slug


def _users_create(programmes: dict[str, Programme], cities: dict[str, City]) -> dict:
    User = get_user_model()
    password = make_password(PASSWORD)  # hashed once: the hasher is slow on purpose
    rows = [demo.ADMIN, *demo.office_users()]
    rows += [user for user in demo.FEATURED_USERS if user.role != Role.OFFICE]
    users = User.objects.bulk_create(
        User(
            username=row.username,
            first_name=row.first_name,
            last_name=row.last_name,
            email=row.email,
            password=password,
            is_superuser=row is demo.ADMIN,
            is_staff=row is demo.ADMIN or row.role == Role.COORDINATOR,
        )
        for row in rows
    )
    by_username = {user.username: user for user in users}
    RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=by_username[row.username],
            role=row.role,
            city=cities[row.scope] if row.role == Role.OFFICE else None,
            programme=programmes[row.scope] if row.role != Role.OFFICE else None,
        )
        for row in rows
        if row.role
    )
    return by_username


# --- moving a city through its stages -----------------------------------------------------------


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _spread(
    start: datetime.date, known: dict[int, datetime.date], count: int, end: datetime.date
) -> list[datetime.date]:
    """Approval dates for `count` steps: the known ones as given, the last one on `end` unless
    known, the others evenly between their known neighbours (or the start)."""
    if count == 0:
        return []
    known = {count - 1: end, **known}
    points = sorted([(-1, start), *known.items()])
    if any(points[k][1] >= points[k + 1][1] for k in range(len(points) - 1)):
        raise ValueError(f"Demo dates out of order: {points}")
    dates = []
    for index in range(count):
        if index in known:
            dates.append(known[index])
            continue
        (i0, d0), (i1, d1) = next(
            (points[k], points[k + 1])
            for k in range(len(points) - 1)
            if points[k][0] < index < points[k + 1][0]
        )
        dates.append(d0 + (d1 - d0) * (index - i0) / (i1 - i0))
    return dates


class _Replay:
    """Moves one city's candidacy to where its `demo.CityPlan` says, through the workflow
    services, then dates each step back to when it happened."""

    def __init__(self, city: City, people: dict[str, object]):
        self.city = city
        self.people = people
        self.candidacy_id = None
        self.calls: list[tuple[datetime.datetime, datetime.datetime]] = []

    def run(self, plan: demo.CityPlan, *, today: datetime.date) -> None:
        candidacy = self._call(
            _moment(plan.started_on),
            services.candidacy_start,
            city=self.city,
            started_on=plan.started_on,
        )
        self.candidacy_id = candidacy.pk
        # The programme's evaluator declares no conflict of interest before the dossier.
        services.conflict_declare(
            candidacy=candidacy, by=self.people[Role.EVALUATOR], has_conflict=False
        )
        stages = list(
            candidacy.stages.select_related("definition", "candidacy__city__programme").order_by(
                "definition__position"
            )
        )
        target = next(stage for stage in stages if stage.definition.key == plan.stage)
        before = [s for s in stages if s.definition.position < target.definition.position]
        steps = [(stage, 1) for stage in before]
        steps += [(target, number) for number in range(1, len(plan.reviews) + 1)]
        known = {
            index: plan.approved_on[stage.definition.key]
            for index, (stage, _) in enumerate(steps[: len(before)])
            if stage.definition.key in plan.approved_on
        }
        known.update({len(before) + n: day for n, day in enumerate(plan.reviews)})
        event = today - datetime.timedelta(days=plan.days_ago)
        target_opened = event - datetime.timedelta(
            days={demo.OPEN: 0, demo.SUBMITTED: 30, demo.SIGNED: 40, demo.RETURNED: 45}[plan.state]
        )
        approvals = _spread(plan.started_on, known, len(steps), target_opened)

        opened = _moment(plan.started_on)
        for (stage, round_number), day in zip(steps, approvals, strict=True):
            approved = _moment(day)
            self._complete(
                stage, round_number, opened, approved, plan.detours.get(stage.definition.key)
            )
            opened = approved
        self._leave(target, len(plan.reviews) + 1, plan, opened, _moment(event), today)
        self._backdate()

    # -- one stage --

    def _narrative(self, stage: StageProgress, round_number: int) -> str:
        return demo.narrative(
            self.city.programme.key,
            self.city.slug,
            self.city.name,
            self.city.joined_on,
            stage.definition.key,
            round_number,
        )

    def _preparer(self, stage: StageProgress):
        return self.people[stage.definition.prepared_by]

    def _complete(self, stage, round_number, opened, approved, detour: str | None) -> None:
        """Prepare, submit and have every signatory approve the stage (after one return, if
        the plan says so)."""
        span = approved - opened
        text = self._narrative(stage, round_number)
        self._call(
            opened + span / 6,
            services.stage_save_draft,
            progress=stage,
            by=self._preparer(stage),
            narrative=text,
        )
        if detour:
            self._call(
                opened + span * 0.3, services.stage_submit, progress=stage, by=self._preparer(stage)
            )
            returned = opened + span * 0.45
            self._call(
                returned,
                services.stage_return,
                progress=stage,
                by=self.people[stage.definition.signatory_roles[0]],
                comment=detour,
            )
            revised = f"{text}\n\n{demo.REVISION_NOTE.format(day=returned)}"
            self._call(
                opened + span * 0.55,
                services.stage_save_draft,
                progress=stage,
                by=self._preparer(stage),
                narrative=revised,
            )
        submitted = approved - min(datetime.timedelta(days=21), span / 3)
        self._call(submitted, services.stage_submit, progress=stage, by=self._preparer(stage))
        roles = stage.definition.signatory_roles
        if len(roles) > 1:
            first = approved - min(datetime.timedelta(days=7), (approved - submitted) / 2)
            self._call(first, services.stage_approve, progress=stage, by=self.people[roles[0]])
        real_today = timezone.localdate()
        self._call(approved, services.stage_approve, progress=stage, by=self.people[roles[-1]])
        self._date_grants(stage, approved.date(), real_today)

    def _leave(self, stage, round_number, plan: demo.CityPlan, opened, event, today) -> None:
        """Put the current stage in the state the plan names."""
        text = self._narrative(stage, round_number)
        preparer = self._preparer(stage)
        roles = stage.definition.signatory_roles
        if plan.state == demo.OPEN:
            drafted = min(
                opened + (_moment(today) - opened) / 2, _moment(today) - datetime.timedelta(days=1)
            )
            self._call(
                drafted, services.stage_save_draft, progress=stage, by=preparer, narrative=text
            )
            return
        self._call(
            opened + (event - opened) / 3,
            services.stage_save_draft,
            progress=stage,
            by=preparer,
            narrative=text,
        )
        if plan.state == demo.SUBMITTED:
            self._call(event, services.stage_submit, progress=stage, by=preparer)
            return
        if plan.state == demo.SIGNED:
            if roles != [Role.COORDINATOR, Role.EVALUATOR]:
                raise ValueError(f"{plan.slug}: {plan.stage} is not a joint stage")
            days, decide, signatory = 12, services.stage_approve, Role.COORDINATOR
            comment = "The plans and actions meet the ministry's criteria."
        elif plan.state == demo.RETURNED:
            days, decide, signatory, comment = 10, services.stage_return, roles[0], plan.comment
        else:
            raise ValueError(f"{plan.slug}: unknown state {plan.state!r}")
        submitted = event - datetime.timedelta(days=days)
        self._call(submitted, services.stage_submit, progress=stage, by=preparer)
        self._call(event, decide, progress=stage, by=self.people[signatory], comment=comment)

    # -- dating what happened --

    def _call(self, when: datetime.datetime, service, **kwargs):
        """Call a workflow service now, noting when in the story it happened."""
        self.calls.append((timezone.now(), when.replace(hour=9 + when.hour // 3)))
        if service is services.stage_submit:  # a stage's record is filled before it is sent
            fill_demo_record(kwargs["progress"], by=kwargs["by"], on=when.date())
        return service(**kwargs)

    def _backdate(self) -> None:
        """Give every timestamp the services wrote the time its call stands for: a value
        written at or after the start of call N (and before call N+1) gets call N's time. Only
        timestamps change here; states stay as the services left them."""

        def dated(name):
            return Case(
                *(
                    When(**{f"{name}__gte": began}, then=Value(when))
                    for began, when in reversed(self.calls)
                ),
                default=F(name),
            )

        Transition.objects.filter(progress__candidacy_id=self.candidacy_id).update(
            created_at=dated("created_at")
        )
        SignOff.objects.filter(progress__candidacy_id=self.candidacy_id).update(
            signed_at=dated("signed_at")
        )
        StageProgress.objects.filter(candidacy_id=self.candidacy_id).update(
            **{
                name: dated(name)
                for name in ("opened_at", "submitted_at", "approved_at", "updated_at")
            }
        )

    def _date_grants(self, stage: StageProgress, day: datetime.date, real_today) -> None:
        """The status dates an approval granted, as of the day it happened."""
        definition = stage.definition
        candidacy = Candidacy.objects.filter(pk=self.candidacy_id)
        if definition.grants == Grants.CANDIDACY:
            candidacy.filter(candidate_since=real_today).update(candidate_since=day)
        elif definition.grants == Grants.RECOGNITION:
            candidacy.filter(recognised_since=real_today).update(recognised_since=day)
            until = services.recognition_ends_on(day, definition.validity_months)
            candidacy.update(recognised_until=until)
            # the cycle this approval started (`services._grant`), as of the same day
            latest = (
                Recognition.objects.filter(candidacy_id=self.candidacy_id)
                .order_by("-cycle")
                .values_list("pk", flat=True)[:1]
            )
            Recognition.objects.filter(pk__in=list(latest)).update(starts_on=day, ends_on=until)


def _bulk_create_nested(rows, parent, children, child) -> list:
    """Insert `parent(row)` for every row, then `child(row, its parent, item)` for every item
    of `children(row)`: two bulk inserts. Returns the parents, in the order of `rows`."""
    built = [parent(row) for row in rows]
    parents = type(built[0]).objects.bulk_create(built) if built else []
    kids = [
        child(row, made, item)
        for row, made in zip(rows, parents, strict=True)
        for item in children(row)
    ]
    if kids:
        type(kids[0]).objects.bulk_create(kids)
    return parents


# --- councils -----------------------------------------------------------------------------------


def _councils_create(
    programmes: dict[str, Programme], cities: dict[str, City]
) -> dict[tuple[str, str], Council]:
    """The council types, organisations, councils and members of `demo.councils()`; returns
    the councils by (city slug, council type key)."""
    types = {
        (key, row.key): CouncilType(
            programme=programmes[key],
            key=row.key,
            **localized("name", row.name),
            involves_children=row.involves_children,
        )
        for key, rows in demo.COUNCIL_TYPES.items()
        for row in rows
    }
    CouncilType.objects.bulk_create(types.values())
    rows = demo.councils()
    organisations: dict[tuple[str, str], Organisation] = {}
    for row in rows:
        for seat in row.seats:
            organisations.setdefault(
                (row.city, seat.organisation),
                Organisation(
                    city=cities[row.city],
                    name=seat.organisation,
                    inside_municipality=seat.inside_municipality,
                    sector=demo.sector_of(seat.organisation, seat.inside_municipality),
                ),
            )
    Organisation.objects.bulk_create(organisations.values())
    councils = _bulk_create_nested(
        rows,
        lambda row: Council(
            city=cities[row.city],
            council_type=types[(cities[row.city].programme.key, row.council_type)],
            name=row.name,
            established_on=row.established_on,
        ),
        lambda row: row.seats,
        lambda row, council, seat: CouncilMember(
            council=council,
            organisation=organisations[(row.city, seat.organisation)],
            representative=seat.representative,
            position=seat.position,
            contact=demo.person_email(seat.representative),
            seat_role=seat.seat_role,
            term_start=row.term[0],
            term_end=row.term[1],
        ),
    )
    return {
        (row.city, row.council_type): council for row, council in zip(rows, councils, strict=True)
    }


# --- children's participation and memoranda -------------------------------------------------------
# Seed data, written in bulk; the rows keep the rules the services enforce (children's councils
# only, answers dated after the proposals, commitments due after the signing), which
# tests/demo/test_load_demo.py checks with each model's own validation.


def _participation_create(councils: dict[tuple[str, str], Council]) -> None:
    ChildrenCouncilMakeUp.objects.bulk_create(
        ChildrenCouncilMakeUp(
            council=councils[(row.city, row.council_type)],
            recorded_on=row.recorded_on,
            **dict(
                zip(
                    (
                        "girls_under_10",
                        "boys_under_10",
                        "girls_10_13",
                        "boys_10_13",
                        "girls_14_17",
                        "boys_14_17",
                    ),
                    row.counts,
                    strict=True,
                )
            ),
            selection=row.selection,
            selection_note=row.selection_note,
            children_with_disabilities=row.children_with_disabilities,
            minority_children=row.minority_children,
        )
        for row in demo.MAKEUPS
    )
    ChildrenCouncilSession.objects.bulk_create(
        ChildrenCouncilSession(
            council=councils[(row.city, row.council_type)],
            held_on=row.held_on,
            topic=row.topic,
            attendance=row.attendance,
        )
        for row in demo.SESSIONS
    )
    organisations = {
        (organisation.city.slug, organisation.name): organisation
        for organisation in Organisation.objects.select_related("city")
    }
    districts = {
        (district.city.slug, district.number): district
        for district in District.objects.select_related("city")
    }
    ChildrenProposal.objects.bulk_create(
        ChildrenProposal(
            council=councils[(row.city, row.council_type)],
            programme_id=councils[(row.city, row.council_type)].city.programme_id,
            **dict(zip(ChildrenProposal.COUNT_FIELDS, row.counts, strict=True)),
            district=districts[(row.city, row.district)] if row.district else None,
            title=row.title,
            details=row.details,
            received_on=row.received_on,
            status=row.status,
            answer=row.answer,
            answered_on=row.answered_on,
            responsible_organisation=organisations[(row.city, row.responsible)]
            if row.responsible
            else None,
        )
        for row in demo.PROPOSALS
    )


def _records_link() -> None:
    """The two links between the stage records and the stakeholders, made once both exist (the
    records are written during the replay, before the councils and proposals)."""
    _proposals_link()
    _initiatives_link()


def _proposals_link() -> None:
    """Point the children's proposals of `demo.PROPOSALS` that name a plan action (by title) at
    that action of their city's operational plans."""
    rows = [row for row in demo.PROPOSALS if row.plan_action]
    actions = {
        (action.operational_plan.plan.progress.candidacy.city.slug, action.title): action
        for action in PlanAction.objects.filter(
            title__in=[row.plan_action for row in rows]
        ).select_related("operational_plan__plan__progress__candidacy__city")
    }
    proposals = {
        (proposal.council.city.slug, proposal.title): proposal
        for proposal in ChildrenProposal.objects.filter(
            title__in=[row.title for row in rows]
        ).select_related("council__city")
    }
    linked = []
    for row in rows:
        proposal = proposals[(row.city, row.title)]
        proposal.plan_action = actions[(row.city, row.plan_action)]
        linked.append(proposal)
    ChildrenProposal.objects.bulk_update(linked, ["plan_action"])


def _initiatives_link() -> None:
    """The stocktake's initiatives were written during the replay, before the cities'
    organisations existed, with the responsible organisation as free text. Point each one whose
    name is in its city's catalogue at the catalogued organisation instead (one or the other,
    never both: `Initiative.clean`)."""
    organisations = {
        (organisation.city_id, organisation.name): organisation
        for organisation in Organisation.objects.all()
    }
    linked = []
    for initiative in Initiative.objects.filter(responsible_body__isnull=True).select_related(
        "progress__candidacy"
    ):
        key = (initiative.progress.candidacy.city_id, initiative.responsible_organisation)
        if key in organisations:
            initiative.responsible_body = organisations[key]
            initiative.responsible_organisation = ""
            linked.append(initiative)
    Initiative.objects.bulk_update(linked, ["responsible_body", "responsible_organisation"])


def _memoranda_create(cities: dict[str, City]) -> None:
    rows = demo.memoranda()
    _bulk_create_nested(
        rows,
        lambda row: Memorandum(
            city=cities[row.city],
            title=row.title,
            parties=row.parties,
            signed_on=row.signed_on,
            summary=row.summary,
        ),
        lambda row: row.commitments,
        lambda row, memorandum, commitment: Commitment(
            memorandum=memorandum,
            programme_id=memorandum.city.programme_id,
            party=commitment.party,
            party_name=commitment.party_name,
            description=commitment.description,
            due_on=commitment.due_on,
            status=commitment.status,
            evidence_note=commitment.evidence_note,
            status_changed_on=commitment.status_changed_on,
        ),
    )
