"""Document storages that fail as a full or read-only MEDIA_ROOT does, for the tests."""

from django.core.files.storage import InMemoryStorage
from django.test import override_settings


class UnwritableStorage(InMemoryStorage):
    """Takes no new file (disk full)."""

    def _save(self, name, content):
        raise OSError(28, "No space left on device")


class UndeletableStorage(InMemoryStorage):
    """Deletes nothing (read-only file system)."""

    def delete(self, name):
        raise OSError(30, "Read-only file system")


def failing_storage(storage_class: type):
    """Settings under which every document field uses `storage_class`."""
    return override_settings(
        STORAGES={
            "default": {"BACKEND": f"{storage_class.__module__}.{storage_class.__qualname__}"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    )
