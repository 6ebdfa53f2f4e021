"""The curation pages: a programme's initiatives marked as good practice and the decision form
(the programme's coordinators, `library.permissions`). The public library is `reporting`'s
(`reporting/library.py`), with the public pages' cache."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from candidacy.models import Initiative
from cities.calendars import programme_calendar_activate
from cities.models import Programme
from core.pages import bound_data, form_page

from . import selectors, services
from .forms import CurationForm
from .models import GoodPractice
from .permissions import can_curate_good_practice, can_curate_programme_good_practice


def _curated_programme(request, key: str) -> Programme:
    programme = get_object_or_404(Programme, key=key)
    if not can_curate_programme_good_practice(request.user, programme.pk):
        raise PermissionDenied
    programme_calendar_activate(programme)
    return programme


@login_required
def curation(request, programme):
    """The programme's initiatives marked as good practice: those awaiting a decision, and
    those published or withdrawn."""
    programme = _curated_programme(request, programme)
    sections = [
        (
            _("To review"),
            list(selectors.good_practice_to_review(request.user, programme)),
            _("No initiative awaits a decision."),
        ),
        (
            _("Published or withdrawn"),
            list(selectors.good_practice_decided(request.user, programme)),
            _("Nothing published or withdrawn yet."),
        ),
    ]
    return render(request, "library/curation.html", {"programme": programme, "sections": sections})


@login_required
def curate(request, programme, initiative):
    """Publish or withdraw one marked initiative of the programme."""
    programme = _curated_programme(request, programme)
    initiative = get_object_or_404(
        Initiative.objects.select_related("progress__candidacy__city__programme"),
        pk=initiative,
        progress__candidacy__city__programme=programme,
    )
    if not can_curate_good_practice(request.user, initiative):
        raise PermissionDenied
    entry = GoodPractice.objects.filter(initiative=initiative).first()
    data, _files = bound_data(request)
    form = CurationForm(data, entry=entry)
    back = reverse("library:curation", args=[programme.key])
    return form_page(
        request,
        form=form,
        write=lambda cleaned: services.good_practice_curate(
            initiative=initiative,
            by=request.user,
            status=cleaned["status"],
            summary=cleaned["summary"],
            themes=cleaned["themes"],
        ),
        success_message=_("The library entry was saved."),
        next_url=lambda _entry: back,
        context={
            "city": initiative.progress.candidacy.city,
            "title": initiative.title,
            "back": back,
            "crumbs": [(back, _("Good practice"))],
            "initiative": initiative,
        },
        template="library/curate.html",
    )
