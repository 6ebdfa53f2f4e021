"""Django's ModelBackend, with the signed-in user's row kept between requests in the cache under
the lists' edition (`core.editions`), which every change of a user's row but a sign-in's
`last_login` raises (`reporting.signals`): a deactivation, a new password or new flags made
through any app server count at the next request. The session is still read at every request
(signing out ends it at once), and so is whether the account may sign in. The user's Django
permissions (their own and their groups', which the admin asks on every page) are kept the same
way: a change of a user's groups or permissions, or of a group's, raises the edition too."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from .editions import TIMEOUT, kept_key, user_key


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

    def _get_permissions(self, user_obj, obj, from_name):
        """The user's (or their groups') permissions, kept under the lists' edition."""
        key = kept_key("perms", from_name, user_obj.pk)
        attribute = f"_{from_name}_perm_cache"
        if key is None or obj is not None or hasattr(user_obj, attribute):
            return super()._get_permissions(user_obj, obj, from_name)
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        perms = cache.get(key)
        if perms is None:
            perms = super()._get_permissions(user_obj, obj, from_name)
            cache.set(key, perms, TIMEOUT)
        setattr(user_obj, attribute, perms)
        return perms
