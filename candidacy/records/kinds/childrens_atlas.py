"""The children's atlas stage: indicator values per district (entered in a grid or imported
from CSV) and the districts' boundaries; its pages are in `candidacy.records.atlas`.

Before submission: the city has districts, the programme has indicators, and a value (of any
year) is entered for every district and indicator of the version the atlas keeps."""

from __future__ import annotations

from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from candidacy.models import IndicatorValue, StageKind, StageProgress, atlas_indicators
from candidacy.records.atlas import views
from candidacy.records.registry import RecordKind
from cities.models import District
from cities.templatetags.portal import format_number


def childrens_atlas(progress: StageProgress) -> list[str]:
    city = progress.candidacy.city
    district_ids = set(District.objects.filter(city_id=city.pk).values_list("pk", flat=True))
    # The indicators of the version the atlas keeps (issue 13), not every version's.
    indicator_ids = set(
        atlas_indicators(
            city.programme_id, IndicatorValue.objects.filter(progress=progress)
        ).values_list("pk", flat=True)
    )
    problems = []
    if not district_ids:
        problems.append(
            _(
                "The city has no districts yet: the national coordinator adds them (in the "
                "administration, on the city's page) before the atlas can be filled."
            )
        )
    if not indicator_ids:
        problems.append(
            _("The programme defines no atlas indicators yet: ask the portal's administrators.")
        )
    if problems:
        return problems
    # Counted by the database, district by district (and indicator by indicator if some are
    # missing): a few hundred rows read, never the atlas's values themselves.
    values = IndicatorValue.objects.filter(
        progress=progress, district_id__in=district_ids, indicator_id__in=indicator_ids
    )
    per_district = dict(
        values.values_list("district_id").annotate(covered=Count("indicator_id", distinct=True))
    )
    missing = len(district_ids) * len(indicator_ids) - sum(per_district.values())
    if not missing:
        return []
    short_districts = len(district_ids) - sum(
        1 for covered in per_district.values() if covered == len(indicator_ids)
    )
    per_indicator = dict(
        values.values_list("indicator_id").annotate(covered=Count("district_id", distinct=True))
    )
    short_indicators = len(indicator_ids) - sum(
        1 for covered in per_indicator.values() if covered == len(district_ids)
    )
    districts = ngettext("%(count)s district", "%(count)s districts", short_districts)
    indicators = ngettext("%(count)s indicator", "%(count)s indicators", short_indicators)
    districts %= {"count": format_number(short_districts)}
    indicators %= {"count": format_number(short_indicators)}
    if short_districts * short_indicators == missing:
        spread = _("%(districts)s × %(indicators)s") % {
            "districts": districts,
            "indicators": indicators,
        }
    else:
        spread = _("in %(districts)s, for %(indicators)s") % {
            "districts": districts,
            "indicators": indicators,
        }
    return [
        ngettext(
            "Enter the %(count)s missing indicator value (%(spread)s): in the grid or by "
            "importing a CSV file.",
            "Enter the %(count)s missing indicator values (%(spread)s): in the grid or by "
            "importing a CSV file.",
            missing,
        )
        % {"count": format_number(missing), "spread": spread}
    ]


def context(progress: StageProgress) -> dict:
    city = progress.candidacy.city
    return {
        "atlas_counts": {
            "districts": District.objects.filter(city_id=city.pk).count(),
            "indicators": atlas_indicators(
                city.programme_id, IndicatorValue.objects.filter(progress=progress)
            ).count(),
            "values": IndicatorValue.objects.filter(progress=progress).count(),
        }
    }


KIND = RecordKind(
    stage_kinds=(StageKind.CHILDRENS_ATLAS,),
    template="candidacy/records/atlas/summary.html",
    rule=childrens_atlas,
    context=context,
    urlpatterns=(
        path("atlas/", views.atlas, name="atlas"),
        path("atlas/grid/", views.atlas_grid, name="atlas-grid"),
        path("atlas/import/", views.atlas_import, name="atlas-import"),
        path("atlas/template.csv", views.atlas_template, name="atlas-template"),
        path("atlas/boundaries/", views.atlas_boundaries, name="atlas-boundaries"),
    ),
)
