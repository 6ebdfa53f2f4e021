"""Browser tests: a real Chromium (Debian's, never a downloaded one) driven by Playwright against
pytest-django's `live_server`.

`live_server` needs a transactional database, so each test creates its own data with the
factories (request `transactional_db`, not `db`). Playwright's sync API keeps an event loop in
this thread, which makes Django's ORM refuse to run here unless told that it is safe; it is: the
test thread and the server thread never share a connection.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser.chromium import CHROMIUM, chromium_launch, sign_in_form

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PASSWORD = "cfc-test"  # the factories' password


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_session(chromium, live_server):
    """Open a fresh browser context (its own cookies), optionally signed in as a user.

    Usage: `page = open_session("office.a")` or `page = open_session()` for an anonymous visitor.
    """
    expect.set_options(timeout=10_000)
    contexts = []

    def _open(username: str | None = None):
        context = chromium.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if username is not None:
            sign_in(page, username)
        return page

    yield _open
    for context in contexts:
        context.close()


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would."""
    sign_in_form(page, username, password)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot to screenshots/<test name>-<nn>-<label>.png for humans."""
    SCREENSHOTS.mkdir(exist_ok=True)
    counter = iter(range(1, 100))
    prefix = request.node.name.removeprefix("test_")
    for stale in SCREENSHOTS.glob(f"{prefix}-*.png"):  # from an earlier run of this test
        stale.unlink()

    def _take(page, label: str) -> Path:
        path = SCREENSHOTS / f"{prefix}-{next(counter):02d}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _take


@pytest.fixture
def pdf_file(tmp_path):
    """A small but real one-page PDF document."""
    content = (
        b"%PDF-1.4\n"
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
        b"trailer << /Root 1 0 R >>\n"
        b"%%EOF\n"
    )
    path = tmp_path / "office-decree.pdf"
    path.write_bytes(content)
    return path
