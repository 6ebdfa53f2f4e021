"""Production installs no demo code and offers no demo command."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import django
from django.conf import settings
from django.core.management import get_commands
django.setup()
assert "demo" not in settings.INSTALLED_APPS, settings.INSTALLED_APPS
assert "load_demo" not in get_commands()
assert not [name for name in sys.modules if name == "demo" or name.startswith("demo.")]
print("no demo")
"""


def test_production_settings_install_no_demo_code():
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "cfc_portal.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "cfc.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "no demo"


def test_local_settings_offer_the_demo_command():
    from django.conf import settings

    assert "demo" in settings.INSTALLED_APPS  # the test settings, like the local ones
