"""The atlas's pages: the atlas itself (table and map, for everyone in the city's scope), and,
for the stage's preparer while it is open or returned, the grid, the CSV import and the
boundaries upload. The CSV template is a download for everyone who reads the atlas."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from candidacy import permissions
from candidacy.lookups import visible_stage
from candidacy.models import StageKind
from candidacy.services import WorkflowError
from candidacy.views import progress_url
from core.editions import ATLAS, edition, edition_cached, edition_key
from core.errors import error_text

from ..views import prepared_stage, refusal_redirect
from . import csv_import, selectors, services
from .forms import BoundariesForm, CsvImportForm, GridForm, cell_name


def _not_an_atlas(progress):
    """Any other stage keeps no atlas: its atlas addresses lead back to the stage."""
    if progress.definition.kind == StageKind.CHILDRENS_ATLAS:
        return None
    return redirect(progress_url(progress))


def _context(progress, **extra):
    return {
        "city": progress.candidacy.city,
        "progress": progress,
        "definition": progress.definition,
        **extra,
    }


def _refused(request, progress, error: WorkflowError):
    """Back to the stage, saying why the service refused (the stage moved on meanwhile)."""
    messages.error(request, error_text(error))
    return redirect(progress_url(progress))


@login_required
@require_GET
def atlas(request, city, stage):
    progress = visible_stage(request.user, city, stage)
    other = _not_an_atlas(progress)
    if other:
        return other
    # The content is the same for everyone who reads the stage but for whether they may edit
    # it: kept in the cache, under that and the address (the part shown), while neither the
    # lists (the city, the stage's title and state) nor the atlases (districts, indicators,
    # values, boundaries) have changed (core.editions).
    can_edit = permissions.can_edit_stage(request.user, progress)

    def content() -> tuple[str, bool, int | None]:
        part = selectors.atlas_part(progress, request.GET)
        context = _context(progress, **selectors.atlas_context(progress, part, can_edit))
        body = render_to_string("candidacy/records/atlas/_atlas_body.html", context, request)
        # The version of the indicators (read with them), kept beside the body: whether the
        # reader sees it is theirs (`framework_version_line`), not the cached body's.
        number = part.indicators[0].framework.number if part.indicators else None
        return body, context["map_data"] is not None, number

    key = edition_key(request, "atlas-body", progress.pk, int(can_edit), edition(ATLAS))
    body, has_map, framework_number = edition_cached(key, content)
    context = _context(progress, body=body, has_map=has_map, framework_number=framework_number)
    return render(request, "candidacy/records/atlas/atlas.html", context)


@login_required
@require_GET
def atlas_template(request, city, stage):
    progress = visible_stage(request.user, city, stage)
    other = _not_an_atlas(progress)
    if other:
        return other
    # Every district and indicator: the whole atlas, streamed as it is written.
    response = StreamingHttpResponse(
        csv_import.template_lines(selectors.template_rows(progress)),
        content_type="text/csv; charset=utf-8",
    )
    name = f"atlas-{progress.candidacy.city.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _editable_atlas(request, city, stage):
    """The stage if the user prepares it, it is an atlas and it may change now; else the
    response to send instead."""
    progress = prepared_stage(request, city, stage)
    return progress, _not_an_atlas(progress) or refusal_redirect(request, progress)


def _to_atlas(city: str, stage: str, part: selectors.AtlasPart):
    """To the atlas, showing the part of it the user was at."""
    query = part.query()
    url = reverse("candidacy:atlas", kwargs={"city": city, "stage": stage})
    return redirect(f"{url}?{query}" if query else url)


def _grid_year(request, years: list[int]) -> int:
    """The year the address asks for, else the latest with values, else last year."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[0] if years else timezone.localdate().year - 1
    return year


def _stored_cells(form, progress) -> list[tuple[str, object]]:
    """After a refused stale save of the grid: the cells whose stored value (for the year
    typed) differs from what was typed, as (cell's label, stored value or None)."""
    stored = selectors.year_values(progress, form.cleaned_data["year"], indicators=form.indicators)
    differing = []
    for cell, typed in form.cells().items():
        value = stored.get(cell)
        if (value.value if value else None) != typed:
            differing.append((form.fields[cell_name(*cell)].label, value.value if value else None))
    return differing


@login_required
def atlas_grid(request, city, stage):
    progress, other = _editable_atlas(request, city, stage)
    if other:
        return other
    # The part of the grid shown (a big atlas: one indicator, a page of districts) is the
    # part saved: the other cells are neither shown nor touched.
    part = selectors.atlas_part(progress, request.GET)
    districts, indicators = part.shown_districts, part.shown_indicators
    years = selectors.years_of(progress)
    status, stored = 200, []
    if request.method == "POST":
        form = GridForm(request.POST, districts=districts, indicators=indicators)
        status = 400
        valid = form.is_valid()
        year = form.cleaned_data.get("year")  # the links keep it, if it is one
        if valid:
            try:
                result = services.values_save_grid(
                    progress=progress,
                    by=request.user,
                    year=form.cleaned_data["year"],
                    source=form.cleaned_data["source"],
                    cells=form.cells(),
                    version=form.loaded_version(),
                )
            except WorkflowError as error:
                return _refused(request, progress, error)
            except services.AtlasChanged as error:
                form.add_error(None, error)
                form.add_error(
                    None,
                    _(
                        "What is stored now is listed above the grid where it differs from "
                        "what you typed; what you typed is still in the grid. Compare them, "
                        "then save again to keep your values."
                    ),
                )
                form.move_to(selectors.values_version(progress))
                stored = _stored_cells(form, progress)
                status = 409
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                messages.success(
                    request,
                    _(
                        "The atlas was saved: %(created)s values added, %(updated)s changed, "
                        "%(removed)s removed."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "removed": result.removed,
                    },
                )
                return _to_atlas(city, stage, part)
    else:
        year = _grid_year(request, years)
        existing = selectors.year_values(progress, year, indicators=indicators)
        initial = {"year": year, "version": selectors.values_version(progress)}
        for (district_id, indicator_id), value in existing.items():
            initial[f"v_{district_id}_{indicator_id}"] = value.value
        form = GridForm(initial=initial, districts=districts, indicators=indicators)
    context = _context(
        progress,
        form=form,
        years=years,
        part=part,
        indicators=indicators,
        stored=stored,
        shown_year=year,
    )
    return render(request, "candidacy/records/atlas/grid.html", context, status=status)


@login_required
def atlas_import(request, city, stage):
    progress, other = _editable_atlas(request, city, stage)
    if other:
        return other
    problems = []
    if request.method == "POST":
        form = CsvImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = services.values_import(
                    progress=progress,
                    by=request.user,
                    content=upload.read(),
                    version=form.loaded_version(),
                )
            except WorkflowError as error:
                return _refused(request, progress, error)
            except services.AtlasChanged as error:
                form.add_error(None, error)
                form.add_error(
                    None,
                    _(
                        "Your file would overwrite their values: look at the atlas (or "
                        "download the template again) to see what changed, then upload your "
                        "file again to import it over them."
                    ),
                )
                form.move_to(selectors.values_version(progress))
            except csv_import.ImportRefused as error:
                problems = error.problems
                form.add_error(
                    "file",
                    _(
                        "The file was refused and nothing was imported: correct the rows "
                        "listed below and upload it again."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("The file was imported: %(created)s values added, %(updated)s changed.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("candidacy:atlas", city=city, stage=stage)
        status = 409 if form.has_error(NON_FIELD_ERRORS, "stale") else 400
    else:
        form = CsvImportForm(initial={"version": selectors.values_version(progress)})
        status = 200
    context = _context(progress, form=form, problems=problems, header=csv_import.HEADER)
    return render(request, "candidacy/records/atlas/import.html", context, status=status)


@login_required
def atlas_boundaries(request, city, stage):
    progress, other = _editable_atlas(request, city, stage)
    if other:
        return other
    if request.method == "POST":
        form = BoundariesForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.boundaries_upload(
                    progress=progress,
                    by=request.user,
                    content=upload.read(),
                    name=upload.name,
                    version=form.loaded_version(),
                )
            except WorkflowError as error:
                return _refused(request, progress, error)
            except services.AtlasChanged as error:
                form.add_error(None, error)
                form.add_error(
                    None,
                    _(
                        "Look at the map to see their boundaries, then upload your file again "
                        "to replace them."
                    ),
                )
                form.move_to(selectors.boundaries_version(progress))
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("file", message)
            else:
                messages.success(request, _("The districts' boundaries were saved."))
                return redirect("candidacy:atlas", city=city, stage=stage)
        status = 409 if form.has_error(NON_FIELD_ERRORS, "stale") else 400
    else:
        form = BoundariesForm(initial={"version": selectors.boundaries_version(progress)})
        status = 200
    context = _context(progress, form=form, boundaries=selectors.boundaries_of(progress))
    return render(request, "candidacy/records/atlas/boundaries.html", context, status=status)
