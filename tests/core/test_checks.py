"""`manage.py check --deploy` refuses a production without the portal's public HTTPS address,
which the links in workflow e-mail need."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import registry, run_checks
from django.test import override_settings

from core.checks import portal_base_url_check


def errors(**settings):
    with override_settings(**settings):
        return [message.id for message in portal_base_url_check(None)]


def test_the_check_runs_with_the_deployment_checks_only():
    assert portal_base_url_check in registry.registry.get_checks(include_deployment_checks=True)
    assert portal_base_url_check not in registry.registry.get_checks()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000",  # the default: unset
        "",
        "http://cfc.example.org",
        "https://localhost:8000",
        "https://",
        "cfc.example.org",
    ],
)
def test_production_without_a_public_https_address_is_an_error(url):
    assert errors(DEBUG=False, PORTAL_BASE_URL=url) == ["core.E001"]


@pytest.mark.parametrize("url", ["https://cfc.example.org", "https://portal.example.org/cfc/"])
def test_a_public_https_address_passes(url):
    assert errors(DEBUG=False, PORTAL_BASE_URL=url) == []


def test_development_is_not_held_to_it():
    assert errors(DEBUG=True, PORTAL_BASE_URL="http://127.0.0.1:8000") == []


def test_check_deploy_reports_it():
    with override_settings(DEBUG=False, PORTAL_BASE_URL="http://127.0.0.1:8000"):
        found = run_checks(include_deployment_checks=True, tags=["security"])
    assert "core.E001" in [message.id for message in found]


ROOT = Path(__file__).resolve().parents[2]


def _check_deploy(**environment) -> subprocess.CompletedProcess:
    # Not the test run's own settings (DJANGO_*, e.g. DJANGO_ALLOW_ASYNC_UNSAFE) nor an address.
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k != "PORTAL_BASE_URL"
    }
    environment = inherited | {
        "DJANGO_SETTINGS_MODULE": "cfc_portal.settings.production",
        "SECRET_KEY": "placeholder-for-the-check-" + "0123456789abcdef" * 3,
        "ALLOWED_HOSTS": "cfc.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
        **environment,
    }
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_make_check_deploy_sets_the_address_and_passes():
    recipe = (ROOT / "Makefile").read_text().split("check-deploy:", 1)[1].split("\n\n", 1)[0]
    assert "PORTAL_BASE_URL=https://cfc.example.org" in recipe
    assert _check_deploy(PORTAL_BASE_URL="https://cfc.example.org").returncode == 0
    unset = _check_deploy()
    assert unset.returncode != 0 and "core.E001" in unset.stderr
