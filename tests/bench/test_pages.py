"""The benchmark cannot rot silently: on a tiny world, every page it measures answers 200 for
the role it is measured as (through the test client, with the sessions the benchmark makes, the
coordinator's verified by a TOTP device for the admin), the CSV import it times goes through the
service, and wrk's output is read right. wrk itself is never run here."""

import pytest
from django.conf import settings

from bench import csv_rate
from bench import pages as bench
from bench.run import wrk_parse
from candidacy.models import IndicatorValue
from cities.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(tiny_world):
    return bench.cast()


def test_the_cast_is_the_worlds_big_city_and_programme(cast):
    assert cast.big_city.districts.count() == 100
    assert cast.import_city.districts.count() == 100
    assert cast.programme == cast.big_city.programme
    assert set(cast.users) == {Role.OFFICE, Role.COORDINATOR, Role.EVALUATOR}


def test_every_page_answers_200_for_its_role(cast, client):
    sessions = bench.sessions(cast)
    pages = bench.pages(cast)
    names = [page.name for page in pages]
    assert "admin candidacy.candidacy" in names
    assert "public city page (big city)" in names  # issue 12: public pages stay fast
    assert sum(name.startswith("admin ") for name in names) >= 10  # every changelist
    assert len(names) == len(set(names))
    for page in pages:
        client.cookies.clear()
        if page.role != bench.ANONYMOUS:
            client.cookies[settings.SESSION_COOKIE_NAME] = sessions[page.role]
        response = client.get(page.path)
        assert response.status_code == 200, (page, response.status_code)


def test_the_admin_needs_the_verified_session(cast, client):
    """Without its second factor the coordinator's admin page is refused: the bench's verified
    session is what opens it."""
    coordinator = cast.users[Role.COORDINATOR]
    bench.session_key(coordinator, two_factor=True)  # the user now has a device
    client.cookies[settings.SESSION_COOKIE_NAME] = bench.session_key(coordinator)
    assert client.get("/admin/candidacy/candidacy/").status_code == 302


def test_the_csv_import_runs_through_the_service_and_leaves_nothing(cast):
    rate, values = csv_rate.import_rate(cast.import_city, rounds=1)
    assert values == 10_000 and rate > 0
    assert not IndicatorValue.objects.filter(progress__candidacy__city=cast.import_city).exists()


WRK = """Running 5s test @ http://127.0.0.1:8765/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.31ms    3.10ms  40.12ms   80.00%
    Req/Sec   162.50     20.11   200.00     70.00%
  Latency Distribution
     50%   11.90ms
     75%   13.00ms
     90%   15.50ms
     99%    1.02s
  1625 requests in 5.00s, 10.20MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:    324.95
Transfer/sec:      2.04MB
"""


def test_wrk_output_is_read():
    run = wrk_parse(WRK)
    assert run.rps == 324.95
    assert run.p50_ms == pytest.approx(11.9)
    assert run.p99_ms == pytest.approx(1020)
    assert run.requests == 1625
    assert run.errors == 5
