"""Public pages: deliberately public (no narrative, no evidence, no people), a page of cities at
a time, served from the public cache (`reporting.cache`) while nothing they show has changed.
And the programme's status as a spreadsheet and its charts, for those who may see its overview
(signed in)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from candidacy import selectors as candidacy_selectors
from candidacy.views import home as candidacy_home
from candidacy.views import overview_of
from cities.calendars import calendar_activate, programme_calendar_activate
from cities.languages import programme_language_apply
from cities.models import City, Programme
from cities.permissions import programmes_visible_to, scope_of, user_calendar
from core.editions import PLANS, edition, edition_key
from core.listing import Sort, list_page

from . import charts, exports, selectors, tasks
from .cache import public_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cities_page(request, cities, **context):
    listing = list_page(
        request, cities, sorts=selectors.PUBLIC_SORTS, search=selectors.public_search
    )
    return render(request, "reporting/public_cities.html", {"listing": listing, **context})


def public_cities(request):
    """Which cities are where."""
    return public_page(request, lambda: _cities_page(request, selectors.public_cities()))


def public_programme(request, programme):
    """One programme's cities, in the programme's language for a reader whose browser asks for
    none of ours."""
    programme = get_object_or_404(Programme.objects.select_related("country"), key=programme)
    programme_language_apply(request, programme)
    return public_page(
        request,
        lambda: _cities_page(
            request, selectors.public_cities(programme=programme), programme=programme
        ),
    )


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
    return render(
        request,
        "reporting/tasks.html",
        {
            "shown": [entry for entry in shown if entry.count],
            # where the user works, to reach it from here (the overview, the city page)
            "programmes": (
                Programme.objects.filter(pk__in=scope.programme_ids).order_by("pk")
                if scope.programme_ids
                else []
            ),
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
