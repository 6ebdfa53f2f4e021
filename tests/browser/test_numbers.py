"""The atlas map's legend and tooltips in the reader's number format, drawn by the browser
(Intl.NumberFormat of the page's <html lang>): Persian digits and separators in Persian, the
same grouping as the server's tables elsewhere."""

import re

import pytest
from playwright.sync_api import expect

from candidacy.models import IndicatorValue, Preparer, StageKind
from candidacy.records.atlas import services
from demo.records.atlas import schematic_boundaries
from tests import factories as f

from ..candidacy.records.atlas.conftest import make_indicators

pytestmark = [pytest.mark.browser]

STEPS = [dict(key="atlas", kind=StageKind.CHILDRENS_ATLAS, prepared_by=Preparer.CITY)]


@pytest.mark.parametrize(
    ("language", "low", "high"),
    [
        ("fa", "۱٬۳۰۵٫۵", "۳٬۵۰۰"),
        ("lt", "1\u00a0305,5", "3\u00a0500"),
        ("en", "1,305.5", "3,500"),
    ],
)
def test_the_atlas_legend_writes_numbers_as_the_reader_does(
    transactional_db, open_session, screenshot, language, low, high
):
    programme = f.make_programme(key="numbers", name="Numbers programme", steps=STEPS)
    city = f.make_city(programme, slug="numbers-city", name="Numbers City")
    office = f.office_user(city, username="office.numbers")
    districts = [f.DistrictFactory(city=city, number=n, name=f"District {n}") for n in (1, 2)]
    (indicator,) = make_indicators(programme, 1)
    atlas = city.candidacy.stages.get(definition__key="atlas")
    for district, value in zip(districts, ("1305.5", "3500"), strict=True):
        IndicatorValue.objects.create(
            progress=atlas,
            district=district,
            indicator=indicator,
            year=2023,
            value=value,
            source="Survey",
        )
    services.boundaries_upload(progress=atlas, by=office, content=schematic_boundaries([1, 2]))

    page = open_session("office.numbers")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
    page.goto("/cities/numbers-city/stages/atlas/record/atlas/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    legend = page.locator("#atlas-legend")
    expect(legend).to_contain_text(low)
    expect(legend).to_contain_text(high)
    if language == "fa":
        classes = legend.inner_text().split("\n")[1:]  # below the indicator's name (data)
        assert classes and not re.search(r"[0-9]", " ".join(classes))
    screenshot(page, f"atlas-legend-{language}")
