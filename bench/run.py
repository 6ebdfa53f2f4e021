"""`make bench` (`python -m bench.run`): measure every main page on the world-scale data set.

1. Creates the PostgreSQL database of BENCH_DATABASE_URL (default cfc_bench on 127.0.0.1) if
   missing, migrates it, and loads `manage.py load_world --scale 10` (with the local settings,
   where the demo app is installed) unless it already holds cities; `--reload` starts afresh.
2. Serves the portal with gunicorn (2 sync workers) under the production settings (a random
   SECRET_KEY, DEBUG off, static files by WhiteNoise after collectstatic) and, beside it, the
   floor (`bench.fortunes`, 2 sync workers too).
3. Signs each role in by making its session with the session engine (the coordinator's with a
   TOTP device, verified, for the admin), checks each page answers 200, then drives it with wrk
   at 4 connections, in interleaved rounds (floor, page 1, page 2, ..., floor, page 1, ...).
4. Prints page | rps | p50 | p99 | ratio to the floor | target | met?, the HTML size of each
   page, each worker's RSS, the CSV import's values/s, and the change from the committed
   baseline (docs/bench-baseline.json; `--save-baseline` replaces it). The results are written to
   bench-results/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import targets

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "docs" / "bench-baseline.json"
RESULTS = ROOT / "bench-results"
DEFAULT_DATABASE_URL = "postgres://127.0.0.1:5432/cfc_bench"
FLOOR = "fortunes (floor)"


# --- wrk -----------------------------------------------------------------------------------


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx responses and socket errors


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * _UNITS[unit]


def wrk_parse(output: str) -> Run:
    """The figures of wrk's `--latency` output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return Run(
        rps=rps,
        p50_ms=_ms(p50.group(1)) if p50 and requests else math.nan,
        p99_ms=_ms(p99.group(1)) if p99 and requests else math.nan,
        requests=requests,
        errors=errors,
    )


def wrk(url: str, headers: dict, *, seconds: int, connections: int) -> Run:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "300s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True)  # noqa: S603
    return wrk_parse(done.stdout)


# --- the database and the servers ---------------------------------------------------------


def _maintenance_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def database_prepare(url: str, *, reload: bool) -> None:
    import psycopg

    maintenance, name = _maintenance_url(url)
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if exists and reload:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def world_loaded(url: str) -> bool:
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute("SELECT EXISTS (SELECT 1 FROM cities_city)").fetchone()[0]


#: The floor's table, TechEmpower's twelve fortunes (the thirteenth is added per request).
FORTUNES = (
    "fortune: No such file or directory",
    "A computer scientist is someone who fixes things that aren't broken.",
    "After enough decimal places, nobody gives a damn.",
    "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
    "A computer program does what you tell it to do, not what you want it to do.",
    "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
    "Any program that runs right is obsolete.",
    "A list is only as strong as its weakest link. — Donald Knuth",
    "Feature: A bug with seniority.",
    "Computers make very fast, very accurate mistakes.",
    '<script>alert("This should not be displayed in a browser alert box.");</script>',
    "フレームワークのベンチマーク",
)


def floor_table_ensure(url: str) -> None:
    """Create and fill the floor's table `bench_fortune` if it is missing."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS bench_fortune "
            "(id integer PRIMARY KEY, message text NOT NULL)"
        )
        if not connection.execute("SELECT count(*) FROM bench_fortune").fetchone()[0]:
            for number, message in enumerate(FORTUNES, start=1):
                connection.execute("INSERT INTO bench_fortune VALUES (%s, %s)", (number, message))
        # Planner statistics as a running server has them (autovacuum may not have reached a
        # world loaded minutes ago, or a table a migration just changed).
        connection.execute("ANALYZE")


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def serve(app: str, port: int, env: dict, workers: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    return subprocess.Popen(  # noqa: S603
        [gunicorn, app, "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
        # A slow page is measured, not killed: the default 30 s worker timeout would restart
        # the workers under the next page's measurement.
        + ["--no-control-socket", "--timeout", "300"],
        cwd=ROOT,
        env=env,
    )


def wait_until_up(url: str, headers: dict, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            fetch(url, headers)
            return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def fetch(url: str, headers: dict) -> tuple[int, int, float]:
    """(status, bytes, seconds) of one GET, redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    started = time.perf_counter()
    try:
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own http://
        with opener.open(request, timeout=120) as response:
            body = response.read()
            return response.status, len(body), time.perf_counter() - started
    except urllib.error.HTTPError as error:
        return error.code, len(error.read()), time.perf_counter() - started


def drain(url: str, headers: dict, workers: int) -> None:
    """Wait until every worker has finished what the last run left queued: wrk stops at its
    deadline, but a sync worker still answers each request already sent, so a slow page would
    eat into the next page's run. One request per worker, sent together, queues behind them."""
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda _: fetch(url, headers), range(workers)))


def worker_rss_mb(master: int) -> list[float]:
    """The resident memory of each worker (child) of a gunicorn master, in MB."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master:  # the parent's pid
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError):
            continue
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


# --- the measurement ----------------------------------------------------------------------


@dataclass
class Result:
    name: str
    path: str
    role: str
    target: float | None
    status: int = 0
    html_bytes: int = 0
    runs: list[Run] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    single: float = 0.0  # seconds of the first request

    def median(self, attribute: str) -> float:
        values = [getattr(run, attribute) for run in self.runs]
        return statistics.median(values) if values else math.nan

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios) if self.ratios else math.nan

    @property
    def met(self) -> bool | None:
        if self.status != 200:
            return False
        if self.html_bytes > targets.MAX_HTML_BYTES:
            return False
        return None if self.target is None else self.ratio >= self.target


def _seconds_for(single: float, base: int) -> int:
    """Long enough for a slow page to complete a few requests per connection (at most 90 s)."""
    return int(min(90, max(base, math.ceil(single * 8))))


def measure(results, floor, headers_of, base_url, floor_url, *, rounds, seconds, connections):
    for round_number in range(1, rounds + 1):
        print(f"round {round_number} of {rounds}", flush=True)
        floor_run = wrk(floor_url, {}, seconds=seconds, connections=connections)
        floor.runs.append(floor_run)
        for result in results:
            if result.status != 200:
                continue
            run = wrk(
                base_url + result.path,
                headers_of(result.role),
                seconds=_seconds_for(result.single, seconds),
                connections=connections,
            )
            drain(base_url + "/healthz", headers_of(""), workers=2)
            result.runs.append(run)
            result.ratios.append(run.rps / floor_run.rps if floor_run.rps else math.nan)
            print(f"  {result.name:<48} {_fmt(run.rps):>9} rps", flush=True)


# --- the report -----------------------------------------------------------------------------


def _fmt(value: float, digits: int = 1) -> str:
    """A figure with `digits` decimals, or three significant digits when it is small."""
    if value is None or math.isnan(value):
        return "—"
    if 0 < abs(value) < 10 ** (2 - digits):
        return f"{value:.3g}"
    return f"{value:,.{digits}f}"


def _change(now: float, before: float | None) -> str:
    if before in (None, 0) or math.isnan(now):
        return "new"
    return f"{(now - before) / before:+.0%}"


def report(results, floor, extras, baseline) -> str:
    lines = []
    old = {row["name"]: row for row in baseline.get("pages", [])}
    header = (
        f"{'page':<50} {'role':<12} {'rps':>9} {'p50 ms':>9} {'p99 ms':>9} {'x floor':>8} "
        f"{'target':>7} {'met?':>5} {'HTML KB':>8} {'vs base':>8}"
    )
    lines += [header, "-" * len(header)]
    floor_rps = floor.median("rps")
    lines.append(
        f"{FLOOR:<50} {'':<12} {_fmt(floor_rps):>9} {_fmt(floor.median('p50_ms'), 2):>9} "
        f"{_fmt(floor.median('p99_ms'), 2):>9} {'1.000':>8} {'':>7} {'':>5} "
        f"{floor.html_bytes / 1024:>8.1f} {_change(floor_rps, old.get(FLOOR, {}).get('rps')):>8}"
    )
    for r in results:
        met = {True: "yes", False: "NO", None: "—"}[r.met]
        target = "—" if r.target is None else f"{r.target:g}"
        status = "" if r.status == 200 else f"  (answered {r.status}, not measured)"
        before = old.get(r.name, {}).get("ratio")
        lines.append(
            f"{r.name[:50]:<50} {r.role:<12} {_fmt(r.median('rps')):>9} "
            f"{_fmt(r.median('p50_ms'), 2):>9} {_fmt(r.median('p99_ms'), 2):>9} "
            f"{_fmt(r.ratio, 4):>8} {target:>7} {met:>5} {r.html_bytes / 1024:>8.1f} "
            f"{_change(r.ratio, before):>8}{status}"
        )
    lines.append("")
    lines += extras
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reload", action="store_true", help="drop the database and load anew")
    parser.add_argument("--scale", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5, help="wrk's duration per page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--floor-port", type=int, default=8766)
    parser.add_argument("--save-baseline", action="store_true", help=f"write {BASELINE.name}")
    parser.add_argument("--only", help="measure only the pages whose name contains this")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk (make bench installs it)", file=sys.stderr)
        return 2

    # A plain `kill` ends the run as Ctrl-C does: the servers started here are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cfc_portal.settings.production",
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": "https://bench.example.org",
        "LOG_LEVEL": "WARNING",
    }
    database_prepare(url, reload=args.reload)
    manage("migrate", "--noinput", "-v", "0", env=env)
    if world_loaded(url):
        print("The bench database holds a world already (--reload loads it anew).")
    else:
        started = time.monotonic()
        manage(
            "load_world",
            "--scale",
            str(args.scale),
            env={**env, "DJANGO_SETTINGS_MODULE": "cfc_portal.settings.local"},
        )
        print(f"load_world --scale {args.scale:g}: {time.monotonic() - started:.0f} s")
    manage("collectstatic", "--noinput", "-v", "0", env=env)
    floor_table_ensure(url)

    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings

    from bench import csv_rate
    from bench import pages as bench_pages

    people = bench_pages.cast()
    cookies = bench_pages.sessions(people)
    pages = bench_pages.pages(people)
    if args.only:
        pages = [page for page in pages if args.only in page.name]

    def headers_of(role: str) -> dict:
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
        if role in cookies:
            headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookies[role]}"
        return headers

    base_url = f"http://127.0.0.1:{args.port}"
    floor_url = f"http://127.0.0.1:{args.floor_port}/fortunes/"
    servers = [
        serve("cfc_portal.wsgi", args.port, env, workers=2),
        serve("bench.fortunes:application", args.floor_port, env, workers=2),
    ]
    try:
        wait_until_up(base_url + "/healthz", headers_of(""))
        wait_until_up(floor_url, {})
        floor = Result(FLOOR, "/fortunes/", "", None)
        floor.status, floor.html_bytes, _ = fetch(floor_url, {})
        results = []
        for page in pages:
            result = Result(page.name, page.path, str(page.role), page.target)
            result.status, result.html_bytes, result.single = fetch(
                base_url + page.path, headers_of(page.role)
            )
            print(
                f"{page.name:<50} {result.status} {result.html_bytes / 1024:8.1f} KB "
                f"{result.single * 1000:8.0f} ms (first request)",
                flush=True,
            )
            results.append(result)
        measure(
            results,
            floor,
            headers_of,
            base_url,
            floor_url,
            rounds=args.rounds,
            seconds=args.seconds,
            connections=args.connections,
        )
        rss = worker_rss_mb(servers[0].pid)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=60)

    rate, values = csv_rate.import_rate(people.import_city)
    overview = next((r for r in results if r.name.startswith("coordinator overview")), None)
    changelist = next((r for r in results if r.name == "admin candidacy.candidacy"), None)
    extras = [
        f"worker RSS after the run: {', '.join(f'{mb:.0f} MB' for mb in rss)} "
        f"(target < {targets.MAX_WORKER_RSS_MB} MB: "
        f"{'met' if max(rss) < targets.MAX_WORKER_RSS_MB else 'NOT met'})",
        f"CSV import through the service: {rate:,.0f} values/s ({values:,} values; target "
        f"≥ {targets.MIN_CSV_VALUES_PER_SECOND:,}: "
        f"{'met' if rate >= targets.MIN_CSV_VALUES_PER_SECOND else 'NOT met'})",
    ]
    if overview and changelist and changelist.ratio:
        times = overview.ratio / changelist.ratio
        extras.append(
            f"overview / admin candidacy changelist: {times:.1f}x (target ≥ "
            f"{targets.OVERVIEW_OVER_ADMIN_CANDIDACIES}x: "
            f"{'met' if times >= targets.OVERVIEW_OVER_ADMIN_CANDIDACIES else 'NOT met'})"
        )
    extras.append(
        f"world: big city {people.big_city.slug}, biggest programme {people.programme.key}; "
        f"{args.rounds} interleaved rounds, {args.connections} connections, medians"
    )
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    table = report(results, floor, extras, baseline)
    print()
    print(table)

    taken = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    data = {
        "taken": taken,
        "pages": [
            {
                "name": FLOOR,
                "rps": floor.median("rps"),
                "p50_ms": floor.median("p50_ms"),
                "p99_ms": floor.median("p99_ms"),
                "html_bytes": floor.html_bytes,
            }
        ]
        + [
            {
                "name": r.name,
                "path": r.path,
                "role": r.role,
                "status": r.status,
                "rps": r.median("rps"),
                "p50_ms": r.median("p50_ms"),
                "p99_ms": r.median("p99_ms"),
                "ratio": r.ratio,
                "target": r.target,
                "html_bytes": r.html_bytes,
                "runs": [asdict(run) for run in r.runs],
            }
            for r in results
        ],
        "worker_rss_mb": rss,
        "csv_values_per_second": rate,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"bench-{taken}.json").write_text(json.dumps(data, indent=1, default=str))
    (RESULTS / f"bench-{taken}.txt").write_text(table + "\n")
    if args.save_baseline:
        BASELINE.write_text(json.dumps(data, indent=1, default=str) + "\n")
        print(f"Saved as the baseline: {BASELINE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
