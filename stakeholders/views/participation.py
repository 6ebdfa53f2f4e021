"""Pages for children's participation: a children's council's make-up, its sessions, the
proposals it made and the city's answers, and the city's "You said, we did" page."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from candidacy.lookups import visible_dossier_city
from core.downloads import stored_file_response

from .. import permissions, selectors, services
from ..forms import MakeUpForm, ProposalAnswerForm, ProposalForm, SessionForm
from ..models import ChildrenCouncilMakeUp, ChildrenCouncilSession, ChildrenProposal
from .common import (
    at_participation,
    at_proposal,
    comment_context,
    comment_post,
    council_url,
    proposal_url,
    require,
    require_children,
    stakeholder_form_page,
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
    return stakeholder_form_page(
        request,
        MakeUpForm,
        instance=getattr(council, "makeup", None) or ChildrenCouncilMakeUp(council=council),
        at=at_participation(council),
        title=_("Make-up of the children's council"),
        save=partial(services.makeup_save, council=council, by=request.user),
        success_message=_("The make-up was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request, city, pk):
    council = visible_council(request.user, city, pk)
    require(permissions.can_manage_council(request.user, council))
    require_children(council)
    return stakeholder_form_page(
        request,
        SessionForm,
        instance=ChildrenCouncilSession(council=council),
        at=at_participation(council),
        title=_("Record a session"),
        save=partial(services.session_add, council=council, by=request.user),
        success_message=_("The session was recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, city, pk, session):
    session = visible_session(request.user, city, pk, session)
    require(permissions.can_manage_council(request.user, session.council))
    return stakeholder_form_page(
        request,
        SessionForm,
        instance=session,
        at=at_participation(session.council),
        title=_("Edit a session"),
        save=partial(services.session_update, session=session, by=request.user),
        success_message=_("The session was saved."),
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
    return stakeholder_form_page(
        request,
        ProposalForm,
        instance=ChildrenProposal(council=council),
        at=at_participation(council),
        title=_("Record a proposal from the children"),
        save=partial(services.proposal_add, council=council, by=request.user),
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
    require(permissions.can_manage_council(request.user, proposal.council))
    return stakeholder_form_page(
        request,
        ProposalForm,
        instance=proposal,
        at=at_proposal(proposal),
        title=_("Edit a proposal"),
        save=partial(services.proposal_update, proposal=proposal, by=request.user),
        success_message=_("The proposal was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_answer(request, city, pk, proposal):
    proposal = visible_proposal(request.user, city, pk, proposal)
    require(permissions.can_manage_council(request.user, proposal.council))
    return stakeholder_form_page(
        request,
        ProposalAnswerForm,
        instance=proposal,
        at=at_proposal(proposal),
        title=_("Answer: %(proposal)s") % {"proposal": proposal.title},
        save=partial(services.proposal_answer, proposal=proposal, by=request.user),
        success_message=_("The answer was saved."),
    )


@login_required
@require_safe
def you_said_we_did(request, city):
    """The children's proposals and the city's answers, for everyone in the city's scope, and
    printable for the children's council."""
    city = visible_dossier_city(request.user, city)
    return render(
        request,
        "stakeholders/you_said_we_did.html",
        {"city": city, "page": selectors.you_said_we_did(city)},
    )
