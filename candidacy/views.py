"""Pages that move a city through its stages. Thin: they find the object in the user's scope,
call a selector or a service, and render."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cities.calendars import calendar_activate, programme_calendar_activate
from cities.models import City
from cities.permissions import (
    can_manage_people,
    can_publish_city,
    cities_visible_to,
    coordinates,
    evaluates,
    programmes_visible_to,
    roles_of,
    scope_of,
    user_calendar,
)
from cities.roles import Role
from cities.selectors import joint_partners
from core.downloads import stored_file_response
from core.editions import (
    STAGES,
    TIMEOUT,
    TOKEN_MARK,
    edition,
    edition_cached,
    edition_cached_with_token,
    edition_key,
    kept_key,
)
from core.errors import add_service_errors, error_text
from core.listing import list_page
from core.lookups import visible_city, visible_programme
from core.pages import bound_data, form_page
from core.versions import StaleEdit

from . import comments, districts, dossier, permissions, selectors, services
from .forms import (
    ConflictDeclarationForm,
    DecisionForm,
    EvidenceForm,
    NarrativeForm,
    OverviewFilterForm,
    RecallForm,
    ReopenForm,
    StageCommentForm,
    WithdrawForm,
)
from .lookups import declare_first, visible_dossier_city, visible_stage
from .models import Candidacy, Evidence, FrameworkKind, Grants, StageProgress
from .records.evaluations.permissions import can_record_panel_verdict
from .records.evaluations.selectors import city_conditions
from .records.registry import document_uses, record_context, record_kind

logger = logging.getLogger(__name__)


@login_required
def home(request):
    """Where a user lands after signing in when at most one task waits for them (else their
    tasks: `/home/` is `reporting.views.home`): their city, their overview or their queue."""
    scope = scope_of(request.user)
    roles = roles_of(request.user)
    if roles == {Role.OFFICE} and len(scope.office_city_ids) == 1:
        city = City.objects.get(pk=next(iter(scope.office_city_ids)))
        return redirect("candidacy:city", city=city.slug)
    if Role.COORDINATOR in roles and len(scope.coordinated_programme_ids) == 1:
        programme = programmes_visible_to(request.user).get(
            pk=next(iter(scope.coordinated_programme_ids))
        )
        return redirect("candidacy:overview", programme=programme.key)
    if roles == {Role.EVALUATOR}:
        return redirect("candidacy:queue")
    return render(
        request,
        "candidacy/home.html",
        {
            "cities": cities_visible_to(request.user).select_related("programme"),
            "programmes": programmes_visible_to(request.user),
        },
    )


@login_required
def city_detail(request, city):
    """The city's candidacy and pipeline. The content is the same for everyone who may read
    the city: kept in the cache while nothing it shows has changed (core.editions); what
    depends on the reader (may they read the dossier, must they declare first, may they
    withdraw the candidacy?) is decided per request."""
    city = visible_city(request.user, city)

    def content() -> str:
        candidacy, stages = selectors.city_pipeline(city)
        current = candidacy and next(
            (stage for stage in stages if stage.pk == candidacy.current_stage_id), None
        )
        withdrawal, notices = selectors.city_notices(candidacy, stages) if candidacy else (None, {})
        for stage in stages:
            stage.notice = notices.get(stage.pk)
        context = {
            "city": city,
            "candidacy": candidacy,
            "stages": stages,
            "current": current,
            "withdrawal": withdrawal,
            "noticed_stages": [stage for stage in stages if stage.notice],
            "evaluation_conditions": city_conditions(stages),
            "joint": joint_partners(city),
            # read only for a city recognised once (a fixed one query more)
            "recognitions": (
                selectors.recognition_cycles(city)
                if candidacy and candidacy.recognised_since
                else []
            ),
        }
        return render_to_string("candidacy/_city_body.html", context, request)

    body = edition_cached(edition_key(request, "city", city.pk), content)
    can_withdraw = False
    if coordinates(request.user, city.programme_id):  # only they may withdraw: read it then
        candidacy = Candidacy.objects.filter(city=city).first()
        can_withdraw = bool(candidacy) and permissions.can_withdraw_candidacy(
            request.user, candidacy
        )
    must_declare = False
    if evaluates(request.user, city.programme_id):  # only they declare: read it then
        candidacy = Candidacy.objects.filter(city=city).first()
        if candidacy is not None:
            candidacy.city = city
            must_declare = permissions.must_declare_conflict(request.user, candidacy)
    return render(
        request,
        "candidacy/city_detail.html",
        {
            "city": city,
            "body": body,
            "can_read_dossier": permissions.can_read_dossier(request.user, city),
            "must_declare": must_declare,
            "can_withdraw": can_withdraw,
            "can_publish": can_publish_city(request.user, city),
        },
    )


@login_required
@require_safe
@declare_first
def city_dossier(request, city):
    """The city's candidacy as a PDF (`candidacy.dossier`), for whoever may read its dossier
    (`visible_dossier_city`: 404 outside the city, the declaration first or 403), in their
    language and the programme's calendar; a 503 page saying so where the server cannot make
    PDFs (WeasyPrint or Pango missing)."""
    city = visible_dossier_city(request.user, city)
    base_url = request.build_absolute_uri("/")
    try:
        pdf = dossier.pdf_of(dossier.dossier_html(city, base_url=base_url), base_url=base_url)
    except dossier.DossierUnavailable:
        logger.exception("The dossier of %s could not be made", city.slug)
        return render(request, "candidacy/dossier_unavailable.html", {"city": city}, status=503)
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition_header(True, f"dossier-{city.slug}.pdf")
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def candidacy_withdraw(request, city):
    """The coordinator withdraws the city's candidacy, with a reason and a confirmation
    (`services.candidacy_withdraw`). A candidacy already withdrawn is said so, on the city's
    page (GET) or beside what was typed (POST: a second submit, another coordinator's; the
    service's refusal)."""
    city = visible_city(request.user, city)
    candidacy = get_object_or_404(Candidacy, city=city)
    candidacy.city = city
    if candidacy.withdrawn_on:  # nothing to do; a POST is refused by the service, as it says
        if request.method == "GET":
            messages.info(request, _("This candidacy has already been withdrawn."))
            return redirect("candidacy:city", city=city.slug)
    elif not permissions.can_withdraw_candidacy(request.user, candidacy):
        raise PermissionDenied
    city_url = reverse("candidacy:city", kwargs={"city": city.slug})
    return form_page(
        request,
        form=WithdrawForm(*bound_data(request)),
        write=lambda data: services.candidacy_withdraw(
            candidacy=candidacy, by=request.user, reason=data["reason"]
        ),
        success_message=_("The candidacy was withdrawn."),
        next_url=lambda _candidacy: city_url,
        context={
            "city": city,
            "title": _("Withdraw the candidacy"),
            "back": city_url,
            "crumbs": [],
        },
        template="candidacy/withdraw.html",
    )


def _render_stage(request, progress, *, status=200, **forms):
    user = request.user
    can_edit = permissions.can_edit_stage(user, progress)
    can_sign = permissions.can_sign_stage(user, progress)
    can_reopen = permissions.can_reopen_stage(user, progress)
    can_recall = permissions.can_recall_stage(user, progress)
    history, evidence, thread = _stage_rows(request, progress)
    recognises = progress.definition.grants == Grants.RECOGNITION
    context = {
        "city": progress.candidacy.city,
        "progress": progress,
        "definition": progress.definition,
        "evidence": evidence,
        "signoffs": progress.signoffs.all(),
        "pending_roles": permissions.pending_signatory_roles(progress),
        "history": history,
        "can_edit": can_edit,
        "can_sign": can_sign,
        "can_reopen": can_reopen,
        "signing_role": permissions.signing_role(user, progress),
        "narrative_form": forms.get("narrative_form")
        or (
            NarrativeForm(initial={"narrative": progress.narrative}, versioned=progress)
            if can_edit
            else None
        ),
        "evidence_form": forms.get("evidence_form") or (EvidenceForm() if can_edit else None),
        "decision_form": forms.get("decision_form")
        or (
            DecisionForm(initial={"submission": progress.submission}, recognises=recognises)
            if can_sign
            else None
        ),
        "reopen_form": forms.get("reopen_form") or (ReopenForm() if can_reopen else None),
        "recall_form": forms.get("recall_form")
        or (RecallForm(initial={"submission": progress.submission}) if can_recall else None),
        "notice": selectors.stage_notice(progress, history),
        "can_record_panel_verdict": can_record_panel_verdict(user, progress),
        **_record_part(request, progress),
        **_comments_context(user, progress, forms.get("comment_form"), thread),
    }
    if can_edit:  # what the stage still lacks, listed once, before the submit button
        context["still_missing"] = services.submission_missing(
            progress, record_missing=context["record_missing"]
        )
    return render(request, "candidacy/stage_detail.html", context, status=status)


def _record_part(request, progress) -> dict:
    """What the stage page shows of the stage's record (`record_context`). A record kept in the
    cache (its kind names an edition: the plans' 300 actions) comes rendered, with what it
    still lacks, under the lists' edition (the stage's state, the districts), the kind's (its
    rows), the address (filters, order, page) and whether the reader may edit it."""
    kind = record_kind(progress)
    if kind is None or not kind.edition:
        return record_context(request.user, progress, request.GET)
    can_edit = permissions.can_edit_stage(request.user, progress)

    def content() -> tuple[str, list[str]]:
        context = record_context(request.user, progress, request.GET)
        context.update(
            city=progress.candidacy.city,
            progress=progress,
            definition=progress.definition,
            rows=context["record_rows"],
            with_actions=context["can_edit_record"],
            csrf_token=TOKEN_MARK,  # the reader's own, put in on the way out
        )
        body = render_to_string(kind.template, context, request)
        return body, context["record_missing"]

    key = edition_key(request, "record", progress.pk, int(can_edit), edition(kind.edition))
    body, missing = edition_cached_with_token(request, key, content)
    return {
        "record_kind": kind,
        "record": None,
        "record_rows": [],
        "record_body": mark_safe(body),  # noqa: S308 (rendered by our template, escaped there)
        "record_missing": missing,
        "can_edit_record": can_edit,
    }


def _stage_rows(request, progress) -> tuple[list, list, list]:
    """The stage's history (newest first), evidence and the thread as the user may read it
    (`comments.stage_comments`), kept in the cache under the lists' edition (the people's
    names) and the stages' (`core.editions.STAGES`, which a history row, a document or a
    comment saved or deleted raises), per stage and the visibilities the reader reads: a
    stage page reads none of these rows while nothing has changed. A page shown again after a
    post (a refused form) reads them afresh: the post may have written one."""
    user = request.user
    readable = permissions.readable_comment_visibilities(user, progress)

    def read() -> tuple[list, list, list]:
        return (
            list(selectors.stage_history(progress)),
            list(progress.evidence.select_related("uploaded_by")),
            list(comments.stage_comments(user, progress)),
        )

    key = kept_key("stage-rows", progress.pk, ",".join(readable), edition(STAGES))
    if key is None or request.method != "GET":
        return read()
    rows = cache.get(key)
    if rows is None:
        rows = read()
        cache.set(key, rows, TIMEOUT)
    return rows


def _comments_context(user, progress, form, thread) -> dict:
    """The stage's thread as the user may read it (`thread`), and the form to add to it."""
    visibilities = permissions.comment_visibilities(user, progress)
    if form is None and visibilities:
        form = StageCommentForm(visibilities=visibilities)
    return {
        "comments": thread,
        "comment_form": form,
        "comment_visibilities": visibilities,
    }


@login_required
@require_safe
def district_detail(request, city, number):
    """A district of the city: its plan actions (the whole city's apart) and the latest value
    of each atlas indicator there. Who may: whoever may read the city's stages
    (`visible_city`, the plans page's rule); 404 outside it or for a district it lacks."""
    city = visible_city(request.user, city)
    page = districts.district_page(city, number, request.GET)
    return render(request, "candidacy/district.html", {"city": city, "page": page})


@login_required
@declare_first
def stage_detail(request, city, stage):
    """The stage page. An evaluator who has not declared whether they have a conflict of
    interest with the city is sent to the declaration first (`declare_first`)."""
    return _render_stage(request, visible_stage(request.user, city, stage))


@login_required
@require_http_methods(["GET", "POST"])
def conflict_declare(request, city):
    """The evaluator declares, once, whether they have a conflict of interest with the city
    (`services.conflict_declare`); afterwards the page shows what they declared."""
    city = visible_city(request.user, city)
    candidacy = get_object_or_404(Candidacy, city=city)
    candidacy.city = city
    if not permissions.can_declare_conflict(request.user, candidacy):
        raise PermissionDenied
    declared = permissions.conflict_declaration_of(request.user, candidacy)
    city_url = reverse("candidacy:city", kwargs={"city": city.slug})
    context = {"city": city, "title": _("Conflict of interest"), "back": city_url, "crumbs": []}
    if declared is not None:
        if request.method == "POST":
            messages.error(request, _("You have already declared for this city."))
        return render(
            request,
            "candidacy/conflict_declared.html",
            {**context, "has_conflict": declared},
            status=400 if request.method == "POST" else 200,
        )
    next_url = request.GET.get("next", "")
    if not next_url.startswith(city_url):  # only back to a page of this city
        next_url = city_url
    return form_page(
        request,
        form=ConflictDeclarationForm(*bound_data(request)),
        write=lambda data: services.conflict_declare(
            candidacy=candidacy,
            by=request.user,
            has_conflict=data["has_conflict"],
            statement=data["statement"],
        ),
        success_message=_("Your declaration was recorded."),
        next_url=lambda declaration: city_url if declaration.has_conflict else next_url,
        context=context,
    )


def stage_form_post(request, progress, form, form_name: str, act, *, invalid_message: str = ""):
    """A form posted from the stage page: if it is invalid, the stage page again with the form
    (status 400, and `invalid_message` if given); else `act(cleaned_data)`, a service call
    returning the success message, and back to the stage. A refusal of the service is shown
    above the stage page, again with the form and status 400; a save from a page someone
    else's save overtook (`StaleEdit`) with the stored values beside the form, status 409; any
    other refusal (e.g. the storage's) beside the form's fields."""
    status = 400
    if form.is_valid():
        try:
            message = act(form.cleaned_data)
        except StaleEdit as error:
            form.add_error(None, error)
            form.show_stored(error.current)
            status = 409
        except services.WorkflowError as error:
            messages.error(request, _refusal_text(error))
        except ValidationError as error:  # e.g. a document the storage could not take
            add_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect(progress_url(progress))
    elif invalid_message:
        messages.error(request, invalid_message)
    return _render_stage(request, progress, status=status, **{form_name: form})


def _refusal_text(error: services.WorkflowError) -> str:
    """A refusal as one message. A submission refused for what the stage still lacks says so
    in one sentence: the page lists the missing things once, before the submit button."""
    if any(getattr(part, "code", None) == services.INCOMPLETE for part in error.error_list):
        return _(
            "The draft was saved, but the stage was not submitted: it still lacks what is "
            "listed before the submit button."
        )
    return error_text(error)


def _prepared_stage(request, city, stage) -> StageProgress:
    """The stage, if the user prepares it (403 if not; 404 outside their scope)."""
    progress = visible_stage(request.user, city, stage)
    if not permissions.can_prepare_stage(request.user, progress):
        raise PermissionDenied
    return progress


@login_required
@require_POST
def stage_save(request, city, stage):
    """Save the narrative as a draft, or save it and submit the stage for sign-off."""
    progress = _prepared_stage(request, city, stage)

    form = NarrativeForm(request.POST, versioned=progress)

    def save(data) -> str:
        saved = services.stage_save_draft(
            progress=progress,
            by=request.user,
            narrative=data["narrative"],
            version=data.get("version"),
        )
        if "submit" not in request.POST:
            return _("Draft saved.")
        # The draft is stored: should the submission be refused, the page shows the stage as
        # saved, and the form, at the saved version, saves over it without a clash.
        progress.refresh_from_db(fields=["narrative", "version"])
        if "version" in form.fields:
            form.data = form.data.copy()
            form.data["version"] = saved.version
        services.stage_submit(progress=saved, by=request.user)
        return _("The stage was submitted for sign-off.")

    return stage_form_post(request, progress, form, "narrative_form", save)


@login_required
@require_POST
def evidence_upload(request, city, stage):
    progress = _prepared_stage(request, city, stage)

    def attach(data) -> str:
        services.evidence_add(
            progress=progress, by=request.user, upload=data["file"], description=data["description"]
        )
        return _("The document was attached.")

    form = EvidenceForm(request.POST, request.FILES)
    return stage_form_post(request, progress, form, "evidence_form", attach)


def _visible_evidence(request, city, stage, pk) -> Evidence:
    progress = visible_stage(request.user, city, stage)
    return get_object_or_404(Evidence.objects.select_related("progress"), pk=pk, progress=progress)


@login_required
@declare_first
def evidence_download(request, city, stage, pk):
    evidence = _visible_evidence(request, city, stage, pk)
    return stored_file_response(evidence.file, evidence.original_name, evidence.content_type)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_delete(request, city, stage, pk):
    """GET: ask before removing a document, naming it and the record that needs it; POST:
    remove it (`services.evidence_remove`) and say what the record has lost."""
    evidence = _visible_evidence(request, city, stage, pk)
    progress = evidence.progress
    if request.method == "GET":
        try:
            services.require_editable(progress, request.user)  # 403 if not theirs to prepare
        except services.WorkflowError as error:
            messages.error(request, error_text(error))
            return redirect(progress_url(progress))
        context = {
            "city": progress.candidacy.city,
            "definition": progress.definition,
            "evidence": evidence,
            "uses": document_uses(evidence),
        }
        return render(request, "candidacy/evidence_confirm_delete.html", context)
    try:
        uses = services.evidence_remove(evidence=evidence, by=request.user)
    except ValidationError as error:  # a workflow refusal, or the storage's
        messages.error(request, error_text(error))
        return _render_stage(request, visible_stage(request.user, city, stage), status=400)
    messages.success(request, _("The document was removed."))
    for use in uses:
        messages.warning(
            request,
            _(
                "The %(record)s has no %(document)s now: choose or upload another before "
                "submitting the stage."
            )
            % {"record": use.record, "document": use.document},
        )
    return redirect(progress_url(progress))


@login_required
@require_POST
def stage_decide(request, city, stage):
    """Approve or return a submitted stage."""
    progress = visible_stage(request.user, city, stage)

    def decide(data) -> str:
        shown = data["submission"]
        if data["decision"] == DecisionForm.APPROVE:
            services.stage_approve(
                progress=progress,
                by=request.user,
                comment=data["comment"],
                submission=shown,
                starts_on=data.get("starts_on"),
            )
            return _("Your approval was recorded.")
        services.stage_return(
            progress=progress, by=request.user, comment=data["comment"], submission=shown
        )
        return _("The stage was returned with your comment.")

    form = DecisionForm(request.POST, recognises=progress.definition.grants == Grants.RECOGNITION)
    if form.is_valid() and form.cleaned_data["submission"] != progress.submission:
        # A refused decision shows the stage as it is now: a second decision is on this one.
        form.data = form.data.copy()
        form.data["submission"] = progress.submission
    return stage_form_post(
        request,
        progress,
        form,
        "decision_form",
        decide,
        invalid_message=_("The decision was not recorded: see the form below."),
    )


@login_required
@require_POST
def stage_reopen(request, city, stage):
    progress = visible_stage(request.user, city, stage)

    def reopen(data) -> str:
        services.stage_reopen(progress=progress, by=request.user, reason=data["reason"])
        return _("The stage was reopened.")

    return stage_form_post(request, progress, ReopenForm(request.POST), "reopen_form", reopen)


@login_required
@require_POST
def stage_recall(request, city, stage):
    """The preparer takes back a submission no signatory has approved yet."""
    progress = visible_stage(request.user, city, stage)
    if not permissions.can_prepare_stage(request.user, progress):
        raise PermissionDenied

    def recall(data) -> str:
        services.stage_recall(
            progress=progress,
            by=request.user,
            reason=data["reason"],
            submission=data["submission"],
        )
        return _("The submission was recalled: the stage is in preparation again.")

    form = RecallForm(request.POST)
    if form.is_valid() and form.cleaned_data["submission"] != progress.submission:
        # A refused recall shows the stage as it is now: a second try is on this submission.
        form.data = form.data.copy()
        form.data["submission"] = progress.submission
    return stage_form_post(
        request,
        progress,
        form,
        "recall_form",
        recall,
        invalid_message=_("The submission was not recalled: see the form below."),
    )


@login_required
@require_POST
def stage_comment(request, city, stage):
    """Add a comment to the stage's thread (403 for who may not write in it)."""
    progress = visible_stage(request.user, city, stage)
    visibilities = permissions.comment_visibilities(request.user, progress)
    if not visibilities:
        raise PermissionDenied

    def add(data) -> str:
        comments.stage_comment_add(
            progress=progress, by=request.user, body=data["body"], visibility=data["visibility"]
        )
        return _("Your comment was added.")

    form = StageCommentForm(request.POST, visibilities=visibilities)
    if form.is_valid() and len(visibilities) == 1:
        # The service refuses a visibility not offered; the form shown again offers the one.
        form.data = form.data.copy()
        form.data["visibility"] = visibilities[0]
    return stage_form_post(
        request,
        progress,
        form,
        "comment_form",
        add,
        invalid_message=_("The comment was not saved: see the form below."),
    )


def overview_of(request, programme_key):
    """The overview's programme (404 outside the user's scope; the one rule of who may see
    it), its stage definitions and its controls bound to the address."""
    programme = get_object_or_404(programmes_visible_to(request.user), key=programme_key)
    programme_calendar_activate(programme)
    definitions = list(programme.stage_definitions.order_by("position"))
    form = OverviewFilterForm(request.GET, definitions=definitions, sorts=selectors.OVERVIEW_SORTS)
    return programme, definitions, form


@login_required
def programme_overview(request, programme):
    """The programme's cities, a page at a time: searched, filtered by current stage, state,
    candidacy status and overdue, sorted (`selectors.OVERVIEW_SORTS`), with the count of
    cities at each stage (the other filters applied), each a link to that stage's list. The
    page's heading and list are the same for everyone who may see the programme and follow
    the same links: kept in the cache while nothing they show has changed (core.editions);
    the URL, so every filter, and which links the reader may follow are part of the key."""
    programme = visible_programme(request.user, programme)
    programme_calendar_activate(programme)
    links = {
        "can_manage_people": can_manage_people(request.user, programme),
        "can_view_rounds": permissions.can_view_rounds(request.user, programme.pk),
        "can_view_frameworks": permissions.can_view_frameworks(request.user, programme),
    }

    def content() -> str:
        definitions = list(programme.stage_definitions.order_by("position"))
        form = OverviewFilterForm(
            request.GET, definitions=definitions, sorts=selectors.OVERVIEW_SORTS
        )
        filters = form.filters()
        cities = selectors.programme_overview(programme, filters)
        listing = list_page(
            request, cities, sorts=selectors.OVERVIEW_SORTS, search=selectors.city_search, form=form
        )
        unstaged = selectors.programme_overview(programme, filters, stage_filter=False)
        if listing.query:
            unstaged = unstaged.filter(selectors.city_search(listing.query))
        context = {
            "programme": programme,
            "listing": listing,
            "form": form,
            "filters": filters,
            "stage_counts": _stage_links(request, definitions, unstaged),
            "query_string": _without(request, "page"),
            "every_stage_query": _without(request, "page", "stage"),
        }
        head = {"programme": programme, "framework_kinds": list(FrameworkKind), **links}
        return render_to_string("candidacy/_overview_head.html", head, request) + render_to_string(
            "candidacy/_overview_body.html", context, request
        )

    key = edition_key(request, "overview", programme.pk, *links.values())
    return render(
        request,
        "candidacy/overview.html",
        {"programme": programme, "body": edition_cached(key, content)},
    )


def _without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _stage_links(request, definitions, cities) -> list[dict]:
    """Each stage with the number of cities at it (one grouped query) and the address of the
    overview filtered by it, the other filters kept."""
    counts = selectors.stage_counts(cities)
    links = []
    for definition in definitions:
        query = request.GET.copy()
        query.pop("page", None)
        query["stage"] = definition.key
        links.append(
            {
                "definition": definition,
                "count": counts.get(definition.pk, 0),
                "query": query.urlencode(),
            }
        )
    return links


@login_required
def queue(request):
    """The stages the user may sign off now, a page at a time. The list is the user's own:
    kept in the cache, under their name, while nothing it shows has changed (core.editions; a
    sign-off or a role changes it too)."""
    calendar_activate(user_calendar(request.user))  # the queue: the user's own programmes'

    def content() -> str:
        listing = list_page(
            request,
            selectors.signoff_queue(request.user),
            sorts=selectors.QUEUE_SORTS,
            search=selectors.queue_search,
        )
        return render_to_string("candidacy/_queue_body.html", {"listing": listing}, request)

    body = edition_cached(edition_key(request, "queue", request.user.pk), content)
    return render(request, "candidacy/queue.html", {"body": body})


def progress_url(progress: StageProgress) -> str:
    return reverse(
        "candidacy:stage",
        kwargs={"city": progress.candidacy.city.slug, "stage": progress.definition.key},
    )
