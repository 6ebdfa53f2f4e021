"""The record pages: each kind's form saves and shows on the stage page, bad input is refused
on its field keeping what was typed, approved records are read-only until reopened, only the
preparer reaches the forms, and the stage page's queries do not grow with the rows."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidacy import services as workflow
from candidacy.models import DataSet, GoalArea, Initiative, OfficeRecord, StageState
from candidacy.records import services
from candidacy.records.documents import pdf_upload
from tests.candidacy.workflow import snapshot
from tests.navigation import NAV_TASKS_COUNTED

from .conftest import data_set_values, office_values

pytestmark = pytest.mark.django_db

# Two days ahead, not one: the parameters are made when the tests are collected, and a run that
# crosses midnight must still find this day in the future.
A_FUTURE_DAY = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
NEXT_YEAR = str(datetime.date.today().year + 1)


def _pdf(name):
    return pdf_upload(name, "A document")


def _office_post(**changes):
    data = {
        "office_name": "Child-Friendly City Office",
        "parent_department": "Deputy for Urban Planning",
        "established_on": "2019-08-19",
        "reference_number": "1398/05/28",
        "head_name": "Head of office",
        "head_title": "Acting head",
        "staff_count": "6",
        "decree": "",
    }
    return {**data, **changes}


def _data_set_post(rw, **changes):
    data = {
        "name": "Kindergartens by district",
        "goal_area": GoalArea.ESSENTIAL_SERVICES,
        "source_agency": "Provincial Education Office",
        "districts": [rw.districts[0].pk, rw.districts[2].pk],
        "age_groups": "3–5",
        "by_sex": "on",
        "by_disability": "on",
        "update_frequency": "yearly",
        "last_updated": "2020-09-01",
    }
    return {**data, **changes}


def _initiative_post(rw, **changes):
    data = {
        "title": "Mother-and-child rooms at the bus terminals",
        "goal_area": GoalArea.ESSENTIAL_SERVICES,
        "description": "Rooms to care for babies while travelling.",
        "district": str(rw.districts[1].pk),
        "year_started": "2017",
        "responsible_organisation": "Passenger Transport Management",
        "beneficiaries": "Travelling mothers with babies",
        "good_practice": "on",
    }
    return {**data, **changes}


# --- each kind saves and displays ---------------------------------------------------------------

KINDS = {
    # stage key: (url name, POST data builder, texts then on the stage page)
    "office": (
        "record-edit",
        lambda rw: _office_post(document_upload=_pdf("decree-1398.pdf")),
        [
            "Child-Friendly City Office",
            "Deputy for Urban Planning",
            "1398/05/28",
            "decree-1398.pdf",
        ],
    ),
    "database": (
        "record-row-add",
        _data_set_post,
        ["Kindergartens by district", "Provincial Education Office", "District 1, District 3"],
    ),
    "stocktake": (
        "record-row-add",
        _initiative_post,
        ["Mother-and-child rooms at the bus terminals", "District 2", "Good practice"],
    ),
    "submission": (
        "record-edit",
        lambda rw: {
            "reference": "5/1234",
            "dated_on": "2020-12-01",
            "addressee": "Organization of Municipalities",
            "document_upload": _pdf("submission.pdf"),
        },
        ["5/1234", "Organization of Municipalities", "submission.pdf", "Addressee"],
    ),
    "memorandum": (
        "record-edit",
        lambda rw: {
            "reference": "M-7",
            "dated_on": "2021-02-01",
            "addressee": "The ministry and the akimat",
            "document_upload": _pdf("memorandum.pdf"),
        },
        ["M-7", "The ministry and the akimat", "memorandum.pdf", "Parties"],
    ),
    "candidacy": (
        "record-edit",
        lambda rw: {
            "granted_on": "2021-06-14",
            "certificate_number": "CFCI-2021-1",
            "document_upload": _pdf("certificate.pdf"),
        },
        ["CFCI-2021-1", "certificate.pdf"],
    ),
    "network": (
        "record-edit",
        lambda rw: {
            "joined_on": "2022-03-01",
            "contact_name": "CFCI secretariat",
            "contact_email": "cfci@example.org",
        },
        ["CFCI secretariat", "cfci@example.org"],
    ),
}


@pytest.mark.parametrize("key", list(KINDS))
def test_each_kind_saves_and_shows_on_the_stage_page(client, rw, key):
    url_name, data, texts = KINDS[key]
    progress = rw.open(key)
    client.force_login(rw.preparer(progress))
    url = rw.url(url_name, key)
    form = client.get(url)
    assert form.status_code == 200
    assert "<form" in form.text

    response = client.post(url, data(rw))
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == rw.url("stage", key)
    page = client.get(rw.url("stage", key))
    for text in texts:
        assert text in page.text, text
    # Everyone in scope reads the record.
    client.force_login(rw.coordinator)
    page = client.get(rw.url("stage", key))
    assert all(text in page.text for text in texts)


def test_the_decree_can_be_chosen_among_the_stage_documents(client, rw):
    evidence = workflow.evidence_add(
        progress=rw.stage("office"), by=rw.office, upload=_pdf("d.pdf")
    )
    client.force_login(rw.office)
    response = client.post(rw.url("record-edit", "office"), _office_post(decree=evidence.pk))
    assert response.status_code == 302
    assert OfficeRecord.objects.get().decree == evidence


def test_a_data_set_is_edited_and_removed(client, rw):
    database = rw.open("database")
    row = services.row_add(progress=database, by=rw.office, values=data_set_values("voice"))
    client.force_login(rw.office)
    url = rw.url("record-row-edit", "database", row.pk)
    assert "Data on voice" in client.get(url).text
    response = client.post(url, _data_set_post(rw, name="Council sessions", districts=[]))
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.name, list(row.districts.all())) == ("Council sessions", [])
    page = client.get(rw.url("stage", "database"))
    assert "The whole city" in page.text

    response = client.post(rw.url("record-row-delete", "database", row.pk))
    assert response.status_code == 302
    assert not DataSet.objects.filter(pk=row.pk).exists()


def test_recognition_shows_valid_until_from_the_candidacy(client, rw):
    rw.open("badge")
    rw.approve("badge")
    candidacy = rw.city.candidacy
    candidacy.refresh_from_db()
    assert candidacy.recognised_until is not None
    client.force_login(rw.office)
    page = client.get(rw.url("stage", "badge"))
    assert "Valid until" in page.text
    assert candidacy.recognised_until.strftime("%Y") in page.text.split("Valid until", 1)[1][:200]


# --- bad input ----------------------------------------------------------------------------------

BAD = [
    # stage, url name, data changes, field, message, typed value kept
    ("office", "record-edit", {"established_on": A_FUTURE_DAY}, "established_on",
     "This date is in the future.", A_FUTURE_DAY),
    ("office", "record-edit", {"staff_count": "-3"}, "staff_count",
     "Give the number of staff: one or more, never negative.", 'value="-3"'),
    ("database", "record-row-add", {"last_updated": A_FUTURE_DAY}, "last_updated",
     "This date is in the future.", A_FUTURE_DAY),
    ("stocktake", "record-row-add", {"year_started": NEXT_YEAR}, "year_started",
     f"The year {NEXT_YEAR} has not come yet.", f'value="{NEXT_YEAR}"'),
    ("submission", "record-edit", {"dated_on": A_FUTURE_DAY}, "dated_on",
     "This date is in the future.", A_FUTURE_DAY),
    ("network", "record-edit", {"joined_on": A_FUTURE_DAY}, "joined_on",
     "This date is in the future.", A_FUTURE_DAY),
    # Bounds (a date Solar Hijri cannot show, a headcount, a million characters).
    ("office", "record-edit", {"established_on": "0001-01-01"}, "established_on",
     "Give a date between 1900 and 2100.", 'value="0001-01-01"'),
    ("office", "record-edit", {"staff_count": "30000"}, "staff_count",
     "Give at most 10,000: check the number.", 'value="30000"'),
    ("database", "record-row-add", {"last_updated": "1899-12-31"}, "last_updated",
     "Give a date between 1900 and 2100.", 'value="1899-12-31"'),
    ("submission", "record-edit", {"dated_on": "0001-01-01"}, "dated_on",
     "Give a date between 1900 and 2100.", 'value="0001-01-01"'),
    ("network", "record-edit", {"joined_on": "0001-01-01"}, "joined_on",
     "Give a date between 1900 and 2100.", 'value="0001-01-01"'),
    ("stocktake", "record-row-add", {"description": "x" * 1_000_000}, "description",
     "Ensure this value has at most 5000 characters (it has 1000000).", "x" * 1_000_000),
]  # fmt: skip

_DATA = {
    "office": lambda rw: _office_post(),
    "database": _data_set_post,
    "stocktake": _initiative_post,
    "submission": lambda rw: {"reference": "1", "dated_on": "2020-01-01", "addressee": "Ministry"},
    "network": lambda rw: {"joined_on": "2022-01-01", "contact_name": "Secretariat"},
}


@pytest.mark.parametrize("key,url_name,changes,field,message,kept", BAD)
def test_bad_input_is_refused_on_its_field_keeping_the_input(
    client, rw, key, url_name, changes, field, message, kept
):
    progress = rw.open(key)
    client.force_login(rw.preparer(progress))
    before = snapshot(), _records()
    data = {**_DATA[key](rw), **changes}
    response = client.post(rw.url(url_name, key), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert message in response.text
    assert kept in response.text
    assert (snapshot(), _records()) == before


@pytest.mark.parametrize(
    "key,field,value,message",
    [
        ("database", "districts", "other", "Choose districts of this city only"),
        ("stocktake", "district", "other", "Choose a district of this city."),
    ],
)
def test_a_district_of_another_city_is_refused(client, rw, key, field, value, message):
    """A tampered POST naming another city's district."""
    rw.open(key)
    client.force_login(rw.office)
    foreign = rw.other_districts[0].pk
    data = {**_DATA[key](rw), field: [foreign] if field == "districts" else str(foreign)}
    response = client.post(rw.url("record-row-add", key), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    model = DataSet if key == "database" else Initiative
    assert not model.objects.filter(progress=rw.stage(key)).exists()


def test_a_document_of_another_stage_is_refused(client, rw):
    foreign = workflow.evidence_add(
        progress=rw.stage("office", city=rw.other_city), by=rw.other_office, upload=_pdf("x.pdf")
    )
    client.force_login(rw.office)
    response = client.post(rw.url("record-edit", "office"), _office_post(decree=foreign.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["decree"] == [
        "Choose one of the documents attached to this stage."
    ]
    assert not OfficeRecord.objects.exists()


def test_a_disguised_upload_is_refused(client, rw):
    client.force_login(rw.office)
    fake = SimpleUploadedFile("decree.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = client.post(rw.url("record-edit", "office"), _office_post(document_upload=fake))
    assert response.status_code == 400
    assert "not a real PDF document" in response.text
    assert not OfficeRecord.objects.exists()


def _records():
    return (
        sorted(OfficeRecord.objects.values_list("pk", "staff_count")),
        sorted(DataSet.objects.values_list("pk", "name")),
        sorted(Initiative.objects.values_list("pk", "title")),
    )


# --- submission, read-only after approval -----------------------------------------------------


def test_the_page_lists_what_is_missing_and_submit_is_refused(
    client, rw, django_capture_on_commit_callbacks
):
    client.force_login(rw.office)
    page = client.get(rw.url("stage", "office"))
    missing = page.text.split('id="record-missing"', 1)[1].split("</div>", 1)[0]
    assert "Upload the decree establishing the office before submitting." in missing
    assert "Fill in the office&#x27;s record" in missing

    with django_capture_on_commit_callbacks(execute=True):  # the draft is saved (STAGES)
        response = client.post(
            rw.url("stage-save", "office"), {"narrative": "Formed.", "submit": "1"}
        )
    assert response.status_code == 400
    assert "Upload the decree establishing the office before submitting." in response.text
    assert "Formed." in response.text  # the typed narrative is kept
    assert rw.stage("office").state == StageState.OPEN

    with django_capture_on_commit_callbacks(execute=True):  # the stage is kept (STAGES)
        services.record_save(
            progress=rw.stage("office"),
            by=rw.office,
            values=office_values(),
            document_upload=_pdf("decree.pdf"),
        )
    page = client.get(rw.url("stage", "office"))
    assert 'id="record-missing"' not in page.text
    response = client.post(rw.url("stage-save", "office"), {"narrative": "Formed.", "submit": "1"})
    assert response.status_code == 302
    assert rw.stage("office").state == StageState.SUBMITTED


def test_an_approved_record_is_read_only_until_reopened(
    client, rw, django_capture_on_commit_callbacks
):
    rw.approve("office")
    client.force_login(rw.office)
    edit = rw.url("record-edit", "office")
    page = client.get(rw.url("stage", "office"))
    assert "CFC office" in page.text or OfficeRecord.objects.exists()
    assert edit not in page.text

    before = _records()
    response = client.get(edit, follow=True)
    assert response.redirect_chain == [(rw.url("stage", "office"), 302)]
    assert "A coordinator must reopen it" in response.text
    assert "<form" not in response.text.split('id="h-record"', 1)[1].split("</section>", 1)[0]
    response = client.post(edit, _office_post(staff_count="40"))
    assert response.status_code == 302
    assert _records() == before

    with django_capture_on_commit_callbacks(execute=True):  # the stage is kept (STAGES)
        workflow.stage_reopen(
            progress=rw.stage("office"), by=rw.coordinator, reason="Staff changed."
        )
    page = client.get(rw.url("stage", "office"))
    assert edit in page.text
    response = client.post(edit, _office_post(staff_count="40"))
    assert response.status_code == 302
    assert OfficeRecord.objects.get().staff_count == 40


def test_approved_rows_have_no_edit_buttons_and_refuse_changes(client, rw):
    rw.open("database")
    rw.approve("database")
    row = DataSet.objects.first()
    client.force_login(rw.office)
    page = client.get(rw.url("stage", "database"))
    assert row.name in page.text
    assert rw.url("record-row-edit", "database", row.pk) not in page.text
    assert rw.url("record-row-add", "database") not in page.text
    before = _records()
    for url in (
        rw.url("record-row-add", "database"),
        rw.url("record-row-edit", "database", row.pk),
        rw.url("record-row-delete", "database", row.pk),
    ):
        assert client.post(url, _data_set_post(rw, name="Changed")).status_code == 302
    assert _records() == before


# --- who reaches the forms ----------------------------------------------------------------------


def _record_urls(rw):
    database = rw.open("database")
    row = services.row_add(progress=database, by=rw.office, values=data_set_values("voice"))
    return [
        rw.url("record-edit", "office"),
        rw.url("record-row-add", "database"),
        rw.url("record-row-edit", "database", row.pk),
        rw.url("record-row-delete", "database", row.pk),
    ]


@pytest.mark.parametrize(
    "user,statuses",
    [
        ("other_office", {404}),
        ("far_office", {404}),
        ("far_coordinator", {404}),
        ("far_evaluator", {404}),
        ("coordinator", {403}),  # reads the record on the stage page, does not prepare it
        ("evaluator", {403}),
    ],
)
def test_only_the_preparer_reaches_the_record_pages(client, rw, user, statuses):
    urls = _record_urls(rw)
    rw.open("stocktake")  # nothing of the office stage is approved twice below
    client.force_login(getattr(rw, user))
    before = snapshot(), _records()
    for url in urls:
        assert client.get(url).status_code in statuses | {405}, url
        assert client.post(url, {"name": "Taken", "staff_count": "1"}).status_code in statuses, url
    assert (snapshot(), _records()) == before


def test_anonymous_visitors_are_sent_to_sign_in(client, rw):
    for url in _record_urls(rw):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_stage_without_a_record_has_no_record_pages(client, rw):
    rw.open("council")
    client.force_login(rw.office)
    assert client.get(rw.url("record-edit", "council")).status_code == 404
    assert client.get(rw.url("record-row-add", "council")).status_code == 404
    assert client.get(rw.url("record-row-add", "office")).status_code == 404
    page = client.get(rw.url("stage", "council"))
    assert 'id="h-record"' not in page.text


# --- queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("reader", ["office", "coordinator"])
def test_stage_page_queries_do_not_grow_with_the_data_sets(
    client, rw, django_assert_max_num_queries, size, reader
):
    database = rw.open("database")
    areas = list(GoalArea)
    for number in range(size):
        services.row_add(
            progress=database,
            by=rw.office,
            values=data_set_values(
                areas[number % 5], name=f"Data set {number}", districts=rw.districts[:2]
            ),
        )
    client.force_login(getattr(rw, reader))
    # measured: 13 = the stage page's 10 (with its thread and the inbox's unread count) + data
    # sets, their districts, the completeness rule
    with django_assert_max_num_queries(13 + NAV_TASKS_COUNTED):
        page = client.get(rw.url("stage", "database"))
    assert page.status_code == 200
    assert len(page.context["record_rows"]) == size
    assert page.text.count("District 1, District 2") == size
