"""The static files' storage of production (settings.base STORAGES)."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed static files, with each file's URL worked out once per
    process: the manifest is read when the process starts and never changes while it runs (a
    release restarts the workers), so `{% static %}` need not look the name up, clean it and
    join it to STATIC_URL again on every page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
