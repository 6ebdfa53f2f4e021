"""A tiny world of `manage.py load_world` (20 cities), loaded once per test module that imports
the fixture and rolled back after it."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def tiny_world(django_db_setup, django_db_blocker):
    """The command's output; the world stays in the database for the module's tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_world", cities=20, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
