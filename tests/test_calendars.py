"""The programme's calendar, in and out (issue 9): an Iranian programme dates in the Solar Hijri
calendar on its pages and in the admin, for display and for input, while storage stays
Gregorian; a Gregorian programme is unchanged; a date or a year typed in the other calendar is
refused, never reinterpreted."""

from __future__ import annotations

import datetime
import html
import importlib
import pkgutil
from html.parser import HTMLParser

import pytest
from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation

from candidacy.models import Initiative, OfficeRecord, StrategicPlan
from cities import calendars
from cities.admin_scoping import ProgrammeScopedAdmin
from cities.calendars import (
    GREGORIAN,
    SOLAR_HIJRI,
    CalendarDateField,
    CalendarFormMixin,
    CalendarYearField,
    date_format,
    date_parse,
    year_parse,
    year_shown,
    year_to_stored,
)
from cities.models import Programme
from stakeholders.models import ChildrenCouncilSession
from tests import factories as f
from tests.candidacy.records.conftest import rw  # noqa: F401 (the `rw` fixture)
from tests.candidacy.workflow import snapshot

MORDAD_10_1403 = datetime.date(2024, 7, 31)


def office_post(**changes):
    """The office stage's record form, filled in."""
    data = {
        "office_name": "Child-Friendly City Office",
        "parent_department": "Deputy for Urban Planning",
        "established_on": "1398/05/28",
        "reference_number": "1398/05/28",
        "head_name": "Head of office",
        "head_title": "Acting head",
        "staff_count": "6",
        "decree": "",
    }
    return {**data, **changes}


def initiative_post(world, **changes):
    """The stocktake's initiative form, filled in."""
    data = {
        "title": "Mother-and-child rooms at the bus terminals",
        "goal_area": "essential_services",
        "description": "Rooms to care for babies while travelling.",
        "district": str(world.districts[1].pk),
        "year_started": "1396",
        "responsible_organisation": "Passenger Transport Management",
        "beneficiaries": "Travelling mothers with babies",
    }
    return {**data, **changes}


def test_the_calendars_are_the_programmes():
    assert {GREGORIAN, SOLAR_HIJRI} == set(Programme.Calendar.values)


# --- the calendar module ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["۱۴۰۳/۰۵/۱۰", "1403/05/10", "1403-05-10", "۱۴۰۳-۰۵-۱۰", "١٤٠٣/٠٥/١٠", "1403.5.10"]
)
def test_a_solar_hijri_date_in_any_digits_and_separators(typed):
    assert date_parse(typed, SOLAR_HIJRI) == MORDAD_10_1403


@pytest.mark.parametrize(
    "typed,calendar,message",
    [
        ("1402/12/30", SOLAR_HIJRI, "Esfand 1402 has only 29 days."),
        ("1404/12/30", SOLAR_HIJRI, "Esfand 1404 has only 29 days."),
        ("1403/07/31", SOLAR_HIJRI, "Mehr 1403 has only 30 days."),
        ("1403/13/01", SOLAR_HIJRI, "There is no month 13."),
        ("2024-07-31", SOLAR_HIJRI, "2024 is not a Solar Hijri year here; give the date in the "
         "Solar Hijri calendar, e.g. 1403/05/10."),
        ("10 Mordad", SOLAR_HIJRI, "Give the date as year/month/day, e.g. 1403/05/10."),
        ("1403-05-10", GREGORIAN, "1403 is not a Gregorian year here; give the date in the "
         "Gregorian calendar, e.g. 2024-07-31."),
        ("2023-02-29", GREGORIAN, "February 2023 has only 28 days."),
        ("soon", GREGORIAN, "Give the date as year-month-day, e.g. 2024-07-31."),
    ],
)  # fmt: skip
def test_a_date_the_calendar_lacks_is_refused_in_its_words(typed, calendar, message):
    with pytest.raises(ValidationError) as refused:
        date_parse(typed, calendar)
    assert refused.value.messages == [message]


def test_esfand_has_30_days_in_a_leap_year():
    # 1403 is a leap year (jdatetime's arithmetic): 30 Esfand 1403 is 20 March 2025.
    assert date_parse("1403/12/30", SOLAR_HIJRI) == datetime.date(2025, 3, 20)


def test_a_gregorian_date_in_iso_and_in_the_languages_formats():
    assert date_parse("2024-07-31", GREGORIAN) == MORDAD_10_1403
    assert date_parse("۲۰۲۴-۰۷-۳۱", GREGORIAN) == MORDAD_10_1403
    assert date_parse("07/31/2024", GREGORIAN) == MORDAD_10_1403  # English input format


def test_refusals_speak_persian_to_a_persian_reader():
    with translation.override("fa"), pytest.raises(ValidationError) as refused:
        date_parse("۱۴۰۲/۱۲/۳۰", SOLAR_HIJRI)
    assert refused.value.messages == ["اسفند ۱۴۰۲ فقط ۲۹ روز دارد."]


def test_years_round_trip():
    assert year_to_stored(1403, SOLAR_HIJRI) == 2024
    assert year_shown(2024, SOLAR_HIJRI) == 1403
    assert year_parse("۱۴۰۳", SOLAR_HIJRI) == 2024
    assert year_parse("2024", GREGORIAN) == 2024
    for stored in range(1900, 2101):  # a bijection over the portal's bounds
        assert year_to_stored(year_shown(stored, SOLAR_HIJRI), SOLAR_HIJRI) == stored
    with pytest.raises(ValidationError, match="2024 is not a Solar Hijri year here"):
        year_parse("2024", SOLAR_HIJRI)
    with pytest.raises(ValidationError, match="1403 is not a Gregorian year here"):
        year_parse("1403", GREGORIAN)


@pytest.mark.parametrize(
    "language,calendar,shown",
    [
        ("en", SOLAR_HIJRI, "10 Mordad 1403 (31 July 2024)"),
        ("fa", SOLAR_HIJRI, "۱۰ مرداد ۱۴۰۳"),
        ("ru", SOLAR_HIJRI, "10 Мордад 1403 (31 июля 2024 г.)"),
        ("en", GREGORIAN, "31 July 2024"),
        # A Gregorian programme read in Persian: its own (Gregorian) date, in Persian digits.
        ("fa", GREGORIAN, "۳۱ ژوئیه ۲۰۲۴"),
    ],
)
def test_a_date_is_shown_in_the_calendar_for_the_reader(language, calendar, shown):
    with translation.override(language):
        assert date_format(MORDAD_10_1403, calendar) == shown


def test_without_a_programme_the_language_decides():
    with translation.override("fa"):
        assert calendars.calendar_active() == SOLAR_HIJRI
    with translation.override("en"):
        assert calendars.calendar_active() == GREGORIAN
        with calendars.calendar_override(SOLAR_HIJRI):
            assert calendars.calendar_active() == SOLAR_HIJRI
        assert calendars.calendar_active() == GREGORIAN


# --- the portal's forms -------------------------------------------------------------------------


@pytest.fixture
def iran(rw):  # noqa: F811 (the imported fixture)
    """The records world, its programme dating in the Solar Hijri calendar (Iran's)."""
    Programme.objects.filter(pk=rw.programme.pk).update(calendar=SOLAR_HIJRI)
    rw.programme.refresh_from_db()
    return rw


def _post_office(client, world, established_on, *, language="fa"):
    world.open("office")
    client.force_login(world.office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.post(
        world.url("record-edit", "office"), office_post(established_on=established_on)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["۱۴۰۳/۰۵/۱۰", "1403/05/10", "1403-05-10", "۱۴۰۳-۰۵-۱۰"])
def test_a_persian_office_types_a_solar_hijri_date(client, iran, typed):
    response = _post_office(client, iran, typed)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = OfficeRecord.objects.get(progress=iran.stage("office"))
    assert record.established_on == MORDAD_10_1403

    stage_page = iran.url("stage", "office")
    assert "۱۰ مرداد ۱۴۰۳" in client.get(stage_page).text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "10 Mordad 1403 (31 July 2024)" in html.unescape(client.get(stage_page).text)
    # The edit form shows the stored date in the calendar it was typed in.
    form = client.get(iran.url("record-edit", "office")).text
    assert 'value="1403/05/10"' in form
    assert 'placeholder="1403/05/10"' in form and 'dir="ltr"' in form
    assert "A date in the Solar Hijri calendar, year/month/day" in form
    assert 'type="date"' not in form


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed,message",
    [
        ("1402/12/30", "Esfand 1402 has only 29 days."),
        ("2024-07-31", "2024 is not a Solar Hijri year here; give the date in the Solar Hijri "
         "calendar, e.g. 1403/05/10."),
        ("1403/13/10", "There is no month 13."),
    ],
)  # fmt: skip
def test_a_date_the_solar_hijri_calendar_lacks_is_refused_on_the_field(
    client, iran, typed, message
):
    iran.open("office")
    before = snapshot(), list(OfficeRecord.objects.values())
    response = _post_office(client, iran, typed, language="en")
    assert response.status_code == 400
    assert response.context["form"].errors["established_on"] == [message]
    assert message in html.unescape(response.text)
    assert f'value="{typed}"' in response.text  # kept exactly as typed
    assert (snapshot(), list(OfficeRecord.objects.values())) == before


@pytest.mark.django_db
def test_a_bound_speaks_the_solar_hijri_calendar(client, iran):
    """1479/12/01 is a Solar Hijri year of the window, but after 2100: the bound is told in
    the calendar, not as the Gregorian years the user did not type."""
    response = _post_office(client, iran, "1479/12/01", language="en")
    assert response.status_code == 400
    assert (
        "Give a date between 11 Dey 1278 (1 January 1900) and 10 Dey 1479 (31 December 2100)."
        in response.context["form"].errors["established_on"]
    )


@pytest.mark.django_db
def test_a_gregorian_programme_takes_an_iso_date(client, rw):  # noqa: F811
    response = _post_office(client, rw, "2024-07-31", language="fa")
    assert response.status_code == 302
    assert OfficeRecord.objects.get(progress=rw.stage("office")).established_on == MORDAD_10_1403
    form = client.get(rw.url("record-edit", "office")).text
    assert 'value="2024-07-31"' in form and 'placeholder="2024-07-31"' in form


@pytest.mark.django_db
def test_a_year_counts_in_the_solar_hijri_calendar(client, iran):
    iran.open("stocktake")
    client.force_login(iran.office)
    response = client.post(
        iran.url("record-row-add", "stocktake"), initiative_post(iran, year_started="۱۳۹۶")
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get(progress=iran.stage("stocktake"))
    assert initiative.year_started == 2017
    edit = client.get(iran.url("record-row-edit", "stocktake", initiative.pk)).text
    assert 'value="1396"' in edit
    assert "1396" in client.get(iran.url("stage", "stocktake")).text

    refused = client.post(
        iran.url("record-row-add", "stocktake"), initiative_post(iran, year_started="2017")
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors["year_started"] == [
        "2017 is not a Solar Hijri year here; give the year in the Solar Hijri calendar, e.g. 1403."
    ]
    assert 'value="2017"' in refused.text
    assert Initiative.objects.filter(progress=iran.stage("stocktake")).count() == 1


@pytest.mark.django_db
def test_a_year_not_yet_come_is_told_in_the_calendar(client, iran):
    next_year = year_shown(datetime.date.today().year + 1, SOLAR_HIJRI)
    iran.open("stocktake")
    client.force_login(iran.office)
    response = client.post(
        iran.url("record-row-add", "stocktake"),
        initiative_post(iran, year_started=str(next_year)),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["year_started"] == [
        f"The year {next_year} has not come yet."
    ]


@pytest.mark.django_db
def test_a_council_date_in_the_solar_hijri_calendar(client, world):
    world.programme_a.calendar = SOLAR_HIJRI
    world.programme_a.save()
    council = f.CouncilFactory(city=world.city_a)
    client.force_login(world.office_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    edit = reverse("stakeholders:council-edit", kwargs={"city": "city-a", "pk": council.pk})
    page = client.get(edit)
    data = {**_form_data(page.text), "established_on": "۱۴۰۳/۰۵/۱۰"}
    response = client.post(edit, data)
    assert response.status_code == 302, response.text[:3000]
    council.refresh_from_db()
    assert council.established_on == MORDAD_10_1403


# --- the admin ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_in_persian_dates_in_solar_hijri(client, world):
    world.programme_a.calendar = SOLAR_HIJRI
    world.programme_a.save()
    council = f.CouncilFactory(city=world.city_a, established_on=MORDAD_10_1403)
    client.force_login(world.coordinator_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    listing = client.get(reverse("admin:stakeholders_council_changelist")).text
    assert "۱۰ مرداد ۱۴۰۳" in listing and "2024" not in listing.split("<tbody>")[1]
    change = client.get(reverse("admin:stakeholders_council_change", args=[council.pk])).text
    assert "۱۰ مرداد ۱۴۰۳" in change  # read-only for a coordinator


@pytest.mark.django_db
def test_the_admin_saves_a_solar_hijri_date(client, world, superuser):
    world.programme_a.calendar = SOLAR_HIJRI
    world.programme_a.save()
    council = f.CouncilFactory(city=world.city_a, established_on=datetime.date(2019, 8, 19))
    client.force_login(superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    url = reverse("admin:stakeholders_council_change", args=[council.pk])
    page = client.get(url).text
    assert 'value="1398/05/28"' in page  # the object's programme decides
    assert "vDateField" not in page and "calendar.js" not in page  # no Gregorian pop-up
    data = {**_form_data(page), "established_on": "۱۴۰۳/۰۵/۱۰"}
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    council.refresh_from_db()
    assert council.established_on == MORDAD_10_1403

    data["established_on"] = "1402/12/30"
    data["loaded_version"] = str(council.version) if hasattr(council, "version") else ""
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "اسفند ۱۴۰۲ فقط ۲۹ روز دارد." in refused.text
    assert 'value="1402/12/30"' in refused.text


@pytest.mark.django_db
def test_a_gregorian_admin_page_is_unchanged(client, world, superuser):
    council = f.CouncilFactory(city=world.city_a, established_on=datetime.date(2019, 8, 19))
    client.force_login(superuser)
    url = reverse("admin:stakeholders_council_change", args=[council.pk])
    page = client.get(url).text
    assert 'value="2019-08-19"' in page
    response = client.post(url, {**_form_data(page), "established_on": "2024-07-31"})
    assert response.status_code == 302, _errors(response)
    council.refresh_from_db()
    assert council.established_on == MORDAD_10_1403


@pytest.mark.django_db
def test_no_date_hierarchy_on_a_solar_hijri_change_list(
    client, world, django_capture_on_commit_callbacks
):
    council = f.CouncilFactory(city=world.city_a)
    ChildrenCouncilSession.objects.create(
        council=council, held_on=MORDAD_10_1403, topic="Parks", attendance=10
    )
    client.force_login(world.coordinator_a)
    sessions = reverse("admin:stakeholders_childrencouncilsession_changelist")
    assert "held_on__year" in client.get(sessions).text  # Gregorian: the hierarchy's links
    with django_capture_on_commit_callbacks(execute=True):  # committed: the roles' calendars
        world.programme_a.calendar = SOLAR_HIJRI  # are kept under the lists' edition
        world.programme_a.save()
    page = client.get(sessions).text
    assert 'class="toplinks"' not in page and "held_on__year" not in page
    assert "10 Mordad 1403" in html.unescape(page)


# --- one field everywhere -----------------------------------------------------------------------


def _project_modules():
    for app in ("cities", "core", "candidacy", "stakeholders", "reporting", "notifications"):
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            yield importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@pytest.mark.django_db
def test_every_date_and_year_input_counts_in_the_calendar():
    """No date field of a portal form escapes the calendar: each form with one is a
    `CalendarFormMixin` (which also gives the models' year fields theirs); each admin
    (and inline) of a model with a date field uses the calendar's fields."""
    list(_project_modules())
    ours = ("cities", "core", "candidacy", "stakeholders", "reporting", "notifications")
    checked = []
    for form in _subclasses(forms.BaseForm):
        if not form.__module__.startswith(ours):
            continue
        dated = [
            name
            for name, field in form.base_fields.items()
            if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField)
        ]
        model = getattr(getattr(form, "_meta", None), "model", None)
        model_fields = {field.name: field for field in model._meta.fields} if model else {}
        years = [
            name
            for name in form.base_fields
            if name in model_fields and calendars.is_calendar_year(model_fields[name])
        ]
        if dated or years:
            assert issubclass(form, CalendarFormMixin), (form, dated, years)
            checked.append(form)
    assert len(checked) > 20  # the walk found the portal's forms
    for model, model_admin in admin.site._registry.items():
        dates = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
        ]
        for field in dates:
            formfield = model_admin.formfield_for_dbfield(field, None)
            assert isinstance(formfield, CalendarDateField), (model, field)
        for inline in model_admin.inlines:
            for field in inline.model._meta.concrete_fields:
                if calendars.is_calendar_year(field):
                    formfield = inline(model, admin.site).formfield_for_dbfield(field, None)
                    assert isinstance(formfield, CalendarYearField), (inline, field)
                elif isinstance(field, models.DateField) and not isinstance(
                    field, models.DateTimeField
                ):
                    formfield = inline(model, admin.site).formfield_for_dbfield(field, None)
                    assert isinstance(formfield, CalendarDateField), (inline, field)


def test_the_admins_year_fields_count_in_the_calendar():
    """Any scoped admin of a model with a year field (none is registered yet) counts it in the
    calendar."""

    class PlanAdmin(ProgrammeScopedAdmin):
        programme_lookup = "progress__candidacy__city__programme_id"

    model_admin = PlanAdmin(StrategicPlan, admin.site)
    field = model_admin.formfield_for_dbfield(StrategicPlan._meta.get_field("start_year"), None)
    assert isinstance(field, CalendarYearField)
    with calendars.calendar_override(SOLAR_HIJRI):
        assert field.clean("۱۴۰۱") == 2022
        assert field.widget.format_value(2022) == "1401"
        with pytest.raises(ValidationError, match="Give a year from 1369 to 1479."):
            field.clean("1368")


# --- helpers ------------------------------------------------------------------------------------


class _FormData(HTMLParser):
    """The values a browser would submit from the page's forms (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, object] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file", "button"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value") or (
                "on" if attrs.get("type") == "checkbox" else ""
            )
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def _form_data(page: str) -> dict:
    parser = _FormData()
    parser.feed(page)
    data = parser.data
    data.pop("csrfmiddlewaretoken", None)
    data.pop("language", None)
    return {k: v for k, v in data.items() if not k.startswith(("q", "_"))} | {"_save": "Save"}


def _errors(response) -> str:
    context = response.context
    if context is None:
        return response.text[:2000]
    form = context.get("adminform")
    return str(form.form.errors if form else "") + str(context.get("inline_admin_formsets"))
