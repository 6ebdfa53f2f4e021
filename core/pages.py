"""The one form page of the portal, used by every app's edit pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from .errors import add_service_errors
from .versions import StaleEdit

FORM_TEMPLATE = "core/form.html"


def bound_data(request) -> tuple[Any, Any]:
    """The form's data and files on a POST (even an empty one), `(None, None)` on a GET."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def form_page(
    request,
    *,
    form,
    write: Callable[[dict], Any],
    success_message: str,
    next_url: Callable[[Any], str],
    context: dict,
    template: str = FORM_TEMPLATE,
):
    """Show the form (GET), or validate it, call the service and redirect.

    `write(cleaned_data)` calls the service and returns what it wrote; `next_url(result)` is
    where to go next. A refused submit (invalid form, or a `ValidationError` from the service,
    which includes a workflow refusal) is shown again with what was typed, the errors beside
    the fields and a summary at the top, with status 400; nothing is written. A save from a
    page someone else's save overtook (`core.versions.StaleEdit`) is refused with status 409,
    the stored values listed above the form and what was typed kept in it.

    `context` fills the page: `city`, `title`, `back` (the cancel link) and `crumbs` (a list
    of `(url, label)` between the city and the title); `action` if the form posts elsewhere.
    """

    def render_form(status=200):
        return render(request, template, {"form": form, **context}, status=status)

    if request.method != "POST":
        return render_form()
    status = 400
    if form.is_valid():
        try:
            result = write(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            if isinstance(error, StaleEdit) and hasattr(form, "show_stored"):
                form.show_stored(error.current)
                status = 409
        else:
            messages.success(request, success_message)
            return redirect(next_url(result))
    return render_form(status=status)
