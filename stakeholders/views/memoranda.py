"""Pages for a city's memoranda and the commitments each party made in them."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from candidacy.lookups import visible_dossier_city
from core.downloads import stored_file_response

from .. import permissions, selectors, services
from ..forms import CommitmentForm, CommitmentStatusForm, MemorandumForm
from ..models import Commitment, Memorandum
from .common import (
    at_memoranda,
    at_memorandum,
    comment_context,
    comment_post,
    memorandum_url,
    require,
    stakeholder_form_page,
    visible_commitment,
    visible_memorandum,
)

# --- memoranda and commitments ------------------------------------------------------------------


@login_required
@require_safe
def memoranda(request, city):
    """The city's memoranda and every commitment in them, with open and overdue ones per party."""
    city = visible_dossier_city(request.user, city)
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
    city = visible_dossier_city(request.user, city)
    require(permissions.can_manage_stakeholders(request.user, city))
    return stakeholder_form_page(
        request,
        MemorandumForm,
        instance=Memorandum(city=city),
        at=at_memoranda(city),
        title=_("Add a memorandum"),
        save=partial(services.memorandum_create, city=city, by=request.user),
        success_message=_("The memorandum was added."),
        next_url=memorandum_url,
    )


def _render_memorandum(request, memorandum, *, comment_form=None, status=200):
    user = request.user
    city = memorandum.city
    commitments = selectors.memorandum_commitments(memorandum)
    for commitment in commitments:
        commitment.can_manage = permissions.can_manage_commitment(user, commitment)
    return render(
        request,
        "stakeholders/memorandum.html",
        {
            "city": city,
            "memorandum": memorandum,
            "commitments": commitments,
            "summary": selectors.summarise_commitments(commitments),
            **comment_context(
                user,
                city,
                comments=selectors.comments_on(memorandum=memorandum),
                action=reverse(
                    "stakeholders:memorandum-comment",
                    kwargs={"city": city.slug, "pk": memorandum.pk},
                ),
                form=comment_form,
            ),
            "can_manage": permissions.can_manage_memorandum(user, memorandum),
            "can_add_commitment": permissions.can_add_commitment(user, memorandum),
        },
        status=status,
    )


@login_required
@require_safe
def memorandum_detail(request, city, pk):
    return _render_memorandum(request, visible_memorandum(request.user, city, pk))


@login_required
@require_POST
def memorandum_comment(request, city, pk):
    memorandum = visible_memorandum(request.user, city, pk)
    return comment_post(
        request,
        city=memorandum.city,
        target={"memorandum": memorandum},
        next_url=memorandum_url(memorandum),
        rerender=lambda **kwargs: _render_memorandum(request, memorandum, **kwargs),
    )


@login_required
@require_http_methods(["GET", "POST"])
def memorandum_edit(request, city, pk):
    memorandum = visible_memorandum(request.user, city, pk)
    require(permissions.can_manage_memorandum(request.user, memorandum))
    return stakeholder_form_page(
        request,
        MemorandumForm,
        instance=memorandum,
        at=at_memorandum(memorandum),
        title=_("Edit the memorandum"),
        save=partial(services.memorandum_update, memorandum=memorandum, by=request.user),
        success_message=_("The memorandum was saved."),
    )


@login_required
@require_safe
def memorandum_document(request, city, pk):
    memorandum = visible_memorandum(request.user, city, pk)
    return stored_file_response(
        memorandum.document, memorandum.document_name, memorandum.document_content_type
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_add(request, city, pk):
    memorandum = visible_memorandum(request.user, city, pk)
    parties = permissions.commitment_parties_for(request.user, memorandum.city)
    require(bool(parties))
    return stakeholder_form_page(
        request,
        CommitmentForm,
        instance=Commitment(memorandum=memorandum),
        parties=parties,
        at=at_memorandum(memorandum),
        title=_("Add a commitment"),
        save=partial(services.commitment_add, memorandum=memorandum, by=request.user),
        success_message=_("The commitment was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, city, pk, commitment):
    commitment = visible_commitment(request.user, city, pk, commitment)
    require(permissions.can_manage_commitment(request.user, commitment))
    return stakeholder_form_page(
        request,
        CommitmentForm,
        instance=commitment,
        parties=permissions.commitment_parties_for(request.user, commitment.memorandum.city),
        at=at_memorandum(commitment.memorandum),
        title=_("Edit a commitment"),
        save=partial(services.commitment_update, commitment=commitment, by=request.user),
        success_message=_("The commitment was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_status(request, city, pk, commitment):
    commitment = visible_commitment(request.user, city, pk, commitment)
    require(permissions.can_manage_commitment(request.user, commitment))
    return stakeholder_form_page(
        request,
        CommitmentStatusForm,
        instance=commitment,
        at=at_memorandum(commitment.memorandum),
        title=_("Was it kept? %(party)s: %(commitment)s")
        % {"party": commitment.party_label, "commitment": commitment.description[:80]},
        save=partial(services.commitment_set_status, commitment=commitment, by=request.user),
        success_message=_("The commitment's status was saved."),
    )


@login_required
@require_safe
def commitment_evidence(request, city, pk, commitment):
    commitment = visible_commitment(request.user, city, pk, commitment)
    return stored_file_response(
        commitment.evidence, commitment.evidence_name, commitment.evidence_content_type
    )
