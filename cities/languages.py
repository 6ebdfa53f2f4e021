"""The language a user chose in their profile, applied when they sign in: the signal activates
it for the request and asks the middleware to keep it in the language cookie, which Django's
LocaleMiddleware (and the navbar's language buttons) use from then on."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

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


def reader_asks_for_a_language(request) -> bool:
    """Whether the request names a language of ours: the signed-in user's, the language cookie
    (the navbar's buttons set it) or the browser's Accept-Language."""
    if request.user.is_authenticated or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return True
    for language, _quality in parse_accept_lang_header(request.headers.get("accept-language", "")):
        if language == "*":
            break
        try:
            translation.get_supported_language_variant(language)
        except LookupError:
            continue
        return True
    return False


def programme_language_apply(request, programme) -> None:
    """A programme's public page reads in the programme's language (`Programme.language`) for
    a reader who asks for none of ours; the cookie is left alone."""
    if not reader_asks_for_a_language(request):
        translation.activate(programme.language)
        request.LANGUAGE_CODE = programme.language


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
