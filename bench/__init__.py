"""The world-scale benchmark (issue 10): scripts, not an app, run by `make bench`.

- `run`: the driver (`python -m bench.run`): database, load, servers, wrk, the table, the
  comparison with docs/bench-baseline.json;
- `pages`: what is measured, as whom, and the targets (also checked by tests/bench/);
- `fortunes`: the floor, a one-query TechEmpower-style "fortunes" page on a bare Django;
- `csv_rate`: the atlas CSV import's throughput through its service;
- `overhead`: what every request pays, on pages whose own work is small;
- `admin_cost`: each admin change list's queries, round trips, Python calls and CPU time;
- `page_cost`: the same for any page of `pages` (`--only plans`), with a profile on demand;
- `targets`: the figures to reach besides each page's ratio (HTML size, RSS, CSV rate).

It never imports `demo` (the portal is served with production settings, where demo is not
installed); the world is loaded by `manage.py load_world` with the local settings.
"""
