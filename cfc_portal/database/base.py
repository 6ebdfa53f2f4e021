"""PostgreSQL (Django's backend) with CONN_HEALTH_CHECKS paid only by a connection that has sat
idle: settings.base puts it in place of `django.db.backends.postgresql`.

Django's health check sends `SELECT 1` before the first query of every request that reuses a
persistent connection: one more round trip on every page, as many as the session and the user
cost together. A connection that a request used less than `IDLE_SECONDS` ago, without an error,
is alive as far as anything can tell, so it is used without asking; one idle for longer (a quiet
night, during which the database may have restarted) is checked first, as before. A connection
that fails anyway is dropped by Django at the end of that request (its errors are checked), and
the page answers 503 with Retry-After (`cfc_portal.middleware`)."""

from __future__ import annotations

import time

from django.db.backends.postgresql import base

#: How long a connection that answered stays trusted without a health check, in seconds.
IDLE_SECONDS = 5.0


class DatabaseWrapper(base.DatabaseWrapper):
    #: When a request last took a cursor from this connection (time.monotonic()).
    used_at = float("-inf")

    def connect(self):
        super().connect()
        self.used_at = time.monotonic()

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and not self.health_check_done
            and not self.errors_occurred
            and time.monotonic() - self.used_at < IDLE_SECONDS
        ):
            self.health_check_done = True
        super().close_if_health_check_failed()
        self.used_at = time.monotonic()
