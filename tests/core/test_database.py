"""A reused PostgreSQL connection is health-checked (`SELECT 1`) only after it has sat idle
(cfc_portal/database): not one more round trip on every request of a busy server, and still no
dead connection handed to the first request after a quiet night."""

import time

import pytest
from django.conf import settings

from cfc_portal.database.base import IDLE_SECONDS, DatabaseWrapper
from cfc_portal.settings.base import database


@pytest.fixture
def reused():
    """A wrapper whose persistent connection a request is about to reuse."""
    wrapper = DatabaseWrapper(
        {
            **settings.DATABASES["default"],
            "ENGINE": "cfc_portal.database",
            "CONN_HEALTH_CHECKS": True,
            "CONN_MAX_AGE": 60,
        }
    )
    wrapper.connection = object()  # never used: is_usable and close are counted instead
    wrapper.health_check_enabled = True
    wrapper.health_check_done = False
    wrapper.checks = []
    wrapper.is_usable = lambda: wrapper.checks.append("SELECT 1") or wrapper.usable
    wrapper.close = lambda: setattr(wrapper, "connection", None)
    wrapper.usable = True
    return wrapper


def test_a_connection_used_moments_ago_is_not_asked(reused):
    reused.used_at = time.monotonic() - 1
    reused.close_if_health_check_failed()
    assert reused.checks == []
    assert reused.connection is not None


def test_a_connection_idle_for_longer_is_checked_and_dropped_if_dead(reused):
    reused.used_at = time.monotonic() - IDLE_SECONDS - 1
    reused.usable = False
    reused.close_if_health_check_failed()
    assert reused.checks == ["SELECT 1"]
    assert reused.connection is None  # the request connects anew


def test_a_connection_that_failed_is_checked_however_recent(reused):
    reused.used_at = time.monotonic()
    reused.errors_occurred = True
    reused.close_if_health_check_failed()
    assert reused.checks == ["SELECT 1"]


def test_once_per_request(reused):
    reused.used_at = time.monotonic() - IDLE_SECONDS - 1
    reused.close_if_health_check_failed()
    reused.close_if_health_check_failed()
    assert reused.checks == ["SELECT 1"]


def test_postgresql_urls_get_the_wrapper_and_others_keep_their_backend():
    assert database({"ENGINE": "django.db.backends.postgresql"}) == {
        "ENGINE": "cfc_portal.database",
        "CONN_HEALTH_CHECKS": True,
    }
    assert database({"ENGINE": "django.db.backends.sqlite3"})["ENGINE"] == (
        "django.db.backends.sqlite3"
    )
