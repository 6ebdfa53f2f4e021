""" "My tasks": everything waiting for a user, by section, each a query derived from the rules
of the layers below (never a second statement of one):

- stages to sign: `candidacy.permissions.signable_stages_q` (the sign-off queue's rule);
- stages to prepare or respond to: `candidacy.permissions.editable_stages_q` (`can_edit_stage`);
- in both, an evaluator's stages of a candidacy they have not declared on yet
  (`must_declare_to_sign_q`, `must_declare_to_prepare_q`), each row linking to the declaration
  first (`declare_first`); a candidacy the evaluator is recused from lists nothing;
- overdue stages of the programmes the user coordinates (`candidacy.deadlines.overdue_q`) that
  wait on someone else (not in the two sections above);
- evaluations in progress in the programmes the user evaluates, waiting on someone else;
- recognitions ending within 90 days (`candidacy.selectors.recognition_expiring_q`);
- conditions of the user's cities' approved evaluations, open and due within 30 days or overdue;
- commitments the user manages (`stakeholders.permissions.manageable_commitments_q`), pending
  and due within 30 days or overdue;
- good practice to review: initiatives the user curates awaiting a decision
  (`library.selectors.good_practice_to_review`, from `library.permissions`).

A page shows the first `SHOWN` rows of each section and its count; the whole section is a page
of its own (or the sign-off queue, the overview filtered on overdue). The navigation's count
(`task_count`) is the sum of the sections' counts, kept in the cache per user under the lists'
edition (`core.editions`: a stage's state, a sign-off, a role, a candidacy, a commitment or a
condition raises it) and the hour (deadlines pass).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from candidacy import deadlines
from candidacy.models import (
    Candidacy,
    ConditionStatus,
    EvaluationCondition,
    StageKind,
    StageProgress,
    StageState,
)
from candidacy.permissions import (
    editable_stages_q,
    must_declare_conflict_q,
    must_declare_to_prepare_q,
    must_declare_to_sign_q,
    recused_q,
    signable_stages_q,
)
from candidacy.selectors import (
    RECOGNITION_EXPIRY_NOTICE_DAYS,
    long_texts,
    recognition_expiring_q,
)
from cities.permissions import programmes_visible_to, roles_of, scope_of
from cities.roles import Role
from cities.templatetags.portal import format_number
from core.editions import edition
from library.selectors import good_practice_to_review
from stakeholders.models import Commitment
from stakeholders.permissions import manageable_commitments_q

#: Rows of each section on the tasks page; the rest are behind its "see all" link.
SHOWN = 5
#: How far ahead a condition or a commitment is a task.
DUE_SOON_DAYS = 30
COUNT_TIMEOUT = 60 * 60


@dataclass(frozen=True)
class Section:
    key: str
    heading: Promise | Callable[[int], str]  # a title, or one for a number of days (`days`)
    roles: frozenset[str]  # the roles for whom the section exists
    template: str  # the rows' template, under reporting/tasks/
    rows: Callable[..., QuerySet]  # rows(user, today): the whole section, ordered
    days: int | None = None

    @property
    def title(self) -> str:
        if self.days is None:
            return str(self.heading)
        return self.heading(self.days) % {"days": format_number(self.days)}

    def see_all(self, user, count: int) -> list[tuple[str, str]]:
        """Where the whole section is: (link text, address) pairs."""
        if self.key == "sign":
            text = gettext("See all %(count)s in the sign-off queue")
            return [(text % {"count": format_number(count)}, reverse("candidacy:queue"))]
        if self.key == "overdue":
            programmes = programmes_visible_to(user).filter(
                pk__in=scope_of(user).coordinated_programme_ids
            )
            text = gettext("See every overdue stage of %(programme)s")
            return [
                (
                    text % {"programme": programme.name},
                    reverse("candidacy:overview", args=[programme.key]) + "?overdue=yes",
                )
                for programme in programmes.order_by("key")
            ]
        text = gettext("See all %(count)s")
        return [(text % {"count": format_number(count)}, reverse("task-section", args=[self.key]))]


def _stages(user, q: Q) -> QuerySet[StageProgress]:
    """The stages of `q`, each marked `declare_first` when the user must declare on its
    candidacy before opening it (`candidacy.permissions.must_declare_conflict_q`)."""
    return (
        StageProgress.objects.filter(q)
        .select_related("definition", "candidacy__city__programme")
        .defer(*long_texts(""))  # a list never shows them
        .annotate(
            declare_first=ExpressionWrapper(
                must_declare_conflict_q(user), output_field=BooleanField()
            )
        )
    )


def _programmes(user, field: str) -> Q:
    return Q(
        candidacy__city__programme_id__in=getattr(scope_of(user), field),
        candidacy__withdrawn_on__isnull=True,
    )


def _to_sign(user) -> Q:
    return signable_stages_q(user) | must_declare_to_sign_q(user)


def _to_prepare(user) -> Q:
    return editable_stages_q(user) | must_declare_to_prepare_q(user)


def _waiting_on_others(user) -> Q:
    return ~_to_sign(user) & ~_to_prepare(user)


def _sign(user, today):
    return _stages(user, _to_sign(user)).order_by("submitted_at", "pk")


def _prepare(user, today):
    return _stages(user, _to_prepare(user)).order_by(F("opened_at").asc(nulls_last=True), "pk")


def _overdue(user, today):
    return (
        _stages(
            user,
            deadlines.overdue_q()
            & _programmes(user, "coordinated_programme_ids")
            & _waiting_on_others(user),
        )
        .annotate(due_at=deadlines.due_at_expression())
        .order_by("due_at", "pk")
    )


def _evaluations(user, today):
    in_progress = Q(
        definition__kind=StageKind.EVALUATION,
        state__in=[StageState.OPEN, StageState.RETURNED, StageState.SUBMITTED],
    )
    return _stages(
        user,
        in_progress
        & _programmes(user, "evaluated_programme_ids")
        & ~recused_q(user)
        & _waiting_on_others(user),
    ).order_by(F("opened_at").asc(nulls_last=True), "pk")


def _recognitions(user, today):
    return (
        Candidacy.objects.filter(
            recognition_expiring_q(today=today),
            city__programme_id__in=scope_of(user).coordinated_programme_ids,
        )
        .select_related("city__programme")
        .order_by("recognised_until", "pk")
    )


def _conditions(user, today):
    # tracked once their evaluation is approved (`records.evaluations.selectors.city_conditions`)
    return (
        EvaluationCondition.objects.filter(
            progress__candidacy__city_id__in=scope_of(user).office_city_ids,
            progress__candidacy__withdrawn_on__isnull=True,
            progress__state=StageState.APPROVED,
            progress__definition__kind=StageKind.EVALUATION,
            status=ConditionStatus.OPEN,
            due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("progress__definition", "progress__candidacy__city")
        .order_by("due_on", "pk")
    )


def _commitments(user, today):
    return (
        Commitment.objects.filter(
            manageable_commitments_q(user),
            status=Commitment.Status.PENDING,
            due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("memorandum__city")
        .order_by("due_on", "pk")
    )


def _good_practice(user, today):
    return good_practice_to_review(user)


OFFICE, COORDINATOR, EVALUATOR = Role.OFFICE, Role.COORDINATOR, Role.EVALUATOR
SIGNATORIES = frozenset({COORDINATOR, EVALUATOR})

SECTIONS = (
    Section("sign", _("Awaiting my sign-off"), SIGNATORIES, "stages.html", _sign),
    Section(
        "prepare",
        _("Stages to prepare or respond to"),
        frozenset({OFFICE, COORDINATOR, EVALUATOR}),
        "stages.html",
        _prepare,
    ),
    Section(
        "overdue",
        _("Overdue stages waiting on others"),
        frozenset({COORDINATOR}),
        "stages.html",
        _overdue,
    ),
    Section(
        "evaluations",
        _("Evaluations in progress"),
        frozenset({EVALUATOR}),
        "stages.html",
        _evaluations,
    ),
    Section(
        "recognitions",
        lambda days: ngettext(
            "Recognitions ending within %(days)s day",
            "Recognitions ending within %(days)s days",
            days,
        ),
        frozenset({COORDINATOR}),
        "recognitions.html",
        _recognitions,
        RECOGNITION_EXPIRY_NOTICE_DAYS,
    ),
    Section(
        "conditions",
        lambda days: ngettext(
            "Conditions due within %(days)s day or overdue",
            "Conditions due within %(days)s days or overdue",
            days,
        ),
        frozenset({OFFICE}),
        "conditions.html",
        _conditions,
        DUE_SOON_DAYS,
    ),
    Section(
        "commitments",
        lambda days: ngettext(
            "Commitments due within %(days)s day or overdue",
            "Commitments due within %(days)s days or overdue",
            days,
        ),
        frozenset({OFFICE, COORDINATOR}),
        "commitments.html",
        _commitments,
        DUE_SOON_DAYS,
    ),
    Section(
        "good-practice",
        _("Good practice to review"),
        frozenset({COORDINATOR}),
        "good_practice.html",
        _good_practice,
    ),
)
SECTION_KEYS = {section.key: section for section in SECTIONS}


def sections_of(user) -> list[Section]:
    """The sections the user's roles give them, in the page's order."""
    roles = roles_of(user)
    return [section for section in SECTIONS if section.roles & roles]


@dataclass
class Shown:
    section: Section
    count: int
    rows: list
    see_all: list[tuple[str, str]]


def tasks_of(user, *, today: datetime.date | None = None) -> list[Shown]:
    """Each of the user's sections with its count and its first `SHOWN` rows (two queries a
    section, and one for the overdue section's programmes when it has more than it shows).
    Keeps the total as the navigation's count."""
    today = today or timezone.localdate()
    shown = []
    for section in sections_of(user):
        rows = section.rows(user, today)
        count = rows.count()
        first = list(rows[:SHOWN]) if count else []
        shown.append(
            Shown(section, count, first, section.see_all(user, count) if count > SHOWN else [])
        )
    cache.set(_count_key(user), sum(entry.count for entry in shown), COUNT_TIMEOUT)
    return shown


def _count_key(user) -> str:
    hour = timezone.now().strftime("%Y-%m-%dT%H")
    return f"tasks-count:{user.pk}:{edition()}:{hour}"


def task_count(user) -> int:
    """How many things wait for the user: the sum of their sections' counts. From the cache
    while the lists' edition and the hour are those it was counted in (one query); else one
    count per section."""
    key = _count_key(user)
    count = cache.get(key)
    if count is None:
        count = _counted(user, timezone.localdate())
        cache.set(key, count, COUNT_TIMEOUT)
    return count


def _counted(user, today) -> int:
    """The sum of the user's sections' counts, in one query: a scalar subquery a section."""
    sections = sections_of(user)
    if not sections:
        return 0
    counting = Func(F("pk"), function="COUNT", output_field=IntegerField())
    counts = {
        f"tasks_{section.key}": Subquery(section.rows(user, today).order_by().values(n=counting))
        for section in sections
    }
    row = get_user_model().objects.filter(pk=user.pk).annotate(**counts).values_list(*counts)
    return sum(value or 0 for value in row.get())


def nav_task_count(user) -> int | None:
    """The navigation's count, None for a user without a role (no "My tasks" link)."""
    if not scope_of(user).has_role:
        return None
    return task_count(user)
