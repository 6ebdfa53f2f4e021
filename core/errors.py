"""How a service's refusal reaches the user."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def error_text(error: Exception) -> str:
    """One line for a message: every message of a `ValidationError`, or the error's text."""
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's validation errors beside the form's fields (or at its top)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        form.add_error(target, errors)
