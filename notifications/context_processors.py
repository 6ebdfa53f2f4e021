from functools import partial

from .selectors import unread_count_kept


def inbox(request):
    """The navigation's unread count, lazily: the template calls it only where it shows the
    navigation to a signed-in user, so other pages pay nothing for it; kept under the inbox's
    edition, read with the session (`notifications.selectors.unread_count_kept`)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_unread": 0}
    return {"nav_unread": partial(unread_count_kept, user)}
