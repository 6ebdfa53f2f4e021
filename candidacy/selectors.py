"""Reads shaped for the pages: every list is scoped to the user in the query and fetched in a
fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidacy.models import ActionYearNote, PlanAction, late_actions
from cities.models import City, Programme
from cities.names import in_reader_language, names_contain
from core.listing import Sort

from . import deadlines, permissions, rounds
from .models import (
    Candidacy,
    CandidacyStatus,
    Recognition,
    SignOff,
    StageProgress,
    StageState,
    Transition,
    ended_with_programme_q,
)

#: The changes of state a stage's pages announce in a banner with their reason, while the stage
#: is in the state they brought it to: a return and a coordinator's reopening.
NOTICE_ACTIONS = (Transition.Action.RETURN, Transition.Action.REOPEN)


def _changes_of_state() -> QuerySet[Transition]:
    """A stage's history rows that changed its state (not a sign-off, not a withdrawal),
    newest first: the first is the one that brought the stage to its state."""
    return (
        Transition.objects.filter(progress=OuterRef("pk"))
        .exclude(from_state=F("to_state"))
        .order_by("-created_at", "-pk")
    )


def city_pipeline(city: City) -> tuple[Candidacy | None, list[StageProgress]]:
    """The city's candidacy with its stages in order, their sign-offs and signatories, and
    for each the action and id of the history row that brought it to its state
    (`entered_by_action`, `entered_by_id`, for `city_notices`). The candidacy's city is `city`
    itself (not read again)."""
    candidacy = Candidacy.objects.filter(city=city).first()
    if candidacy is None:
        return None, []
    candidacy.city = city
    stages = list(
        candidacy.stages.select_related("definition")
        .prefetch_related(Prefetch("signoffs", queryset=SignOff.objects.select_related("user")))
        .annotate(
            entered_by_action=Subquery(_changes_of_state().values("action")[:1]),
            entered_by_id=Subquery(_changes_of_state().values("pk")[:1]),
        )
        .order_by("definition__position")
    )
    for stage in stages:
        stage.candidacy = candidacy
    return candidacy, stages


def city_notices(
    candidacy: Candidacy, stages: list[StageProgress]
) -> tuple[Transition | None, dict[int, Transition]]:
    """What the city page announces: the withdrawal (its history row, with the reason) and,
    per stage id, the return or reopening that brought a stage to its state. One query, and
    only when there is something to announce."""
    ids = [
        stage.entered_by_id
        for stage in stages
        if stage.entered_by_action in NOTICE_ACTIONS and stage.is_editable_state
    ]
    withdrawal, by_stage = None, {}
    if not ids and not candidacy.withdrawn_on:
        return withdrawal, by_stage
    wanted = Q(pk__in=ids)
    if candidacy.withdrawn_on:
        wanted |= Q(progress__candidacy=candidacy, action=Transition.Action.WITHDRAW)
    for entry in Transition.objects.filter(wanted).order_by("created_at", "pk"):
        if entry.action == Transition.Action.WITHDRAW:
            withdrawal = entry  # the last, should there be more than one
        else:
            by_stage[entry.progress_id] = entry
    return withdrawal, by_stage


def stage_history(progress: StageProgress) -> QuerySet[Transition]:
    return progress.transitions.select_related("actor").order_by("-created_at", "-pk")


def stage_notice(progress: StageProgress, history: list[Transition]) -> Transition | None:
    """The return or reopening that brought the stage to its state, if it did and the stage is
    still in it (with the reason to show above the page); `history`: newest first."""
    if not progress.is_editable_state:
        return None
    entered = next((entry for entry in history if entry.from_state != entry.to_state), None)
    return entered if entered is not None and entered.action in NOTICE_ACTIONS else None


OVERVIEW_SORTS = {
    "name": Sort(_("City"), ("shown_name", "pk")),
    "region": Sort(_("Region"), ("shown_region", "shown_name", "pk")),
    "stage": Sort(
        _("Current stage"),
        ("candidacy__current_stage__definition__position", "shown_name", "pk"),
    ),
    "waiting": Sort(
        _("Days waiting, longest first"),
        (F("waiting_since").asc(nulls_last=True), "shown_name", "pk"),
    ),
    "overdue": Sort(
        _("Overdue first, longest waiting"),
        (F("due_at").asc(nulls_last=True), "shown_name", "pk"),
    ),
}

CURRENT = "candidacy__current_stage"


def candidacy_status_q(
    status: str, prefix: str = "", *, today=None, programme_at: str | None = None
) -> Q:
    """The candidacies (at lookup `prefix`) whose `Candidacy.status` is `status` today: the
    property's rule as a query (`tests/candidacy/test_overview_filters.py` checks they agree).
    The candidacy's programme is at lookup `programme_at` (its city's, by default; "" when the
    query is on the programmes themselves)."""
    today = today or timezone.localdate()
    p = f"{prefix}__" if prefix else ""
    if programme_at is None:
        programme_at = f"{p}city__programme"
    active = Q(**{f"{p}withdrawn_on__isnull": True})
    ended = Q(**{f"{p}recognised_until__lt": today})
    with_programme = ended_with_programme_q(f"{p}recognised_until", programme_at)
    return {
        CandidacyStatus.WITHDRAWN: Q(**{f"{p}withdrawn_on__isnull": False}),
        CandidacyStatus.LAPSED: active & ended & ~with_programme,
        CandidacyStatus.ENDED: active & ended & with_programme,
        CandidacyStatus.RECOGNISED: active & Q(**{f"{p}recognised_until__gte": today}),
        CandidacyStatus.CANDIDATE: active
        & Q(**{f"{p}recognised_until__isnull": True, f"{p}candidate_since__isnull": False}),
        CandidacyStatus.PREPARING: active
        & Q(**{f"{p}recognised_until__isnull": True, f"{p}candidate_since__isnull": True}),
    }[status]


#: How far ahead the end of a recognition is announced ("My tasks", the reminders).
RECOGNITION_EXPIRY_NOTICE_DAYS = 90


def recognition_expiring_q(
    prefix: str = "", *, today=None, within_days: int = RECOGNITION_EXPIRY_NOTICE_DAYS
) -> Q:
    """The candidacies (at lookup `prefix`) recognised today (`Candidacy.status`, through
    `candidacy_status_q`) whose recognition ends within `within_days`: `recognised_until`,
    which the services set on approval of a stage that grants recognition (approval day plus
    the definition's `validity_months`), is at most that many days away."""
    today = today or timezone.localdate()
    p = f"{prefix}__" if prefix else ""
    return candidacy_status_q(CandidacyStatus.RECOGNISED, prefix, today=today) & Q(
        **{f"{p}recognised_until__lte": today + datetime.timedelta(days=within_days)}
    )


def long_texts(stage: str) -> list[str]:
    """The long texts of the stage at lookup `stage` (its narrative, its definition's
    description in every language), which a list of stages never shows: deferred, so a page
    of rows does not carry them from the database."""
    prefix = f"{stage}__" if stage else ""
    definition = f"{prefix}definition__description"
    return [
        f"{prefix}narrative",
        definition,
        *(f"{definition}_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES),
    ]


@dataclass(frozen=True)
class OverviewFilters:
    """What the overview (and its exports) filter on; "" / False: no filter."""

    stage: str = ""
    state: str = ""
    status: str = ""
    overdue: bool = False


def programme_overview(
    programme: Programme, filters: OverviewFilters = OverviewFilters(), *, stage_filter=True
) -> QuerySet:
    """The programme's cities, each with its candidacy and current stage
    (`city.candidacy.current_stage`), filtered by `filters` (the current stage, its state, the
    candidacy's status, overdue: `candidacy.deadlines`); names (`shown_name`, `shown_region`)
    in the reader's language, to sort on; `waiting_since` and `due_at` of the current stage.
    Unordered: the page orders it by one of `OVERVIEW_SORTS` and reads one screen of it.
    `stage_filter=False` leaves the stage filter out (the counts per stage)."""
    cities = (
        City.objects.filter(programme=programme)
        .select_related("programme", f"{CURRENT}__definition")
        .defer(*long_texts(CURRENT))
        .annotate(
            shown_name=in_reader_language("name"),
            shown_region=in_reader_language("region"),
            waiting_since=deadlines.waiting_since_expression(CURRENT),
            due_at=deadlines.due_at_expression(CURRENT),
            current_late=rounds.late_expression(f"{CURRENT}__", "candidacy__call_round__closes_on"),
        )
    )
    if filters.stage and stage_filter:
        cities = cities.filter(**{f"{CURRENT}__definition__key": filters.stage})
    if filters.state:
        cities = cities.filter(**{f"{CURRENT}__state": filters.state})
    if filters.status:
        cities = cities.filter(
            candidacy_status_q(filters.status, "candidacy", programme_at="programme")
        )
    if filters.overdue:
        cities = cities.filter(deadlines.overdue_q(CURRENT))
    return cities


def stage_counts(cities: QuerySet) -> dict[int, int]:
    """How many of `cities` stand at each stage: {definition id: count}, in one grouped
    query."""
    rows = (
        cities.order_by()
        .values(f"{CURRENT}__definition_id")
        .annotate(count=Count("pk"))
        .values_list(f"{CURRENT}__definition_id", "count")
    )
    return {definition_id: count for definition_id, count in rows if definition_id}


QUEUE_SORTS = {
    "oldest": Sort(_("Oldest submission first"), ("submitted_at", "pk")),
    "city": Sort(_("City"), ("city_name", "submitted_at", "pk")),
    "programme": Sort(_("Programme"), ("programme_name", "city_name", "pk")),
    "stage": Sort(_("Stage"), ("definition__position", "submitted_at", "pk")),
}


def signoff_queue(user) -> QuerySet[StageProgress]:
    """The stages the user may sign off now (`permissions.signable_stages_q`, the query form of
    `permissions.signing_role`) and those they would sign once they declare on the candidacy
    (`permissions.must_declare_to_sign_q`, each marked `declare_first`), oldest submission
    first; city and programme names in the reader's language (`city_name`, `programme_name`)
    for the other orders of `QUEUE_SORTS`."""
    return (
        StageProgress.objects.filter(
            permissions.signable_stages_q(user) | permissions.must_declare_to_sign_q(user)
        )
        .select_related("definition", "candidacy__city__programme")
        .defer(*long_texts(""))
        .prefetch_related("signoffs")
        .annotate(
            city_name=in_reader_language("candidacy__city__name"),
            programme_name=in_reader_language("candidacy__city__programme__name"),
            late=rounds.late_expression(),
            declare_first=ExpressionWrapper(
                permissions.must_declare_conflict_q(user), output_field=BooleanField()
            ),
        )
        .order_by("submitted_at", "pk")
    )


def queue_search(text: str) -> Q:
    return names_contain("candidacy__city__name", text) | names_contain(
        "candidacy__city__region", text
    )


def city_search(text: str) -> Q:
    return names_contain("name", text) | names_contain("region", text)


def plan_actions_of_city(city_id: int) -> QuerySet[PlanAction]:
    """The actions of the city's operational plans (action → operational plan → strategic plan
    → its plans stage → candidacy → city), each with its operational plan, in plan order. The
    public read other apps use to offer or check a city's plan actions."""
    return (
        PlanAction.objects.filter(operational_plan__plan__progress__candidacy__city_id=city_id)
        .select_related("operational_plan")
        .order_by("operational_plan__year", "starts_on", "title", "pk")
    )


def action_progress(city_id: int, *, today: datetime.date | None = None) -> QuerySet[PlanAction]:
    """How far the city's plan actions have come, for a reader who follows them (the public
    city page): the actions of `plan_actions_of_city`, each with its planned and actual dates,
    status and completion, whether it is `late` on `today` (the rule of
    `candidacy.models.late_actions`) and its yearly notes (`note_list`, by year). Two queries
    however many actions and notes."""
    today = today or timezone.localdate()
    return (
        plan_actions_of_city(city_id)
        .annotate(late=Q(late_actions(today)))
        .prefetch_related(
            Prefetch(
                "year_notes", queryset=ActionYearNote.objects.order_by("year"), to_attr="note_list"
            )
        )
    )


def stage_people(progress: StageProgress, predicate) -> list:
    """The active users for whom `predicate(user, progress)` holds, in sign-up order.

    Only users with a role at the stage's city can hold any stage predicate (its office staff,
    its joint partner's office staff, its programme's coordinators and evaluators), so those
    are the candidates; the predicate, the same one the pages and services use, decides.
    Workflow e-mail takes its recipients from here, so they are exactly the people who may
    act."""
    city = progress.candidacy.city
    offices = {city.pk, city.joint_with_id} - {None}
    candidates = (
        get_user_model()
        .objects.filter(
            Q(role_assignments__city_id__in=offices)
            | Q(role_assignments__programme_id=city.programme_id),
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )
    return [user for user in candidates if predicate(user, progress)]


def last_recognition(city: City) -> Recognition | None:
    """The city's latest recognition cycle (lapsed, current or on the record of a closed
    programme), if it was ever recognised."""
    return (
        Recognition.objects.filter(candidacy__city=city)
        .select_related("candidacy__city__programme")
        .order_by("-cycle")
        .first()
    )


def recognition_cycles(city: City) -> list[Recognition]:
    """Every cycle of the city's recognition, first to last (the city page lists them), with
    its programme (`Recognition.ended_with_programme`)."""
    return list(
        Recognition.objects.filter(candidacy__city=city)
        .select_related("candidacy__city__programme")
        .order_by("cycle")
    )


# --- the round's report ------------------------------------------------------------------------

#: The report's sections: each a filter on the round's candidacies (`Candidacy`), by key.
#: "applied" is every candidacy in the round; "pending": its current stage awaits sign-off;
#: the outcomes; "late": a submission after the round closed (`late_q`).
REPORT_SECTIONS = (
    "all",
    "applied",
    "not_applied",
    "pending",
    "recognised",
    "returned",
    "withdrawn",
    "late",
)


def _has_late() -> Exists:
    """Whether the candidacy (the outer row) has a late submission."""
    return Exists(StageProgress.objects.filter(rounds.late_q(), candidacy=OuterRef("pk")))


def _has_submitted() -> Exists:
    """Whether the candidacy (the outer row) has submitted a stage at least once: it applied."""
    return Exists(
        StageProgress.objects.filter(candidacy=OuterRef("pk"), submitted_at__isnull=False)
    )


def section_q(section: str) -> Q:
    """The candidacies of a report's section, as a filter on `Candidacy`: those that applied
    (submitted a stage at least once) and those in the round that have not yet."""
    active = Q(withdrawn_on__isnull=True)
    return {
        "all": Q(),
        "applied": Q(_has_submitted()),
        "not_applied": ~Q(_has_submitted()),
        "pending": active & Q(current_stage__state=StageState.SUBMITTED),
        "recognised": candidacy_status_q(CandidacyStatus.RECOGNISED),
        "returned": active & Q(current_stage__state=StageState.RETURNED),
        "withdrawn": candidacy_status_q(CandidacyStatus.WITHDRAWN),
        "late": Q(_has_late()),
    }[section]


def round_counts(call_round) -> dict[str, int]:
    """How many of the round's candidacies are in each section: one query."""
    return Candidacy.objects.filter(call_round=call_round).aggregate(
        **{section: Count("pk", filter=section_q(section)) for section in REPORT_SECTIONS}
    )


def round_candidacies(call_round, section: str = "all") -> QuerySet[Candidacy]:
    """The round's candidacies of a section, each with its city and current stage, and
    `has_late` (a late submission); unordered (the page orders and reads one screen)."""
    return (
        Candidacy.objects.filter(call_round=call_round)
        .filter(section_q(section))
        .select_related("city__programme", "current_stage__definition")
        .annotate(
            shown_name=in_reader_language("city__name"),
            has_late=_has_late(),
        )
    )
