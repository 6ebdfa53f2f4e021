"""Every change of a user's account, profile and roles (profiles, invitations, moves, ends and
deactivations) and of a programme's lifecycle (suspended, closed, handed over). Each function
checks its predicate (`cities.permissions`), validates, writes inside one transaction with its
history row, and sends e-mail only after the commit."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import (
    City,
    CityJointChange,
    CityPublicationChange,
    Programme,
    ProgrammeChange,
    RoleAssignment,
    RoleAssignmentChange,
    UserProfile,
)
from .permissions import (
    INVITABLE_ROLES,
    can_change_programme_status,
    can_deactivate_user,
    can_manage_city,
    can_manage_people,
    can_manage_role_assignment,
    can_publish_city,
    programme_closed_message,
    programme_is_open,
)
from .roles import Role

User = get_user_model()


# --- profile --------------------------------------------------------------------------------


def profile_of(user) -> UserProfile:
    """The user's profile, created (empty) the first time it is asked for."""
    profile, _created = UserProfile.objects.get_or_create(user=user)
    return profile


def language_of(user) -> str:
    """The language the user chose to read the portal in, or "" if they chose none."""
    return (
        UserProfile.objects.filter(user_id=user.pk).values_list("language", flat=True).first() or ""
    )


def programme_language(programme: Programme | None) -> str:
    """The language a programme writes to people who chose none: its default language (the
    `language` of a programme, where the model has one), else the portal's."""
    language = getattr(programme, "language", "") if programme is not None else ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def home_programme(user) -> Programme | None:
    """The programme of the user's first role (a city's office belongs to its programme)."""
    assignment = (
        RoleAssignment.objects.filter(user_id=user.pk)
        .select_related("programme", "city__programme")
        .order_by("pk")
        .first()
    )
    if assignment is None:
        return None
    return assignment.programme or assignment.city.programme


def mail_languages(users, *, programme: Programme | None) -> dict[int, str]:
    """The language to write to each user in, by the user's pk: the one they chose in their
    profile, else `programme`'s default, else the portal's. One query, whatever the number."""
    pks = [user.pk for user in users]
    chosen = chosen_languages(pks)
    default = programme_language(programme)
    return {pk: chosen.get(pk, default) for pk in pks}


def chosen_languages(user_ids) -> dict[int, str]:
    """The portal languages the users chose in their profiles, by pk; who chose none (or a
    language the portal no longer speaks) is left out. One query, whatever the number."""
    languages = dict(settings.LANGUAGES)
    chosen = (
        UserProfile.objects.filter(user_id__in=list(user_ids))
        .exclude(language="")
        .values_list("user_id", "language")
    )
    return {pk: language for pk, language in chosen if language in languages}


def mail_language_of(user, *, programme: Programme | None = None) -> str:
    """The language to write to one user in (see `mail_languages`); without a programme, the
    programme of the user's first role."""
    if programme is None:
        programme = home_programme(user)
    return mail_languages([user], programme=programme)[user.pk]


def _email_checked(email: str, *, owner=None) -> str:
    email = email.strip()
    validate_email(email)
    others = User.objects.filter(email__iexact=email)
    if owner is not None:
        others = others.exclude(pk=owner.pk)
    if others.exists():
        raise ValidationError({"email": _("Another account uses this e-mail address.")})
    return email


def profile_update(
    *, user, by, first_name: str, last_name: str, email: str, language: str
) -> UserProfile:
    """Save a user's own name, e-mail address and language. Only the user themselves."""
    if by.pk != user.pk:
        raise PermissionDenied
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the portal's languages.")})
    try:
        email = _email_checked(email, owner=user)
    except ValidationError as error:
        raise ValidationError({"email": error.messages}) from error
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.first_name, locked.last_name, locked.email = first_name, last_name, email
        locked.save(update_fields=["first_name", "last_name", "email"])
        profile = profile_of(locked)
        profile.language = language
        profile.save(update_fields=["language"])
    user.first_name, user.last_name, user.email = first_name, last_name, email
    return profile


# --- the city's public page ---------------------------------------------------------------


def city_publication_set(*, city: City, by, publish_plan: bool, publish_proposals: bool) -> City:
    """Choose what the city's public page shows besides its status and stages: the plan, the
    children's proposals. The city's office or its programme's coordinators. Side effects: a
    `CityPublicationChange` row when the choice changes (saving the same choice again changes
    nothing); the public pages' edition is raised on commit (`reporting.signals`, the city's
    save)."""
    if not can_publish_city(by, city):
        raise PermissionDenied
    with transaction.atomic():
        locked = City.objects.select_for_update().get(pk=city.pk)
        chosen = (bool(publish_plan), bool(publish_proposals))
        if chosen != (locked.publish_plan, locked.publish_proposals):
            locked.publish_plan, locked.publish_proposals = chosen
            locked.save(update_fields=["publish_plan", "publish_proposals"])
            CityPublicationChange.objects.create(
                city=locked, publish_plan=chosen[0], publish_proposals=chosen[1], by=by
            )
    city.publish_plan, city.publish_proposals = locked.publish_plan, locked.publish_proposals
    return locked


def city_joint_set(*, city: City, partner: City | None, by) -> City:
    """Make the city's candidacy held jointly with `partner` (None: by the city alone). The
    coordinators of its programme (`can_manage_city`). Refused with a `ValidationError` on
    `joint_with` when the model's rule refuses the partner (the city itself, another
    programme's, a chain), nothing written. Side effects: a `CityJointChange` row when the
    partner changes (the same partner again changes nothing); the lists' and the public pages'
    editions are raised on commit (the city's save): the partners' offices' scope follows."""
    if not can_manage_city(by, city):
        raise PermissionDenied
    with transaction.atomic():
        locked = City.objects.select_for_update().get(pk=city.pk)
        before = locked.joint_with
        if (partner and partner.pk) != locked.joint_with_id:
            locked.joint_with = partner
            locked.clean_joint_with()
            locked.save(update_fields=["joint_with"])
            CityJointChange.objects.create(
                city=locked, from_partner=before, to_partner=partner, by=by
            )
    city.joint_with = locked.joint_with
    return locked


# --- a programme's people ----------------------------------------------------------------


def set_password_url(user) -> str:
    """The absolute link by which a user chooses their password (Django's reset confirm)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _send_invitation(user_pk: int, assignment_pk: int, by_name: str) -> None:
    user = User.objects.get(pk=user_pk)
    assignment = RoleAssignment.objects.select_related("city", "programme").get(pk=assignment_pk)
    programme = assignment.programme or assignment.city.programme
    with translation.override(mail_language_of(user, programme=programme)):
        context = {
            "user": user,
            "role": assignment.get_role_display(),
            # Names as the pages show them, in the recipient's language.
            "place": _(str(assignment.city.name if assignment.city else programme.name)),
            "by_name": by_name,
            "link": set_password_url(user) if not user.has_usable_password() else "",
            "login_url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("login"),
        }
        subject = render_to_string("cities/invitation_subject.txt", context)
        body = render_to_string("cities/invitation_email.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def _username_for(email: str) -> str:
    base = email.split("@")[0][:140] or "user"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


def _role_scope(*, programme: Programme, role: str, city: City | None) -> dict:
    if role not in INVITABLE_ROLES:
        raise ValidationError({"role": _("Coordinators invite office staff or evaluators only.")})
    if role == Role.OFFICE:
        if city is None:
            raise ValidationError({"city": _("Choose the city whose office they work in.")})
        if city.programme_id != programme.pk:
            raise ValidationError({"city": _("Choose one of this programme's cities.")})
        return {"city": city, "programme": None}
    return {"city": None, "programme": programme}


def person_invite(
    *,
    programme: Programme,
    by,
    email: str,
    role: str,
    city: City | None = None,
    first_name: str = "",
    last_name: str = "",
) -> RoleAssignment:
    """Give someone an office role in one of the programme's cities, or the programme's
    evaluator role. Finds the account with this e-mail address or creates one without a
    password. Side effects: history row; after the commit, an e-mail in the person's language
    with a link to choose their password (for a new account) or to sign in."""
    if not can_manage_people(by, programme):
        raise PermissionDenied
    scope = _role_scope(programme=programme, role=role, city=city)
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": error.messages}) from error
    with transaction.atomic():
        matches = list(User.objects.select_for_update().filter(email__iexact=email)[:2])
        if len(matches) > 1:
            raise ValidationError(
                {"email": _("Several accounts use this address; ask an administrator.")}
            )
        if matches:
            user = matches[0]
            if not user.is_active:
                raise ValidationError(
                    {"email": _("This account is deactivated; ask an administrator.")}
                )
        else:
            user = User(
                username=_username_for(email),
                email=email,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
            )
            user.set_unusable_password()
            user.save()
            # A new account reads the programme's language until its owner chooses another.
            UserProfile.objects.create(user=user, language=programme.language)
        if RoleAssignment.objects.filter(user=user, role=role, **scope).exists():
            raise ValidationError(_("This person already has this role."))
        assignment = RoleAssignment.objects.create(user=user, role=role, **scope)
        RoleAssignmentChange.objects.create(
            programme=programme,
            person=user,
            action=RoleAssignmentChange.Action.INVITED,
            role=role,
            city=city if role == Role.OFFICE else None,
            by=by,
        )
        by_name = by.get_full_name() or by.get_username()
        transaction.on_commit(lambda: _send_invitation(user.pk, assignment.pk, by_name))
    return assignment


def _managed_assignment(assignment: RoleAssignment, programme: Programme, by) -> RoleAssignment:
    """The assignment, re-read with its row locked, once `by` may manage it here."""
    locked = (
        RoleAssignment.objects.select_for_update(of=("self",))
        .select_related("city")
        .get(pk=assignment.pk)
    )
    if not can_manage_role_assignment(by, locked, programme):
        raise PermissionDenied
    return locked


def role_assignment_change(
    *, assignment: RoleAssignment, programme: Programme, by, city: City
) -> RoleAssignment:
    """Move an office role to another city of the same programme. Side effect: history row."""
    with transaction.atomic():
        locked = _managed_assignment(assignment, programme, by)
        if locked.role != Role.OFFICE:
            raise ValidationError(_("Only an office role belongs to a city."))
        if city.programme_id != programme.pk:
            raise ValidationError({"city": _("Choose one of this programme's cities.")})
        if city.pk == locked.city_id:
            return locked
        if RoleAssignment.objects.filter(user=locked.user_id, role=locked.role, city=city).exists():
            raise ValidationError({"city": _("This person already works in that city's office.")})
        from_city = locked.city
        locked.city = city
        locked.save(update_fields=["city"])
        RoleAssignmentChange.objects.create(
            programme=programme,
            person_id=locked.user_id,
            action=RoleAssignmentChange.Action.MOVED,
            role=locked.role,
            city=city,
            from_city=from_city,
            by=by,
        )
    return locked


def role_assignment_end(*, assignment: RoleAssignment, programme: Programme, by) -> None:
    """End an office or evaluator role (the assignment is deleted). Side effect: history row."""
    with transaction.atomic():
        locked = _managed_assignment(assignment, programme, by)
        RoleAssignmentChange.objects.create(
            programme=programme,
            person_id=locked.user_id,
            action=RoleAssignmentChange.Action.ENDED,
            role=locked.role,
            city=locked.city,
            by=by,
        )
        locked.delete()


def user_deactivate(*, target, programme: Programme, by) -> None:
    """Deactivate an account whose every role is in this programme: it can no longer sign in;
    its roles and history stay. Side effect: history row."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=target.pk)
        if not can_deactivate_user(by, locked, programme):
            raise PermissionDenied
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        RoleAssignmentChange.objects.create(
            programme=programme,
            person=locked,
            action=RoleAssignmentChange.Action.DEACTIVATED,
            by=by,
        )


# --- a programme's lifecycle --------------------------------------------------------------


#: The statuses `programme_status_change` moves a programme to from each status (a handover
#: is `programme_hand_over`'s, from an open programme).
PROGRAMME_STATUS_MOVES = {
    Programme.Status.ACTIVE: (Programme.Status.SUSPENDED, Programme.Status.CLOSED),
    Programme.Status.HANDED_OVER: (Programme.Status.SUSPENDED, Programme.Status.CLOSED),
    Programme.Status.SUSPENDED: (Programme.Status.ACTIVE, Programme.Status.CLOSED),
    Programme.Status.CLOSED: (),
}


def programme_statuses_next(programme: Programme) -> tuple[str, ...]:
    """The statuses the programme may take now through `programme_status_change` (the rule the
    service checks and the admin's form offers)."""
    return PROGRAMME_STATUS_MOVES.get(programme.status, ())


def _programme_locked(programme: Programme, by) -> Programme:
    if not can_change_programme_status(by, programme):
        raise PermissionDenied
    return Programme.objects.select_for_update().get(pk=programme.pk)


def programme_status_change(
    *, programme: Programme, by, status: str, on: datetime.date | None = None, note: str = ""
) -> Programme:
    """Suspend, resume (active again) or close a programme (superusers). A suspended or closed
    programme is read-only (`permissions.programme_is_open`); its record and its cities'
    recognitions stay. Side effects: a `ProgrammeChange` row; the pages' editions are raised on
    commit (the programme's save)."""
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = _programme_locked(programme, by)
        if status not in programme_statuses_next(locked):
            raise ValidationError({"status": _("The programme cannot take this status now.")})
        ProgrammeChange(
            programme=locked, from_status=locked.status, to_status=status, on=on, note=note, by=by
        ).full_clean(exclude=["by"])
        ProgrammeChange.objects.create(
            programme=locked, from_status=locked.status, to_status=status, on=on, note=note, by=by
        )
        locked.status, locked.status_since = status, on
        if status == Programme.Status.CLOSED:
            locked.closed_on = on
        locked.save(update_fields=["status", "status_since", "closed_on"])
    return locked


def programme_hand_over(
    *, programme: Programme, by, to_body: str, coordinators=(), on=None, note: str = ""
) -> Programme:
    """Hand an open programme over to another coordinating body (superusers): the programme,
    its cities and their whole history go on under `to_body`. The outgoing coordinators' roles
    end and `coordinators` (the receiving body's people) are given the coordinator role, each
    with its `RoleAssignmentChange` row; offices and evaluators keep theirs. Side effect: a
    `ProgrammeChange` row with both bodies."""
    on = on or timezone.localdate()
    to_body = (to_body or "").strip()
    with transaction.atomic():
        locked = _programme_locked(programme, by)
        if not programme_is_open(locked):
            raise ValidationError(programme_closed_message(locked))
        if not to_body:
            raise ValidationError({"to_body": _("Name the body that takes the programme over.")})
        change = ProgrammeChange(
            programme=locked,
            from_status=locked.status,
            to_status=Programme.Status.HANDED_OVER,
            on=on,
            from_body=locked.coordinating_body,
            to_body=to_body,
            note=note,
            by=by,
        )
        change.full_clean(exclude=["by"])
        change.save()
        outgoing = RoleAssignment.objects.select_for_update().filter(
            programme=locked, role=Role.COORDINATOR
        )
        for assignment in outgoing:
            RoleAssignmentChange.objects.create(
                programme=locked,
                person_id=assignment.user_id,
                action=RoleAssignmentChange.Action.ENDED,
                role=Role.COORDINATOR,
                by=by,
            )
            assignment.delete()
        for user in coordinators:
            RoleAssignment.objects.create(user=user, role=Role.COORDINATOR, programme=locked)
            RoleAssignmentChange.objects.create(
                programme=locked,
                person=user,
                action=RoleAssignmentChange.Action.INVITED,
                role=Role.COORDINATOR,
                by=by,
            )
        locked.status, locked.status_since = Programme.Status.HANDED_OVER, on
        locked.coordinating_body = locked.handed_over_to = to_body
        locked.save(update_fields=["status", "status_since", "coordinating_body", "handed_over_to"])
    return locked
