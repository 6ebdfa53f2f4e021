"""Take screenshots of the portal's main pages in English and Persian, for people to look at.

Usage: start the demo (`make run`), then `make screenshots` (or
`.venv/bin/python docs/screenshots.py http://127.0.0.1:8000 screenshots`).
Uses Debian's Chromium through Playwright; never downloads a browser.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script, from anywhere
from tests.browser.chromium import chromium_launch, sign_in_form  # noqa: E402

PAGES = [
    (None, "/", "public"),
    (None, "/accounts/login/", "login"),
    ("isfahan.office", "/cities/isfahan/", "city-isfahan"),
    ("isfahan.office", "/cities/isfahan/stages/final-evaluation/", "stage-current"),
    ("isfahan.office", "/cities/isfahan/stages/office-formation/", "stage-approved"),
    ("isfahan.office", "/cities/isfahan/stakeholders/", "stakeholders"),
    ("iran.coordinator", "/programmes/iran/", "overview-iran"),
    ("iran.coordinator", "/queue/", "queue-coordinator"),
    ("iran.coordinator", "/admin/candidacy/candidacy/", "admin-candidacies"),
    ("iran.evaluator", "/queue/", "queue-evaluator"),
]


def main(base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = chromium_launch(p)
        for language in ("en", "fa"):
            contexts = {}
            for username, path, name in PAGES:
                if username not in contexts:
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    context.add_cookies(
                        [{"name": "django_language", "value": language, "url": base}]
                    )
                    if username:
                        page = context.new_page()
                        sign_in_form(page, username, "cfc-demo", base=base)
                        page.close()
                    contexts[username] = context
                page = contexts[username].new_page()
                page.goto(base + path)
                page.screenshot(path=str(out / f"{name}.{language}.png"), full_page=True)
                page.close()
            for context in contexts.values():
                context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots"))
