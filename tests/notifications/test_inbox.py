"""The inbox: one's own notifications only, a page at a time, marked read by POST; the count
in the navigation; the preferences page; workflow notifications land in the inbox too."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from candidacy import services as candidacy_services
from demo.testing import complete_record
from notifications.models import Delivery, Kind, Notification, Preference
from tests import factories as f

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")
PREFERENCES = reverse("notifications:preferences")


def _notify(user, count, **fields):
    return Notification.objects.bulk_create(
        Notification(
            recipient=user, kind=Kind.STAGE, subject=f"Message {n}", link="/home/", **fields
        )
        for n in range(count)
    )


def test_the_inbox_needs_a_sign_in(client):
    response = client.get(INBOX)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("count", [2, 60])
def test_the_inbox_shows_ones_own_a_page_at_a_time(
    client, world, count, django_assert_max_num_queries
):
    _notify(world.office_a, count)
    _notify(world.office_b, 3, body="Someone else's")
    client.force_login(world.office_a)
    # session (with the lists' edition), user, roles (the navigation), unread count, the
    # navigation's count of tasks, the pager's count, a page of rows
    with django_assert_max_num_queries(7):
        response = client.get(INBOX)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Someone else&#x27;s" not in text
    assert text.count(">Mark as read</button>") == min(count, 50)
    # the navigation's count
    assert f'Inbox <span class="badge text-bg-light">{count}<' in text


def test_marking_read(client, world):
    mine = _notify(world.office_a, 2)
    theirs = _notify(world.office_b, 1)[0]
    client.force_login(world.office_a)
    assert client.get(reverse("notifications:read", args=[mine[0].pk])).status_code == 405
    response = client.post(reverse("notifications:read", args=[mine[0].pk]))
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=world.office_a, read_at__isnull=True).count() == 1
    # another's: not found, and left unread
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    client.post(reverse("notifications:read-all"))
    assert not Notification.objects.filter(recipient=world.office_a, read_at__isnull=True)
    assert Notification.objects.filter(recipient=world.office_b, read_at__isnull=True).exists()
    assert 'id="nav-inbox">Inbox</a>' in client.get(INBOX).content.decode()


def test_marking_read_needs_the_csrf_token(world):
    from django.test import Client

    mine = _notify(world.office_a, 1)[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.office_a)
    assert client.post(reverse("notifications:read", args=[mine.pk])).status_code == 403


def test_the_preferences_page(client, world):
    client.force_login(world.office_a)
    response = client.get(PREFERENCES)
    assert response.status_code == 200
    assert response.context["form"].initial == {
        "stage": Delivery.IMMEDIATE,
        "reminder": Delivery.IMMEDIATE,
        "comment": Delivery.IMMEDIATE,
    }
    assert "Changes of a stage" in response.text and "Comments" in response.text
    refused = client.post(PREFERENCES, {"stage": "digest", "reminder": "weekly"})
    assert refused.status_code == 400
    assert refused.context["form"].data["stage"] == "digest"  # what was chosen is kept
    assert not Preference.objects.exists()
    chosen = {"stage": "digest", "reminder": "off", "comment": "immediate"}
    assert client.post(PREFERENCES, chosen).status_code == 302
    assert (
        dict(Preference.objects.filter(user=world.office_a).values_list("kind", "delivery"))
        == chosen
    )


def test_a_submission_lands_in_the_signatories_inbox_as_they_prefer(
    world, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=world.coordinator_a, kind=Kind.STAGE, delivery=Delivery.OFF)
    progress = f.stage_of(world.city_a, "office")
    complete_record(progress, by=world.office_a)
    candidacy_services.stage_save_draft(progress=progress, by=world.office_a, narrative="Done.")
    progress.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        candidacy_services.stage_submit(progress=progress, by=world.office_a)
    (row,) = Notification.objects.filter(recipient=world.coordinator_a)
    assert row.subject == "City A: “Office” awaits your sign-off"
    assert row.link == "/cities/city-a/stages/office/"
    assert mail.outbox == []  # off: inbox only
    assert not Notification.objects.exclude(recipient=world.coordinator_a).exists()


def test_the_navigations_unread_count_is_kept_until_a_notification_is_sent_or_read(
    client, world, django_capture_on_commit_callbacks
):
    """Kept under the inbox's edition (`core.editions.INBOX`, read with the session): a warm
    page counts nothing; a notification sent, one read and all read are on the next page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from notifications import services
    from notifications.services import Message

    client.force_login(world.office_a)
    profile = reverse("profile")
    client.get(profile)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(profile).content.decode()
    assert not [q for q in queries.captured_queries if "notifications_notification" in q["sql"]]
    assert 'id="nav-inbox">Inbox</a>' in page
    with django_capture_on_commit_callbacks(execute=True):
        services.messages_deliver(
            [
                Message(world.office_a, Kind.STAGE, "/home/", lambda: ("One", "Body"))
                for _ in range(2)
            ]
        )
    assert 'Inbox <span class="badge text-bg-light">2<' in client.get(profile).content.decode()
    first = Notification.objects.filter(recipient=world.office_a).first()
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_read(notification=first, by=world.office_a)
    assert 'Inbox <span class="badge text-bg-light">1<' in client.get(profile).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.notifications_read_all(by=world.office_a)
    assert 'id="nav-inbox">Inbox</a>' in client.get(profile).content.decode()
