"""Pages that edit a stage's record: the one-to-one record, and the rows of a kind that keeps
a list. The record is read on the stage page itself (`registry.record_context`). Only the
stage's preparer reaches these pages (403 for everyone else in scope, 404 outside it); while
the stage is not open or returned, they send the preparer back to the stage with the reason.

`prepared_stage`, `refusal_redirect`, `stage_form_page`, `model_title`, `row_removed` and
`row_views` (a list's add, edit and delete pages, from its `RowPages`) serve every record page,
the kinds' own included."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from candidacy import permissions
from candidacy.lookups import visible_stage
from candidacy.models import StageProgress
from candidacy.services import WorkflowError
from candidacy.views import progress_url
from core.errors import error_text
from core.pages import bound_data, form_page

from . import registry, services

#: The form page of a stage's record: `core/form.html`, its title naming the stage too.
FORM_TEMPLATE = "candidacy/records/form.html"


def prepared_stage(request, city, stage, kind: str | None = None):
    """The stage, if the user prepares it (403 if not; 404 outside their scope, or if the
    stage is not of `kind`)."""
    progress = visible_stage(request.user, city, stage)
    if not permissions.can_prepare_stage(request.user, progress):
        raise PermissionDenied
    if kind is not None and progress.definition.kind != kind:
        raise Http404(_("This stage keeps no such record."))
    return progress


def refusal_redirect(request, progress):
    """Back to the stage with the reason, if the user may not edit its record now; else None."""
    reason = services.edit_refusal(progress=progress, by=request.user)
    if not reason:
        return None
    messages.error(request, reason)
    return redirect(progress_url(progress))


def stage_form_context(progress, title: str) -> dict:
    """The context of `core/form.html` for a form of the stage's record."""
    back = progress_url(progress)
    return {
        "city": progress.candidacy.city,
        "progress": progress,
        "definition": progress.definition,
        "title": title,
        "back": back,
        "crumbs": [(back, progress.definition.title)],
    }


def stage_form_page(
    request,
    progress,
    form_class,
    write,
    *,
    title: str,
    success_message: str = "",
    template: str = FORM_TEMPLATE,
    **form_kwargs,
):
    """A record's form page: back to the stage with the reason if its record cannot be edited
    now; else the form, and on a valid POST `write(form)` (the service) and back to the stage.
    A refusal of the service is shown in the form's error summary."""
    refused = refusal_redirect(request, progress)
    if refused:
        return refused
    form = form_class(*bound_data(request), progress=progress, **form_kwargs)
    return form_page(
        request,
        form=form,
        write=lambda _cleaned: write(form),
        success_message=success_message or _("The record was saved."),
        next_url=lambda _result: progress_url(progress),
        context=stage_form_context(progress, title),
        template=template,
    )


def model_title(model) -> str:
    """A model's name as a page title: "Data set"."""
    return capfirst(model._meta.verbose_name)


def row_removed(request, progress, remove, row):
    """Call `remove()` (a service) and go back to the stage, saying what happened."""
    try:
        remove()
    except WorkflowError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("“%(row)s” was removed.") % {"row": row})
    return redirect(progress_url(progress))


@login_required
def record_edit(request, city, stage):
    progress = prepared_stage(request, city, stage)
    kind = registry.record_kind(progress)
    if kind is None or kind.model is None:
        raise Http404(_("This stage keeps no such record."))
    return stage_form_page(
        request,
        progress,
        kind.form,
        lambda form: services.record_save(
            progress=progress,
            by=request.user,
            values=form.values,
            document_upload=form.cleaned_data.get("document_upload"),
            version=form.loaded_version,
        ),
        title=model_title(kind.model),
        instance=kind.model.objects.filter(progress=progress).first(),
    )


@dataclass(frozen=True)
class RowPages:
    """The add, edit and delete pages of a list a stage keeps: the list, and what its pages
    need beyond the generic row services."""

    rows: services.Rows
    form: type  # the row's form (its fields: the row model's `editable_fields`)
    add_title: str
    #: Before the add page: the add form's extra keyword arguments, or None once it has said
    #: (in a message) what to add first.
    add_ready: Callable[[HttpRequest, StageProgress], dict | None] | None = None
    #: The edit form's extra keyword arguments, from the row.
    edit_kwargs: Callable[[models.Model], dict] = lambda row: {}

    def row_of(self, progress: StageProgress, pk: int):
        """The row of this stage (404 if it is not)."""
        rows = self.rows
        parent = rows.stage_path.rpartition("__")[0]
        queryset = rows.model.objects.select_related(parent) if parent else rows.model
        return get_object_or_404(queryset, pk=pk, **{rows.stage_path: progress})

    def views(self):
        """Its add, edit and delete views, on stages of the list's kind."""
        return row_views(lambda progress: self, stage_kind=self.rows.stage_kind)


def row_views(pages_of: Callable[[StageProgress], RowPages], *, stage_kind: str | None = None):
    """The add, edit and delete views of the list `pages_of(progress)` describes, on stages of
    `stage_kind` (None: any stage whose record kind keeps a list)."""

    def stage_row(request, city, stage, pk):
        progress = prepared_stage(request, city, stage, stage_kind)
        pages = pages_of(progress)
        return progress, pages, pages.row_of(progress, pk)

    @login_required
    def add(request, city, stage):
        progress = prepared_stage(request, city, stage, stage_kind)
        pages = pages_of(progress)
        form_kwargs = {}
        if pages.add_ready:
            refused = refusal_redirect(request, progress)
            if refused:
                return refused
            form_kwargs = pages.add_ready(request, progress)
            if form_kwargs is None:
                return redirect(progress_url(progress))
        return stage_form_page(
            request,
            progress,
            pages.form,
            lambda form: services.row_add(
                progress=progress, by=request.user, values=form.values, rows=pages.rows
            ),
            title=pages.add_title,
            **form_kwargs,
        )

    @login_required
    def edit(request, city, stage, pk):
        progress, pages, row = stage_row(request, city, stage, pk)
        return stage_form_page(
            request,
            progress,
            pages.form,
            lambda form: services.row_update(
                row=row,
                by=request.user,
                values=form.values,
                rows=pages.rows,
                version=form.loaded_version,
            ),
            title=model_title(pages.rows.model),
            instance=row,
            **pages.edit_kwargs(row),
        )

    @login_required
    @require_POST
    def delete(request, city, stage, pk):
        progress, pages, row = stage_row(request, city, stage, pk)
        return row_removed(
            request,
            progress,
            lambda: services.row_remove(row=row, by=request.user, rows=pages.rows),
            row,
        )

    return add, edit, delete


def _kind_row_pages(progress) -> RowPages:
    """The list of the stage's record kind (404 if it keeps none)."""
    kind = registry.record_kind(progress)
    if kind is None or kind.row_model is None:
        raise Http404(_("This stage keeps no such list."))
    return RowPages(services.Rows(kind.row_model), kind.row_form, add_title=kind.add_label)


row_add, row_edit, row_delete = row_views(_kind_row_pages)
