"""Bounds on every input, held by the models: every date of the project's models lies in
1900–2100 and every TextField is capped by its model (a TextField's max_length alone is not
validated), so forms, the admin, services and imports refuse the same values; a date stored
before the bounds existed still shows, in Persian too."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import translation

from candidacy import services
from candidacy.models import Candidacy, LetterRecord, OfficeRecord, StageProgress
from cities.templatetags.portal import cfc_date
from cities.validators import NARRATIVE_MAX_LENGTH, plausible_date
from tests.candidacy.records.conftest import rw  # noqa: F401 (the records' world)

PROJECT_APPS = ("cities", "candidacy", "stakeholders")
FAR_PAST = datetime.date(1, 1, 1)
FAR_FUTURE = datetime.date(9999, 12, 31)


def _fields(kind):
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, kind) and not isinstance(field, models.DateTimeField):
                    yield f"{model.__name__}.{field.name}", field


@pytest.mark.parametrize("name,field", list(_fields(models.DateField)), ids=lambda v: str(v))
def test_every_date_is_bounded_by_its_model(name, field):
    assert plausible_date in field.validators, name


@pytest.mark.parametrize("name,field", list(_fields(models.TextField)), ids=lambda v: str(v))
def test_every_text_is_capped_by_its_model(name, field):
    assert field.max_length, name
    caps = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    assert caps == [field.max_length], name


@pytest.mark.parametrize(
    "value",
    [FAR_PAST, FAR_FUTURE, datetime.datetime(1, 1, 1, 12, 30), datetime.date(621, 3, 20)],
)
@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_date_filter_shows_any_stored_date(value, language):
    with translation.override(language):
        assert cfc_date(value)
        assert cfc_date(value, with_time=True)


def test_the_date_filter_falls_back_to_the_iso_date_in_persian():
    with translation.override("fa"):
        assert cfc_date(FAR_PAST) == "۰۰۰۱-۰۱-۰۱"
        assert cfc_date(datetime.date(2024, 3, 20)) == "۱ فروردین ۱۴۰۳"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fa", "en"])
def test_pages_show_dates_stored_out_of_range(client, rw, language):  # noqa: F811
    """Rows written past validation (`.update()`, as before the bounds existed) never fail a
    page; Solar Hijri cannot convert year 1 or 9999, the pages show the ISO date."""
    rw.open("network")
    OfficeRecord.objects.update(established_on=FAR_PAST)
    LetterRecord.objects.update(dated_on=FAR_FUTURE)
    Candidacy.objects.update(
        started_on=FAR_PAST, candidate_since=FAR_PAST, recognised_until=FAR_FUTURE
    )
    client.force_login(rw.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for address in (
        rw.url("stage", "office"),
        rw.url("stage", "submission"),
        rw.url("stage", "memorandum"),
        rw.url("stage", "badge"),
    ):
        assert client.get(address).status_code == 200, address
    city = client.get(f"/cities/{rw.city.slug}/")
    assert city.status_code == 200


@pytest.mark.django_db
def test_a_million_character_narrative_is_refused_with_the_cap(client, rw):  # noqa: F811
    progress = rw.open("office")
    client.force_login(rw.office)
    page = client.get(rw.url("stage", "office"))
    assert f'maxlength="{NARRATIVE_MAX_LENGTH}"' in page.text
    response = client.post(rw.url("stage-save", "office"), {"narrative": "x" * 1_000_000})
    assert response.status_code == 400
    assert "Ensure this value has at most 20000 characters (it has 1000000)." in response.text
    progress.refresh_from_db()
    assert progress.narrative == ""


@pytest.mark.django_db
def test_the_draft_service_keeps_the_narrative_cap(rw):  # noqa: F811
    progress = rw.open("office")
    with pytest.raises(ValidationError) as error:
        services.stage_save_draft(
            progress=progress, by=rw.office, narrative="x" * (NARRATIVE_MAX_LENGTH + 1)
        )
    assert "narrative" in error.value.message_dict
    assert StageProgress.objects.get(pk=progress.pk).narrative == ""
