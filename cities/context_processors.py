from .permissions import roles_of, scope_of


def portal(request):
    """The signed-in user's roles, for the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal_roles": set()}
    scope = scope_of(user)
    return {"portal_roles": roles_of(user), "portal_scope": scope}
