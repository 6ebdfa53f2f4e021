"""The language a user chose in their profile, applied when they sign in: the signal activates
it for the request and asks the middleware to keep it in the language cookie, which Django's
LocaleMiddleware (and the navbar's language buttons) use from then on."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from .services import language_of

CHOSEN = "cfc_language_chosen"


def language_remember(request, language: str) -> None:
    """Use this language for the rest of the request and keep it in the cookie."""
    translation.activate(language)
    request.LANGUAGE_CODE = language
    setattr(request, CHOSEN, language)


def apply_language_on_login(sender, request, user, **kwargs):
    """`user_logged_in` receiver: the user's own language, if they chose one."""
    language = language_of(user)
    if request is not None and language:
        language_remember(request, language)


class UserLanguageMiddleware:
    """Sets the language cookie when a view chose a language for the user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = getattr(request, CHOSEN, None)
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
