"""Sessions as Django's database engine keeps them, read with the lists' edition in one
statement (`core.sessions`): revocable, expiring, and the edition the request then uses."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.editions import PLANS, PROPOSALS, EditionMiddleware, edition, edition_bump, editions_read
from core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _stored(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.create()
    return store.session_key


def test_a_session_is_read_with_the_edition_in_one_statement(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        edition_bump()
    key = _stored(colour="blue")
    seen = {}

    def view(request):
        with CaptureQueriesContext(connection) as queries:
            seen["colour"] = SessionStore(key)["colour"]
            seen["edition"] = edition()
        seen["queries"] = len(queries)

    EditionMiddleware(view)(None)
    assert seen == {"colour": "blue", "edition": edition(), "queries": 1}
    assert edition() >= 1


def test_editions_are_read_together_once_per_request(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        edition_bump(PLANS)
    seen = {}

    def view(request):
        with CaptureQueriesContext(connection) as queries:
            editions_read(PLANS, PROPOSALS, "never-raised")
            editions_read(PLANS)  # read already: no statement
            seen["numbers"] = (edition(PLANS), edition(PROPOSALS), edition("never-raised"))
        seen["queries"] = len(queries)

    EditionMiddleware(view)(None)
    assert seen == {"numbers": (edition(PLANS), edition(PROPOSALS), 0), "queries": 1}
    assert edition(PLANS) >= 1


def test_an_expired_or_deleted_session_is_a_new_empty_one():
    expired = _stored(colour="red")
    Session.objects.filter(session_key=expired).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    store = SessionStore(expired)
    assert "colour" not in store and store.session_key is None
    deleted = _stored(colour="green")
    Session.objects.filter(session_key=deleted).delete()
    assert dict(SessionStore(deleted).items()) == {}


def test_signing_out_ends_the_session(client, world):
    client.force_login(world.office_a)
    url = reverse("candidacy:city", args=[world.city_a.slug])
    assert client.get(url).status_code == 200
    cookie = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    client.cookies["sessionid"] = cookie  # the old cookie, sent again
    assert client.get(url).status_code == 302
