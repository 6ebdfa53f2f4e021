"""`python -m bench.admin_cost`: what each admin change list the coordinator of the biggest
programme sees costs per request (issue 10: "every admin changelist ≥ 0.03 of the floor"),
in figures that do not depend on what else the machine runs: queries, database round trips and
Python calls (`bench.overhead.cost_of`, through the test client, production settings), and the
process's CPU time per request (median; this one moves a little with the machine's load).

The database (BENCH_DATABASE_URL, default cfc_bench) must hold a world (`make bench` loads it).

    python -m bench.admin_cost                  # every change list
    python -m bench.admin_cost --only stage     # those whose name contains "stage"
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time

from bench import overhead, run


def cpu_ms(path: str, cookie: str, repeat: int = 15) -> float:
    """The median CPU time of one request to `path`, in ms, after two."""
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    times = []
    for n in range(repeat + 2):
        started = time.process_time()
        client.get(path, secure=True)
        if n >= 2:
            times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="the change lists whose name contains this")
    args = parser.parse_args(argv)
    url = os.environ.get("BENCH_DATABASE_URL", run.DEFAULT_DATABASE_URL)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cfc_portal.settings.production",
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "PORTAL_BASE_URL": "https://bench.example.org",
        "LOG_LEVEL": "WARNING",
    }
    if not run.world_loaded(url):
        print(f"{url} holds no world: run `make bench` first.", file=sys.stderr)
        return 2
    run.manage("collectstatic", "--noinput", "-v", "0", env=env)
    os.environ.update(env)
    import django

    django.setup()
    from bench import pages as bench_pages
    from cities.roles import Role

    people = bench_pages.cast()
    coordinator = people.users[Role.COORDINATOR]
    cookie = bench_pages.session_key(coordinator, two_factor=True)
    lists = bench_pages.admin_changelists(coordinator)
    if args.only:
        lists = [(name, path) for name, path in lists if args.only in name]
    print(f"{'change list':<40} {'queries':>7} {'trips':>5} {'calls':>8} {'CPU ms':>7}")
    for name, path in lists:
        queries, trips, calls = overhead.cost_of(path, cookie, repeat=5)
        print(f"{name:<40} {queries:>7g} {trips:>5g} {calls:>8,.0f} {cpu_ms(path, cookie):>7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
