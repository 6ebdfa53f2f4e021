"""Take screenshots of the portal's main pages, for people to look at: in English, Persian and
Kazakh (or the languages given), at desktop width and at 320 px.

Usage: start the demo (`make run`), then `make screenshots` (or
`.venv/bin/python docs/screenshots.py http://127.0.0.1:8000 screenshots [en,fa,kk,ru,lt]`).
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
    ("isfahan.office", "/cities/isfahan/stakeholders/councils/add/", "council-add"),
    ("iran.coordinator", "/admin/cities/city/", "admin-cities"),
    (None, "/public/iran/", "public-iran"),
    ("iran.coordinator", "/programmes/iran/charts/", "charts-iran"),
    ("iran.coordinator", "/cities/tehran/withdraw/", "withdraw"),
    ("iran.coordinator", "/admin/candidacy/stageprogress/", "admin-stages"),
    ("iran.coordinator", "/inbox/", "inbox-coordinator"),
    ("isfahan.office", "/accounts/notifications/", "notification-preferences"),
    ("iran.coordinator", "/tasks/", "tasks-coordinator"),
    ("isfahan.office", "/tasks/", "tasks-office"),
]
WIDTHS = (1280, 320)


def main(base: str, out: Path, languages=("en", "fa", "kk")) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = chromium_launch(p)
        for language, width in [(lang, w) for lang in languages for w in WIDTHS]:
            contexts = {}
            for username, path, name in PAGES:
                if username not in contexts:
                    context = browser.new_context(viewport={"width": width, "height": 900})
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
                page.screenshot(path=str(out / f"{name}.{language}.{width}.png"), full_page=True)
                page.close()
            for context in contexts.values():
                context.close()
        browser.close()


if __name__ == "__main__":
    languages = sys.argv[3].split(",") if len(sys.argv) > 3 else ("en", "fa", "kk")
    main(
        sys.argv[1].rstrip("/"),
        Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots"),
        languages,
    )
