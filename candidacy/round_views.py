"""The call rounds' pages: a programme's rounds with the form to open one, a round's edit
form, and its report (who applied, who awaits a decision, the outcomes, the late
submissions). Only the programme's coordinators (`permissions.can_view_rounds`); they open and
change rounds only while the programme is open (`permissions.can_manage_rounds`)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.calendars import programme_calendar_activate
from cities.models import Programme
from cities.names import names_contain
from cities.permissions import programme_closed_message
from core.listing import ListForm, Sort, list_page
from core.lookups import visible_programme
from core.pages import bound_data, form_page

from . import selectors, services
from .forms import CallRoundForm
from .models import CallRound
from .permissions import can_manage_rounds, can_view_rounds

#: The report's order of its list.
REPORT_SORTS = {
    "name": Sort(gettext_lazy("City"), ("shown_name", "pk")),
    "stage": Sort(
        gettext_lazy("Current stage"), ("current_stage__definition__position", "shown_name", "pk")
    ),
}

SECTION_LABELS = {
    "all": gettext_lazy("All in the round"),
    "applied": gettext_lazy("Applied in the round"),
    "not_applied": gettext_lazy("Not yet applied"),
    "pending": gettext_lazy("Awaiting a decision"),
    "recognised": gettext_lazy("Recognised"),
    "returned": gettext_lazy("Returned"),
    "withdrawn": gettext_lazy("Withdrawn"),
    "late": gettext_lazy("Late submissions"),
}


class RoundReportForm(ListForm):
    """The report's controls: the section shown (`?show=`), the search, order and page size."""

    show = forms.ChoiceField(label=gettext_lazy("Show"), required=False)
    field_order = ["show", "q", "sort", "per_page"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = [
            (key, SECTION_LABELS[key]) for key in selectors.REPORT_SECTIONS
        ]


def managed_programme(request, key: str, *, change: bool = True) -> Programme:
    """The programme, if the user may see it (404 otherwise) and read its rounds (403), and,
    with `change`, manage them now (403, saying why where the programme is not open)."""
    programme = visible_programme(request.user, key)
    if not can_view_rounds(request.user, programme.pk):
        raise PermissionDenied
    if change and not can_manage_rounds(request.user, programme):
        raise PermissionDenied(programme_closed_message(programme))
    programme_calendar_activate(programme)
    return programme


def _round_of(programme: Programme, pk: int) -> CallRound:
    return get_object_or_404(CallRound, pk=pk, programme=programme)


@login_required
def round_list(request, programme):
    """The programme's call rounds, each with its number of candidacies, and the form that
    opens a new one."""
    programme = managed_programme(request, programme, change=request.method == "POST")
    data, _files = bound_data(request)
    form = CallRoundForm(data)
    here = reverse("candidacy:rounds", args=[programme.key])
    call_rounds = list(
        CallRound.objects.filter(programme=programme).annotate(applied=Count("candidacies"))
    )
    return form_page(
        request,
        form=form,
        write=lambda _cleaned: services.round_open(
            programme=programme, by=request.user, **form.written()
        ),
        success_message=_("The call round was opened."),
        next_url=lambda _round: here,
        context={
            "programme": programme,
            "call_rounds": call_rounds,
            "back": here,
            "can_manage": can_manage_rounds(request.user, programme),
        },
        template="candidacy/rounds/list.html",
    )


@login_required
def round_edit(request, programme, pk):
    """Change a round's name, dates or notes (the version it was loaded with kept)."""
    programme = managed_programme(request, programme)
    call_round = _round_of(programme, pk)
    data, _files = bound_data(request)
    form = CallRoundForm(data, instance=call_round)
    report = reverse("candidacy:round", args=[programme.key, call_round.pk])
    return form_page(
        request,
        form=form,
        write=lambda _cleaned: services.round_update(
            call_round=call_round, by=request.user, version=form.loaded_version, **form.written()
        ),
        success_message=_("The call round was saved."),
        next_url=lambda _round: report,
        context={
            "programme": programme,
            "call_round": call_round,
            "back": report,
            "title": call_round.name,
        },
        template="candidacy/rounds/edit.html",
    )


@login_required
def round_report(request, programme, pk):
    """A round's report: how many of its candidacies are in each section (one query), and
    one section's candidacies, a page at a time (`?show=<section>`)."""
    programme = managed_programme(request, programme, change=False)
    call_round = _round_of(programme, pk)
    form = RoundReportForm(request.GET, sorts=REPORT_SORTS)
    section = form.value("show", "all")
    counts = selectors.round_counts(call_round)
    listing = list_page(
        request,
        selectors.round_candidacies(call_round, section),
        sorts=REPORT_SORTS,
        form=form,
        search=lambda text: names_contain("city__name", text),
    )
    sections = [(key, SECTION_LABELS[key], counts[key]) for key in selectors.REPORT_SECTIONS]
    return render(
        request,
        "candidacy/rounds/report.html",
        {
            "programme": programme,
            "call_round": call_round,
            "sections": sections,
            "section": section,
            "section_label": SECTION_LABELS[section],
            "listing": listing,
            "history": call_round.changes.select_related("by").order_by("-at", "-pk"),
            "can_manage": can_manage_rounds(request.user, programme),
        },
    )
