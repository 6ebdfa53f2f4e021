"""Every page a person of each role can open, found by following links from where they start,
as they would: the walk the accessibility and small-screen tests make in every language.

The demo data set (`load_demo`) is the world: the Iran programme's cities stand at every stage,
with their records, councils, memoranda and overdue commitments, so each kind of page shows real
rows. The links are followed with Django's test client (in-process, fast); the browser then
visits only the pages found. A page is kept once per URL pattern (once per stage for the stage
pages, whose record differs by stage), and only when it answers 200 with HTML.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve

#: Who walks, and where they start: the public visitor, an office user of a city far along the
#: pipeline (every record kind shows read-only, the atlas map among them) and three whose
#: current stage is open (the edit forms of the plans, of the atlas: grid, import and
#: boundaries, and of the situation analysis), the programme's coordinator (the portal and the
#: admin) and its evaluator.
WALKERS = {
    "anonymous": (
        None,
        [
            "/",
            "/accounts/login/",
            "/admin/login/",
            "/accounts/password_reset/",
            # a city that publishes its children's proposals, so its report is reached too
            "/public/iran/isfahan/",
        ],
    ),
    "office": ("isfahan.office", ["/home/"]),
    "office-open": ("tehran.office", ["/home/"]),
    "office-atlas": ("gorgan.office", ["/home/"]),
    "office-analysis": ("kerman.office", ["/home/"]),
    "coordinator": ("iran.coordinator", ["/home/", "/admin/"]),
    "evaluator": ("iran.evaluator", ["/home/"]),
}

#: Links not followed: they sign out, switch language or act (a GET that only redirects).
SKIPPED_NAMES = {"logout", "admin:logout", "set_language", "admin:view_on_site", "healthz"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


@dataclass
class Walk:
    """The pages each walker reached, as paths, in the order found."""

    pages: dict[str, list[str]] = field(default_factory=dict)
    routes: dict[str, set[str]] = field(default_factory=dict)
    #: The admin changelists reached, with the number of rows each listed.
    changelist_rows: dict[str, int] = field(default_factory=dict)

    @property
    def kinds(self) -> dict[str, list[str]]:
        """One page of each URL pattern, by the first walker that reached it."""
        seen, kinds = set(), {}
        for walker, paths in self.pages.items():
            kinds[walker] = []
            for path in paths:
                route = resolve(path).route
                if route not in seen:
                    seen.add(route)
                    kinds[walker].append(path)
        return kinds

    @property
    def count(self) -> int:
        return sum(len(paths) for paths in self.pages.values())


def _key(path: str) -> tuple[str, str] | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = f"{match.namespace}:{match.url_name}" if match.namespace else (match.url_name or "")
    if name in SKIPPED_NAMES:
        return None
    # The stage pages differ by stage (each shows its own kind of record): one per stage.
    return match.route, match.kwargs.get("stage", "")


def walk_site(*, limit: int = 400) -> Walk:
    """Follow links from each walker's start pages; return the HTML pages that answer 200."""
    walk = Walk()
    for walker, (username, starts) in WALKERS.items():
        client = Client()
        if username is not None:
            client.force_login(get_user_model().objects.get(username=username))
        seen_keys, found = set(), []
        queue = deque(starts)
        while queue and len(found) < limit:
            path = queue.popleft()
            key = _key(path)
            if key is None or key in seen_keys:
                continue
            seen_keys.add(key)
            response = client.get(path)
            if response.status_code in (301, 302) and response["Location"].startswith("/"):
                seen_keys.discard(key)  # where it leads counts, not the redirect
                queue.appendleft(urlsplit(response["Location"]).path)
                continue
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            found.append(path)
            if response.context is not None and "cl" in response.context:
                walk.changelist_rows[resolve(path).route] = response.context["cl"].result_count
            parser = _Links()
            parser.feed(response.content.decode())
            for href in parser.hrefs:
                parts = urlsplit(href)
                if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                    continue
                if parts.path.startswith(("/static/", "/media/")):
                    continue
                queue.append(parts.path)
        walk.pages[walker] = found
        walk.routes[walker] = {resolve(path).route for path in found}
    return walk
