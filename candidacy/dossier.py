"""A candidacy's dossier, printed: every stage in the programme's order with its state, dates,
narrative, record, evidence list, sign-offs and history, and the conditions of its
evaluations, rendered to PDF by WeasyPrint in the reader's language and calendar.

Comments are left out: the dossier may be read by the city's own office, which never reads a
stage's internal notes. WeasyPrint (and the Pango it needs) is imported only here, when a
dossier is made, so a server without Pango serves every other page; `pdf_of` raises
`DossierUnavailable` when it cannot be loaded. It fetches nothing: the stylesheet is read from
our static files on disk and inlined, and any other address in the page is refused.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from cities.models import City

from .models import Evidence, StageKind, StageProgress, StageState, Transition
from .records.evaluations.selectors import city_conditions
from .records.plans.selectors import plans_context
from .records.registry import record_kind
from .selectors import action_progress, city_pipeline

STYLESHEET = "css/dossier.css"

#: Record kinds whose stage-page view is made for the screen (a page of actions with its
#: filters; the atlas's buttons): the dossier shows a summary of its own instead.
SUMMARIES = {
    StageKind.PLANS: "candidacy/dossier/plans.html",
    StageKind.CHILDRENS_ATLAS: "candidacy/dossier/atlas.html",
}


class DossierUnavailable(Exception):
    """The PDF cannot be made on this server (WeasyPrint or the Pango it needs is missing)."""


def dossier_context(city: City) -> dict:
    """What the dossier shows of the city's candidacy: a fixed number of queries for the
    stages, their evidence, sign-offs, history and conditions however many rows each holds,
    and each started stage's record as its kind reads it for the stage page (a few queries per
    stage of the programme, never per row)."""
    candidacy, stages = city_pipeline(city)
    if candidacy is None:
        return {"city": city, "candidacy": None, "stages": [], "conditions": []}
    evidence = defaultdict(list)
    for document in Evidence.objects.filter(progress__candidacy=candidacy).select_related(
        "uploaded_by"
    ):
        evidence[document.progress_id].append(document)
    history = defaultdict(list)
    for entry in (
        Transition.objects.filter(progress__candidacy=candidacy)
        .select_related("actor")
        .order_by("created_at", "pk")
    ):
        history[entry.progress_id].append(entry)
    for stage in stages:
        stage.evidence_list = evidence[stage.pk]
        stage.history = history[stage.pk]
        stage.record_html = _record_html(city, stage)
    return {
        "city": city,
        "candidacy": candidacy,
        "stages": stages,
        "conditions": city_conditions(stages),
    }


def _record_html(city: City, stage: StageProgress) -> str:
    """The stage's record as the stage page shows it, read-only ("" for a stage not started
    or one without a record)."""
    kind = record_kind(stage)
    if kind is None or stage.state == StageState.LOCKED:
        return ""
    context = {
        "city": city,
        "definition": stage.definition,
        "progress": stage,
        "record": None,
        "record_rows": [],
        "can_edit_record": False,
        "with_actions": False,
    }
    template = SUMMARIES.get(stage.definition.kind, kind.template)
    if stage.definition.kind == StageKind.PLANS:
        context["rec"] = plans_context(stage)
        context["rec"]["progress_actions"] = list(action_progress(city.pk))
    elif kind.context is not None:
        context.update(kind.context(stage))
    context["rows"] = context["record_rows"]
    return mark_safe(render_to_string(template, context))  # noqa: S308 (our template's output)


def dossier_html(city: City, *, base_url: str) -> str:
    """The dossier as one printable HTML page, in the active language and calendar."""
    return render_to_string(
        "candidacy/dossier/dossier.html",
        {
            **dossier_context(city),
            "printed_on": timezone.localdate(),
            "stylesheet": mark_safe(_stylesheet()),  # noqa: S308 (our own file)
        },
    )


@cache
def _stylesheet() -> str:
    path = finders.find(STYLESHEET)
    with open(path, encoding="utf-8") as css:
        return css.read()


def load_weasyprint():
    """The WeasyPrint module (it loads Pango through cffi: OSError where Pango is missing)."""
    import weasyprint

    return weasyprint


def pdf_of(html: str, *, base_url: str) -> bytes:
    """The page as PDF (`DossierUnavailable` if WeasyPrint cannot load). Links keep
    `base_url` (the portal's address); nothing is fetched."""
    try:
        weasyprint = load_weasyprint()
    except (ImportError, OSError) as error:
        raise DossierUnavailable(str(error)) from error

    class NoFetching(weasyprint.urls.URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"The dossier fetches nothing ({url}).")

    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=NoFetching()).write_pdf()
