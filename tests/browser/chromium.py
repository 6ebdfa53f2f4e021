"""Debian's Chromium driven by Playwright, as the browser tests and docs/screenshots.py use it:
launched headless with the switches that keep it quiet in a container, and a sign-in through
the login form that works in every language (it finds the fields by name, not by label)."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_launch(playwright):
    """Debian's Chromium, headless; never a browser Playwright downloads."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )


def sign_in_form(page, username: str, password: str, *, base: str = "") -> None:
    """Fill in and send the login form at `base`/accounts/login/, as a person would."""
    page.goto(f"{base}/accounts/login/")
    page.fill("main form input[name=username]", username)
    page.fill("main form input[name=password]", password)
    page.click("main form button[type=submit]")
