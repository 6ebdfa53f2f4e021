"""Pages for a city's councils, their members and its organisations. Thin: they find the object
in the user's scope (404 outside it), check the predicate (403 for a reader who may not write),
call a selector or a service, and render or redirect."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cities.models import City
from cities.permissions import cities_visible_to

from . import permissions, selectors, services
from .forms import CouncilForm, CouncilMemberForm, OrganisationForm
from .models import Council, CouncilMember, Organisation


def _visible_city(user, slug) -> City:
    return get_object_or_404(cities_visible_to(user).select_related("programme"), slug=slug)


def _visible_council(user, slug, pk) -> Council:
    city = _visible_city(user, slug)
    return get_object_or_404(selectors.council_in_city(city, pk))


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


def _add_service_errors(form, error: ValidationError) -> None:
    """Put a service's validation errors beside the form's fields (or at its top)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        form.add_error(target, errors)


def _city_url(city: City) -> str:
    return reverse("stakeholders:city", kwargs={"city": city.slug})


def _council_url(council: Council) -> str:
    return reverse("stakeholders:council", kwargs={"city": council.city.slug, "pk": council.pk})


def _render_form(request, *, form, city, title, action, back, council=None, status=200):
    return render(
        request,
        "stakeholders/form.html",
        {
            "form": form,
            "city": city,
            "council": council,
            "title": title,
            "action": action,
            "back": back,
        },
        status=status,
    )


def _save(request, form, write, *, render_failure, success_message: str, next_url):
    """Validate the form, call the service, and redirect or re-render with the errors."""
    if form.is_valid():
        try:
            result = write(form.cleaned_data)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, success_message)
            return redirect(next_url(result))
    return render_failure(status=400)


# --- reading ----------------------------------------------------------------------------------


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
        },
    )


@login_required
@require_safe
def council_detail(request, city, pk):
    council = _visible_council(request.user, city, pk)
    return render(
        request,
        "stakeholders/council.html",
        {
            "city": council.city,
            "council": council,
            "members": selectors.council_members(council),
            "can_manage": permissions.can_manage_council(request.user, council),
        },
    )


# --- councils ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def council_add(request, city):
    city = _visible_city(request.user, city)
    if not permissions.can_manage_stakeholders(request.user, city):
        raise PermissionDenied
    form = CouncilForm(request.POST or None, instance=Council(city=city))

    def render_form(status=200):
        return _render_form(
            request,
            form=form,
            city=city,
            title=_("Add a council"),
            action=reverse("stakeholders:council-add", kwargs={"city": city.slug}),
            back=_city_url(city),
            status=status,
        )

    if request.method == "GET":
        return render_form()
    return _save(
        request,
        form,
        lambda data: services.council_create(city=city, by=request.user, **data),
        render_failure=render_form,
        success_message=_("The council was added."),
        next_url=_council_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request, city, pk):
    council = _visible_council(request.user, city, pk)
    if not permissions.can_manage_council(request.user, council):
        raise PermissionDenied
    # The form works on a copy, so a refused edit leaves the page's own council as it was.
    form = CouncilForm(request.POST or None, instance=copy.copy(council))
    back = _council_url(council)

    def render_form(status=200):
        return _render_form(
            request,
            form=form,
            city=council.city,
            council=council,
            title=_("Edit the council"),
            action=reverse(
                "stakeholders:council-edit", kwargs={"city": council.city.slug, "pk": council.pk}
            ),
            back=back,
            status=status,
        )

    if request.method == "GET":
        return render_form()
    return _save(
        request,
        form,
        lambda data: services.council_update(council=council, by=request.user, **data),
        render_failure=render_form,
        success_message=_("The council was saved."),
        next_url=_council_url,
    )


# --- members ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, city, pk):
    council = _visible_council(request.user, city, pk)
    if not permissions.can_manage_council(request.user, council):
        raise PermissionDenied
    form = CouncilMemberForm(request.POST or None, instance=CouncilMember(council=council))
    back = _council_url(council)

    def render_form(status=200):
        return _render_form(
            request,
            form=form,
            city=council.city,
            council=council,
            title=_("Add a member"),
            action=reverse(
                "stakeholders:member-add", kwargs={"city": council.city.slug, "pk": council.pk}
            ),
            back=back,
            status=status,
        )

    if request.method == "GET":
        return render_form()
    return _save(
        request,
        form,
        lambda data: services.council_member_add(council=council, by=request.user, **data),
        render_failure=render_form,
        success_message=_("The member was added."),
        next_url=lambda member: back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, city, pk, member):
    member = _visible_member(request.user, city, pk, member)
    council = member.council
    if not permissions.can_manage_council_member(request.user, member):
        raise PermissionDenied
    form = CouncilMemberForm(request.POST or None, instance=copy.copy(member))
    back = _council_url(council)

    def render_form(status=200):
        return _render_form(
            request,
            form=form,
            city=council.city,
            council=council,
            title=_("Edit a member"),
            action=reverse(
                "stakeholders:member-edit",
                kwargs={"city": council.city.slug, "pk": council.pk, "member": member.pk},
            ),
            back=back,
            status=status,
        )

    if request.method == "GET":
        return render_form()
    return _save(
        request,
        form,
        lambda data: services.council_member_update(member=member, by=request.user, **data),
        render_failure=render_form,
        success_message=_("The member was saved."),
        next_url=lambda updated: back,
    )


@login_required
@require_POST
def member_remove(request, city, pk, member):
    member = _visible_member(request.user, city, pk, member)
    if not permissions.can_manage_council_member(request.user, member):
        raise PermissionDenied
    services.council_member_remove(member=member, by=request.user)
    messages.success(
        request,
        _("%(organisation)s was removed from the council.")
        % {"organisation": member.organisation.name},
    )
    return redirect(_council_url(member.council))


# --- organisations ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def organisation_add(request, city):
    city = _visible_city(request.user, city)
    if not permissions.can_manage_stakeholders(request.user, city):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=Organisation(city=city))

    def render_form(status=200):
        return _render_form(
            request,
            form=form,
            city=city,
            title=_("Add an organisation"),
            action=reverse("stakeholders:organisation-add", kwargs={"city": city.slug}),
            back=_city_url(city),
            status=status,
        )

    if request.method == "GET":
        return render_form()
    return _save(
        request,
        form,
        lambda data: services.organisation_create(city=city, by=request.user, **data),
        render_failure=render_form,
        success_message=_("The organisation was added."),
        next_url=lambda organisation: _city_url(city),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, city, pk):
    organisation = _visible_organisation(request.user, city, pk)
    city = organisation.city
    if not permissions.can_manage_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=copy.copy(organisation))

    def render_form(status=200):
        return _render_form(
            request,
            form=form,
            city=city,
            title=_("Edit an organisation"),
            action=reverse(
                "stakeholders:organisation-edit", kwargs={"city": city.slug, "pk": organisation.pk}
            ),
            back=_city_url(city),
            status=status,
        )

    if request.method == "GET":
        return render_form()
    return _save(
        request,
        form,
        lambda data: services.organisation_update(
            organisation=organisation, by=request.user, **data
        ),
        render_failure=render_form,
        success_message=_("The organisation was saved."),
        next_url=lambda updated: _city_url(city),
    )
