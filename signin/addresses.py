"""The address a sign-in comes from, for throttling (settings.AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind `SIGNIN_TRUSTED_PROXIES` reverse proxies
    the entry of X-Forwarded-For that the outermost of them appended.

    Each trusted proxy appends the address it received the request from, so the client's
    address is the n-th entry from the right; whatever a client wrote to the left of it is
    ignored, so nobody can choose the address they are counted under. A request with fewer
    entries than proxies did not come through them all, and counts under REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.SIGNIN_TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
