"""django-otp's middleware, with the device that verified a session kept between requests in
the cache under the lists' edition (`core.editions`), which every save or removal of a device
raises (`signin.apps`): a device removed or unconfirmed through any app server stops
verifying the session at its next request. Whether the device is the user's and confirmed is
still checked at every request (django-otp's `_finalize_device`)."""

from __future__ import annotations

from django.core.cache import cache
from django_otp.middleware import OTPMiddleware

from core.editions import TIMEOUT, kept_key


class KeptDeviceOTPMiddleware(OTPMiddleware):
    def _device_from_persistent_id(self, persistent_id: str):
        key = kept_key("otp-device", persistent_id)
        if key is None:
            return super()._device_from_persistent_id(persistent_id)
        device = cache.get(key)
        if device is None:
            device = super()._device_from_persistent_id(persistent_id)
            if device is not None:
                cache.set(key, device, TIMEOUT)
        return device
