from functools import partial

from .tasks import nav_task_count


def tasks(request):
    """The navigation's count of the user's tasks, lazily: the template calls it only if it
    shows the navigation (and the user is signed in), and it costs one query while the user's
    count is kept (`reporting.tasks.task_count`)."""
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_task_count": None}
    return {"nav_task_count": partial(nav_task_count, user)}
