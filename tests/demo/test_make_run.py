"""`make run` as a new user meets it: the links in workflow e-mail follow the port served."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_BASE_URL = "MANAGE=python3 -c \"import os; print(os.environ['PORTAL_BASE_URL'])\""

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


def _base_urls(port: str, **env) -> set[str]:
    environment = {k: v for k, v in os.environ.items() if k != "PORTAL_BASE_URL"} | env
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["make", "-s", "-o", "setup", "run", f"PORT={port}", PRINT_BASE_URL],  # noqa: S607
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(result.stdout.split())


def test_email_links_point_at_the_port_served():
    assert _base_urls("8123") == {"http://127.0.0.1:8123"}


def test_an_explicit_portal_address_wins():
    assert _base_urls("8123", PORTAL_BASE_URL="https://cfc.example.org") == {
        "https://cfc.example.org"
    }
