"""Django's ModelBackend, with the signed-in user's row kept between requests in the cache under
the lists' edition (`core.editions`), which every change of a user's row but a sign-in's
`last_login` raises (`reporting.signals`): a deactivation, a new password or new flags made
through any app server count at the next request. The session is still read at every request
(signing out ends it at once), and so is whether the account may sign in."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from .editions import TIMEOUT, user_key


class KeptUserBackend(ModelBackend):
    def get_user(self, user_id):
        key = user_key(user_id)
        if key is None:
            return super().get_user(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)  # None for an account that may not sign in
            if user is not None:
                cache.set(key, user, TIMEOUT)
            return user
        return user if self.user_can_authenticate(user) else None
