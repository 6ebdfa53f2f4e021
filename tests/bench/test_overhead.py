"""`python -m bench.overhead` cannot rot silently: on a tiny world, each page it measures
answers 200 for its role, with the sessions the benchmark makes."""

import pytest
from django.conf import settings

from bench import overhead
from bench import pages as bench

pytestmark = pytest.mark.django_db


def test_every_overhead_page_answers_200_for_its_role(tiny_world, client):
    sessions = bench.sessions(bench.cast())
    for name, path, role in overhead.PAGES:
        client.cookies.clear()
        if role != bench.ANONYMOUS:
            client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
        response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
