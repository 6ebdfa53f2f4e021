"""Sessions kept in the database, exactly as Django's `db` engine keeps them (one row per
session, revocable on the server: signing out deletes it, and no app server then accepts the
cookie), read in one plain statement together with the numbers of the editions a signed-in
page may key its cache on (`core.editions.READ_WITH_SESSION`: the lists', the atlases', the
plans', the inbox's, the stages').

A signed-in request reads its session first, before anything it shows; the pages it keeps
under the edition need that number anyway. One round trip to the database instead of two, and
none of the ORM's query building (about a thousand Python calls) on every signed-in request.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

from .editions import READ_WITH_SESSION, edition_seen
from .models import Edition


class SessionStore(DatabaseSessionStore):
    def _statement(self, connection) -> str:
        session = connection.ops.quote_name(self.model._meta.db_table)
        edition = connection.ops.quote_name(Edition._meta.db_table)
        number = f"(SELECT number FROM {edition} WHERE name = %s)"  # noqa: S608 (a table name)
        numbers = ", ".join([number] * len(READ_WITH_SESSION))
        where = "session_key = %s AND expire_date > %s"
        return f"SELECT session_data, {numbers} FROM {session} WHERE {where}"  # noqa: S608

    def load(self):
        if not self.session_key:
            self._session_key = None
            return {}
        connection = connections[router.db_for_read(self.model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(self._statement(connection), [*READ_WITH_SESSION, self.session_key, now])
            row = cursor.fetchone()
        if row is None:  # none, or expired: as Django's engine, a new session
            self._session_key = None
            return {}
        data, *numbers = row
        for name, number in zip(READ_WITH_SESSION, numbers, strict=True):
            edition_seen(name, number or 0)
        return self.decode(data)
