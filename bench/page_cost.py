"""`python -m bench.page_cost`: what any page of `make bench` costs per request, in figures that
do not depend on what else the machine runs: queries, database round trips and Python calls
(`bench.overhead.cost_of`, through the test client, production settings), and the process's CPU
time per request (`bench.admin_cost.cpu_ms`, a median; it moves a little with the load).

The database (BENCH_DATABASE_URL, default cfc_bench) must hold a world (`make bench` loads it).

    python -m bench.page_cost --only plans              # the pages whose name contains "plans"
    python -m bench.page_cost --only plans --profile 30 # and the 30 functions costing most
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys

from bench import admin_cost, overhead, run


def profile(path: str, cookie: str | None, top: int, repeat: int = 10) -> None:
    """Print the `top` functions by own time and by calls over `repeat` requests."""
    import cProfile
    import pstats

    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="127.0.0.1")
    if cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    client.get(path, secure=True)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(path, secure=True)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("ncalls").print_stats(top)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="the pages whose name contains this")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
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

    people = bench_pages.cast()
    cookies = bench_pages.sessions(people)
    found = [page for page in bench_pages.pages(people) if (args.only or "") in page.name]
    print(f"{'page':<44} {'queries':>7} {'trips':>5} {'calls':>8} {'CPU ms':>7}")
    for page in found:
        cookie = cookies.get(page.role)
        queries, trips, calls = overhead.cost_of(page.path, cookie, repeat=5)
        cpu = admin_cost.cpu_ms(page.path, cookie) if cookie else float("nan")
        print(f"{page.name:<44} {queries:>7g} {trips:>5g} {calls:>8,.0f} {cpu:>7.1f}")
        if args.profile:
            profile(page.path, cookie, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
