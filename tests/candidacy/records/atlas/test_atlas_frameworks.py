"""Versioned atlas indicator sets (issue 13): an atlas keeps the version of the programme's
indicators in force when its first value was entered, so a change of the indicators in the
middle of a call leaves the earlier atlases as they were; an indicator of a version an atlas
uses is frozen (refused on the admin's form); the comparison of two versions is for the
programme's coordinators and evaluators."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from candidacy.frameworks import framework_revise
from candidacy.models import (
    FrameworkKind,
    FrameworkVersion,
    IndicatorDefinition,
    IndicatorValue,
    criterion_in_use,
    framework_in_force,
)
from candidacy.records.atlas import selectors, services
from candidacy.records.atlas.indicators import indicators_seed

from .conftest import csv_bytes, full_rows

pytestmark = pytest.mark.django_db

IN_USE = "This indicator is used by 1 atlas: revise the framework to change it."


def _import(rw, progress, indicators, districts=None):
    return services.values_import(
        progress=progress,
        by=rw.office if progress.candidacy.city == rw.city else rw.other_office,
        content=csv_bytes(full_rows(districts or rw.districts, indicators)),
    )


def _revise_and_edit(rw) -> FrameworkVersion:
    """Version 2: a copy of version 1, its first indicator renamed (in English and Persian),
    its last removed, one added."""
    version = framework_revise(programme=rw.programme, kind=FrameworkKind.ATLAS, by=rw.coordinator)
    indicators = list(version.criteria)
    first, last = indicators[0], indicators[-1]
    first.name_en, first.name_fa = "Renamed in version 2", "نام تازه"
    first.full_clean()
    first.save()
    last.delete()
    added = IndicatorDefinition(
        programme=rw.programme,
        framework=version,
        key="added-in-2",
        name="Added in version 2",
        unit="children",
        goal_area="voice",
        order=99,
    )
    added.full_clean()
    added.save()
    return version


def test_the_existing_indicators_are_version_1_and_an_atlas_opens_in_it(rw, atlas):
    v1 = framework_in_force(rw.programme.pk, FrameworkKind.ATLAS)
    assert v1.number == 1
    assert {i.framework_id for i in rw.indicators} == {v1.pk}
    assert selectors.indicators_of(atlas) == rw.indicators  # the far programme's is not


def test_a_change_mid_call_leaves_earlier_atlas_records_intact(client, rw, atlas):
    _import(rw, atlas, rw.indicators)  # the atlas opened (and filled) under version 1
    v1_names = [i.name for i in rw.indicators]
    client.force_login(rw.office)
    assert client.get(rw.url("atlas", "atlas")).status_code == 200  # kept in the cache

    v2 = _revise_and_edit(rw)
    assert v2.number == 2
    assert framework_in_force(rw.programme.pk, FrameworkKind.ATLAS) == v2

    # The atlas opened under version 1 still shows, validates and imports version 1's.
    assert selectors.indicators_of(atlas) == rw.indicators
    page = client.get(rw.url("atlas", "atlas"))
    assert page.status_code == 200
    for name in v1_names:
        assert escape(name) in page.text
    assert "Renamed in version 2" not in page.text and "Added in version 2" not in page.text
    with pytest.raises(ValidationError):  # version 2's new key is not this atlas's
        _import(rw, atlas, list(v2.criteria))
    assert IndicatorValue.objects.filter(progress=atlas).count() == 6
    result = _import(rw, atlas, rw.indicators)  # version 1's keys still are
    assert result.created == 0
    assert client.get(rw.url("stage", "atlas")).status_code == 200
    assert "missing indicator" not in client.get(rw.url("stage", "atlas")).text

    # An atlas opened now keeps version 2: its page and its import are version 2's.
    other = rw.open("atlas", city=rw.other_city)
    v2_indicators = list(v2.criteria.order_by("order", "key"))
    assert selectors.indicators_of(other) == v2_indicators
    client.force_login(rw.other_office)
    page = client.get(rw.url("atlas", "atlas", city=rw.other_city))
    assert "Renamed in version 2" in page.text and "Added in version 2" in page.text
    _import(rw, other, v2_indicators, districts=rw.other_districts)
    assert {v.indicator.framework_id for v in IndicatorValue.objects.filter(progress=other)} == {
        v2.pk
    }
    # Each version is now used by one atlas.
    assert criterion_in_use(v2_indicators[0]) and criterion_in_use(rw.indicators[0])


def test_an_atlas_without_values_shows_the_new_version_at_once(
    client, rw, atlas, django_capture_on_commit_callbacks
):
    client.force_login(rw.office)
    assert "Renamed in version 2" not in client.get(rw.url("atlas", "atlas")).text  # kept
    # No value yet: the atlas is not opened. The new version alone tells the cache (its
    # indicators are copied in bulk, renamed here in bulk: no signal of their own).
    with django_capture_on_commit_callbacks(execute=True):
        v2 = framework_revise(programme=rw.programme, kind=FrameworkKind.ATLAS, by=rw.coordinator)
    IndicatorDefinition.objects.filter(framework=v2, key=rw.indicators[0].key).update(
        name_en="Renamed in version 2"
    )
    assert "Renamed in version 2" in client.get(rw.url("atlas", "atlas")).text


def test_an_indicator_in_use_is_frozen(rw, atlas):
    indicator = rw.indicators[0]
    assert not criterion_in_use(indicator)
    _import(rw, atlas, rw.indicators)
    assert criterion_in_use(indicator)
    indicator.name_en = "Changed"
    with pytest.raises(ValidationError) as refused:
        indicator.full_clean()
    assert refused.value.messages == [IN_USE]
    # Nothing is added to a used version: the seed leaves it alone.
    assert indicators_seed(programme=rw.programme) == 0


def _admin_change(client, indicator, **changes):
    data = {
        "programme": indicator.programme_id,
        "framework": indicator.framework_id,
        "key": indicator.key,
        "goal_area": indicator.goal_area,
        "order": indicator.order,
    }
    for code in ("en", "fa", "ru", "kk", "lt"):
        data[f"name_{code}"] = getattr(indicator, f"name_{code}") or ""
        data[f"unit_{code}"] = getattr(indicator, f"unit_{code}") or ""
    data.update(changes)
    url = reverse("admin:candidacy_indicatordefinition_change", args=[indicator.pk])
    return client.post(url, {**data, "_loaded_version": ""})


def test_the_admin_refuses_to_change_or_delete_an_indicator_in_use(client, rw, atlas, superuser):
    _import(rw, atlas, rw.indicators)
    indicator = rw.indicators[0]
    before = indicator.name_en
    client.force_login(superuser)
    page = _admin_change(client, indicator, name_en="Changed in the admin")
    assert page.status_code == 200
    assert IN_USE in page.text
    indicator.refresh_from_db()
    assert indicator.name_en == before
    url = reverse("admin:candidacy_indicatordefinition_delete", args=[indicator.pk])
    answer = client.post(url, {"post": "yes"}, follow=True)
    assert IN_USE in answer.text
    assert IndicatorDefinition.objects.filter(pk=indicator.pk).exists()


def test_the_coordinator_revises_in_the_admin_and_edits_the_new_version(client, rw, atlas):
    _import(rw, atlas, rw.indicators)
    v1 = framework_in_force(rw.programme.pk, FrameworkKind.ATLAS)
    client.force_login(rw.coordinator)
    answer = client.post(
        reverse("admin:candidacy_frameworkversion_changelist"),
        {"action": "revise", "_selected_action": [v1.pk]},
        follow=True,
    )
    assert answer.status_code == 200
    v2 = framework_in_force(rw.programme.pk, FrameworkKind.ATLAS)
    assert v2.number == 2 and v2.created_by == rw.coordinator
    assert [i.key for i in v2.criteria] == [i.key for i in v1.criteria]
    assert (
        client.get(reverse("admin:candidacy_frameworkversion_change", args=[v2.pk])).status_code
        == 200
    )
    indicator = v2.criteria.first()
    page = _admin_change(client, indicator, name_en="Edited in version 2")
    assert page.status_code == 302, page.text
    indicator.refresh_from_db()
    assert indicator.name_en == "Edited in version 2"


def _compare_url(rw, query="?from=1&to=2"):
    return reverse("candidacy:framework-compare", args=[rw.programme.key, "atlas"]) + query


def test_the_comparison_shows_the_indicators_added_removed_and_changed(client, rw, atlas):
    first, last = rw.indicators
    _revise_and_edit(rw)
    client.force_login(rw.coordinator)
    page = client.get(_compare_url(rw))
    assert page.status_code == 200
    changes = {change.key: change for change in page.context["changes"]}
    assert changes["added-in-2"].status == "added"
    assert changes[last.key].status == "removed"
    assert changes[first.key].status == "changed"
    assert [label for label, _old, _new in changes[first.key].texts] == ["English", "Persian"]
    assert "Renamed in version 2" in page.text and "نام تازه" in page.text
    assert len(changes) == 3
    versions = client.get(reverse("candidacy:framework-versions", args=[rw.programme.key, "atlas"]))
    assert versions.status_code == 200
    assert "?from=1&amp;to=2" in versions.text
    assert "Versions of the indicators" in versions.text


@pytest.mark.parametrize("name", ["framework-versions", "framework-compare"])
def test_the_atlas_framework_pages_are_for_the_programmes_coordinators_and_evaluators(
    client, rw, atlas, name
):
    _revise_and_edit(rw)
    url = reverse(f"candidacy:{name}", args=[rw.programme.key, "atlas"])
    answer = client.get(url)
    assert answer.status_code == 302 and "login" in answer.url
    for outsider in (rw.office, rw.far_coordinator, rw.far_evaluator):
        client.force_login(outsider)
        assert client.get(url).status_code in (403, 404), outsider
    for insider in (rw.coordinator, rw.evaluator):
        client.force_login(insider)
        assert client.get(url).status_code == 200


def test_the_atlas_shows_its_version_to_those_who_may_read_the_frameworks(client, rw, atlas):
    _import(rw, atlas, rw.indicators)
    versions = reverse("candidacy:framework-versions", args=[rw.programme.key, "atlas"])
    client.force_login(rw.office)  # first: the body kept in the cache is the office's
    page = client.get(rw.url("atlas", "atlas"))
    assert page.status_code == 200
    assert "Indicators version 1" not in page.text and versions not in page.text
    client.force_login(rw.coordinator)
    page = client.get(rw.url("atlas", "atlas"))
    assert page.status_code == 200
    assert "Indicators version 1" in page.text and f'href="{versions}"' in page.text
