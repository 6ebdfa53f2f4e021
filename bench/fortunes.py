"""The floor: TechEmpower's "fortunes" test on a bare Django (no apps, no middleware), served by
its own gunicorn beside the portal: one query reads a small table, a fortune is added, the list
is sorted and rendered by a tiny autoescaping template. Every page's figure is a ratio to this
one, measured in the same run on the same machine, so the machine's speed cancels out.

`gunicorn bench.fortunes:application` with DATABASE_URL set; the driver (`bench.run`) creates
and fills the table `bench_fortune` before serving it. Importing this module configures Django
for the floor alone: never import it in a process that serves or uses the portal."""

from __future__ import annotations

import os

import django
import environ
from django.conf import settings

TEMPLATE = """<!DOCTYPE html>
<html><head><title>Fortunes</title></head><body><table>
<tr><th>id</th><th>message</th></tr>
{% for id, message in fortunes %}<tr><td>{{ id }}</td><td>{{ message }}</td></tr>
{% endfor %}</table></body></html>"""

if not settings.configured:
    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=["*"],
        DATABASES={
            "default": {**environ.Env.db_url_config(os.environ["DATABASE_URL"]), "CONN_MAX_AGE": 60}
        },
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
        USE_TZ=True,
    )
    django.setup()

from django.db import connection  # noqa: E402 - after the settings above
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402

_template = engines["django"].from_string(TEMPLATE)


def fortunes(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, message FROM bench_fortune")
        rows = list(cursor.fetchall())
    rows.append((0, "Additional fortune added at request time."))
    rows.sort(key=lambda row: row[1])
    return HttpResponse(_template.render({"fortunes": rows}))


urlpatterns = [path("fortunes/", fortunes)]


from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
