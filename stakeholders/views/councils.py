"""Pages for a city's councils, their members and the city's catalogue of organisations."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cities.models import Organisation
from core.lookups import visible_city
from core.pages import bound_data, form_page

from .. import permissions, selectors, services
from ..forms import CouncilForm, CouncilMemberForm, MemberReplaceForm, OrganisationForm
from ..models import Council, CouncilMember
from .common import (
    city_url,
    comment_context,
    comment_post,
    council_url,
    crumbs,
    require,
    visible_council,
    visible_member,
    visible_organisation,
)

# --- councils and organisations: reading ------------------------------------------------------


@login_required
@require_safe
def city_stakeholders(request, city):
    city = visible_city(request.user, city)
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
    city = visible_city(request.user, city)
    require(permissions.can_manage_stakeholders(request.user, city))
    data, _files = bound_data(request)
    return form_page(
        request,
        form=CouncilForm(data, instance=Council(city=city)),
        context={
            "city": city,
            "title": _("Add a council"),
            "action": reverse("stakeholders:council-add", kwargs={"city": city.slug}),
            "back": city_url(city),
            "crumbs": crumbs(city),
        },
        write=lambda data: services.council_create(city=city, by=request.user, **data),
        success_message=_("The council was added."),
        next_url=council_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request, city, pk):
    council = visible_council(request.user, city, pk)
    require(permissions.can_manage_council(request.user, council))
    data, _files = bound_data(request)
    # The form works on a copy, so a refused edit leaves the page's own council as it was.
    return form_page(
        request,
        form=CouncilForm(data, instance=copy.copy(council)),
        context={
            "city": council.city,
            "title": _("Edit the council"),
            "action": reverse(
                "stakeholders:council-edit", kwargs={"city": council.city.slug, "pk": council.pk}
            ),
            "back": council_url(council),
            "crumbs": crumbs(council.city, council=council),
        },
        write=lambda data: services.council_update(council=council, by=request.user, **data),
        success_message=_("The council was saved."),
        next_url=council_url,
    )


# --- members ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, city, pk):
    council = visible_council(request.user, city, pk)
    require(permissions.can_manage_council(request.user, council))
    data, _files = bound_data(request)
    back = council_url(council)
    return form_page(
        request,
        form=CouncilMemberForm(data, instance=CouncilMember(council=council)),
        context={
            "city": council.city,
            "title": _("Add a member"),
            "action": reverse(
                "stakeholders:member-add", kwargs={"city": council.city.slug, "pk": council.pk}
            ),
            "back": back,
            "crumbs": crumbs(council.city, council=council),
        },
        write=lambda data: services.council_member_add(council=council, by=request.user, **data),
        success_message=_("The member was added."),
        next_url=lambda member: back,
    )


def member_url(name, member):
    council = member.council
    return reverse(
        f"stakeholders:{name}",
        kwargs={"city": council.city.slug, "pk": council.pk, "member": member.pk},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, city, pk, member):
    member = visible_member(request.user, city, pk, member)
    council = member.council
    require(permissions.can_manage_council_member(request.user, member))
    data, _files = bound_data(request)
    back = council_url(council)
    return form_page(
        request,
        form=CouncilMemberForm(data, instance=copy.copy(member)),
        context={
            "city": council.city,
            "title": _("Edit a member"),
            "action": member_url("member-edit", member),
            "back": back,
            "crumbs": crumbs(council.city, council=council),
        },
        write=lambda data: services.council_member_update(member=member, by=request.user, **data),
        success_message=_("The member was saved."),
        next_url=lambda updated: back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_replace(request, city, pk, member):
    """Someone else now represents the organisation; the previous representative is kept in
    the council's history."""
    member = visible_member(request.user, city, pk, member)
    council = member.council
    require(permissions.can_manage_council_member(request.user, member))
    data, _files = bound_data(request)
    back = council_url(council)
    return form_page(
        request,
        form=MemberReplaceForm(data, member=member),
        context={
            "city": council.city,
            "title": _("Replace the representative of %(organisation)s")
            % {"organisation": member.organisation.name},
            "action": member_url("member-replace", member),
            "back": back,
            "crumbs": crumbs(council.city, council=council),
        },
        write=lambda data: services.council_member_replace(member=member, by=request.user, **data),
        success_message=_(
            "The representative was replaced; the previous one is kept among the former members."
        ),
        next_url=lambda successor: back,
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
    city = visible_city(request.user, city)
    require(permissions.can_manage_stakeholders(request.user, city))
    data, _files = bound_data(request)
    return form_page(
        request,
        form=OrganisationForm(data, instance=Organisation(city=city)),
        context={
            "city": city,
            "title": _("Add an organisation"),
            "action": reverse("stakeholders:organisation-add", kwargs={"city": city.slug}),
            "back": city_url(city),
            "crumbs": crumbs(city),
        },
        write=lambda data: services.organisation_create(city=city, by=request.user, **data),
        success_message=_("The organisation was added."),
        next_url=lambda organisation: city_url(city),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, city, pk):
    organisation = visible_organisation(request.user, city, pk)
    city = organisation.city
    require(permissions.can_manage_organisation(request.user, organisation))
    data, _files = bound_data(request)
    return form_page(
        request,
        form=OrganisationForm(data, instance=copy.copy(organisation)),
        context={
            "city": city,
            "title": _("Edit an organisation"),
            "action": reverse(
                "stakeholders:organisation-edit", kwargs={"city": city.slug, "pk": organisation.pk}
            ),
            "back": city_url(city),
            "crumbs": crumbs(city),
        },
        write=lambda data: services.organisation_update(
            organisation=organisation, by=request.user, **data
        ),
        success_message=_("The organisation was saved."),
        next_url=lambda updated: city_url(city),
    )
