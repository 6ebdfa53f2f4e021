"""Pages for a city's stakeholders: councils and members, organisations, children's
participation and the "You said, we did" page, memoranda and commitments, comments, history.
Thin: they find the object in the user's scope (404 outside it), check the predicate (403 for a
reader who may not write), call a selector or a service, and render or redirect."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cities.models import City
from cities.permissions import cities_visible_to

from . import permissions, selectors, services
from .forms import (
    CommentForm,
    CommitmentForm,
    CommitmentStatusForm,
    CouncilForm,
    CouncilMemberForm,
    MakeUpForm,
    MemberReplaceForm,
    MemorandumForm,
    OrganisationForm,
    ProposalAnswerForm,
    ProposalForm,
    SessionForm,
)
from .models import (
    ChildrenCouncilMakeUp,
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilMember,
    Memorandum,
    Organisation,
)

HISTORY_PAGE_SIZE = 50

# --- finding things in the user's scope ---------------------------------------------------------


def _visible_city(user, slug) -> City:
    return get_object_or_404(cities_visible_to(user).select_related("programme"), slug=slug)


def _visible_council(user, slug, pk) -> Council:
    city = _visible_city(user, slug)
    return get_object_or_404(selectors.council_in_city(city, pk))


def _visible_children_council(user, slug, pk) -> Council:
    city = _visible_city(user, slug)
    return get_object_or_404(selectors.children_council_in_city(city, pk))


def _visible_member(user, slug, pk, member_pk) -> CouncilMember:
    council = _visible_council(user, slug, pk)
    member = get_object_or_404(
        CouncilMember.objects.select_related("organisation"), council=council, pk=member_pk
    )
    member.council = council
    return member


def _visible_organisation(user, slug, pk) -> Organisation:
    city = _visible_city(user, slug)
    organisation = get_object_or_404(Organisation, city=city, pk=pk)
    organisation.city = city
    return organisation


def _visible_session(user, slug, pk, session_pk) -> ChildrenCouncilSession:
    council = _visible_council(user, slug, pk)
    session = get_object_or_404(ChildrenCouncilSession, council=council, pk=session_pk)
    session.council = council
    return session


def _visible_proposal(user, slug, pk, proposal_pk) -> ChildrenProposal:
    council = _visible_council(user, slug, pk)
    proposal = get_object_or_404(selectors.proposal_in_council(council, proposal_pk))
    proposal.council = council
    return proposal


def _visible_memorandum(user, slug, pk) -> Memorandum:
    city = _visible_city(user, slug)
    memorandum = get_object_or_404(selectors.memorandum_in_city(city, pk))
    memorandum.city = city
    return memorandum


def _visible_commitment(user, slug, pk, commitment_pk) -> Commitment:
    memorandum = _visible_memorandum(user, slug, pk)
    commitment = get_object_or_404(Commitment, memorandum=memorandum, pk=commitment_pk)
    commitment.memorandum = memorandum
    return commitment


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _require_children(council: Council) -> None:
    """Participation is recorded only for councils in which children take part."""
    if not council.council_type.involves_children:
        raise Http404(_("Children do not take part in this council."))


# --- URLs ---------------------------------------------------------------------------------------


def _city_url(city: City) -> str:
    return reverse("stakeholders:city", kwargs={"city": city.slug})


def _council_url(council: Council) -> str:
    return reverse("stakeholders:council", kwargs={"city": council.city.slug, "pk": council.pk})


def _participation_url(council: Council) -> str:
    return reverse(
        "stakeholders:participation", kwargs={"city": council.city.slug, "pk": council.pk}
    )


def _proposal_url(proposal: ChildrenProposal) -> str:
    council = proposal.council
    return reverse(
        "stakeholders:proposal",
        kwargs={"city": council.city.slug, "pk": council.pk, "proposal": proposal.pk},
    )


def _memoranda_url(city: City) -> str:
    return reverse("stakeholders:memoranda", kwargs={"city": city.slug})


def _memorandum_url(memorandum: Memorandum) -> str:
    return reverse(
        "stakeholders:memorandum", kwargs={"city": memorandum.city.slug, "pk": memorandum.pk}
    )


def _crumbs(city, *, council=None, participation=False, memorandum=None, memoranda=False):
    """The breadcrumb trail above a form: (url, label) pairs after the city's own page."""
    crumbs = []
    if council is not None or not (memorandum or memoranda):
        crumbs.append((_city_url(city), _("Councils and stakeholders")))
    if council is not None and council.pk:
        crumbs.append((_council_url(council), council.name))
        if participation:
            crumbs.append((_participation_url(council), _("Children's participation")))
    if memoranda or memorandum is not None:
        crumbs.append((_memoranda_url(city), _("Memoranda and commitments")))
    if memorandum is not None and memorandum.pk:
        crumbs.append((_memorandum_url(memorandum), memorandum.title))
    return crumbs


# --- forms --------------------------------------------------------------------------------------


def _bound(request):
    """The form's data and files on a POST (even an empty one), None on a GET."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _add_service_errors(form, error: ValidationError) -> None:
    """Put a service's validation errors beside the form's fields (or at its top)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        form.add_error(target, errors)


def _form_page(
    request,
    *,
    form,
    city,
    title,
    action,
    back,
    crumbs,
    write,
    success_message,
    next_url,
):
    """Show the form (GET), or validate it, call the service and redirect; a refused submit is
    shown again with what was typed, the errors beside the fields and a summary (status 400)."""

    def render_form(status=200):
        return render(
            request,
            "stakeholders/form.html",
            {
                "form": form,
                "city": city,
                "title": title,
                "action": action,
                "back": back,
                "crumbs": crumbs,
            },
            status=status,
        )

    if request.method == "GET":
        return render_form()
    if form.is_valid():
        try:
            result = write(form.cleaned_data)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, success_message)
            return redirect(next_url(result))
    return render_form(status=400)


def _download(stored, name: str, content_type: str):
    """A stored document as an attachment, named as it was uploaded."""
    if not stored:
        raise Http404(_("No document was attached."))
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404(_("The document's file is missing.")) from error
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)


# --- councils and organisations: reading ------------------------------------------------------


@login_required
@require_safe
def city_stakeholders(request, city):
    city = _visible_city(request.user, city)
    return render(
        request,
        "stakeholders/city.html",
        {
            "city": city,
            "councils": selectors.city_councils(city),
            "organisations": selectors.city_organisations(city),
            "can_manage": permissions.can_manage_stakeholders(request.user, city),
            "can_view_history": permissions.can_view_stakeholder_history(request.user, city),
        },
    )


def _render_council(request, council, *, comment_form=None, status=200):
    user = request.user
    roster = selectors.council_roster(council)
    can_comment = permissions.can_comment_on_stakeholders(user, council.city)
    return render(
        request,
        "stakeholders/council.html",
        {
            "city": council.city,
            "council": council,
            "members": roster.current,
            "former_members": roster.former,
            "show_former": request.GET.get("former") == "1",
            "comments": selectors.comments_on(council=council),
            "comment_form": comment_form or (CommentForm() if can_comment else None),
            "comment_action": reverse(
                "stakeholders:council-comment",
                kwargs={"city": council.city.slug, "pk": council.pk},
            ),
            "can_manage": permissions.can_manage_council(user, council),
        },
        status=status,
    )


@login_required
@require_safe
def council_detail(request, city, pk):
    """The council's current members; with `?former=1`, also the former ones with their dates."""
    council = _visible_council(request.user, city, pk)
    return _render_council(request, council)


@login_required
@require_POST
def council_comment(request, city, pk):
    council = _visible_council(request.user, city, pk)
    _require(permissions.can_comment_on_stakeholders(request.user, council.city))
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(by=request.user, council=council, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment was added."))
        return redirect(_council_url(council) + "#comments")
    return _render_council(request, council, comment_form=form, status=400)


# --- councils -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def council_add(request, city):
    city = _visible_city(request.user, city)
    _require(permissions.can_manage_stakeholders(request.user, city))
    data, _files = _bound(request)
    return _form_page(
        request,
        form=CouncilForm(data, instance=Council(city=city)),
        city=city,
        title=_("Add a council"),
        action=reverse("stakeholders:council-add", kwargs={"city": city.slug}),
        back=_city_url(city),
        crumbs=_crumbs(city),
        write=lambda data: services.council_create(city=city, by=request.user, **data),
        success_message=_("The council was added."),
        next_url=_council_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request, city, pk):
    council = _visible_council(request.user, city, pk)
    _require(permissions.can_manage_council(request.user, council))
    data, _files = _bound(request)
    # The form works on a copy, so a refused edit leaves the page's own council as it was.
    return _form_page(
        request,
        form=CouncilForm(data, instance=copy.copy(council)),
        city=council.city,
        title=_("Edit the council"),
        action=reverse(
            "stakeholders:council-edit", kwargs={"city": council.city.slug, "pk": council.pk}
        ),
        back=_council_url(council),
        crumbs=_crumbs(council.city, council=council),
        write=lambda data: services.council_update(council=council, by=request.user, **data),
        success_message=_("The council was saved."),
        next_url=_council_url,
    )


# --- members ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, city, pk):
    council = _visible_council(request.user, city, pk)
    _require(permissions.can_manage_council(request.user, council))
    data, _files = _bound(request)
    back = _council_url(council)
    return _form_page(
        request,
        form=CouncilMemberForm(data, instance=CouncilMember(council=council)),
        city=council.city,
        title=_("Add a member"),
        action=reverse(
            "stakeholders:member-add", kwargs={"city": council.city.slug, "pk": council.pk}
        ),
        back=back,
        crumbs=_crumbs(council.city, council=council),
        write=lambda data: services.council_member_add(council=council, by=request.user, **data),
        success_message=_("The member was added."),
        next_url=lambda member: back,
    )


def _member_url(name, member):
    council = member.council
    return reverse(
        f"stakeholders:{name}",
        kwargs={"city": council.city.slug, "pk": council.pk, "member": member.pk},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, city, pk, member):
    member = _visible_member(request.user, city, pk, member)
    council = member.council
    _require(permissions.can_manage_council_member(request.user, member))
    data, _files = _bound(request)
    back = _council_url(council)
    return _form_page(
        request,
        form=CouncilMemberForm(data, instance=copy.copy(member)),
        city=council.city,
        title=_("Edit a member"),
        action=_member_url("member-edit", member),
        back=back,
        crumbs=_crumbs(council.city, council=council),
        write=lambda data: services.council_member_update(member=member, by=request.user, **data),
        success_message=_("The member was saved."),
        next_url=lambda updated: back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_replace(request, city, pk, member):
    """Someone else now represents the organisation; the previous representative is kept in
    the council's history."""
    member = _visible_member(request.user, city, pk, member)
    council = member.council
    _require(permissions.can_manage_council_member(request.user, member))
    data, _files = _bound(request)
    back = _council_url(council)
    return _form_page(
        request,
        form=MemberReplaceForm(data, member=member),
        city=council.city,
        title=_("Replace the representative of %(organisation)s")
        % {"organisation": member.organisation.name},
        action=_member_url("member-replace", member),
        back=back,
        crumbs=_crumbs(council.city, council=council),
        write=lambda data: services.council_member_replace(member=member, by=request.user, **data),
        success_message=_(
            "The representative was replaced; the previous one is kept among the former members."
        ),
        next_url=lambda successor: back,
    )


@login_required
@require_POST
def member_remove(request, city, pk, member):
    member = _visible_member(request.user, city, pk, member)
    _require(permissions.can_manage_council_member(request.user, member))
    services.council_member_remove(member=member, by=request.user)
    messages.success(
        request,
        _("%(organisation)s left the council; it is kept among the former members.")
        % {"organisation": member.organisation.name},
    )
    return redirect(_council_url(member.council))


# --- organisations ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def organisation_add(request, city):
    city = _visible_city(request.user, city)
    _require(permissions.can_manage_stakeholders(request.user, city))
    data, _files = _bound(request)
    return _form_page(
        request,
        form=OrganisationForm(data, instance=Organisation(city=city)),
        city=city,
        title=_("Add an organisation"),
        action=reverse("stakeholders:organisation-add", kwargs={"city": city.slug}),
        back=_city_url(city),
        crumbs=_crumbs(city),
        write=lambda data: services.organisation_create(city=city, by=request.user, **data),
        success_message=_("The organisation was added."),
        next_url=lambda organisation: _city_url(city),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, city, pk):
    organisation = _visible_organisation(request.user, city, pk)
    city = organisation.city
    _require(permissions.can_manage_organisation(request.user, organisation))
    data, _files = _bound(request)
    return _form_page(
        request,
        form=OrganisationForm(data, instance=copy.copy(organisation)),
        city=city,
        title=_("Edit an organisation"),
        action=reverse(
            "stakeholders:organisation-edit", kwargs={"city": city.slug, "pk": organisation.pk}
        ),
        back=_city_url(city),
        crumbs=_crumbs(city),
        write=lambda data: services.organisation_update(
            organisation=organisation, by=request.user, **data
        ),
        success_message=_("The organisation was saved."),
        next_url=lambda updated: _city_url(city),
    )


# --- children's participation -----------------------------------------------------------------


@login_required
@require_safe
def participation(request, city, pk):
    """A children's council's make-up, sessions and proposals. Other councils have none: their
    page is the council's own."""
    council = _visible_children_council(request.user, city, pk)
    if not council.council_type.involves_children:
        return redirect(_council_url(council))
    return render(
        request,
        "stakeholders/participation.html",
        {
            "city": council.city,
            "council": council,
            "makeup": getattr(council, "makeup", None),
            "sessions": selectors.council_sessions(council),
            "proposals": selectors.council_proposals(council),
            "can_manage": permissions.can_manage_council(request.user, council),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def makeup_edit(request, city, pk):
    council = _visible_children_council(request.user, city, pk)
    _require(permissions.can_manage_council(request.user, council))
    _require_children(council)
    makeup = getattr(council, "makeup", None)
    makeup = copy.copy(makeup) if makeup else ChildrenCouncilMakeUp(council=council)
    data, _files = _bound(request)
    back = _participation_url(council)
    return _form_page(
        request,
        form=MakeUpForm(data, instance=makeup),
        city=council.city,
        title=_("Make-up of the children's council"),
        action=reverse("stakeholders:makeup", kwargs={"city": council.city.slug, "pk": council.pk}),
        back=back,
        crumbs=_crumbs(council.city, council=council, participation=True),
        write=lambda data: services.makeup_save(council=council, by=request.user, **data),
        success_message=_("The make-up was saved."),
        next_url=lambda saved: back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request, city, pk):
    council = _visible_council(request.user, city, pk)
    _require(permissions.can_manage_council(request.user, council))
    _require_children(council)
    data, files = _bound(request)
    back = _participation_url(council)
    return _form_page(
        request,
        form=SessionForm(data, files, instance=ChildrenCouncilSession(council=council)),
        city=council.city,
        title=_("Record a session"),
        action=reverse(
            "stakeholders:session-add", kwargs={"city": council.city.slug, "pk": council.pk}
        ),
        back=back,
        crumbs=_crumbs(council.city, council=council, participation=True),
        write=lambda data: services.session_add(council=council, by=request.user, **data),
        success_message=_("The session was recorded."),
        next_url=lambda session: back,
    )


def _session_url(name, session):
    council = session.council
    return reverse(
        f"stakeholders:{name}",
        kwargs={"city": council.city.slug, "pk": council.pk, "session": session.pk},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, city, pk, session):
    session = _visible_session(request.user, city, pk, session)
    council = session.council
    _require(permissions.can_manage_council(request.user, council))
    data, files = _bound(request)
    back = _participation_url(council)
    return _form_page(
        request,
        form=SessionForm(data, files, instance=copy.copy(session)),
        city=council.city,
        title=_("Edit a session"),
        action=_session_url("session-edit", session),
        back=back,
        crumbs=_crumbs(council.city, council=council, participation=True),
        write=lambda data: services.session_update(session=session, by=request.user, **data),
        success_message=_("The session was saved."),
        next_url=lambda saved: back,
    )


@login_required
@require_safe
def session_minutes(request, city, pk, session):
    session = _visible_session(request.user, city, pk, session)
    return _download(session.minutes, session.minutes_name, session.minutes_content_type)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_add(request, city, pk):
    council = _visible_council(request.user, city, pk)
    _require(permissions.can_manage_council(request.user, council))
    _require_children(council)
    data, _files = _bound(request)
    return _form_page(
        request,
        form=ProposalForm(data, instance=ChildrenProposal(council=council)),
        city=council.city,
        title=_("Record a proposal from the children"),
        action=reverse(
            "stakeholders:proposal-add", kwargs={"city": council.city.slug, "pk": council.pk}
        ),
        back=_participation_url(council),
        crumbs=_crumbs(council.city, council=council, participation=True),
        write=lambda data: services.proposal_add(council=council, by=request.user, **data),
        success_message=_("The proposal was recorded."),
        next_url=_proposal_url,
    )


def _render_proposal(request, proposal, *, comment_form=None, status=200):
    user = request.user
    council = proposal.council
    can_comment = permissions.can_comment_on_stakeholders(user, council.city)
    return render(
        request,
        "stakeholders/proposal.html",
        {
            "city": council.city,
            "council": council,
            "proposal": proposal,
            "comments": selectors.comments_on(proposal=proposal),
            "comment_form": comment_form or (CommentForm() if can_comment else None),
            "comment_action": reverse(
                "stakeholders:proposal-comment",
                kwargs={"city": council.city.slug, "pk": council.pk, "proposal": proposal.pk},
            ),
            "can_manage": permissions.can_manage_council(user, council),
        },
        status=status,
    )


@login_required
@require_safe
def proposal_detail(request, city, pk, proposal):
    return _render_proposal(request, _visible_proposal(request.user, city, pk, proposal))


@login_required
@require_POST
def proposal_comment(request, city, pk, proposal):
    proposal = _visible_proposal(request.user, city, pk, proposal)
    _require(permissions.can_comment_on_stakeholders(request.user, proposal.council.city))
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(by=request.user, proposal=proposal, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment was added."))
        return redirect(_proposal_url(proposal) + "#comments")
    return _render_proposal(request, proposal, comment_form=form, status=400)


def _proposal_action(name, proposal):
    council = proposal.council
    return reverse(
        f"stakeholders:{name}",
        kwargs={"city": council.city.slug, "pk": council.pk, "proposal": proposal.pk},
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request, city, pk, proposal):
    proposal = _visible_proposal(request.user, city, pk, proposal)
    council = proposal.council
    _require(permissions.can_manage_council(request.user, council))
    data, _files = _bound(request)
    return _form_page(
        request,
        form=ProposalForm(data, instance=copy.copy(proposal)),
        city=council.city,
        title=_("Edit a proposal"),
        action=_proposal_action("proposal-edit", proposal),
        back=_proposal_url(proposal),
        crumbs=_crumbs(council.city, council=council, participation=True),
        write=lambda data: services.proposal_update(proposal=proposal, by=request.user, **data),
        success_message=_("The proposal was saved."),
        next_url=_proposal_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_answer(request, city, pk, proposal):
    proposal = _visible_proposal(request.user, city, pk, proposal)
    council = proposal.council
    _require(permissions.can_manage_council(request.user, council))
    data, _files = _bound(request)
    return _form_page(
        request,
        form=ProposalAnswerForm(data, instance=copy.copy(proposal)),
        city=council.city,
        title=_("Answer: %(proposal)s") % {"proposal": proposal.title},
        action=_proposal_action("proposal-answer", proposal),
        back=_proposal_url(proposal),
        crumbs=_crumbs(council.city, council=council, participation=True),
        write=lambda data: services.proposal_answer(proposal=proposal, by=request.user, **data),
        success_message=_("The answer was saved."),
        next_url=_proposal_url,
    )


@login_required
@require_safe
def you_said_we_did(request, city):
    """The children's proposals and the city's answers, for everyone in the city's scope, and
    printable for the children's council."""
    city = _visible_city(request.user, city)
    return render(
        request,
        "stakeholders/you_said_we_did.html",
        {"city": city, "page": selectors.you_said_we_did(city)},
    )


# --- memoranda and commitments ------------------------------------------------------------------


@login_required
@require_safe
def memoranda(request, city):
    """The city's memoranda and every commitment in them, with open and overdue ones per party."""
    city = _visible_city(request.user, city)
    rows = selectors.city_memoranda(city)
    everything = [c for memorandum in rows for c in memorandum.commitments.all()]
    return render(
        request,
        "stakeholders/memoranda.html",
        {
            "city": city,
            "memoranda": rows,
            "summary": selectors.summarise_commitments(everything),
            "can_manage": permissions.can_manage_stakeholders(request.user, city),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def memorandum_add(request, city):
    city = _visible_city(request.user, city)
    _require(permissions.can_manage_stakeholders(request.user, city))
    data, files = _bound(request)
    return _form_page(
        request,
        form=MemorandumForm(data, files, instance=Memorandum(city=city)),
        city=city,
        title=_("Add a memorandum"),
        action=reverse("stakeholders:memorandum-add", kwargs={"city": city.slug}),
        back=_memoranda_url(city),
        crumbs=_crumbs(city, memoranda=True),
        write=lambda data: services.memorandum_create(city=city, by=request.user, **data),
        success_message=_("The memorandum was added."),
        next_url=_memorandum_url,
    )


def _render_memorandum(request, memorandum, *, comment_form=None, status=200):
    user = request.user
    city = memorandum.city
    commitments = selectors.memorandum_commitments(memorandum)
    for commitment in commitments:
        commitment.can_manage = permissions.can_manage_commitment(user, commitment)
    can_comment = permissions.can_comment_on_stakeholders(user, city)
    return render(
        request,
        "stakeholders/memorandum.html",
        {
            "city": city,
            "memorandum": memorandum,
            "commitments": commitments,
            "summary": selectors.summarise_commitments(commitments),
            "comments": selectors.comments_on(memorandum=memorandum),
            "comment_form": comment_form or (CommentForm() if can_comment else None),
            "comment_action": reverse(
                "stakeholders:memorandum-comment", kwargs={"city": city.slug, "pk": memorandum.pk}
            ),
            "can_manage": permissions.can_manage_memorandum(user, memorandum),
            "can_add_commitment": permissions.can_add_commitment(user, memorandum),
        },
        status=status,
    )


@login_required
@require_safe
def memorandum_detail(request, city, pk):
    return _render_memorandum(request, _visible_memorandum(request.user, city, pk))


@login_required
@require_POST
def memorandum_comment(request, city, pk):
    memorandum = _visible_memorandum(request.user, city, pk)
    _require(permissions.can_comment_on_stakeholders(request.user, memorandum.city))
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(by=request.user, memorandum=memorandum, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment was added."))
        return redirect(_memorandum_url(memorandum) + "#comments")
    return _render_memorandum(request, memorandum, comment_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def memorandum_edit(request, city, pk):
    memorandum = _visible_memorandum(request.user, city, pk)
    _require(permissions.can_manage_memorandum(request.user, memorandum))
    data, files = _bound(request)
    return _form_page(
        request,
        form=MemorandumForm(data, files, instance=copy.copy(memorandum)),
        city=memorandum.city,
        title=_("Edit the memorandum"),
        action=reverse(
            "stakeholders:memorandum-edit",
            kwargs={"city": memorandum.city.slug, "pk": memorandum.pk},
        ),
        back=_memorandum_url(memorandum),
        crumbs=_crumbs(memorandum.city, memorandum=memorandum),
        write=lambda data: services.memorandum_update(
            memorandum=memorandum, by=request.user, **data
        ),
        success_message=_("The memorandum was saved."),
        next_url=_memorandum_url,
    )


@login_required
@require_safe
def memorandum_document(request, city, pk):
    memorandum = _visible_memorandum(request.user, city, pk)
    return _download(
        memorandum.document, memorandum.document_name, memorandum.document_content_type
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_add(request, city, pk):
    memorandum = _visible_memorandum(request.user, city, pk)
    parties = permissions.commitment_parties_for(request.user, memorandum.city)
    _require(bool(parties))
    data, _files = _bound(request)
    return _form_page(
        request,
        form=CommitmentForm(data, instance=Commitment(memorandum=memorandum), parties=parties),
        city=memorandum.city,
        title=_("Add a commitment"),
        action=reverse(
            "stakeholders:commitment-add",
            kwargs={"city": memorandum.city.slug, "pk": memorandum.pk},
        ),
        back=_memorandum_url(memorandum),
        crumbs=_crumbs(memorandum.city, memorandum=memorandum),
        write=lambda data: services.commitment_add(memorandum=memorandum, by=request.user, **data),
        success_message=_("The commitment was added."),
        next_url=lambda commitment: _memorandum_url(memorandum),
    )


def _commitment_url(name, commitment):
    memorandum = commitment.memorandum
    return reverse(
        f"stakeholders:{name}",
        kwargs={"city": memorandum.city.slug, "pk": memorandum.pk, "commitment": commitment.pk},
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, city, pk, commitment):
    commitment = _visible_commitment(request.user, city, pk, commitment)
    memorandum = commitment.memorandum
    _require(permissions.can_manage_commitment(request.user, commitment))
    data, _files = _bound(request)
    return _form_page(
        request,
        form=CommitmentForm(
            data,
            instance=copy.copy(commitment),
            parties=permissions.commitment_parties_for(request.user, memorandum.city),
        ),
        city=memorandum.city,
        title=_("Edit a commitment"),
        action=_commitment_url("commitment-edit", commitment),
        back=_memorandum_url(memorandum),
        crumbs=_crumbs(memorandum.city, memorandum=memorandum),
        write=lambda data: services.commitment_update(
            commitment=commitment, by=request.user, **data
        ),
        success_message=_("The commitment was saved."),
        next_url=lambda saved: _memorandum_url(memorandum),
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_status(request, city, pk, commitment):
    commitment = _visible_commitment(request.user, city, pk, commitment)
    memorandum = commitment.memorandum
    _require(permissions.can_manage_commitment(request.user, commitment))
    data, files = _bound(request)
    return _form_page(
        request,
        form=CommitmentStatusForm(data, files, instance=copy.copy(commitment)),
        city=memorandum.city,
        title=_("Was it kept? %(party)s: %(commitment)s")
        % {"party": commitment.party_label, "commitment": commitment.description[:80]},
        action=_commitment_url("commitment-status", commitment),
        back=_memorandum_url(memorandum),
        crumbs=_crumbs(memorandum.city, memorandum=memorandum),
        write=lambda data: services.commitment_set_status(
            commitment=commitment, by=request.user, **data
        ),
        success_message=_("The commitment's status was saved."),
        next_url=lambda saved: _memorandum_url(memorandum),
    )


@login_required
@require_safe
def commitment_evidence(request, city, pk, commitment):
    commitment = _visible_commitment(request.user, city, pk, commitment)
    return _download(
        commitment.evidence, commitment.evidence_name, commitment.evidence_content_type
    )


# --- history ------------------------------------------------------------------------------------


@login_required
@require_safe
def history(request, city):
    """Who changed what in the city's stakeholders, and when, newest first (paginated)."""
    city = _visible_city(request.user, city)
    _require(permissions.can_view_stakeholder_history(request.user, city))
    page = Paginator(selectors.city_history(city), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "stakeholders/history.html", {"city": city, "page": page})
