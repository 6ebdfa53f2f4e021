"""Pages that edit a stage's record: the one-to-one record, and the rows of a kind that keeps
a list. The record is read on the stage page itself (`selectors.record_context`). Only the
stage's preparer reaches these pages (403 for everyone else in scope, 404 outside it); while
the stage is not open or returned, they send the preparer back to the stage with the reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from candidacy import permissions
from candidacy.lookups import visible_stage
from candidacy.services import WorkflowError
from candidacy.views import progress_url
from core.errors import error_text

from . import registry, services


def _prepared_stage(request, city, stage):
    progress = visible_stage(request.user, city, stage)
    if not permissions.can_prepare_stage(request.user, progress):
        raise PermissionDenied
    return progress


def _refused(request, progress):
    reason = services.edit_refusal(progress=progress, by=request.user)
    if not reason:
        return None
    messages.error(request, reason)
    return redirect(progress_url(progress))


def _render(request, progress, form, *, heading, status=200):
    return render(
        request,
        "candidacy/records/form.html",
        {
            "city": progress.candidacy.city,
            "progress": progress,
            "definition": progress.definition,
            "form": form,
            "heading": heading,
        },
        status=status,
    )


def _save(request, progress, form, save, *, heading):
    """Run the service on a valid form; re-render with status 400 keeping the input if not."""
    if form.is_valid():
        try:
            save()
        except WorkflowError as error:
            messages.error(request, error_text(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The record was saved."))
            return redirect(progress_url(progress))
    return _render(request, progress, form, heading=heading, status=400)


@login_required
def record_edit(request, city, stage):
    progress = _prepared_stage(request, city, stage)
    spec = registry.record_kind(progress)
    if spec is None or spec.model is None:
        raise Http404(_("This stage keeps no such record."))
    refused = _refused(request, progress)
    if refused:
        return refused
    record = spec.model.objects.filter(progress=progress).first()
    heading = capfirst(spec.model._meta.verbose_name)
    if request.method != "POST":
        form = spec.form(instance=record, progress=progress)
        return _render(request, progress, form, heading=heading)
    form = spec.form(request.POST, request.FILES, instance=record, progress=progress)

    def save():
        services.record_save(
            progress=progress,
            by=request.user,
            values=form.values,
            document_upload=form.cleaned_data.get("document_upload"),
        )

    return _save(request, progress, form, save, heading=heading)


def _row_spec(progress):
    spec = registry.record_kind(progress)
    if spec is None or spec.row_model is None:
        raise Http404(_("This stage keeps no such list."))
    return spec


@login_required
def row_add(request, city, stage):
    progress = _prepared_stage(request, city, stage)
    spec = _row_spec(progress)
    refused = _refused(request, progress)
    if refused:
        return refused
    heading = spec.add_label
    if request.method != "POST":
        return _render(request, progress, spec.row_form(progress=progress), heading=heading)
    form = spec.row_form(request.POST, progress=progress)

    def save():
        services.row_add(progress=progress, by=request.user, values=form.values)

    return _save(request, progress, form, save, heading=heading)


@login_required
def row_edit(request, city, stage, pk):
    progress = _prepared_stage(request, city, stage)
    spec = _row_spec(progress)
    row = get_object_or_404(spec.row_model, pk=pk, progress=progress)
    refused = _refused(request, progress)
    if refused:
        return refused
    heading = capfirst(spec.row_model._meta.verbose_name)
    if request.method != "POST":
        form = spec.row_form(instance=row, progress=progress)
        return _render(request, progress, form, heading=heading)
    form = spec.row_form(request.POST, instance=row, progress=progress)

    def save():
        services.row_update(row=row, by=request.user, values=form.values)

    return _save(request, progress, form, save, heading=heading)


@login_required
@require_POST
def row_delete(request, city, stage, pk):
    progress = _prepared_stage(request, city, stage)
    spec = _row_spec(progress)
    row = get_object_or_404(spec.row_model, pk=pk, progress=progress)
    try:
        services.row_remove(row=row, by=request.user)
    except WorkflowError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("“%(row)s” was removed.") % {"row": row})
    return redirect(progress_url(progress))
