"""Pages for a city's councils, their members and the city's catalogue of organisations."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from candidacy.lookups import visible_dossier_city
from cities.models import Organisation

from .. import permissions, selectors, services
from ..forms import CouncilForm, CouncilMemberForm, MemberReplaceForm, OrganisationForm
from ..models import Council, CouncilMember
from .common import (
    at_city,
    at_council,
    comment_context,
    comment_post,
    council_url,
    require,
    stakeholder_form_page,
    visible_council,
    visible_member,
    visible_organisation,
)

# --- councils and organisations: reading ------------------------------------------------------


@login_required
@require_safe
def city_stakeholders(request, city):
    city = visible_dossier_city(request.user, city)
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
    return render(
        request,
        "stakeholders/council.html",
        {
            "city": council.city,
            "council": council,
            "members": roster.current,
            "former_members": roster.former,
            "show_former": request.GET.get("former") == "1",
            **comment_context(
                user,
                council.city,
                comments=selectors.comments_on(council=council),
                action=reverse(
                    "stakeholders:council-comment",
                    kwargs={"city": council.city.slug, "pk": council.pk},
                ),
                form=comment_form,
            ),
            "can_manage": permissions.can_manage_council(user, council),
        },
        status=status,
    )


@login_required
@require_safe
def council_detail(request, city, pk):
    """The council's current members; with `?former=1`, also the former ones with their dates."""
    council = visible_council(request.user, city, pk)
    return _render_council(request, council)


@login_required
@require_POST
def council_comment(request, city, pk):
    council = visible_council(request.user, city, pk)
    return comment_post(
        request,
        city=council.city,
        target={"council": council},
        next_url=council_url(council),
        rerender=lambda **kwargs: _render_council(request, council, **kwargs),
    )


# --- councils -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def council_add(request, city):
    city = visible_dossier_city(request.user, city)
    require(permissions.can_manage_stakeholders(request.user, city))
    return stakeholder_form_page(
        request,
        CouncilForm,
        instance=Council(city=city),
        at=at_city(city),
        title=_("Add a council"),
        save=partial(services.council_create, city=city, by=request.user),
        success_message=_("The council was added."),
        next_url=council_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request, city, pk):
    council = visible_council(request.user, city, pk)
    require(permissions.can_manage_council(request.user, council))
    return stakeholder_form_page(
        request,
        CouncilForm,
        instance=council,
        at=at_council(council),
        title=_("Edit the council"),
        save=partial(services.council_update, council=council, by=request.user),
        success_message=_("The council was saved."),
    )


# --- members ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, city, pk):
    council = visible_council(request.user, city, pk)
    require(permissions.can_manage_council(request.user, council))
    return stakeholder_form_page(
        request,
        CouncilMemberForm,
        instance=CouncilMember(council=council),
        at=at_council(council),
        title=_("Add a member"),
        save=partial(services.council_member_add, council=council, by=request.user),
        success_message=_("The member was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, city, pk, member):
    member = visible_member(request.user, city, pk, member)
    require(permissions.can_manage_council_member(request.user, member))
    return stakeholder_form_page(
        request,
        CouncilMemberForm,
        instance=member,
        at=at_council(member.council),
        title=_("Edit a member"),
        save=partial(services.council_member_update, member=member, by=request.user),
        success_message=_("The member was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_replace(request, city, pk, member):
    """Someone else now represents the organisation; the previous representative is kept in
    the council's history."""
    member = visible_member(request.user, city, pk, member)
    require(permissions.can_manage_council_member(request.user, member))
    return stakeholder_form_page(
        request,
        MemberReplaceForm,
        member=member,
        at=at_council(member.council),
        title=_("Replace the representative of %(organisation)s")
        % {"organisation": member.organisation.name},
        save=partial(services.council_member_replace, member=member, by=request.user),
        success_message=_(
            "The representative was replaced; the previous one is kept among the former members."
        ),
    )


@login_required
@require_POST
def member_remove(request, city, pk, member):
    member = visible_member(request.user, city, pk, member)
    require(permissions.can_manage_council_member(request.user, member))
    services.council_member_remove(member=member, by=request.user)
    messages.success(
        request,
        _("%(organisation)s left the council; it is kept among the former members.")
        % {"organisation": member.organisation.name},
    )
    return redirect(council_url(member.council))


# --- organisations ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def organisation_add(request, city):
    city = visible_dossier_city(request.user, city)
    require(permissions.can_manage_stakeholders(request.user, city))
    return stakeholder_form_page(
        request,
        OrganisationForm,
        instance=Organisation(city=city),
        at=at_city(city),
        title=_("Add an organisation"),
        save=partial(services.organisation_create, city=city, by=request.user),
        success_message=_("The organisation was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, city, pk):
    organisation = visible_organisation(request.user, city, pk)
    require(permissions.can_manage_organisation(request.user, organisation))
    return stakeholder_form_page(
        request,
        OrganisationForm,
        instance=organisation,
        at=at_city(organisation.city),
        title=_("Edit an organisation"),
        save=partial(services.organisation_update, organisation=organisation, by=request.user),
        success_message=_("The organisation was saved."),
    )
