"""factory-boy factories for every app. `candidacy_with_stages` builds a real pipeline through
the services, as the portal does."""

import factory
from django.contrib.auth import get_user_model

from candidacy.models import Preparer, StageDefinition, StageKind
from cities.models import City, Country, District, Organisation, Programme, RoleAssignment
from cities.roles import Role
from stakeholders.models import Council, CouncilMember, CouncilType


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", "cfc-test")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.Sequence(lambda n: f"Country {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    key = factory.Sequence(lambda n: f"programme-{n}")
    country = factory.SubFactory(CountryFactory)
    name = factory.Sequence(lambda n: f"Programme {n}")
    coordinating_body = "Ministry"


class StageDefinitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageDefinition

    programme = factory.SubFactory(ProgrammeFactory)
    position = factory.Sequence(lambda n: n + 1)
    key = factory.Sequence(lambda n: f"stage-{n}")
    kind = StageKind.OFFICE_FORMATION
    title = factory.Sequence(lambda n: f"Stage {n}")
    prepared_by = Preparer.CITY
    signed_by_coordinator = True


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    slug = factory.Sequence(lambda n: f"city-{n}")
    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"City {n}")
    region = "North"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    city = factory.SubFactory(CityFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda district: f"District {district.number}")


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.OFFICE


class CouncilTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilType

    programme = factory.SubFactory(ProgrammeFactory)
    key = factory.Sequence(lambda n: f"council-type-{n}")
    name = factory.Sequence(lambda n: f"Council type {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    inside_municipality = True


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    city = factory.SubFactory(CityFactory)
    council_type = factory.LazyAttribute(
        lambda council: CouncilTypeFactory(programme=council.city.programme)
    )
    name = factory.Sequence(lambda n: f"Council {n}")


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    organisation = factory.LazyAttribute(
        lambda member: OrganisationFactory(city=member.council.city)
    )
    representative = factory.Faker("name")
    position = "Director"
    contact = factory.Faker("email")


def step(key: str, kind, prepared_by=Preparer.CITY, *, coordinator=None, evaluator=None, **extra):
    """One stage definition's fields for `make_programme`. The coordinator signs what the city
    or the coordinator prepares, the evaluator what the evaluator prepares, unless
    `coordinator` or `evaluator` says otherwise."""
    by_evaluator = prepared_by == Preparer.EVALUATOR
    return dict(
        key=key,
        kind=kind,
        prepared_by=prepared_by,
        signed_by_coordinator=not by_evaluator if coordinator is None else coordinator,
        signed_by_evaluator=by_evaluator if evaluator is None else evaluator,
        **extra,
    )


def make_programme(*, steps=None, **kwargs) -> Programme:
    """A programme with a small but complete sequence:
    1 city→coordinator, 2 city→coordinator+evaluator (joint), 3 evaluator→evaluator (grants
    candidacy), 4 evaluator→evaluator (grants recognition, 24 months), 5 ongoing review."""
    programme = ProgrammeFactory(**kwargs)
    recognition = dict(grants="recognition", validity_months=24)
    steps = steps or [
        step("office", StageKind.OFFICE_FORMATION),
        step("joint", StageKind.EVALUATION, evaluator=True),
        step("candidacy", StageKind.CANDIDACY, Preparer.EVALUATOR, grants="candidacy"),
        step("badge", StageKind.RECOGNITION, Preparer.EVALUATOR, **recognition),
        step("review", StageKind.ONGOING_REVIEW, evaluator=True, **recognition),
    ]
    for position, fields in enumerate(steps, start=1):
        StageDefinitionFactory(
            programme=programme, position=position, title=fields["key"].title(), **fields
        )
    return programme


def make_city(programme: Programme, **kwargs) -> City:
    """A city of the programme with its candidacy started (first stage open)."""
    from candidacy.services import candidacy_start

    city = CityFactory(programme=programme, **kwargs)
    candidacy_start(city=city)
    evaluators = RoleAssignment.objects.filter(role=Role.EVALUATOR, programme=programme)
    _declare_no_conflict([row.user_id for row in evaluators], [city.candidacy.pk])
    return city


def _declare_no_conflict(user_ids, candidacy_ids) -> None:
    """The factories' evaluators have declared no conflict of interest with the cities of
    their programme (`candidacy.permissions.has_cleared_conflict`); a test of the
    declaration uses `evaluator_user(..., declared=False)` or deletes the rows."""
    from candidacy.models import ConflictDeclaration

    ConflictDeclaration.objects.bulk_create(
        [
            ConflictDeclaration(evaluator_id=user_id, candidacy_id=candidacy_id, has_conflict=False)
            for user_id in user_ids
            for candidacy_id in candidacy_ids
        ],
        ignore_conflicts=True,
    )


def stage_of(city: City, key: str):
    """The city's stage `key`, with what its pages and services read of it."""
    return city.candidacy.stages.select_related("definition", "candidacy__city__programme").get(
        definition__key=key
    )


def office_user(city: City, **kwargs):
    user = UserFactory(**kwargs)
    RoleAssignmentFactory(user=user, role=Role.OFFICE, city=city)
    return user


def coordinator_user(programme: Programme, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    RoleAssignmentFactory(user=user, role=Role.COORDINATOR, programme=programme)
    return user


def coordinator_recused_from(city: City, **kwargs):
    """A coordinator of the city's programme who evaluates it too and declared a conflict of
    interest with the city: recused from its stages in both roles
    (`candidacy.permissions.is_recused`), its other cities declared clear."""
    from candidacy.models import Candidacy, ConflictDeclaration

    user = coordinator_user(city.programme, **kwargs)
    RoleAssignmentFactory(user=user, role=Role.EVALUATOR, programme=city.programme)
    ConflictDeclaration.objects.create(
        evaluator=user, candidacy=city.candidacy, has_conflict=True, statement="Kin."
    )
    others = Candidacy.objects.filter(city__programme=city.programme).exclude(city=city)
    _declare_no_conflict([user.pk], list(others.values_list("pk", flat=True)))
    return user


def evaluator_user(programme: Programme, *, declared: bool = True, **kwargs):
    """An evaluator of the programme; `declared`: having declared no conflict of interest
    with the programme's cities so far."""
    from candidacy.models import Candidacy

    user = UserFactory(**kwargs)
    RoleAssignmentFactory(user=user, role=Role.EVALUATOR, programme=programme)
    if declared:
        candidacies = Candidacy.objects.filter(city__programme=programme).values_list(
            "pk", flat=True
        )
        _declare_no_conflict([user.pk], list(candidacies))
    return user


def make_two_programmes(*, programmes, cities, scopes, steps=None) -> dict:
    """The world most tests stand in: two programmes on the same `steps` ((key, name) each),
    two cities of the first and one of the second ((slug, name) each: city, other_city,
    far_city), an office per city and a coordinator and an evaluator per programme, named
    `office.<scope>`, `coord.<scope>`, `eval.<scope>` by the city's scope in `scopes`.
    Returns them by those names, with far_ for the second programme's."""
    (key, name), (far_key, far_name) = programmes
    programme = make_programme(key=key, name=name, steps=steps)
    far_programme = make_programme(key=far_key, name=far_name, steps=steps)
    (slug, city_name), (other_slug, other_name), (far_slug, far_city_name) = cities
    city = make_city(programme, slug=slug, name=city_name)
    other_city = make_city(programme, slug=other_slug, name=other_name)
    far_city = make_city(far_programme, slug=far_slug, name=far_city_name)
    scope, other_scope, far_scope = scopes
    return dict(
        programme=programme,
        far_programme=far_programme,
        city=city,
        other_city=other_city,
        far_city=far_city,
        office=office_user(city, username=f"office.{scope}"),
        other_office=office_user(other_city, username=f"office.{other_scope}"),
        far_office=office_user(far_city, username=f"office.{far_scope}"),
        coordinator=coordinator_user(programme, username=f"coord.{scope}"),
        evaluator=evaluator_user(programme, username=f"eval.{scope}"),
        far_coordinator=coordinator_user(far_programme, username=f"coord.{far_scope}"),
        far_evaluator=evaluator_user(far_programme, username=f"eval.{far_scope}"),
    )


def signs_in(client, username: str, password: str) -> bool:
    """Sign in through the login page, as a person does (the throttle and two-factor checks
    see the request); whether the session is now signed in."""
    from django.urls import reverse

    client.logout()
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session
