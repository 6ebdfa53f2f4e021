"""The criteria's seed, command and admin; and the badge's "valid until" (or "lapsed after")
beside the city's status wherever the status is shown."""

from __future__ import annotations

import datetime
import html
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import formats, timezone

from candidacy.models import Candidacy, EvaluationCriterion
from candidacy.records.evaluations.criteria import GLOBAL, NATIONAL, criteria_seed
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key,national", [("iran", 2), ("kazakhstan", 3), ("lithuania", 2)])
def test_every_programme_gets_the_global_criteria_and_its_own(key, national):
    programme = f.ProgrammeFactory(key=key)
    assert criteria_seed(programme) == len(GLOBAL) + national
    criteria = list(EvaluationCriterion.objects.filter(programme=programme))
    assert [c.key for c in criteria if c.is_global] == [spec.key for spec in GLOBAL]
    assert [c.key for c in criteria if not c.is_global] == [spec.key for spec in NATIONAL[key]]


def test_seeding_again_keeps_an_administrators_edit():
    programme = f.ProgrammeFactory(key="iran")
    criteria_seed(programme)
    EvaluationCriterion.objects.filter(key="child-participation").update(text="Edited.")
    assert criteria_seed(programme) == 0
    assert EvaluationCriterion.objects.get(key="child-participation").text == "Edited."


def test_the_command_seeds_every_programme_or_the_ones_named():
    iran, other = f.ProgrammeFactory(key="iran"), f.ProgrammeFactory(key="other")
    out = io.StringIO()
    call_command("load_evaluation_criteria", "iran", stdout=out)
    assert "iran: 5 criteria (5 new)" in out.getvalue()
    assert not EvaluationCriterion.objects.filter(programme=other).exists()
    call_command("load_evaluation_criteria", stdout=io.StringIO())
    assert EvaluationCriterion.objects.filter(programme=other).count() == len(GLOBAL)
    assert EvaluationCriterion.objects.filter(programme=iran).count() == 5
    with pytest.raises(CommandError):
        call_command("load_evaluation_criteria", "nowhere", stdout=io.StringIO())


def test_coordinators_edit_their_programmes_criteria_and_superusers_every_programmes(
    client, ew, superuser
):
    """Versioned frameworks (issue 13): the coordinator edits the criteria of a version nobody
    uses yet (one in use is refused: test_frameworks.py); another programme's are not theirs."""
    mine = ew.criteria()[0]
    far = ew.criteria(ew.far_programme)[0]
    change = "admin:candidacy_evaluationcriterion_change"
    client.force_login(ew.coordinator)
    listing = client.get(reverse("admin:candidacy_evaluationcriterion_changelist"))
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == ew.criteria()
    assert client.get(reverse(change, args=[far.pk])).status_code in (302, 403, 404)
    response = client.post(
        reverse(change, args=[far.pk]),
        {"programme": ew.programme.pk, "framework": mine.framework_id, "key": far.key,
         "order": 1, "text_en": "Taken over."},
    )  # fmt: skip
    assert response.status_code in (302, 403, 404)
    assert EvaluationCriterion.objects.get(pk=far.pk).text != "Taken over."
    response = client.post(
        reverse(change, args=[mine.pk]),
        {"programme": ew.programme.pk, "framework": mine.framework_id, "key": mine.key,
         "order": 1, "text_en": "Clarified by the coordinator."},
    )  # fmt: skip
    assert response.status_code == 302
    assert EvaluationCriterion.objects.get(pk=mine.pk).text == "Clarified by the coordinator."
    client.force_login(superuser)
    response = client.post(
        reverse(change, args=[mine.pk]),
        {"programme": ew.programme.pk, "framework": mine.framework_id, "key": mine.key,
         "order": 1, "text_en": "Clarified."},
    )  # fmt: skip
    assert response.status_code == 302
    assert EvaluationCriterion.objects.get(pk=mine.pk).text == "Clarified."


# --- "valid until" wherever the status is shown ---------------------------------------------


def _recognise(ew, until):
    # The services date a badge when its stage is approved; the test sets the dates it needs.
    Candidacy.objects.filter(city=ew.city).update(
        candidate_since=datetime.date(2020, 1, 1),
        recognised_since=until - datetime.timedelta(days=730),
        recognised_until=until,
    )


def _pages(client, ew, superuser):
    client.force_login(superuser)
    return {
        "public": client.get(reverse("public-cities")),
        "city": client.get(reverse("candidacy:city", args=[ew.city.slug])),
        "overview": client.get(reverse("candidacy:overview", args=[ew.programme.key])),
        "admin": client.get(reverse("admin:candidacy_candidacy_changelist")),
    }


def test_a_recognised_city_shows_valid_until_everywhere(client, ew, superuser):
    until = timezone.localdate() + datetime.timedelta(days=400)
    _recognise(ew, until)
    for name, page in _pages(client, ew, superuser).items():
        assert page.status_code == 200, name
        text = html.unescape(page.text)
        if name == "admin":
            assert formats.date_format(until, "DATE_FORMAT") in text, name
        else:
            assert "valid until" in text, name
        assert "lapsed after" not in text, name


def test_a_lapsed_city_shows_when_it_lapsed_everywhere(client, ew, superuser):
    until = datetime.date(2023, 3, 31)
    _recognise(ew, until)
    for name, page in _pages(client, ew, superuser).items():
        text = html.unescape(page.text)
        if name == "admin":
            assert "lapsed after 31 March 2023" in text, name
        else:
            assert "lapsed after" in text, name
            assert "valid until" not in text, name
