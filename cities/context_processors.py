from .permissions import can_use_signoff_queue


def portal(request):
    """What the navigation may offer the signed-in user, answered by the predicates."""
    user = getattr(request, "user", None)
    return {"nav_signoff_queue": user is not None and can_use_signoff_queue(user)}
