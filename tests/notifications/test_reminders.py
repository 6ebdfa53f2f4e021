"""The daily commands: reminders go to exactly the people who may act on the thing (never an
office of another city nor a coordinator of another country), once, in each recipient's
language, as each prefers (at once, in the digest, or inbox only); the digest is one e-mail a
day; the queries do not grow with the number of cities."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from candidacy.models import Candidacy, StageDefinition, StageProgress
from cities.calendars import date_format
from cities.models import UserProfile
from notifications.models import Delivery, Kind, Notification, Preference
from notifications.reminders import reminders_due
from notifications.services import messages_deliver
from stakeholders.models import Commitment, Memorandum
from tests import factories as f

pytestmark = pytest.mark.django_db

DAYS = datetime.timedelta(days=1)


def _make_due(cities, *, today):
    """Each city's first stage ten days into five days' preparation; a ministry's commitment
    due in three days in each; and the last city's recognition ending in twenty days."""
    StageDefinition.objects.filter(
        programme__in={city.programme_id for city in cities}, key="office"
    ).update(preparation_days=5)
    StageProgress.objects.filter(candidacy__city__in=cities, definition__key="office").update(
        opened_at=timezone.now() - 10 * DAYS
    )
    for city in cities:
        memorandum = Memorandum.objects.create(
            city=city, title="Memorandum", signed_on=datetime.date(2024, 1, 1)
        )
        Commitment.objects.create(
            memorandum=memorandum,
            party="ministry",
            description="A playground.",
            due_on=today + 3 * DAYS,
        )
    Candidacy.objects.filter(city=cities[-1]).update(
        recognised_since=today - 700 * DAYS, recognised_until=today + 20 * DAYS
    )


@pytest.fixture
def due(world):
    _make_due([world.city_a, world.city_b, world.city_a2], today=timezone.localdate())
    return world


def _run(command):
    call_command(command, stdout=io.StringIO())


def _subjects(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def _mailed(user):
    return sorted(message.subject for message in mail.outbox if message.to == [user.email])


def test_reminders_reach_who_may_act_once(due):
    w = due
    _run("send_reminders")
    assert _subjects(w.office_a) == [
        "City A: a commitment is due on " + date_format(timezone.localdate() + 3 * DAYS),
        "City A: “Office” is overdue",
    ]
    # the other city's office hears of its own city only; its recognition ends too
    assert [s.split(":")[0] for s in _subjects(w.office_a2)] == ["City A2"] * 3
    # the coordinator: the ministry's commitments and the recognitions of their programme,
    # not the stages their offices prepare, nothing of the other country
    assert sorted(s.split(":")[0] for s in _subjects(w.coordinator_a)) == [
        "City A",
        "City A2",
        "City A2",
    ]
    assert {s.split(":")[0] for s in _subjects(w.coordinator_b)} == {"City B"}
    assert _subjects(w.evaluator_a) == []  # prepares and signs none of these now
    assert _mailed(w.office_a) == _subjects(w.office_a)  # immediate by default
    sent = len(mail.outbox)
    rows = Notification.objects.count()

    _run("send_reminders")  # the same day, again
    assert (len(mail.outbox), Notification.objects.count()) == (sent, rows)


def test_each_reads_in_their_language(due):
    w = due
    UserProfile.objects.create(user=w.office_a, language="fa")
    UserProfile.objects.create(user=w.coordinator_a, language="ru")
    _run("send_reminders")
    persian = _mailed(w.office_a)
    assert any(subject.endswith("«Office» از موعد گذشته است") for subject in persian), persian
    assert any("سررسید تعهد" in subject for subject in persian), persian
    russian = _mailed(w.coordinator_a)
    assert any("признание действует до" in subject for subject in russian), russian
    body = next(
        m.body for m in mail.outbox if m.to == [w.coordinator_a.email] and "призн" in m.subject
    )
    assert "20 дней" in body
    assert "City B: “Office” is overdue" in _mailed(w.office_b)  # no choice: English


def test_preferences_off_and_digest(due):
    w = due
    Preference.objects.create(user=w.office_a, kind=Kind.REMINDER, delivery=Delivery.OFF)
    Preference.objects.create(user=w.coordinator_a, kind=Kind.REMINDER, delivery=Delivery.DIGEST)
    _run("send_reminders")
    assert _mailed(w.office_a) == [] and len(_subjects(w.office_a)) == 2  # inbox only
    assert _mailed(w.coordinator_a) == []
    mail.outbox.clear()

    _run("send_digests")
    (digest,) = mail.outbox
    assert digest.to == [w.coordinator_a.email]
    assert digest.subject == "Your daily digest from the CFC Candidacy Portal"
    assert digest.body.startswith("3 notifications since your last digest:")
    assert "City A2: the recognition ends on" in digest.body
    assert "http://testserver/cities/city-a2/" in digest.body or "/cities/city-a2/" in digest.body

    _run("send_digests")
    assert len(mail.outbox) == 1  # sent once


def test_the_digest_is_in_the_recipients_language(due):
    w = due
    UserProfile.objects.create(user=w.coordinator_a, language="fa")
    Preference.objects.create(user=w.coordinator_a, kind=Kind.REMINDER, delivery=Delivery.DIGEST)
    _run("send_reminders")
    mail.outbox.clear()
    _run("send_digests")
    (digest,) = mail.outbox
    assert digest.subject == "خلاصهٔ روزانهٔ شما از سامانهٔ نامزدی شهر دوستدار کودک"
    assert digest.body.startswith("۳ اعلان از خلاصهٔ پیشین شما تاکنون:")


def test_a_recognition_is_reminded_at_90_then_30_days(world):
    today = timezone.localdate()
    Candidacy.objects.filter(city=world.city_a).update(
        recognised_since=today - 600 * DAYS, recognised_until=today + 60 * DAYS
    )
    messages_deliver(reminders_due())
    assert len(_subjects(world.office_a)) == 1
    messages_deliver(reminders_due(now=timezone.now() + 29 * DAYS))  # 31 days left: same window
    assert len(_subjects(world.office_a)) == 1
    messages_deliver(reminders_due(now=timezone.now() + 31 * DAYS))  # 29 days left
    assert len(_subjects(world.office_a)) == 2
    Candidacy.objects.filter(city=world.city_a).update(withdrawn_on=today)  # not recognised
    messages_deliver(reminders_due(now=timezone.now() + 59 * DAYS))
    assert len(_subjects(world.office_a)) == 2


def test_fulfilled_commitments_and_withdrawn_candidacies_are_left_alone(due):
    Commitment.objects.update(status=Commitment.Status.FULFILLED)
    Candidacy.objects.update(withdrawn_on=timezone.localdate(), recognised_until=None)
    assert reminders_due() == []


@pytest.mark.parametrize("extra", [0, 3])
def test_the_queries_do_not_grow_with_the_cities(due, extra, django_assert_max_num_queries):
    w = due
    cities = [f.make_city(w.programme_a) for _ in range(extra)]
    for city in cities:
        f.office_user(city)
    if cities:
        _make_due(cities, today=timezone.localdate())
    with django_assert_max_num_queries(17):
        created = messages_deliver(reminders_due())
    assert len(created) >= 10 + 4 * extra
