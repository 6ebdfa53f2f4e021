from functools import partial

from .permissions import can_use_signoff_queue


def portal(request):
    """What the navigation may offer the signed-in user, answered by the predicates. Lazily:
    the template calls it only if it shows the navigation (the admin's pages do not), so a page
    reads the user's roles only when it needs them."""
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_signoff_queue": False}
    return {"nav_signoff_queue": partial(can_use_signoff_queue, user)}
