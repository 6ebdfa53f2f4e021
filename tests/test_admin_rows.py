"""The rows of every scoped change list, written by `cities.admin_rows`, are byte for byte the
rows Django's `items_for_result` writes: in English and in Persian (Solar Hijri dates), sorted,
searched (the kept filters in each row's link), as a coordinator and as a superuser."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.admin.templatetags import admin_list
from django.urls import reverse
from django.utils import translation

from cities import admin_rows
from cities.admin_scoping import ProgrammeScopedAdmin
from cities.calendars import SOLAR_HIJRI, calendar_override
from tests.test_admin_changelists import CHANGELISTS

pytestmark = pytest.mark.django_db

SCOPED = [
    model_admin
    for model_admin in admin.site._registry.values()
    if isinstance(model_admin, ProgrammeScopedAdmin)
]


def _both(response, language, calendar) -> tuple[list[str], list[str]]:
    """Django's rows and the lean ones of the page's change list, in the page's language."""
    cl = response.context["cl"]
    with translation.override(language), calendar_override(calendar):
        django = ["".join(admin_list.items_for_result(cl, row, None)) for row in cl.result_list]
        lean = [str(row[0]) for row in admin_rows.lean_rows(cl)]
    return django, lean


def test_lean_rows_are_djangos(client, world, superuser):
    world.programme_a.calendar = SOLAR_HIJRI
    world.programme_a.save()
    growers = {grow for _model, grow, _reads in CHANGELISTS}
    for size, grow in enumerate(sorted(growers, key=lambda grow: grow.__name__), start=1):
        grow(world, size)  # a row or more of each list (the size keeps the cities' keys apart)
    compared = set()
    # The coordinator's lists date in their programme's calendar; a superuser's in the language's.
    passes = [
        (world.coordinator_a, SOLAR_HIJRI, "en", ""),
        (world.coordinator_a, SOLAR_HIJRI, "fa", "?o=-2&q=e"),
        (superuser, None, "en", "?o=-2&q=e"),
    ]
    for user, calendar, language, query in passes:
        client.force_login(user)
        for model_admin in SCOPED:
            opts = model_admin.model._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + query
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, url
            django, lean = _both(response, language, calendar)
            assert lean == django, (url, language)
            with translation.override(language):
                rows = response.context["cl"].result_list
                assert [model_admin.row_text(row) for row in rows] == [str(row) for row in rows]
            if lean:
                assert lean[0] in response.text  # the page shows the lean rows
                compared.add(opts.label)
    assert compared == {model_admin.model._meta.label for model_admin in SCOPED}


def test_a_popup_keeps_djangos_rows(client, world, superuser):
    client.force_login(superuser)

    response = client.get(reverse("admin:cities_city_changelist") + "?_popup=1&_to_field=id")

    assert response.status_code == 200
    assert 'data-popup-opener="' in response.text


@pytest.mark.parametrize("language", ["en", "fa", "ru"])
def test_the_navigation_lists_apps_and_models_in_djangos_order(rf, world, superuser, language):
    """The admin site sorts its list on the names as text; Django's order is kept."""
    request = rf.get("/admin/")
    request.user = superuser
    with translation.override(language):
        ours = admin.site.get_app_list(request)
        djangos = AdminSite.get_app_list(admin.site, request)
    assert [app["app_label"] for app in ours] == [app["app_label"] for app in djangos]
    assert [[m["object_name"] for m in app["models"]] for app in ours] == [
        [m["object_name"] for m in app["models"]] for app in djangos
    ]
