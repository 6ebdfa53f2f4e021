"""Every page, for every role, in every language: no WCAG 2.1 A/AA violation that axe-core finds
(axe finds about half of the problems a person would; it is a floor, not a proof), and nothing
that scrolls sideways as a whole page on a 320 px wide screen.

The walk (tests/browser/page_walk.py) follows links over the demo data set as the public
visitor, four office users, the programme's coordinator (the admin included) and its evaluator.
It is slow to load and walk, so it is made once for the module: one browser, one signed-in
session per walker. Each page is visited once per language, every page in all five languages:
axe runs at a desktop size, then the page is narrowed to 320 x 640 and measured. The admin's
pages are checked once more in its dark theme. The tests below read the results.
"""

from __future__ import annotations

import io
import os
import time
from collections import Counter, defaultdict

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import translation

from tests.browser.chromium import sign_in_form
from tests.browser.page_walk import WALKERS, walk_site

pytestmark = [pytest.mark.browser]

LANGUAGES = os.environ.get("A11Y_LANGUAGES", "en fa ru kk lt").split()
#: Every page found, in every language (about 5 minutes a database). A language left out of this
#: set gets one page of each URL pattern instead (see `Walk.kinds`), for a quicker local run.
EVERY_PAGE = {"en", "fa", "ru", "kk", "lt"}
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],  # not the passes: they are most of axe's answer
}
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
DEMO_PASSWORD = "cfc-demo"  # noqa: S105 - the demo logins' documented password

AXE_RUN = "options => axe.run(document, options)"
SIDEWAYS = """() => {
  const root = document.documentElement;
  return [root.scrollWidth, root.clientWidth];
}"""


@pytest.fixture(scope="module")
def sweep(django_db_setup, django_db_blocker, live_server, chromium):
    """Load the demo, walk it, and visit every page found in every language (once). (The
    server thread reads the database too: it is open for the whole visit.)"""
    with django_db_blocker.unblock():
        return _visit_every_page(live_server, chromium)


def _visit_every_page(live_server, chromium):
    started = time.monotonic()
    translation.activate("en")
    call_command("load_demo", stdout=io.StringIO())
    walk = walk_site()
    walked = time.monotonic()
    axe = Axe()
    violations = defaultdict(dict)  # language -> {(walker, path): report}
    rules = defaultdict(Counter)  # language -> {rule id: nodes}
    wide = defaultdict(dict)  # language -> {(walker, path): (scrollWidth, clientWidth)}
    for walker, (username, _starts) in WALKERS.items():
        # Reduced motion: no button colour caught halfway through its hover transition.
        context = chromium.new_context(
            base_url=live_server.url, viewport=DESKTOP, reduced_motion="reduce"
        )
        context.set_default_timeout(15_000)
        context.add_init_script(axe.axe_script)  # on every page, before it loads
        page = context.new_page()
        if username is not None:
            sign_in_form(page, username, DEMO_PASSWORD)
            page.wait_for_load_state()
        for language in LANGUAGES:
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            for path in walk.pages[walker] if language in EVERY_PAGE else walk.kinds[walker]:
                page.set_viewport_size(DESKTOP)
                page.goto(path)
                results = AxeResults(page.evaluate(AXE_RUN, WCAG))
                if results.violations_count:
                    violations[language][walker, path] = results.generate_report()
                    for violation in results.response["violations"]:
                        rules[language][violation["id"]] += len(violation["nodes"])
                page.set_viewport_size(NARROW)
                scroll_width, client_width = page.evaluate(SIDEWAYS)
                if scroll_width > client_width:
                    wide[language][walker, path] = (scroll_width, client_width)
        if walker == "coordinator":  # the admin has a dark theme too, on the reader's wish
            page.emulate_media(color_scheme="dark")
            page.set_viewport_size(DESKTOP)
            context.add_cookies(
                [{"name": "django_language", "value": "en", "url": live_server.url}]
            )
            for path in walk.pages[walker]:
                if path.startswith("/admin/"):
                    page.goto(path)
                    results = AxeResults(page.evaluate(AXE_RUN, WCAG))
                    if results.violations_count:
                        violations["admin, dark"][walker, path] = results.generate_report()
        context.close()
    translation.deactivate()
    figures = {
        "pages per language": walk.count,
        "kinds of page (URL patterns)": sum(len(paths) for paths in walk.kinds.values()),
        "pages per walker": {walker: len(paths) for walker, paths in walk.pages.items()},
        "seconds (load and walk)": round(walked - started),
        "seconds (browser, all languages)": round(time.monotonic() - walked),
    }
    for language in LANGUAGES:
        figures[language] = {
            "pages with axe violations": len(violations[language]),
            "violations by rule (nodes)": dict(rules[language]),
            "pages wider than 320 px": len(wide[language]),
        }
    figures["admin in the dark theme (en)"] = {
        "pages with axe violations": len(violations["admin, dark"])
    }
    print("\naccessibility sweep:", figures)
    return {"walk": walk, "violations": violations, "wide": wide, "figures": figures}


def test_the_walk_reaches_every_kind_of_page(sweep):
    walk = sweep["walk"]
    coordinator = walk.routes["coordinator"]
    # The admin: its index, the changelist of every model it shows the coordinator, and a
    # change form of each that lists a row.
    assert len(walk.changelist_rows) >= 15, sorted(walk.changelist_rows)
    for changelist, rows in walk.changelist_rows.items():
        if rows:
            assert f"{changelist}<path:object_id>/change/" in coordinator, changelist
    assert "admin/" in coordinator
    everyone = set().union(*walk.routes.values())
    for route in [
        "",
        "accounts/login/",
        "queue/",
        "programmes/<slug:programme>/",
        "cities/<slug:city>/",
        "cities/<slug:city>/stages/<slug:stage>/",
        "cities/<slug:city>/stakeholders/",
        "cities/<slug:city>/public-page/",
        "public/<slug:programme>/<slug:city>/",
        "public/<slug:programme>/<slug:city>/report/",
        "cities/<slug:city>/districts/<int:number>/",
        "open-data/",
        "good-practice/",
        "good-practice/<int:entry>/",
        "programmes/<slug:programme>/good-practice/",
    ]:
        assert route in everyone, route


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_has_wcag_violations(sweep, language):
    found = sweep["violations"][language]
    assert not found, f"{len(found)} pages: " + "\n\n".join(
        f"{walker} {path}:\n{report}" for (walker, path), report in found.items()
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_at_320_px(sweep, language):
    found = sweep["wide"][language]
    assert not found, "\n".join(
        f"{walker} {path}: {scroll} px of content in {client} px"
        for (walker, path), (scroll, client) in found.items()
    )


def test_the_admin_in_its_dark_theme_has_no_wcag_violations(sweep):
    found = sweep["violations"]["admin, dark"]
    assert not found, f"{len(found)} pages: " + "\n\n".join(
        f"{walker} {path}:\n{report}" for (walker, path), report in found.items()
    )


#: The good-practice library's pages (issue 12), checked on their own too: (who, path).
GOOD_PRACTICE_PAGES = [
    (None, "/good-practice/"),
    (None, "/good-practice/{entry}/"),
    ("coord.a", "/programmes/{programme}/good-practice/"),
    ("coord.a", "/programmes/{programme}/good-practice/initiatives/{initiative}/"),
]


@pytest.mark.parametrize("language", ["en", "fa", "ru"])
def test_the_good_practice_pages_have_no_wcag_violations(
    transactional_db, world, live_server, chromium, language
):
    """The library and its curation pages alone (the sweep above walks them with the rest):
    axe at 1280 px, nothing sideways at 320 px."""
    from tests.browser.conftest import PASSWORD
    from tests.library import make

    entry = make.published(world.city_a, world.coordinator_a, themes=[make.theme()])
    waiting = make.initiative(world.city_a, title="Waiting street")
    values = {"entry": entry.pk, "programme": world.programme_a.key, "initiative": waiting.pk}
    axe = Axe()
    found = {}
    for username, path in GOOD_PRACTICE_PAGES:
        context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP)
        context.add_init_script(axe.axe_script)
        page = context.new_page()
        if username is not None:
            sign_in_form(page, username, PASSWORD)
            page.wait_for_load_state()
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        response = page.goto(path.format(**values))
        assert response.status == 200 and page.url.endswith(path.format(**values)), page.url
        results = AxeResults(page.evaluate(AXE_RUN, WCAG))
        if results.violations_count:
            found[path] = results.generate_report()
        page.set_viewport_size(NARROW)
        scroll_width, client_width = page.evaluate(SIDEWAYS)
        if scroll_width > client_width:
            found[path + " at 320 px"] = (scroll_width, client_width)
        context.close()
    assert found == {}
