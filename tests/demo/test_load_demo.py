"""The demo data command: what `make run` shows a newcomer must be there, consistent, reached
only through the workflow services, and loaded once."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from candidacy import deadlines
from candidacy.models import (
    AssessmentCriterion,
    CallRound,
    Candidacy,
    CandidacyStatus,
    EvaluationCriterion,
    Recognition,
    SignOff,
    StageDefinition,
    StageProgress,
    StageState,
    Transition,
)
from candidacy.rounds import late_q
from candidacy.selectors import signoff_queue
from cities.models import City, District, MapPlacement, Organisation, Programme, RoleAssignment
from cities.permissions import scope_of
from cities.roles import Role
from demo import data as demo
from notifications.models import Kind, Notification
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
from stakeholders.selectors import open_commitments_by_city

User = get_user_model()

#: The Kazakh cities whose children's council is a children's maslikhat.
MASLIKHAT_CITIES = {"pavlodar", "aksu", "ekibastuz", "balkhash", "kyzylorda", "ust-kamenogorsk"}

PROGRAMME_USERS = [user for user in demo.FEATURED_USERS if user.role != Role.OFFICE]

STAKEHOLDER_SEEDS = [
    Organisation,
    Council,
    CouncilMember,
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Memorandum,
    Commitment,
]


def signs_in(client, username: str, password: str) -> bool:
    """Through the login page, as a person would (the throttle needs the request)."""
    client.logout()
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_migrations_create_no_users(db):
    assert not User.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_sends_no_email():
    load_demo()  # commits for real, so the services' queued notifications run
    assert City.objects.count() == 35
    assert mail.outbox == []
    # the replay's notices and today's reminders are in the inboxes, sent to no one
    assert Notification.objects.filter(kind=Kind.STAGE).exists()
    assert Notification.objects.filter(kind=Kind.REMINDER).exists()


@pytest.fixture(scope="class")
def demo_output(django_db_setup, django_db_blocker):
    """The demo loaded once for the class, inside a transaction rolled back afterwards (each
    test's own transaction nests inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = load_demo()
        yield output
        transaction.set_rollback(True)


@pytest.mark.usefixtures("db")
class TestDemoData:
    def test_programmes_cities_and_districts(self, demo_output):
        assert Programme.objects.count() == 4  # the three live ones and a closed one
        assert StageDefinition.objects.filter(programme__key="iran").count() == 14
        counts = {key: City.objects.filter(programme__key=key).count() for key in demo.CITIES}
        assert counts == {"iran": 13, "kazakhstan": 17, "lithuania": 3}
        assert set(City.objects.values_list("slug", flat=True)) >= {
            "isfahan",
            "bandar-abbas",
            "ust-kamenogorsk",
            "vilnius",
        }
        assert not City.objects.filter(region="").exists()
        # A Kazakh rayon whose candidacy Saran holds jointly with it (issue 13).
        osakarovka = City.objects.get(slug="osakarovka")
        assert osakarovka.entity_type == City.EntityType.DISTRICT_RAYON
        assert osakarovka.joint_with.slug == "saran"
        assert City.objects.filter(joint_with__isnull=False).count() == 1
        from cities.models import CityJointChange

        change = CityJointChange.objects.get(city=osakarovka)  # set through the service
        assert (change.from_partner, change.to_partner.slug) == (None, "saran")
        assert change.by.username == "kazakhstan.coordinator"

    def test_every_criterion_has_guidance_in_every_language(self, demo_output):
        """Global and national, evaluation and self-assessment, in every programme (the closed
        one too): what the evaluator or the office looks for, in en, fa, ru, kk and lt."""
        languages = [code for code, _name in settings.LANGUAGES]
        for programme in Programme.objects.all():
            for model in (EvaluationCriterion, AssessmentCriterion):
                criteria = list(model.objects.filter(programme=programme))
                assert criteria, (programme.key, model.__name__)
                for criterion in criteria:
                    for code in languages:
                        assert getattr(criterion, f"guidance_{code}"), (
                            programme.key,
                            criterion.key,
                            code,
                        )

    def test_every_city_is_on_the_public_map_in_its_country(self, demo_output):
        boxes = {
            "iran": (25, 40, 44, 64),
            "kazakhstan": (40, 56, 46, 88),
            "lithuania": (53, 57, 20, 27),
            demo.CLOSED_PROGRAMME_KEY: (53, 57, 20, 27),
        }
        for city in City.objects.select_related("programme"):
            assert city.map_placement == MapPlacement.ON_MAP, city.slug
            south, north, west, east = boxes[city.programme.key]
            assert south < city.latitude < north and west < city.longitude < east, city.slug
        assert not City.objects.filter(joined_on=None).exists()
        assert list(
            District.objects.filter(city__slug="isfahan").values_list("number", flat=True)
        ) == list(range(1, 16))
        assert District.objects.get(city__slug="isfahan", number=15).name == "District 15"
        assert Candidacy.objects.count() == 35  # with the closed programme's two

    def test_isfahan_policy_council(self, demo_output):
        council = Council.objects.get(city__slug="isfahan", council_type__key="policy-council")
        members = list(council.members.select_related("organisation"))
        inside = [m for m in members if m.organisation.inside_municipality]
        assert len(inside) == 15
        assert len(members) - len(inside) == 14
        assert [m.seat_role for m in members].count(CouncilMember.SeatRole.CHAIR) == 1
        assert [m.seat_role for m in members].count(CouncilMember.SeatRole.SECRETARY) == 1
        assert all(m.representative and m.position for m in members)
        assert all(m.contact.endswith("@example.org") for m in members)
        assert all(m.term_start < m.term_end for m in members)
        assert {
            "steering-council",
            "think-tank",
        } <= set(
            Council.objects.filter(city__slug="isfahan").values_list("council_type__key", flat=True)
        )

    def test_council_types_and_councils_of_each_country(self, demo_output):
        children = set(
            CouncilType.objects.filter(involves_children=True).values_list("programme__key", "key")
        )
        assert children == {
            ("iran", "childrens-city-council"),
            ("kazakhstan", "childrens-maslikhat"),
            ("lithuania", "childrens-council"),
        }
        maslikhats = set(
            Council.objects.filter(council_type__key="childrens-maslikhat").values_list(
                "city__slug", flat=True
            )
        )
        assert maslikhats == MASLIKHAT_CITIES
        working_groups = Council.objects.filter(council_type__key="working-group")
        assert set(working_groups.values_list("city__slug", flat=True)) == {
            "vilnius",
            "kaunas",
            "alytus",
        }
        # Every council belongs to a type of its city's own programme, and every seat to an
        # organisation of the council's own city.
        for council in Council.objects.select_related("city", "council_type"):
            assert council.council_type.programme_id == council.city.programme_id
        for member in CouncilMember.objects.select_related("organisation", "council"):
            assert member.organisation.city_id == member.council.city_id
        assert Organisation.objects.count() > 29

    def test_childrens_participation(self, demo_output):
        check_childrens_participation()

    def test_memoranda_and_commitments(self, demo_output):
        check_memoranda_and_commitments()

    def test_records_and_stakeholders_are_linked(self, demo_output):
        """Isfahan's stocktake names its catalogued organisations; its implemented proposals
        name the plan actions that carried them out. Every linked row keeps its model's rules."""
        from candidacy.models import Initiative

        bodies = dict(
            Initiative.objects.filter(progress__candidacy__city__slug="isfahan").values_list(
                "title", "responsible_body__name"
            )
        )
        assert bodies["Children's house in Ghalamestan park"] == (
            "Cultural, Social and Sports Organization"
        )
        assert bodies["Mother-and-child rooms at the Soffeh and Kaveh bus terminals"] == (
            "Urban Freight and Passenger Transport Management"
        )
        for initiative in Initiative.objects.exclude(responsible_body=None):
            assert initiative.responsible_organisation == ""
            initiative.full_clean()
        assert (
            Initiative.objects.filter(responsible_body=None)
            .exclude(responsible_organisation="")
            .exists()
        )  # bodies outside the catalogue keep their free-text name
        linked = {
            proposal.title: proposal
            for proposal in ChildrenProposal.objects.exclude(plan_action=None).select_related(
                "council__city", "plan_action__operational_plan__plan__progress__candidacy"
            )
        }
        assert set(linked) == {
            "A children's house in Ghalamestan park",
            "Mother-and-child rooms at the bus terminals",
        }
        for proposal in linked.values():
            assert proposal.council.city.slug == "isfahan"
            assert proposal.status == "implemented"
            action = proposal.plan_action
            assert (
                action.operational_plan.plan.progress.candidacy.city_id == proposal.council.city_id
            )
            proposal.full_clean()
        assert linked["A children's house in Ghalamestan park"].plan_action.title.startswith(
            "Children's house in Ghalamestan park"
        )
        assert linked["Mother-and-child rooms at the bus terminals"].plan_action.title.startswith(
            "Mother-and-child rooms"
        )

    @pytest.mark.parametrize("username", ["admin", *(u.username for u in demo.FEATURED_USERS)])
    def test_demo_user_logs_in_with_the_demo_password(self, demo_output, client, username):
        assert signs_in(client, username, "cfc-demo")

    def test_every_city_has_its_office_login(self, demo_output, client):
        for city in City.objects.all():
            user = User.objects.get(username=f"{city.slug}.office")
            # A partner's office prepares the candidacies held jointly with it too.
            joint = set(city.joint_candidacies.values_list("pk", flat=True))
            assert scope_of(user).office_city_ids == {city.pk} | joint
            assert signs_in(client, user.username, "cfc-demo")
        assert User.objects.filter(email__endswith="@example.org").count() == User.objects.count()

    def test_roles_and_scopes(self, demo_output):
        admin = User.objects.get(username="admin")
        assert admin.is_superuser and admin.is_staff
        assert not admin.role_assignments.exists()
        for row in demo.FEATURED_USERS:
            user = User.objects.get(username=row.username)
            scope = scope_of(user)
            assert user.first_name and user.last_name and user.email.endswith("@example.org")
            assert not user.is_superuser
            if row.role == Role.OFFICE:
                assert scope.office_city_ids == {City.objects.get(slug=row.scope).pk}
                assert not scope.programme_ids and not user.is_staff
            else:
                programme = Programme.objects.get(key=row.scope)
                expected = {programme.pk}
                if row.role == Role.COORDINATOR:
                    assert scope.coordinated_programme_ids == expected
                    assert not scope.evaluated_programme_ids and user.is_staff
                else:
                    assert scope.evaluated_programme_ids == expected
                    assert not scope.coordinated_programme_ids and not user.is_staff
                assert not scope.office_city_ids

    def test_statuses(self, demo_output):
        status = {c.city.slug: c.status for c in Candidacy.objects.select_related("city")}
        assert status["isfahan"] == CandidacyStatus.CANDIDATE
        assert status["vilnius"] == CandidacyStatus.RECOGNISED
        assert CandidacyStatus.RECOGNISED in {
            status[c.slug] for c in City.objects.filter(programme__key="kazakhstan")
        }
        assert (
            sum(
                status[c.slug] == CandidacyStatus.CANDIDATE
                for c in City.objects.filter(programme__key="kazakhstan")
            )
            >= 3
        )
        # Only the closed programme's city, recognised until May 2025, has ended since: with
        # its programme (closed in April 2024), so it did not lapse; no city lapsed.
        assert [slug for slug, value in status.items() if value == CandidacyStatus.ENDED] == [
            "panevezys"
        ]
        assert CandidacyStatus.LAPSED not in status.values()
        vilnius = Candidacy.objects.get(city__slug="vilnius")
        assert vilnius.recognised_since == datetime.date(2022, 12, 12)
        assert vilnius.recognised_until > timezone.localdate()
        isfahan = Candidacy.objects.get(city__slug="isfahan")
        assert isfahan.started_on.year == 2018
        assert isfahan.candidate_since.year == 2021

    def test_where_the_featured_cities_stand(self, demo_output):
        def current(slug):
            return Candidacy.objects.get(city__slug=slug).current_stage

        isfahan = current("isfahan")
        assert (isfahan.definition.key, isfahan.state) == ("final-evaluation", StageState.OPEN)
        tabriz = current("tabriz")
        assert tabriz.state == StageState.SUBMITTED
        assert tabriz.definition.signed_by_coordinator
        almaty = current("almaty")
        assert almaty.state == StageState.OPEN and 1 < almaty.definition.position < 8
        returned = StageProgress.objects.filter(
            state=StageState.RETURNED, candidacy__city__programme__key="iran"
        ).get()
        assert (
            returned.transitions.filter(action=Transition.Action.RETURN)
            .exclude(comment="")
            .exists()
        )
        joint = StageProgress.objects.get(
            candidacy__city__programme__key="iran",
            definition__key="joint-evaluation",
            state=StageState.SUBMITTED,
        )
        assert [s.role for s in joint.signoffs.all()] == [Role.COORDINATOR]
        office_formation = StageProgress.objects.get(
            candidacy__city__slug="isfahan", definition__key="office-formation"
        )
        assert office_formation.submitted_at.date() >= datetime.date(2019, 8, 19)
        vilnius_review = StageProgress.objects.get(
            candidacy__city__slug="vilnius", definition__key="ongoing-review"
        )
        assert vilnius_review.round >= 2  # a review round was approved after the badge

    def test_some_stages_are_overdue(self, demo_output):
        assert StageDefinition.objects.filter(preparation_days__isnull=False).exists()
        overdue = StageProgress.objects.filter(deadlines.overdue_q())
        assert overdue.exists()
        assert overdue.count() < StageProgress.objects.exclude(state=StageState.LOCKED).count()

    def test_iran_has_a_call_round_with_one_late_submission(self, demo_output):
        call_round = CallRound.objects.get(programme__key="iran")
        assert call_round.name_fa.startswith("فراخوان ۱۴")
        assert all(getattr(call_round, f"name_{code}") for code in ("en", "ru", "kk", "lt"))
        iranian = Candidacy.objects.filter(city__programme__key="iran")
        assert iranian.exists() and not iranian.filter(call_round__isnull=True).exists()
        assert StageProgress.objects.filter(late_q()).count() >= 1
        assert (
            not StageProgress.objects.filter(late_q())
            .exclude(candidacy__city__programme__key="iran")
            .exists()
        )

    def test_a_closed_programme_keeps_its_recognised_city_on_record(self, demo_output, client):
        programme = Programme.objects.get(key=demo.CLOSED_PROGRAMME_KEY)
        assert programme.status == Programme.Status.CLOSED
        assert programme.closed_on == datetime.date(2024, 4, 30)
        assert programme.name_lt.startswith("Vaikams palanki savivaldybė")
        assert Programme.objects.get(key="lithuania").status == Programme.Status.ACTIVE
        change = programme.lifecycle_changes.get()
        assert (change.to_status, change.on) == ("closed", datetime.date(2024, 4, 30))
        assert change.note.startswith("UNICEF Lithuania ceased its activity")
        cycle = Recognition.objects.get(candidacy__city__slug="panevezys")
        assert (cycle.starts_on, cycle.ends_on) == (
            datetime.date(2022, 5, 16),
            datetime.date(2025, 5, 15),
        )
        candidate = Candidacy.objects.get(city__slug="siauliai")
        assert candidate.candidate_since and not candidate.recognised_since
        # Read-only: its office's save is refused with the closed message, nothing written.
        office = User.objects.get(username=demo.office_username("panevezys"))
        client.force_login(office)
        stage = StageProgress.objects.get(
            candidacy__city__slug="panevezys", definition__key="ongoing-review"
        )
        url = reverse("candidacy:stage-save", args=["panevezys", "ongoing-review"])
        refused = client.post(url, {"narrative": "Changed after closing."}, follow=True)
        assert (
            "This programme is closed: its record can be read but not changed." in (refused.text)
            or refused.status_code == 403
        )
        stage.refresh_from_db()
        assert stage.narrative != "Changed after closing."
        line = "Recognised until 15 May 2025; programme closed on 30 April 2024."
        city_page = client.get(reverse("candidacy:city", args=["panevezys"]))
        assert line in city_page.text
        client.logout()
        public = client.get(
            reverse("public-city", args=[programme.key, "panevezys"]), HTTP_ACCEPT_LANGUAGE="en"
        )
        assert line in public.text

    @pytest.mark.parametrize("username", [u.username for u in PROGRAMME_USERS])
    def test_every_signatory_has_work_waiting(self, demo_output, username):
        assert signoff_queue(User.objects.get(username=username))

    def test_every_state_change_went_through_the_services(self, demo_output):
        for stage in StageProgress.objects.exclude(state=StageState.LOCKED).prefetch_related(
            "transitions"
        ):
            transitions = list(stage.transitions.all())
            assert transitions, stage
            last = max(transitions, key=lambda t: (t.created_at, t.pk))
            assert last.to_state == stage.state, stage
        approved = StageProgress.objects.filter(state=StageState.APPROVED)
        assert (
            approved.count()
            == Transition.objects.filter(action=Transition.Action.APPROVE, progress__in=approved)
            .values("progress")
            .distinct()
            .count()
        )
        for signoff in SignOff.objects.select_related("user"):
            assert RoleAssignment.objects.filter(user=signoff.user, role=signoff.role).exists()

    def test_history_is_dated_in_order(self, demo_output):
        today = timezone.localdate()
        assert not Transition.objects.filter(created_at__date__gte=today).exists()
        assert not SignOff.objects.filter(signed_at__date__gte=today).exists()
        for stage in StageProgress.objects.prefetch_related("transitions"):
            assert stage.updated_at.date() < today
            times = [t.created_at for t in sorted(stage.transitions.all(), key=lambda t: t.pk)]
            assert times == sorted(times), stage
            if stage.state == StageState.APPROVED:
                assert stage.opened_at <= stage.submitted_at <= stage.approved_at, stage
            # no stage is submitted before it opened: a submission awaiting sign-off follows the
            # opening; a return opens the stage again after the submission it sends back; an
            # open stage was submitted only in a cycle before a renewal
            if stage.state in (StageState.SUBMITTED, StageState.APPROVED):
                assert stage.opened_at <= stage.submitted_at, stage
            elif stage.state == StageState.RETURNED:
                assert stage.submitted_at <= stage.opened_at, stage
            elif stage.submitted_at is not None:
                actions = {transition.action for transition in stage.transitions.all()}
                assert Transition.Action.RENEW in actions, stage
                assert stage.submitted_since_opened is None, stage

        for candidacy in Candidacy.objects.exclude(city__programme__key=demo.CLOSED_PROGRAMME_KEY):
            first = candidacy.stages.order_by("definition__position").first()
            assert first.opened_at.date() == candidacy.started_on
            assert candidacy.city.joined_on <= candidacy.started_on
            if candidacy.candidate_since:
                assert candidacy.started_on < candidacy.candidate_since < today
            if candidacy.recognised_since:
                assert candidacy.candidate_since < candidacy.recognised_since
                assert candidacy.recognised_until > today

    def test_the_city_page_dates_a_returned_stage_in_order(self, demo_output, client):
        """Saran's strategic programme was sent back after its submission: the page says so in
        that order ("Submitted … · Returned …"), never "Opened" after "Submitted"."""
        saran = StageProgress.objects.select_related("candidacy__city").get(
            candidacy__city__slug="saran", definition__key="strategic-programme"
        )
        assert saran.state == StageState.RETURNED
        client.force_login(get_user_model().objects.get(username="saran.office"))
        page = client.get(reverse("candidacy:city", args=["saran"])).text
        timeline = page.split('class="timeline"', 1)[1]
        item = timeline.split("Strategic programme", 1)[1].split("</li>", 1)[0]
        dates = item.split('class="small text-body-secondary">', 1)[1]
        assert re.search(r"^\s*Submitted \d+ \w+ \d{4} · Returned \d+ \w+ \d{4}\s", dates)
        assert "Opened" not in dates

    def test_prints_the_logins(self, demo_output):
        assert "cfc-demo" in demo_output
        for username in ["admin", *(u.username for u in demo.FEATURED_USERS)]:
            assert username in demo_output
        # The README promises the list of every office login, one per demo city.
        for city in City.objects.all():
            assert f"{city.slug}.office" in demo_output

    def test_running_again_changes_nothing(self, demo_output):
        models = [
            User,
            RoleAssignment,
            City,
            District,
            Candidacy,
            StageProgress,
            Transition,
            SignOff,
            CouncilType,
            Organisation,
            Council,
            CouncilMember,
            *STAKEHOLDER_SEEDS,
        ]
        before = {model: model.objects.count() for model in models}
        states = list(StageProgress.objects.order_by("pk").values_list("state", "updated_at"))
        output = load_demo()
        assert {model: model.objects.count() for model in models} == before
        assert list(StageProgress.objects.order_by("pk").values_list("state", "updated_at")) == (
            states
        )
        assert "not loaded" in output
        assert "isfahan.office" in output


# --- the stakeholders' seeds: checked after the full load above, and on their own below -------


def check_childrens_participation():
    isfahan = Council.objects.get(city__slug="isfahan", council_type__key="childrens-city-council")
    makeup = isfahan.makeup
    assert makeup.total == 30 and makeup.girls == 16
    assert (makeup.children_with_disabilities, makeup.minority_children) == ("yes", "yes")
    assert isfahan.sessions.count() >= 3
    titles = set(isfahan.proposals.values_list("title", flat=True))
    assert "A children's house in Ghalamestan park" in titles
    assert any("Safe routes to school" in title for title in titles)
    answered = isfahan.proposals.exclude(answer="")
    assert answered.filter(status="implemented").exists()
    assert isfahan.proposals.filter(answer="", status="received").exists()  # some still open
    maslikhats = ChildrenCouncilMakeUp.objects.filter(
        council__council_type__key="childrens-maslikhat"
    )
    assert set(maslikhats.values_list("council__city__slug", flat=True)) == MASLIKHAT_CITIES
    assert Council.objects.filter(city__slug="pavlodar", council_type__key="school-ombudsmen")
    assert Council.objects.filter(city__slug="satpayev", council_type__key="council-of-fathers")
    # Every make-up, session and proposal belongs to a council in which children take part.
    for model in (ChildrenCouncilMakeUp, ChildrenCouncilSession, ChildrenProposal):
        assert not model.objects.filter(council__council_type__involves_children=False).exists()


def check_memoranda_and_commitments():
    isfahan = Memorandum.objects.get(city__slug="isfahan")
    unicef = isfahan.commitments.filter(party="unicef", status="pending")
    assert unicef.exists() and all(commitment.overdue for commitment in unicef)
    city = isfahan.commitments.filter(party="city")
    assert city.count() >= 3 and not city.exclude(status="fulfilled").exists()
    kazakh = Memorandum.objects.filter(city__programme__key="kazakhstan")
    assert kazakh.count() == 17 and all("Akimat of" in m.parties for m in kazakh)
    lithuanian = Memorandum.objects.filter(city__programme__key="lithuania")
    assert set(lithuanian.values_list("city__slug", flat=True)) == {"vilnius", "kaunas", "alytus"}
    assert all(m.signed_on.year == 2019 and "UNICEF Lithuania" in m.parties for m in lithuanian)
    summary = open_commitments_by_city([isfahan.city])[isfahan.city.pk]
    assert [(p.party, p.open, p.overdue) for p in summary.parties] == [("unicef", 2, 2)]


def test_stakeholder_seeds_keep_the_services_rules(db):
    """The organisations, councils, participation and memoranda of the demo, loaded on their own
    (without replaying the candidacies): every row passes its model's own validation, so the
    bulk load keeps the rules the services enforce."""
    from demo.management.commands import load_demo as command

    command.stakeholders_load(*command.programmes_and_cities_load())
    for model in STAKEHOLDER_SEEDS:
        rows = list(model.objects.all())
        assert rows, model
        for row in rows:
            row.full_clean()
    sectors = set(Organisation.objects.values_list("sector", flat=True))
    assert {"municipal", "government", "university", "ngo", "private"} <= sectors
    check_childrens_participation()
    check_memoranda_and_commitments()
