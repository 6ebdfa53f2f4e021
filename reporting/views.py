"""Public pages: deliberately public (no narrative, no evidence, no people), a page of cities at
a time, served from the public cache (`reporting.cache`) while nothing they show has changed.
And the programme's status as a spreadsheet and its charts, for those who may see its overview
(signed in)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from candidacy import selectors as candidacy_selectors
from candidacy.views import home as candidacy_home
from candidacy.views import overview_of
from cities.calendars import calendar_activate, programme_calendar_activate
from cities.languages import programme_language_apply
from cities.models import City, Programme
from cities.permissions import programmes_visible_to, scope_of, user_calendar
from core.editions import PLANS, PROPOSALS, edition, edition_key
from core.listing import Sort, list_page
from library.permissions import can_curate_programme_good_practice

from . import charts, exports, figures, open_data, selectors, tasks
from .cache import public_page
from .forms import FILTER_PARAMETERS, PublicListForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cities_page(request, programme=None, **context):
    form = PublicListForm(request.GET, sorts=selectors.PUBLIC_SORTS, programme=programme)
    listing = list_page(
        request,
        selectors.public_cities(programme=programme, filters=form.filters()),
        sorts=selectors.PUBLIC_SORTS,
        search=selectors.public_search,
        form=form,
    )
    # the map asks for the same cities: the filters of the address, not its order or page
    chosen = {name: request.GET[name] for name in FILTER_PARAMETERS if request.GET.get(name)}
    markers = (
        reverse("public-programme-map", args=[programme.key])
        if programme
        else reverse("public-map")
    )
    return render(
        request,
        "reporting/public_cities.html",
        {
            "listing": listing,
            "programme": programme,
            "filtered": any(chosen.get(name) for name in FILTER_PARAMETERS if name != "q"),
            "markers_url": f"{markers}?{urlencode(chosen)}" if chosen else markers,
            "map_tiles": settings.PORTAL_MAP_TILES,
            "map_attribution": settings.PORTAL_MAP_ATTRIBUTION,
            **context,
        },
    )


def public_cities(request):
    """Which cities are where: the list, and the map above it."""
    return public_page(request, lambda: _cities_page(request))


def public_programme(request, programme):
    """One programme's cities, in the programme's language for a reader whose browser asks for
    none of ours, with the children's proposals its cities carried out (`reporting.figures`)."""
    programme = get_object_or_404(Programme.objects.select_related("country"), key=programme)
    programme_language_apply(request, programme)
    programme_calendar_activate(programme)  # its dates in its calendar, as on its cities' pages
    return public_page(
        request,
        lambda: _cities_page(
            request, programme, proposal_figures=figures.programme_figures(programme)
        ),
        editions=(PROPOSALS,),
    )


def _markers(request, programme=None) -> JsonResponse:
    form = PublicListForm(request.GET, sorts=selectors.PUBLIC_SORTS, programme=programme)
    cities = selectors.public_map_cities(
        programme=programme,
        filters=form.filters(),
        search=(form.value("q", "") or "").strip(),
    )
    # [latitude, longitude, name, link]: a marker's only fields, compact (5,000 cities ~ 0.3 MB)
    url_of = selectors.public_city_urls()
    markers = [
        [float(city.latitude), float(city.longitude), city.name, url_of(city)] for city in cities
    ]
    return JsonResponse({"markers": markers}, json_dumps_params={"separators": (",", ":")})


def public_map(request):
    """The public list's cities on the map (the list's filters from the address), as JSON:
    only those with valid coordinates, only what a marker shows."""
    return public_page(request, lambda: _markers(request))


def public_programme_map(request, programme):
    """One programme's cities on the map, as `public_map`."""
    programme = get_object_or_404(Programme, key=programme)
    return public_page(request, lambda: _markers(request, programme))


def _status(request, programme):
    """The overview's programme (404 outside the user's scope, as the overview) and its cities
    as the overview shows them now: its filters, search and order from the address."""
    programme, _definitions, form = overview_of(request, programme)
    cities = candidacy_selectors.programme_overview(programme, form.filters())
    query = (form.value("q", "") or "").strip()
    if query:
        cities = cities.filter(candidacy_selectors.city_search(query))
    sort = candidacy_selectors.OVERVIEW_SORTS[form.value("sort", "name")]
    return programme, cities.order_by(*sort.order_by)


def _filename(programme, extension: str) -> str:
    return f"{programme.key}-status-{timezone.localdate().isoformat()}.{extension}"


@login_required
def status_csv(request, programme):
    """The programme's status as CSV, streamed."""
    programme, cities = _status(request, programme)
    response = StreamingHttpResponse(
        exports.csv_lines(programme, cities), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(programme, "csv")}"'
    return response


@login_required
def status_xlsx(request, programme):
    """The programme's status as an XLSX workbook."""
    programme, cities = _status(request, programme)
    response = HttpResponse(exports.xlsx_bytes(programme, cities), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(programme, "xlsx")}"'
    return response


def _charts(programme) -> dict:
    rtl = translation.get_language_bidi()
    definitions = list(programme.stage_definitions.order_by("position"))
    figures = charts.stage_figures(programme, definitions)
    budgets = charts.budgets(programme)
    return {
        "figures": figures,
        "funnel": charts.funnel_drawing(
            figures,
            rtl=rtl,
            approved_of=lambda approved, reached: (
                _("%(approved)s of %(reached)s approved")
                % {"approved": approved, "reached": reached}
            ),
        ),
        "time": charts.time_drawing(figures, rtl=rtl),
        "budgets": [(budget, charts.budget_drawing(budget, rtl=rtl)) for budget in budgets],
    }


@login_required
def programme_charts(request, programme):
    """The programme's charts (a funnel by stage, the time in each stage, the budget by goal
    area per currency), each an SVG with its table, for those who may see the overview (404
    outside their scope, as the overview). The figures are the same for all of them: kept in the
    cache while nothing they show has changed (the lists' and the plans' editions)."""
    # the overview's rule (`programmes_visible_to`), without reading its stages before the cache
    programme = get_object_or_404(programmes_visible_to(request.user), key=programme)
    programme_calendar_activate(programme)
    return render(
        request,
        "reporting/charts.html",
        {
            "programme": programme,
            # read in the template, inside the cached part: no query while it is kept
            "charts": lambda: _charts(programme),
            "charts_key": edition_key(request, "charts", programme.pk, edition(PLANS)),
        },
    )


# --- my tasks -----------------------------------------------------------------------------


def _tasks_render(request, shown):
    scope = scope_of(request.user)
    programmes = (
        list(Programme.objects.filter(pk__in=scope.programme_ids).order_by("pk"))
        if scope.programme_ids
        else []
    )
    return render(
        request,
        "reporting/tasks.html",
        {
            "shown": [entry for entry in shown if entry.count],
            # where the user works, to reach it from here (the overview, the city page)
            "programmes": programmes,
            # and their good practice to curate (`library.permissions`)
            "curated": {
                programme.pk
                for programme in programmes
                if can_curate_programme_good_practice(request.user, programme.pk)
            },
            "cities": (
                City.objects.filter(pk__in=scope.office_city_ids).order_by("pk")
                if scope.office_city_ids
                else []
            ),
            # the navigation's count, from the counts just read (no link without a role)
            "nav_task_count": (
                sum(entry.count for entry in shown) if scope_of(request.user).has_role else None
            ),
        },
    )


@login_required
def my_tasks(request):
    """Everything waiting for the user, section by section (`reporting.tasks`)."""
    calendar_activate(user_calendar(request.user))  # as the queue: the user's own programmes'
    return _tasks_render(request, tasks.tasks_of(request.user))


@login_required
def task_section(request, section):
    """One section of the user's tasks, whole, a page at a time (404: a section that is not
    theirs)."""
    found = tasks.SECTION_KEYS.get(section)
    if found is None or found not in tasks.sections_of(request.user):
        raise Http404
    calendar_activate(user_calendar(request.user))
    rows = found.rows(request.user, timezone.localdate())
    listing = list_page(request, rows, sorts={"due": Sort(found.title, rows.query.order_by)})
    return render(request, "reporting/task_section.html", {"section": found, "listing": listing})


@login_required
def home(request):
    """Where a user lands: their tasks when more than one thing waits for them, else their
    city, their overview or their queue (`candidacy.views.home`)."""
    shown = tasks.tasks_of(request.user) if scope_of(request.user).has_role else []
    if sum(entry.count for entry in shown) > 1:
        calendar_activate(user_calendar(request.user))
        return _tasks_render(request, shown)
    return candidacy_home(request)


# --- open data (issue 12): public, no sign-in -------------------------------------------------


@require_safe
def open_data_page(request):
    """What the open data files hold, column by column, their licence and how fresh they are."""
    return public_page(
        request,
        lambda: render(
            request,
            "reporting/open_data.html",
            {
                "city_columns": open_data.city_columns(),
                "programme_fields": open_data.programme_fields(),
                "licence": settings.OPEN_DATA_LICENCE,
            },
        ),
    )


@require_safe
def open_data_cities_csv(request):
    """Every city's public information as CSV, streamed (one query, read in chunks)."""
    response = StreamingHttpResponse(
        open_data.cities_csv_lines(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="cities.csv"'
    return response


@require_safe
def open_data_cities_json(request):
    """Every city's public information as JSON, streamed (one query, read in chunks)."""
    return StreamingHttpResponse(
        open_data.cities_json_chunks(translation.get_language()),
        content_type="application/json; charset=utf-8",
    )


@require_safe
def open_data_programmes_json(request):
    """Every programme with its cities counted by status, kept as the public pages are."""
    return public_page(
        request,
        lambda: JsonResponse(
            open_data.programmes(translation.get_language()),
            json_dumps_params={"ensure_ascii": False},
        ),
    )
