"""What the stakeholders' pages share: finding things in the user's scope (404 outside it),
the 403 of a reader who may not write, the pages' URLs and breadcrumbs, the add and edit form
page, comment threads, and the city's history page."""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from candidacy.lookups import visible_dossier_city
from cities.models import City, Organisation
from core.pages import bound_data, form_page

from .. import permissions, selectors, services
from ..forms import CommentForm
from ..models import (
    ChildrenCouncilSession,
    ChildrenProposal,
    Commitment,
    Council,
    CouncilMember,
    Memorandum,
)

HISTORY_PAGE_SIZE = 50

# --- finding things in the user's scope ---------------------------------------------------------


def visible_council(user, slug, pk) -> Council:
    city = visible_dossier_city(user, slug)
    return get_object_or_404(selectors.council_in_city(city, pk))


def visible_children_council(user, slug, pk) -> Council:
    city = visible_dossier_city(user, slug)
    return get_object_or_404(selectors.children_council_in_city(city, pk))


def visible_member(user, slug, pk, member_pk) -> CouncilMember:
    council = visible_council(user, slug, pk)
    member = get_object_or_404(
        CouncilMember.objects.select_related("organisation"), council=council, pk=member_pk
    )
    member.council = council
    return member


def visible_organisation(user, slug, pk) -> Organisation:
    city = visible_dossier_city(user, slug)
    organisation = get_object_or_404(Organisation, city=city, pk=pk)
    organisation.city = city
    return organisation


def visible_session(user, slug, pk, session_pk) -> ChildrenCouncilSession:
    council = visible_council(user, slug, pk)
    session = get_object_or_404(ChildrenCouncilSession, council=council, pk=session_pk)
    session.council = council
    return session


def visible_proposal(user, slug, pk, proposal_pk) -> ChildrenProposal:
    council = visible_council(user, slug, pk)
    proposal = get_object_or_404(selectors.proposal_in_council(council, proposal_pk))
    proposal.council = council
    return proposal


def visible_memorandum(user, slug, pk) -> Memorandum:
    city = visible_dossier_city(user, slug)
    memorandum = get_object_or_404(selectors.memorandum_in_city(city, pk))
    memorandum.city = city
    return memorandum


def visible_commitment(user, slug, pk, commitment_pk) -> Commitment:
    memorandum = visible_memorandum(user, slug, pk)
    commitment = get_object_or_404(Commitment, memorandum=memorandum, pk=commitment_pk)
    commitment.memorandum = memorandum
    return commitment


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def require_children(council: Council) -> None:
    """Participation is recorded only for councils in which children take part."""
    if not council.council_type.involves_children:
        raise Http404(_("Children do not take part in this council."))


# --- URLs ---------------------------------------------------------------------------------------


def city_url(city: City) -> str:
    return reverse("stakeholders:city", kwargs={"city": city.slug})


def council_url(council: Council) -> str:
    return reverse("stakeholders:council", kwargs={"city": council.city.slug, "pk": council.pk})


def participation_url(council: Council) -> str:
    return reverse(
        "stakeholders:participation", kwargs={"city": council.city.slug, "pk": council.pk}
    )


def proposal_url(proposal: ChildrenProposal) -> str:
    council = proposal.council
    return reverse(
        "stakeholders:proposal",
        kwargs={"city": council.city.slug, "pk": council.pk, "proposal": proposal.pk},
    )


def memoranda_url(city: City) -> str:
    return reverse("stakeholders:memoranda", kwargs={"city": city.slug})


def memorandum_url(memorandum: Memorandum) -> str:
    return reverse(
        "stakeholders:memorandum", kwargs={"city": memorandum.city.slug, "pk": memorandum.pk}
    )


def crumbs(city, *, council=None, participation=False, memorandum=None, memoranda=False):
    """The breadcrumb trail above a form: (url, label) pairs after the city's own page."""
    trail = []
    if council is not None or not (memorandum or memoranda):
        trail.append((city_url(city), _("Councils and stakeholders")))
    if council is not None and council.pk:
        trail.append((council_url(council), council.name))
        if participation:
            trail.append((participation_url(council), _("Children's participation")))
    if memoranda or memorandum is not None:
        trail.append((memoranda_url(city), _("Memoranda and commitments")))
    if memorandum is not None and memorandum.pk:
        trail.append((memorandum_url(memorandum), memorandum.title))
    return trail


# --- add and edit pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a form page belongs: its city, the page it goes back to (the cancel link, and where
    a save goes unless the view says otherwise) and the breadcrumbs leading there."""

    city: City
    url: str
    crumbs: list


def at_city(city: City) -> Place:
    return Place(city, city_url(city), crumbs(city))


def at_council(council: Council) -> Place:
    return Place(council.city, council_url(council), crumbs(council.city, council=council))


def at_participation(council: Council) -> Place:
    return Place(
        council.city,
        participation_url(council),
        crumbs(council.city, council=council, participation=True),
    )


def at_proposal(proposal: ChildrenProposal) -> Place:
    council = proposal.council
    return Place(
        council.city,
        proposal_url(proposal),
        crumbs(council.city, council=council, participation=True),
    )


def at_memoranda(city: City) -> Place:
    return Place(city, memoranda_url(city), crumbs(city, memoranda=True))


def at_memorandum(memorandum: Memorandum) -> Place:
    return Place(
        memorandum.city, memorandum_url(memorandum), crumbs(memorandum.city, memorandum=memorandum)
    )


def stakeholder_form_page(
    request,
    form_class,
    *,
    at: Place,
    title: str,
    save: Callable[..., Any],
    success_message: str,
    instance=None,
    next_url: Callable[[Any], str] | None = None,
    **form_kwargs,
):
    """The page of an add or edit view: `form_class` bound to the request, on a copy of
    `instance` (so a refused edit leaves the page's own object as it was), posting to the
    page's own URL. `save(**cleaned_data)` calls the service; `at` gives the city, the cancel
    link and the breadcrumbs, and where a save goes unless `next_url(saved)` says otherwise."""
    data, files = bound_data(request)
    if instance is not None:
        form_kwargs["instance"] = copy.copy(instance)
    return form_page(
        request,
        form=form_class(data, files, **form_kwargs),
        context={
            "city": at.city,
            "title": title,
            "action": request.path,
            "back": at.url,
            "crumbs": at.crumbs,
        },
        write=lambda data: save(**data),
        success_message=success_message,
        next_url=next_url or (lambda saved: at.url),
    )


# --- comments -----------------------------------------------------------------------------------


def comment_context(user, city: City, *, comments, action: str, form=None) -> dict:
    """A page's comment thread and, for a user who may comment, its form (the refused one if
    given, with what was typed)."""
    can_comment = permissions.can_comment_on_stakeholders(user, city)
    return {
        "comments": comments,
        "comment_form": form or (CommentForm() if can_comment else None),
        "comment_action": action,
    }


def comment_post(request, *, city: City, target: dict, next_url: str, rerender):
    """Add the posted comment to `target` (`{"council": council}`, `{"proposal": ...}` or
    `{"memorandum": ...}`) and go back to its thread; a refused comment shows the page again,
    `rerender(comment_form=form, status=400)`, with the form's errors."""
    require(permissions.can_comment_on_stakeholders(request.user, city))
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(by=request.user, body=form.cleaned_data["body"], **target)
        messages.success(request, _("Your comment was added."))
        return redirect(next_url + "#comments")
    return rerender(comment_form=form, status=400)


# --- history ------------------------------------------------------------------------------------


@login_required
@require_safe
def history(request, city):
    """Who changed what in the city's stakeholders, and when, newest first (paginated)."""
    city = visible_dossier_city(request.user, city)
    require(permissions.can_view_stakeholder_history(request.user, city))
    page = Paginator(selectors.city_history(city), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "stakeholders/history.html", {"city": city, "page": page})
