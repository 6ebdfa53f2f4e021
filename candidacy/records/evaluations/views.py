"""The evaluation's own pages: the evaluation (date, criteria, recommendation, decision,
report), edited by the stage's preparer; and a condition of an approved evaluation, read by
everyone in the city's scope and tracked (met, waived) by the programme's coordinator. The
conditions are added and changed through the shared row pages of `candidacy.records.views`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from candidacy.lookups import visible_stage
from candidacy.models import ChildrenPanelVerdict, EvaluationCondition, StageKind
from core.pages import bound_data, form_page

from ..views import prepared_stage, progress_url, stage_form_context, stage_form_page
from . import selectors, services
from .forms import ConditionStatusForm, EvaluationForm, PanelVerdictForm
from .permissions import can_record_panel_verdict, can_see_judges, can_track_condition


@login_required
def evaluation_edit(request, city, stage):
    """The user's own judgements of the criteria (the other judges' beside each, by name
    for `can_see_judges`), and the record's fields."""
    progress = prepared_stage(request, city, stage, StageKind.EVALUATION)
    evaluation = selectors.evaluation_of(progress, names=can_see_judges(request.user, progress))
    own, others = {}, {}
    for row in evaluation.assessments:
        for judgement in row.judgements:
            if judgement.judged_by_id == request.user.pk:
                own[row.criterion.pk] = judgement
            else:
                others.setdefault(row.criterion.pk, []).append(judgement)
    return stage_form_page(
        request,
        progress,
        EvaluationForm,
        lambda form: services.evaluation_save(
            progress=progress,
            by=request.user,
            values=form.values,
            judgements=form.judgements,
            document_upload=form.cleaned_data.get("document_upload"),
            version=form.loaded_version,
        ),
        title=_("Evaluation"),
        success_message=_("The evaluation was saved."),
        template="candidacy/records/evaluations/evaluation_form.html",
        instance=evaluation.record,
        criteria=[row.criterion for row in evaluation.assessments],
        judgements=own,
        others=others,
        judgement_sets=(
            selectors.judgement_sets(progress) if progress.definition.min_evaluators > 1 else None
        ),
    )


@login_required
def panel_verdict_edit(request, city, stage):
    """The children's panel verdict, recorded by the coordinator or an evaluator."""
    progress = visible_stage(request.user, city, stage)
    if not can_record_panel_verdict(request.user, progress):
        raise PermissionDenied
    progress.children_panel_verdict_read = ChildrenPanelVerdict.objects.filter(
        progress=progress
    ).first()
    form = PanelVerdictForm(*bound_data(request), progress=progress)
    return form_page(
        request,
        form=form,
        write=lambda _data: services.panel_verdict_save(
            progress=progress, by=request.user, values=form.values
        ),
        success_message=_("The children's panel verdict was saved."),
        next_url=lambda _verdict: progress_url(progress),
        context=stage_form_context(progress, _("Children's panel verdict")),
    )


def condition_url(condition: EvaluationCondition) -> str:
    progress = condition.progress
    return reverse(
        "candidacy:evaluation-condition",
        args=[progress.candidacy.city.slug, progress.definition.key, condition.pk],
    )


@login_required
def condition_detail(request, city, stage, pk):
    """A condition and its history; the coordinator changes its status here (POST)."""
    progress = visible_stage(request.user, city, stage)
    condition = get_object_or_404(EvaluationCondition, pk=pk, progress=progress)
    condition.progress = progress
    can_track = can_track_condition(request.user, condition)
    form, status = None, 200
    if request.method == "POST":
        if not can_track:
            raise PermissionDenied
        form = ConditionStatusForm(request.POST)
        if form.is_valid():
            try:
                services.condition_set_status(
                    condition=condition,
                    by=request.user,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The condition's status was changed."))
                return redirect(condition_url(condition))
        status = 400
    elif can_track:
        form = ConditionStatusForm(initial={"status": condition.status})
    return render(
        request,
        "candidacy/records/evaluations/condition.html",
        {
            "city": progress.candidacy.city,
            "progress": progress,
            "definition": progress.definition,
            "condition": condition,
            "history": selectors.condition_history(condition),
            "form": form,
            "can_track": can_track,
        },
        status=status,
    )
