"""What every request pays is kept small (issue 10, "per-request overhead"): the pieces of the
layout that are the same on every page are made once per process, the navigation reads the
user's roles only when it is shown, and production caches its compiled templates."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from cfc_portal.storage import StaticFilesStorage
from cities.context_processors import portal
from cities.roles import Role
from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "name"), [("en", "English"), ("fa", "فارسی"), ("kk", "Қазақ")]
)
def test_the_language_buttons_mark_the_language_the_page_is_in(client, language, name):
    client.cookies["django_language"] = language
    page = client.get(reverse("login")).text
    assert (
        f'<button type="submit" name="language" value="{language}" lang="{language}" '
        f'class="btn btn-sm btn-light" aria-current="true">{name}</button>'
    ) in page
    assert page.count('aria-current="true"') == 1
    for other in ("en", "fa", "ru", "kk", "lt"):
        assert f'value="{other}" lang="{other}"' in page


@pytest.mark.django_db
def test_the_navigation_reads_roles_only_when_shown(django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = f.UserFactory()
    programme = f.make_programme(key="p")
    f.RoleAssignmentFactory(user=request.user, role=Role.EVALUATOR, programme=programme)
    with django_assert_num_queries(0):
        context = portal(request)
    with django_assert_num_queries(1):
        assert context["nav_signoff_queue"]() is True
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert portal(request)["nav_signoff_queue"]() is False


def test_static_urls_are_looked_up_once_per_process(tmp_path, monkeypatch):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/portal.css": "css/portal.0123abcd.css"}})
    )
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    assert storage.url("css/portal.css") == "/static/css/portal.0123abcd.css"
    monkeypatch.setattr(storage, "stored_name", lambda name: pytest.fail("looked up again"))
    assert storage.url("css/portal.css") == "/static/css/portal.0123abcd.css"
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        StaticFilesStorage(location=tmp_path, base_url="/static/").url("js/missing.js")


PROBE = """
import django
from django.conf import settings
from django.core.files.storage import default_storage
from django.template import engines
from django.template.loaders.cached import Loader
django.setup()
assert isinstance(engines["django"].engine.template_loaders[0], Loader)
assert settings.SESSION_ENGINE == "core.sessions", settings.SESSION_ENGINE
assert settings.DATABASES["default"]["ENGINE"] == "cfc_portal.database"
assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
assert str(default_storage.location) == "/srv/cfc/media", default_storage.location
print("ok")
"""


def test_production_caches_templates_and_keeps_sessions_in_the_database():
    """Compiled templates are kept (the cached loader); sessions are rows of the shared
    database, so any app server reads them and a sign-out ends them everywhere; documents are
    files in the MEDIA_ROOT the environment names (shared by the app servers)."""
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "cfc_portal.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "cfc.example.org",
        "DATABASE_URL": "postgres://cfc@db.example.org:5432/cfc",
        "MEDIA_ROOT": "/srv/cfc/media",
    }
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
