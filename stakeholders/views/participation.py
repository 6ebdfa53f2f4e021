"""Pages for children's participation: a children's council's make-up, its sessions, the
proposals it made and the city's answers, and the city's "You said, we did" page."""

import copy

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.downloads import stored_file_response
from core.lookups import visible_city
from core.pages import bound_data, form_page

from .. import permissions, selectors, services
from ..forms import MakeUpForm, ProposalAnswerForm, ProposalForm, SessionForm
from ..models import ChildrenCouncilMakeUp, ChildrenCouncilSession, ChildrenProposal
from .common import (
    comment_context,
    comment_post,
    council_url,
    crumbs,
    participation_url,
    proposal_url,
    require,
    require_children,
    visible_children_council,
    visible_council,
    visible_proposal,
    visible_session,
)

# --- children's participation -----------------------------------------------------------------


@login_required
@require_safe
def participation(request, city, pk):
    """A children's council's make-up, sessions and proposals. Other councils have none: their
    page is the council's own."""
    council = visible_children_council(request.user, city, pk)
    if not council.council_type.involves_children:
        return redirect(council_url(council))
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
    council = visible_children_council(request.user, city, pk)
    require(permissions.can_manage_council(request.user, council))
    require_children(council)
    makeup = getattr(council, "makeup", None)
    makeup = copy.copy(makeup) if makeup else ChildrenCouncilMakeUp(council=council)
    data, _files = bound_data(request)
    back = participation_url(council)
    return form_page(
        request,
        form=MakeUpForm(data, instance=makeup),
        context={
            "city": council.city,
            "title": _("Make-up of the children's council"),
            "action": reverse(
                "stakeholders:makeup", kwargs={"city": council.city.slug, "pk": council.pk}
            ),
            "back": back,
            "crumbs": crumbs(council.city, council=council, participation=True),
        },
        write=lambda data: services.makeup_save(council=council, by=request.user, **data),
        success_message=_("The make-up was saved."),
        next_url=lambda saved: back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request, city, pk):
    council = visible_council(request.user, city, pk)
    require(permissions.can_manage_council(request.user, council))
    require_children(council)
    data, files = bound_data(request)
    back = participation_url(council)
    return form_page(
        request,
        form=SessionForm(data, files, instance=ChildrenCouncilSession(council=council)),
        context={
            "city": council.city,
            "title": _("Record a session"),
            "action": reverse(
                "stakeholders:session-add", kwargs={"city": council.city.slug, "pk": council.pk}
            ),
            "back": back,
            "crumbs": crumbs(council.city, council=council, participation=True),
        },
        write=lambda data: services.session_add(council=council, by=request.user, **data),
        success_message=_("The session was recorded."),
        next_url=lambda session: back,
    )


def session_url(name, session):
    council = session.council
    return reverse(
        f"stakeholders:{name}",
        kwargs={"city": council.city.slug, "pk": council.pk, "session": session.pk},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, city, pk, session):
    session = visible_session(request.user, city, pk, session)
    council = session.council
    require(permissions.can_manage_council(request.user, council))
    data, files = bound_data(request)
    back = participation_url(council)
    return form_page(
        request,
        form=SessionForm(data, files, instance=copy.copy(session)),
        context={
            "city": council.city,
            "title": _("Edit a session"),
            "action": session_url("session-edit", session),
            "back": back,
            "crumbs": crumbs(council.city, council=council, participation=True),
        },
        write=lambda data: services.session_update(session=session, by=request.user, **data),
        success_message=_("The session was saved."),
        next_url=lambda saved: back,
    )


@login_required
@require_safe
def session_minutes(request, city, pk, session):
    session = visible_session(request.user, city, pk, session)
    return stored_file_response(session.minutes, session.minutes_name, session.minutes_content_type)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_add(request, city, pk):
    council = visible_council(request.user, city, pk)
    require(permissions.can_manage_council(request.user, council))
    require_children(council)
    data, _files = bound_data(request)
    return form_page(
        request,
        form=ProposalForm(data, instance=ChildrenProposal(council=council)),
        context={
            "city": council.city,
            "title": _("Record a proposal from the children"),
            "action": reverse(
                "stakeholders:proposal-add", kwargs={"city": council.city.slug, "pk": council.pk}
            ),
            "back": participation_url(council),
            "crumbs": crumbs(council.city, council=council, participation=True),
        },
        write=lambda data: services.proposal_add(council=council, by=request.user, **data),
        success_message=_("The proposal was recorded."),
        next_url=proposal_url,
    )


def _render_proposal(request, proposal, *, comment_form=None, status=200):
    user = request.user
    council = proposal.council
    return render(
        request,
        "stakeholders/proposal.html",
        {
            "city": council.city,
            "council": council,
            "proposal": proposal,
            **comment_context(
                user,
                council.city,
                comments=selectors.comments_on(proposal=proposal),
                action=proposal_action_url("proposal-comment", proposal),
                form=comment_form,
            ),
            "can_manage": permissions.can_manage_council(user, council),
        },
        status=status,
    )


@login_required
@require_safe
def proposal_detail(request, city, pk, proposal):
    return _render_proposal(request, visible_proposal(request.user, city, pk, proposal))


@login_required
@require_POST
def proposal_comment(request, city, pk, proposal):
    proposal = visible_proposal(request.user, city, pk, proposal)
    return comment_post(
        request,
        city=proposal.council.city,
        target={"proposal": proposal},
        next_url=proposal_url(proposal),
        rerender=lambda **kwargs: _render_proposal(request, proposal, **kwargs),
    )


def proposal_action_url(name, proposal):
    council = proposal.council
    return reverse(
        f"stakeholders:{name}",
        kwargs={"city": council.city.slug, "pk": council.pk, "proposal": proposal.pk},
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request, city, pk, proposal):
    proposal = visible_proposal(request.user, city, pk, proposal)
    council = proposal.council
    require(permissions.can_manage_council(request.user, council))
    data, _files = bound_data(request)
    return form_page(
        request,
        form=ProposalForm(data, instance=copy.copy(proposal)),
        context={
            "city": council.city,
            "title": _("Edit a proposal"),
            "action": proposal_action_url("proposal-edit", proposal),
            "back": proposal_url(proposal),
            "crumbs": crumbs(council.city, council=council, participation=True),
        },
        write=lambda data: services.proposal_update(proposal=proposal, by=request.user, **data),
        success_message=_("The proposal was saved."),
        next_url=proposal_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_answer(request, city, pk, proposal):
    proposal = visible_proposal(request.user, city, pk, proposal)
    council = proposal.council
    require(permissions.can_manage_council(request.user, council))
    data, _files = bound_data(request)
    return form_page(
        request,
        form=ProposalAnswerForm(data, instance=copy.copy(proposal)),
        context={
            "city": council.city,
            "title": _("Answer: %(proposal)s") % {"proposal": proposal.title},
            "action": proposal_action_url("proposal-answer", proposal),
            "back": proposal_url(proposal),
            "crumbs": crumbs(council.city, council=council, participation=True),
        },
        write=lambda data: services.proposal_answer(proposal=proposal, by=request.user, **data),
        success_message=_("The answer was saved."),
        next_url=proposal_url,
    )


@login_required
@require_safe
def you_said_we_did(request, city):
    """The children's proposals and the city's answers, for everyone in the city's scope, and
    printable for the children's council."""
    city = visible_city(request.user, city)
    return render(
        request,
        "stakeholders/you_said_we_did.html",
        {"city": city, "page": selectors.you_said_we_did(city)},
    )
