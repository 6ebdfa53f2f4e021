"""Account pages: one's own profile, and a programme's people for its coordinators. Thin: find
the object in the user's scope, call a service of `cities.services`, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from cities import selectors, services
from cities.calendars import programme_calendar_activate
from cities.languages import language_remember
from cities.models import Programme, RoleAssignment
from cities.permissions import (
    can_deactivate_user,
    can_manage_people,
    can_manage_role_assignment,
    has_role_in_programme,
    people_of_programme_q,
)
from core.pages import bound_data, form_page

from .forms import AssignmentCityForm, ConfirmForm, InviteForm, PortalPasswordResetForm, ProfileForm

TEMPLATE = "accounts/form.html"


# --- one's own account ----------------------------------------------------------------------


@login_required
def profile(request):
    user = request.user
    initial = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "language": services.profile_of(user).language,
    }
    data, _files = bound_data(request)
    form = ProfileForm(data, initial=initial)

    def write(cleaned):
        saved = services.profile_update(user=user, by=user, **cleaned)
        if saved.language:
            language_remember(request, saved.language)
        return saved

    return form_page(
        request,
        form=form,
        write=write,
        success_message=_("Your profile was saved."),
        next_url=lambda saved: reverse("profile"),
        template="accounts/profile.html",
        context={"title": _("My profile"), "back": reverse("home")},
    )


password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change_form.html",
    success_url=reverse_lazy("password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = PortalPasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):
        """The reset link is absolute, on the portal's public address."""
        return {"base_url": settings.PORTAL_BASE_URL.rstrip("/")}


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


# --- a programme's people -----------------------------------------------------------------


def _people_programme(user, key: str) -> Programme:
    """The programme, if the user may manage its people: 404 for someone with no role in it,
    403 for its office staff and evaluators."""
    programme = Programme.objects.filter(key=key).first()
    if programme is None or not has_role_in_programme(user, programme):
        raise Http404
    if not can_manage_people(user, programme):
        raise PermissionDenied
    programme_calendar_activate(programme)
    return programme


def _people_context(programme, title):
    people_url = reverse("people", args=[programme.key])
    return {
        "title": title,
        "back": people_url,
        "crumbs": [
            (reverse("candidacy:overview", args=[programme.key]), programme.name),
            (people_url, _("People")),
        ],
    }


@login_required
def people(request, programme):
    programme = _people_programme(request.user, programme)
    return render(
        request,
        "accounts/people.html",
        {
            "programme": programme,
            "rows": selectors.people_rows(request.user, programme),
            "history": selectors.people_history(programme),
        },
    )


@login_required
def person_invite(request, programme):
    programme = _people_programme(request.user, programme)
    data, _files = bound_data(request)
    return form_page(
        request,
        form=InviteForm(data, programme=programme),
        write=lambda cleaned: services.person_invite(
            programme=programme, by=request.user, **cleaned
        ),
        success_message=_("The invitation was sent."),
        next_url=lambda assignment: reverse("people", args=[programme.key]),
        template=TEMPLATE,
        context=_people_context(programme, _("Invite a person")),
    )


def _assignment(request, programme, pk):
    assignment = get_object_or_404(
        RoleAssignment.objects.filter(people_of_programme_q(programme)).select_related(
            "user", "city"
        ),
        pk=pk,
    )
    if not can_manage_role_assignment(request.user, assignment, programme):
        raise PermissionDenied
    return assignment


@login_required
def assignment_change(request, programme, pk):
    programme = _people_programme(request.user, programme)
    assignment = _assignment(request, programme, pk)
    data, _files = bound_data(request)
    return form_page(
        request,
        form=AssignmentCityForm(data, programme=programme, assignment=assignment),
        write=lambda cleaned: services.role_assignment_change(
            assignment=assignment, programme=programme, by=request.user, city=cleaned["city"]
        ),
        success_message=_("The role was moved."),
        next_url=lambda saved: reverse("people", args=[programme.key]),
        template=TEMPLATE,
        context={
            **_people_context(programme, _("Move a role to another city")),
            "lead": _("%(person)s: %(role)s")
            % {
                "person": assignment.user.get_full_name() or assignment.user.get_username(),
                "role": assignment,
            },
        },
    )


@login_required
def assignment_end(request, programme, pk):
    programme = _people_programme(request.user, programme)
    assignment = _assignment(request, programme, pk)
    data, _files = bound_data(request)
    return form_page(
        request,
        form=ConfirmForm(data),
        write=lambda cleaned: services.role_assignment_end(
            assignment=assignment, programme=programme, by=request.user
        ),
        success_message=_("The role was ended."),
        next_url=lambda result: reverse("people", args=[programme.key]),
        template=TEMPLATE,
        context={
            **_people_context(programme, _("End a role")),
            "lead": _("End this role? %(assignment)s") % {"assignment": assignment},
            "submit_label": _("End the role"),
        },
    )


@login_required
def user_deactivate(request, programme, pk):
    programme = _people_programme(request.user, programme)
    target = get_object_or_404(
        get_user_model()
        .objects.filter(
            role_assignments__in=RoleAssignment.objects.filter(people_of_programme_q(programme))
        )
        .distinct(),
        pk=pk,
    )
    if not can_deactivate_user(request.user, target, programme):
        raise PermissionDenied
    data, _files = bound_data(request)
    name = target.get_full_name() or target.get_username()
    return form_page(
        request,
        form=ConfirmForm(data),
        write=lambda cleaned: services.user_deactivate(
            target=target, programme=programme, by=request.user
        ),
        success_message=_("The account was deactivated."),
        next_url=lambda result: reverse("people", args=[programme.key]),
        template=TEMPLATE,
        context={
            **_people_context(programme, _("Deactivate an account")),
            "lead": _("Deactivate %(person)s's account? They will no longer be able to sign in.")
            % {"person": name},
            "submit_label": _("Deactivate"),
        },
    )
