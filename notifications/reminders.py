"""The daily reminders (`manage.py send_reminders`): stages overdue, commitments due or
overdue, recognitions ending in 90 and in 30 days.

Each kind is one query for its things, one for the people who could act on them (everyone with
a role at their cities or programmes) and one for those people's scopes; the predicates that
let people act (`candidacy.permissions`, `stakeholders.permissions`, `cities.permissions`)
then choose the recipients in Python, so a reminder goes to exactly who may act and the
queries do not grow with the number of cities. The rules of what is due are their own apps':
`candidacy.deadlines.overdue_q` for stages, `Candidacy.status` for recognition.

Each reminder carries a ledger key (what, which object, which due window); delivery writes the
keys (`notifications.ReminderSent`) with the inbox rows, so a second run, the same day or any
later one, reminds of nothing twice. A stage's window is its clock's run (a return or a new
submission starts another); a commitment's is "due soon" then "overdue" for its due date; a
recognition's is 90 then 30 days before its end.

Review rounds have no due date of their own: an ongoing review is a stage, whose preparation
time (`StageDefinition.preparation_days`) makes it overdue like any other, so it is reminded
of as an overdue stage."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from candidacy import deadlines
from candidacy.models import Candidacy, CandidacyStatus, StageProgress, StageState
from candidacy.permissions import can_edit_stage, can_sign_stage
from cities.calendars import date_format
from cities.permissions import coordinates, is_office_of, scope_of, scopes_read
from cities.templatetags.portal import format_number
from stakeholders.models import Commitment
from stakeholders.permissions import can_manage_commitment

from .models import Kind
from .services import Message

#: A pending commitment is reminded of this many days before its due date, and once overdue.
COMMITMENT_NOTICE_DAYS = 7
#: A recognition is reminded of when this many days (or fewer) of it are left.
RECOGNITION_NOTICE_DAYS = (90, 30)

DESCRIPTION_SHOWN = 300


class People:
    """The active users with a role at some cities or programmes, their scopes read at once;
    `at(city)`: those who hold any role there, the only ones any predicate on it can allow."""

    def __init__(self, cities):
        # A joint city's partner's office holds an office role there too (`scope_of`).
        city_ids = {city.pk for city in cities} | {
            city.joint_with_id for city in cities if city.joint_with_id is not None
        }
        programme_ids = {city.programme_id for city in cities}
        users = (
            list(
                get_user_model()
                .objects.filter(
                    Q(role_assignments__city_id__in=city_ids)
                    | Q(role_assignments__programme_id__in=programme_ids),
                    is_active=True,
                )
                .distinct()
                .order_by("pk")
            )
            if city_ids
            else []
        )
        scopes_read(users)
        self.by_city: dict[int, list] = defaultdict(list)
        self.by_programme: dict[int, list] = defaultdict(list)
        for user in users:
            scope = scope_of(user)
            for city_id in scope.office_city_ids:
                self.by_city[city_id].append(user)
            for programme_id in scope.programme_ids:
                self.by_programme[programme_id].append(user)

    def at(self, city) -> list:
        seen = {}
        for user in self.by_city.get(city.pk, []) + self.by_programme.get(city.programme_id, []):
            seen.setdefault(user.pk, user)
        return sorted(seen.values(), key=lambda user: user.pk)


# --- stages overdue -------------------------------------------------------------------------


def _stage_acting(user, progress) -> bool:
    """Who may act on an overdue stage: its preparers while it is prepared, its pending
    signatories while it awaits sign-off."""
    if progress.state == StageState.SUBMITTED:
        return can_sign_stage(user, progress)
    return can_edit_stage(user, progress)


def stages_overdue(*, now: datetime.datetime) -> list[Message]:
    stages = list(
        StageProgress.objects.filter(
            deadlines.overdue_q(now=now), candidacy__withdrawn_on__isnull=True
        )
        .select_related("definition", "candidacy__city__programme")
        .prefetch_related("signoffs")
        .order_by("pk")
    )
    people = People([stage.candidacy.city for stage in stages])
    messages = []
    for stage in stages:
        clock = deadlines.clock_of(stage.state)
        since = getattr(stage, clock.since)
        key = f"stage-overdue:{stage.pk}:{clock.key}:{since:%Y%m%dT%H%M%S}"
        link = reverse(
            "candidacy:stage",
            kwargs={"city": stage.candidacy.city.slug, "stage": stage.definition.key},
        )

        def write(stage=stage):
            names = {"city": stage.candidacy.city.name, "stage": stage.definition.title}
            subject = _("%(city)s: “%(stage)s” is overdue") % names
            waited = deadlines.waiting(stage, now=now)
            body = _("Its deadline has passed (%(waiting)s).") % {"waiting": waited}
            return subject, body

        programme = stage.candidacy.city.programme
        messages.extend(
            Message(user, Kind.REMINDER, link, write, programme, key)
            for user in people.at(stage.candidacy.city)
            if _stage_acting(user, stage)
        )
    return messages


# --- commitments due or overdue -------------------------------------------------------------


def commitments_due(*, today: datetime.date) -> list[Message]:
    commitments = list(
        Commitment.objects.filter(
            status=Commitment.Status.PENDING,
            due_on__isnull=False,
            due_on__lte=today + datetime.timedelta(days=COMMITMENT_NOTICE_DAYS),
        )
        .select_related("memorandum__city__programme")
        .order_by("pk")
    )
    people = People([commitment.memorandum.city for commitment in commitments])
    messages = []
    for commitment in commitments:
        city = commitment.memorandum.city
        overdue = commitment.due_on < today
        window = "overdue" if overdue else "due"
        key = f"commitment:{commitment.pk}:{commitment.due_on:%Y%m%d}:{window}"
        link = reverse(
            "stakeholders:memorandum", kwargs={"city": city.slug, "pk": commitment.memorandum_id}
        )

        def write(commitment=commitment, city=city, overdue=overdue):
            names = {"city": city.name, "date": date_format(commitment.due_on)}
            if overdue:
                subject = _("%(city)s: a commitment was due on %(date)s") % names
            else:
                subject = _("%(city)s: a commitment is due on %(date)s") % names
            description = commitment.description
            if len(description) > DESCRIPTION_SHOWN:
                description = description[: DESCRIPTION_SHOWN - 1] + "…"
            return subject, f"{commitment.party_label}: {description}"

        messages.extend(
            Message(user, Kind.REMINDER, link, write, city.programme, key)
            for user in people.at(city)
            if can_manage_commitment(user, commitment)
        )
    return messages


# --- recognition ending ---------------------------------------------------------------------


def _recognition_acting(user, city) -> bool:
    """Who prepares a renewal: the city's office, and its programme's coordinators."""
    return is_office_of(user, city) or coordinates(user, city.programme_id)


def recognitions_ending(*, today: datetime.date) -> list[Message]:
    longest = max(RECOGNITION_NOTICE_DAYS)
    candidacies = [
        candidacy
        for candidacy in Candidacy.objects.filter(
            recognised_until__gte=today,
            recognised_until__lte=today + datetime.timedelta(days=longest),
        )
        .select_related("city__programme")
        .order_by("pk")
        if candidacy.status == CandidacyStatus.RECOGNISED
    ]
    people = People([candidacy.city for candidacy in candidacies])
    messages = []
    for candidacy in candidacies:
        city = candidacy.city
        left = (candidacy.recognised_until - today).days
        window = min(days for days in RECOGNITION_NOTICE_DAYS if left <= days)
        key = f"recognition:{candidacy.pk}:{candidacy.recognised_until:%Y%m%d}:{window}"
        link = reverse("candidacy:city", kwargs={"city": city.slug})

        def write(candidacy=candidacy, city=city, left=left):
            names = {"city": city.name, "date": date_format(candidacy.recognised_until)}
            subject = _("%(city)s: the recognition ends on %(date)s") % names
            body = ngettext(
                "The city's recognition as a Child-Friendly City ends in %(days)s day.",
                "The city's recognition as a Child-Friendly City ends in %(days)s days.",
                left,
            ) % {"days": format_number(left)}
            return subject, body

        messages.extend(
            Message(user, Kind.REMINDER, link, write, city.programme, key)
            for user in people.at(city)
            if _recognition_acting(user, city)
        )
    return messages


def reminders_due(*, now: datetime.datetime | None = None) -> list[Message]:
    """Every reminder due at `now`, before the ledger drops those already sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return [
        *stages_overdue(now=now),
        *commitments_due(today=today),
        *recognitions_ending(today=today),
    ]
