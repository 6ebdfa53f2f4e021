"""What happens around a world city once it runs, built as the services would leave it and
written in bulk per chunk: the memoranda it signed and their commitments (kept, pending, overdue,
cancelled), its children's council's sessions and proposals (who put a proposal forward in
counts only, with the district it concerns; the city's answer for a decision, the action of its
plans that carries it out), the comments on its stages and stakeholders, the stakeholders'
history of what was created, and the good-practice library's entries for the initiatives it
marked (published only for a city with a public page). The inbox's notices (`Notices`) are
gathered from every chunk's stage history and written once at the end, a few per person.

Everything here draws from its own random sequence (`world_load` seeds it), so the rest of the
world stays what it was before this module existed. Nothing here names or quotes a child.
"""

from __future__ import annotations

import datetime
import heapq

from django.urls import reverse
from django.utils import timezone

from candidacy.models import Initiative, StageComment, StageState, Transition
from cities.roles import Role
from demo.library import THEMES as THEME_NAMES
from library.models import GoodPractice, GoodPracticeChange, Theme
from notifications.models import Delivery, Kind, Notification, Preference
from stakeholders.models import (
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Memorandum,
    StakeholderChange,
    StakeholderComment,
)

from . import rows

BATCH = 2000
UTC = datetime.UTC
NOTICES_PER_PERSON = 5

# --- publication -------------------------------------------------------------------------------


def published(crc: int, special: str) -> tuple[bool, bool]:
    """What a city's public page shows (plan, children's proposals), from its slug's hash: about
    four cities in ten publish something, the big city and the veteran both; the import city
    nothing."""
    if special in ("big", "veteran"):
        return True, True
    if special == "import":
        return False, False
    roll = crc % 10
    return roll < 3 or roll == 3, roll < 3 or roll == 4


# --- memoranda ---------------------------------------------------------------------------------

_MEMORANDA = (
    (
        "Memorandum of understanding on {city}, a child-friendly city",
        "The Ministry of Interior, UNICEF and the municipality of {city}",
    ),
    (
        "Agreement on the children's council of {city}",
        "The municipality of {city}, the provincial education office and UNICEF",
    ),
    (
        "Memorandum on safe routes to school in {city}",
        "The municipality of {city}, the traffic police and the parents' association",
    ),
)
_PROMISES = (
    (Commitment.Party.CITY, "", "Set up the Child-Friendly City office with four staff."),
    (Commitment.Party.CITY, "", "Budget the children's council's proposals every year."),
    (Commitment.Party.MINISTRY, "", "Train the office's staff in children's rights."),
    (Commitment.Party.UNICEF, "", "Give technical support for the situation analysis."),
    (Commitment.Party.PROVINCE, "", "Share the schools' data by district every year."),
    (Commitment.Party.OTHER, "Red Crescent Society", "Run first-aid classes in every school."),
    (Commitment.Party.CITY, "", "Open a children's house in every district."),
    (Commitment.Party.UNICEF, "", "Fund the first survey of children's views."),
)
_KEPT = "Done: the report was presented to the council and is kept by the office."
_CANCELLED = "Dropped by agreement of the parties: the budget went to the school routes."

# --- children's participation ------------------------------------------------------------------

_TOPICS = (
    "Play spaces in the district parks",
    "Safe routes to school",
    "The city budget for children",
    "Bullying and safety at school",
    "Clean air and green spaces",
    "Libraries and after-school activities",
    "Public transport for children",
    "Sports fields open to girls",
)
_ASKS = (
    "Shade and water fountains in the playgrounds",
    "A pedestrian crossing with a guard near the school",
    "Longer opening hours of the children's library",
    "A skate park in the district",
    "Toilets that children can use in the park",
    "Benches and lights on the way to school",
    "A football field for girls",
    "Free bus rides for pupils",
    "Trees along the school street",
    "A quiet room for studying in the cultural centre",
)
_ANSWERS = {
    ChildrenProposal.Status.ACCEPTED: "The city agreed and put it in next year's plan.",
    ChildrenProposal.Status.IMPLEMENTED: "Done: the children's council opened it with the mayor.",
    ChildrenProposal.Status.DECLINED: (
        "Not this year: the site belongs to the province. The city asked the province and "
        "will report back to the council."
    ),
}

# --- comments ----------------------------------------------------------------------------------

_STAGE_ASKS = (
    "Please add the districts the figures cover and the year they were counted.",
    "The decree is signed but undated: please upload the dated copy.",
    "Could the office say how the children's council was consulted on this?",
)
_STAGE_ANSWERS = (
    "Added; the statistics unit confirmed the figures by district.",
    "The dated copy is uploaded; thank you.",
    "The council met twice on it; the minutes are with the office.",
)
_INTERNAL = "Looks complete to me; I will sign once the coordinator has."
_STAKEHOLDER_COMMENTS = (
    "Please keep the council's term dates up to date before the annual review.",
    "Thank you for the answer; the children's council will discuss it at its next session.",
    "When is the commitment on training expected? The ministry asked.",
)

# --- the library -------------------------------------------------------------------------------

THEMES = ("play", "participation", "families", "health", "inclusion")  # demo.library.THEMES
_SUMMARY = (
    "{title}, run by {body} since {year}: what it took, what it costs a year and what the "
    "children's council says of it. Cities of a similar size can copy it in a year."
)


def themes_ensure() -> list[Theme]:
    """The library's themes (the demo's, named in every language), created if missing."""
    made = []
    for slug in THEMES:
        names = THEME_NAMES[slug]
        theme, _created = Theme.objects.get_or_create(
            slug=slug,
            defaults={"name": names["en"], **{f"name_{code}": t for code, t in names.items()}},
        )
        made.append(theme)
    return made


def _moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=UTC)


def _day_between(rng, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


class Notices:
    """The newest stage notices of each person, gathered chunk by chunk: the workflow tells the
    signatories of a submission and the city's office of a return or an approval
    (`notifications.workflow`). `write` keeps the last few per person."""

    def __init__(self):
        self.of: dict[int, list] = {}  # user id: heap of (at, n, user, subject, body, link)
        self.users: dict[int, object] = {}
        self.count = 0

    def gather(self, city, by_city) -> None:
        for _progress, stage, who in by_city[city.pk]:
            link = None
            for event in stage.events:
                told = self._told(stage, event, who)
                if not told:
                    continue
                link = link or reverse(
                    "candidacy:stage",
                    kwargs={"city": city.slug, "stage": stage.definition.key},
                )
                names = {"city": city.name, "stage": stage.definition.title}
                subject, body = self._text(event.action, names, event.comment)
                for user in told:
                    self._keep(user, (event.at, subject, body, link))

    @staticmethod
    def _told(stage, event, who) -> list:
        if event.action == Transition.Action.SUBMIT:
            return [who[role] for role in stage.definition.signatory_roles if who.get(role)]
        if event.action in (Transition.Action.RETURN, Transition.Action.APPROVE):
            return [who[Role.OFFICE]]
        return []

    @staticmethod
    def _text(action, names, comment) -> tuple[str, str]:
        if action == Transition.Action.SUBMIT:
            return (
                "{city}: “{stage}” awaits your sign-off".format(**names),
                "The stage has been submitted and awaits your review.",
            )
        if action == Transition.Action.RETURN:
            return "{city}: “{stage}” was returned".format(**names), comment
        return (
            "{city}: “{stage}” is approved".format(**names),
            "The stage has been approved by every signatory.",
        )

    def _keep(self, user, item) -> None:
        self.users[user.pk] = user
        self.count += 1
        heap = self.of.setdefault(user.pk, [])
        entry = (item[0], self.count, *item[1:])
        if len(heap) < NOTICES_PER_PERSON:
            heapq.heappush(heap, entry)
        else:
            heapq.heappushpop(heap, entry)

    def write(self, rng) -> None:
        """The inbox rows, older ones read; a few people read their notices once a day."""
        made, dated = [], []
        now = timezone.now()
        for user_id in sorted(self.of):
            user = self.users[user_id]
            for at, _n, subject, body, link in sorted(self.of[user_id]):
                read_at = at + datetime.timedelta(hours=rng.randint(1, 72))
                unread = read_at > now or rng.random() < 0.4
                read = None if unread else read_at
                made.append(rows.notification(user, subject, body, link, read))
                dated.append(at)
        made = Notification.objects.bulk_create(made, batch_size=BATCH)
        for notice, at in zip(made, dated, strict=True):  # set on saving: dated back to the event
            notice.created_at = at
        Notification.objects.bulk_update(made, ["created_at"], batch_size=BATCH)
        Preference.objects.bulk_create(
            [
                rows.preference(self.users[user_id], Kind.STAGE, Delivery.DIGEST)
                for user_id in sorted(self.of)
                if user_id % 4 == 0
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )


def chunk_write(chunk, cities, by_city, around, rng, notices: Notices, themes) -> None:
    """What happens around each city of the chunk. `around`: the chunk's councils and
    organisations by city id, districts by city id, plan actions by city id."""
    changes: list = []
    comments: list = []
    today = timezone.localdate()
    memoranda = _memoranda_write(cities, by_city, rng, today, changes)
    _sessions, proposals = _participation_write(cities, by_city, around, rng, today, changes)
    _stage_comments_write(cities, by_city, rng)
    for memorandum, who in memoranda:
        if rng.random() < 0.3:
            at = _moment(memorandum.signed_on, 11) + datetime.timedelta(days=rng.randint(5, 60))
            comments.append(
                (
                    rows.stakeholder_comment(
                        memorandum.city,
                        who[Role.COORDINATOR],
                        _STAKEHOLDER_COMMENTS[2],
                        at,
                        memorandum=memorandum,
                    ),
                    who,
                )
            )
    for made, who in proposals:
        if made.answered_on and rng.random() < 0.3:
            comments.append(
                (
                    rows.stakeholder_comment(
                        made.council.city,
                        who[Role.COORDINATOR],
                        _STAKEHOLDER_COMMENTS[1],
                        _moment(made.answered_on, 15),
                        proposal=made,
                    ),
                    who,
                )
            )
    for council, who in around["councils"]:
        if council.council_type.involves_children or rng.random() < 0.8:
            continue
        at = _moment(council.established_on, 12) + datetime.timedelta(days=rng.randint(30, 300))
        if at.date() <= today:
            comments.append(
                (
                    rows.stakeholder_comment(
                        council.city,
                        who[Role.COORDINATOR],
                        _STAKEHOLDER_COMMENTS[0],
                        at,
                        council=council,
                    ),
                    who,
                )
            )
    made_comments = StakeholderComment.objects.bulk_create(
        [made for made, _who in comments], batch_size=BATCH
    )
    for made in made_comments:
        changes.append(
            rows.stakeholder_change(
                made.city,
                StakeholderChange.ObjectType.COMMENT,
                made.pk,
                made.body[:80],
                made.author,
                made.created_at,
            )
        )
    StakeholderChange.objects.bulk_create(changes, batch_size=BATCH)
    _library_write(cities, by_city, rng, themes)
    for city in cities:
        notices.gather(city, by_city)


def _who_of(city, by_city):
    return by_city[city.pk][0][2]


def _memoranda_write(cities, by_city, rng, today, changes) -> list:
    """One to three memoranda for four cities in five, each with three to five commitments."""
    memoranda, promised = [], []
    for city in cities:
        if rng.random() < 0.2:
            continue
        who = _who_of(city, by_city)
        for number in range(rng.randint(1, 3)):
            title, parties = _MEMORANDA[number]
            signed = _day_between(
                rng,
                city.joined_on + datetime.timedelta(days=30),
                today - datetime.timedelta(days=30),
            )
            made = rows.memorandum(
                city,
                title.format(city=city.name),
                parties.format(city=city.name),
                signed,
                "What each party promised for the city's children, and by when.",
            )
            memoranda.append((made, who))
            promises = rng.sample(_PROMISES, rng.randint(3, 5))
            promised.append(promises)
    made_memoranda = Memorandum.objects.bulk_create([m for m, _w in memoranda], batch_size=BATCH)
    commitments = []
    for memorandum, promises in zip(made_memoranda, promised, strict=True):
        for party, party_name, text in promises:
            due = memorandum.signed_on + datetime.timedelta(days=rng.randint(60, 900))
            roll = rng.random()
            values = {"party_name": party_name}
            status = Commitment.Status.PENDING
            if due < today and roll < 0.6 or due >= today and roll < 0.15:
                status = Commitment.Status.FULFILLED
                values["evidence_note"] = _KEPT
            elif roll > 0.92:
                status = Commitment.Status.CANCELLED
                values["evidence_note"] = _CANCELLED
            if status != Commitment.Status.PENDING:
                values["status_changed_on"] = _day_between(
                    rng, memorandum.signed_on, min(due, today)
                )
            commitments.append(rows.commitment(memorandum, party, text, due, status, **values))
    Commitment.objects.bulk_create(commitments, batch_size=BATCH)
    for memorandum, who in memoranda:
        changes.append(
            rows.stakeholder_change(
                memorandum.city,
                StakeholderChange.ObjectType.MEMORANDUM,
                memorandum.pk,
                memorandum.title,
                who[Role.OFFICE],
                _moment(memorandum.signed_on, 16),
            )
        )
    return memoranda


def _counts(rng) -> tuple[int, ...]:
    """Who put a proposal forward: a handful of girls and boys in one or two age bands."""
    counts = [0] * 6
    for band in rng.sample(range(3), rng.randint(1, 2)):
        counts[2 * band] = rng.randint(0, 12)
        counts[2 * band + 1] = rng.randint(0, 12)
    if not sum(counts):
        counts[2 * rng.randrange(3)] = rng.randint(1, 6)
    return tuple(counts)


def _participation_write(cities, by_city, around, rng, today, changes):
    """Each children's council's sessions (two to six) and proposals (two to seven)."""
    sessions, proposals = [], []
    for council, who in around["councils"]:
        if not council.council_type.involves_children:
            continue
        city = council.city
        since = council.established_on
        for _ in range(rng.randint(2, 6)):
            held = _day_between(rng, since, today)
            sessions.append(
                (rows.session(council, held, rng.choice(_TOPICS), rng.randint(6, 28)), who)
            )
        districts = around["districts"][city.pk]
        actions = around["actions"].get(city.pk, [])
        organisations = around["organisations"][city.pk]
        for _ in range(rng.randint(2, 7)):
            received = _day_between(rng, since, today)
            title = rng.choice(_ASKS)
            age = (today - received).days
            status = ChildrenProposal.Status.RECEIVED
            if age > 60:
                status = rng.choice(
                    (
                        ChildrenProposal.Status.CONSIDERING,
                        ChildrenProposal.Status.ACCEPTED,
                        ChildrenProposal.Status.IMPLEMENTED,
                        ChildrenProposal.Status.IMPLEMENTED,
                        ChildrenProposal.Status.DECLINED,
                    )
                )
            values = {
                "details": "Raised at the council's session; the district's schools agreed.",
                "district": rng.choice(districts) if rng.random() < 0.8 else None,
                "status": status,
            }
            if status in ChildrenProposal.DECIDED:
                values["answer"] = _ANSWERS[status]
                values["answered_on"] = min(
                    received + datetime.timedelta(days=rng.randint(14, 60)), today
                )
            if status in (ChildrenProposal.Status.ACCEPTED, ChildrenProposal.Status.IMPLEMENTED):
                values["responsible_organisation"] = rng.choice(organisations)
                if actions and rng.random() < 0.6:
                    values["plan_action"] = rng.choice(actions)
            proposals.append((rows.proposal(council, title, received, _counts(rng), **values), who))
    ChildrenCouncilSession.objects.bulk_create([s for s, _w in sessions], batch_size=BATCH)
    ChildrenProposal.objects.bulk_create([p for p, _w in proposals], batch_size=BATCH)
    for made, who in sessions:
        changes.append(
            rows.stakeholder_change(
                made.council.city,
                StakeholderChange.ObjectType.SESSION,
                made.pk,
                made.topic,
                who[Role.OFFICE],
                _moment(made.held_on, 17),
            )
        )
    for made, who in proposals:
        changes.append(
            rows.stakeholder_change(
                made.council.city,
                StakeholderChange.ObjectType.PROPOSAL,
                made.pk,
                made.title,
                who[Role.OFFICE],
                _moment(made.received_on, 17),
            )
        )
    return sessions, proposals


def _stage_comments_write(cities, by_city, rng) -> None:
    """A thread on a third of the stages waiting for sign-off or returned: the coordinator asks
    the city, the office answers; sometimes an evaluator's internal note."""
    made = []
    now = timezone.now()
    for city in cities:
        for progress, stage, who in by_city[city.pk]:
            if stage.state not in (StageState.SUBMITTED, StageState.RETURNED):
                continue
            if rng.random() < 0.67:
                continue
            start = stage.submitted_at or stage.opened_at
            number = rng.randrange(len(_STAGE_ASKS))
            asked = min(start + datetime.timedelta(hours=rng.randint(2, 96)), now)
            made.append(
                rows.stage_comment(
                    progress,
                    who[Role.COORDINATOR],
                    _STAGE_ASKS[number],
                    StageComment.Visibility.CITY,
                    asked,
                )
            )
            answered = asked + datetime.timedelta(hours=rng.randint(2, 72))
            if answered < now:
                made.append(
                    rows.stage_comment(
                        progress,
                        who[Role.OFFICE],
                        _STAGE_ANSWERS[number],
                        StageComment.Visibility.CITY,
                        answered,
                    )
                )
            if who.get(Role.EVALUATOR) and rng.random() < 0.3:
                made.append(
                    rows.stage_comment(
                        progress,
                        who[Role.EVALUATOR],
                        _INTERNAL,
                        StageComment.Visibility.INTERNAL,
                        min(asked + datetime.timedelta(hours=1), now),
                    )
                )
    StageComment.objects.bulk_create(made, batch_size=BATCH)


def _library_write(cities, by_city, rng, themes) -> None:
    """The library's entries of the chunk's initiatives marked as good practice: most of a
    public city's published, a few withdrawn, some proposed (in the coordinator's queue), the
    rest with no entry yet (in the queue too)."""
    progress_ids = [progress.pk for city in cities for progress, _s, _w in by_city[city.pk]]
    city_of = {progress.pk: city for city in cities for progress, _s, _w in by_city[city.pk]}
    who_of = {progress.pk: who for city in cities for progress, _s, who in by_city[city.pk]}
    marked = Initiative.objects.filter(progress_id__in=progress_ids, good_practice=True).order_by(
        "pk"
    )
    entries, histories, themed = [], [], []
    now = timezone.now()
    for initiative in marked:
        city = city_of[initiative.progress_id]
        coordinator = who_of[initiative.progress_id][Role.COORDINATOR]
        public = city.publish_plan or city.publish_proposals
        roll = rng.random()
        if public and roll < 0.7:
            status = GoodPractice.Status.PUBLISHED
        elif roll < 0.8:
            status = GoodPractice.Status.PROPOSED
        elif roll < 0.9 and public:
            status = GoodPractice.Status.WITHDRAWN
        else:
            continue
        published_at = None
        if status != GoodPractice.Status.PROPOSED:  # withdrawn: once published
            days, hours = rng.randint(1, 700), rng.randint(0, 9)
            published_at = now - datetime.timedelta(days=days, hours=hours)
        summary = _SUMMARY.format(
            title=initiative.title,
            body=initiative.responsible_organisation or city.name,
            year=initiative.year_started,
        )
        entries.append(
            rows.good_practice(
                initiative,
                status,
                summary if status != GoodPractice.Status.PROPOSED else "",
                coordinator,
                published_at,
                programme_id=city.programme_id,
            )
        )
        histories.append((coordinator, status))
        themed.append(rng.sample(themes, rng.randint(1, 2)))
    entries = GoodPractice.objects.bulk_create(entries, batch_size=BATCH)
    changes = []
    for entry, (by, status) in zip(entries, histories, strict=True):
        if status == GoodPractice.Status.WITHDRAWN:
            changes.append(rows.good_practice_change(entry, by, "", GoodPractice.Status.PUBLISHED))
            changes.append(
                rows.good_practice_change(
                    entry, by, GoodPractice.Status.PUBLISHED, GoodPractice.Status.WITHDRAWN
                )
            )
        else:
            changes.append(rows.good_practice_change(entry, by, "", status))
    GoodPracticeChange.objects.bulk_create(changes, batch_size=BATCH)
    GoodPractice.themes.through.objects.bulk_create(
        [
            GoodPractice.themes.through(goodpractice_id=entry.pk, theme_id=theme.pk)
            for entry, chosen in zip(entries, themed, strict=True)
            for theme in chosen
        ],
        batch_size=BATCH,
    )
