"""`python -m bench.overhead`: the fixed cost of a request (issue 10: "per-request overhead is
measured and cut"), measured as `make bench` measures pages, on the pages whose own work is
small: what they cost is mostly what every request pays (middleware, session, user, context
processors, the base layout).

It reuses `bench.run`: the same gunicorn (2 sync workers, production settings, a random
SECRET_KEY), the same floor beside it, the same wrk (4 connections, 5 s), interleaved rounds and
medians. The database (BENCH_DATABASE_URL, default cfc_bench) must hold a world already (`make
bench` loads it); the signed-in sessions are made in it, as `make bench` makes them.

    python -m bench.overhead                          # 3 rounds of the pages below
    python -m bench.overhead --settings my.settings   # the same with other settings, e.g.
                                                      # another SESSION_ENGINE (PYTHONPATH)

Prints page | role | queries | trips | calls | rps | x floor: the queries the ORM sends for one
request, the round trips to the database (with what the ORM does not log), and the Python
function calls (a measure of CPU work that, unlike rps, does not depend on what else the
machine runs), through the test client; then rps and the ratio to the floor under wrk.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys

from bench import run

#: (name, path, role): a role of cities.roles.Role, or "anonymous".
PAGES = (
    ("login page", "/accounts/login/", "anonymous"),
    ("profile (evaluator)", "/accounts/profile/", "evaluator"),
    ("two-factor page (coordinator)", "/accounts/two-factor/", "coordinator"),
    ("sign-off queue (evaluator)", "/queue/", "evaluator"),
    ("my tasks (coordinator)", "/tasks/", "coordinator"),
)
#: The signed-in pages of `make bench` (bench.pages) whose content is kept under the lists'
#: edition: with the cache warm, what they cost is what every request pays.
WORLD_PAGES = (
    "city page (big city)",
    "coordinator overview (biggest programme)",
    "sign-off queue (coordinator)",
)


def cost_of(path: str, cookie: str | None, repeat: int = 20) -> tuple[float, float, float]:
    """(queries, database round trips, Python function calls) of one request to `path`
    through the test client, averaged over `repeat` requests after a first one. Unlike rps these
    do not depend on what else the machine runs. The round trips include what the ORM does not
    log, e.g. the `SELECT 1` of CONN_HEALTH_CHECKS."""
    import cProfile
    import pstats

    import psycopg
    from django.conf import settings
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="127.0.0.1")
    if cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    client.get(path, secure=True)
    sent = 0
    execute = psycopg.Cursor.execute

    def counted(cursor, *args, **kwargs):
        nonlocal sent
        sent += 1
        return execute(cursor, *args, **kwargs)

    psycopg.Cursor.execute = counted
    profile = cProfile.Profile()
    try:
        with CaptureQueriesContext(connection) as queries:
            profile.enable()
            for _ in range(repeat):
                close_old_connections()  # as the WSGI handler does, the test client does not
                client.get(path, secure=True)
            profile.disable()
    finally:
        psycopg.Cursor.execute = execute
    calls = pstats.Stats(profile).total_calls
    return len(queries.captured_queries) / repeat, sent / repeat, calls / repeat


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="cfc_portal.settings.production")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=8775)
    parser.add_argument("--floor-port", type=int, default=8776)
    parser.add_argument("--no-wrk", action="store_true", help="the in-process figures only")
    parser.add_argument(
        "--only", help="measure only the pages whose name contains one of these (comma-separated)"
    )
    args = parser.parse_args(argv)

    url = os.environ.get("BENCH_DATABASE_URL", run.DEFAULT_DATABASE_URL)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": args.settings,
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
    run.floor_table_ensure(url)
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings

    from bench import pages as bench_pages

    people = bench_pages.cast()
    cookies = bench_pages.sessions(people)
    world = [
        (page.name, page.path, str(page.role))
        for page in bench_pages.pages(people)
        if page.name in WORLD_PAGES
    ]
    wanted = args.only.split(",") if args.only else [""]
    pages = [page for page in (*PAGES, *world) if any(part in page[0] for part in wanted)]

    def headers_of(role: str) -> dict:
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
        if role in cookies:
            headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookies[role]}"
        return headers

    costs = {name: cost_of(path, cookies.get(role)) for name, path, role in pages}
    if args.no_wrk:
        print(f"{'page':<42} {'role':<12} {'queries':>7} {'trips':>5} {'calls':>7}")
        for name, _path, role in pages:
            queries, trips, calls = costs[name]
            print(f"{name:<42} {role:<12} {queries:>7g} {trips:>5g} {calls:>7,.0f}")
        return 0
    base_url = f"http://127.0.0.1:{args.port}"
    floor_url = f"http://127.0.0.1:{args.floor_port}/fortunes/"
    servers = [
        run.serve("cfc_portal.wsgi", args.port, env, workers=2),
        run.serve("bench.fortunes:application", args.floor_port, env, workers=2),
    ]
    floor, rps, ratios = [], {name: [] for name, *_ in pages}, {name: [] for name, *_ in pages}
    try:
        run.wait_until_up(base_url + "/healthz", headers_of(""))
        run.wait_until_up(floor_url, {})
        for name, path, role in pages:
            status, size, _ = run.fetch(base_url + path, headers_of(role))
            if status != 200:
                print(f"{name}: answered {status}", file=sys.stderr)
                return 1
        for number in range(1, args.rounds + 1):
            floor_run = run.wrk(floor_url, {}, seconds=args.seconds, connections=args.connections)
            floor.append(floor_run.rps)
            print(f"round {number}: floor {floor_run.rps:,.1f} rps", flush=True)
            for name, path, role in pages:
                page_run = run.wrk(
                    base_url + path,
                    headers_of(role),
                    seconds=args.seconds,
                    connections=args.connections,
                )
                run.drain(base_url + "/healthz", headers_of(""), workers=2)
                rps[name].append(page_run.rps)
                ratios[name].append(page_run.rps / floor_run.rps)
                print(f"  {name:<42} {page_run.rps:9,.1f} rps", flush=True)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=60)

    print(f"\nsettings {args.settings}; {args.rounds} interleaved rounds, medians")
    print(
        f"{'page':<42} {'role':<12} {'queries':>7} {'trips':>5} {'calls':>7} {'rps':>9} "
        f"{'x floor':>8}"
    )
    print(f"{run.FLOOR:<42} {'':<12} {1:>7} {1:>5} {'':>7} {statistics.median(floor):9,.1f}")
    for name, _path, role in pages:
        queries, trips, calls = costs[name]
        print(
            f"{name:<42} {role:<12} {queries:>7g} {trips:>5g} {calls:>7,.0f} "
            f"{statistics.median(rps[name]):9,.1f} {statistics.median(ratios[name]):>8.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
