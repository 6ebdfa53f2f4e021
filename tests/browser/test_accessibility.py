"""axe-core, run in Chromium on the main pages in English and in Persian: no WCAG 2.1 A/AA
violation. (axe finds about half of the problems a person would; it is a floor, not a proof.)"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from candidacy import services
from demo.testing import complete_record
from tests import factories as f

pytestmark = [pytest.mark.browser]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def pages(transactional_db):
    programme = f.make_programme(key="alpha", name="Alpha programme")
    city = f.make_city(programme, slug="city-a", name="City A")
    office = f.office_user(city, username="office.a")
    f.coordinator_user(programme, username="coord.a")
    council = f.CouncilFactory(city=city, name="Policy council")
    f.CouncilMemberFactory(council=council)
    stage = f.stage_of(city, "office")
    complete_record(stage)
    services.stage_save_draft(progress=stage, by=office, narrative="The office is formed.")
    services.stage_submit(progress=stage, by=office)
    return {
        None: ["/", "/accounts/login/"],
        "office.a": [
            "/cities/city-a/",
            "/cities/city-a/stages/office/",
            "/cities/city-a/stakeholders/",
            f"/cities/city-a/stakeholders/councils/{council.pk}/",
        ],
        "coord.a": [
            "/programmes/alpha/",
            "/queue/",
            "/cities/city-a/stages/office/",
        ],
    }


@pytest.mark.parametrize("language", ["en", "fa"])
def test_main_pages_have_no_wcag_violations(open_session, live_server, pages, language):
    axe = Axe()
    found = {}
    for username, paths in pages.items():
        page = open_session(username)
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        for path in paths:
            page.goto(path)
            results = axe.run(page, options=WCAG)
            if results.violations_count:
                found[path] = results.generate_report()
    assert not found, "\n\n".join(f"{path}:\n{report}" for path, report in found.items())
