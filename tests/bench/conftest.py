"""The tiny world of `manage.py load_world`, for this directory's tests."""

from tests.worlds import tiny_world  # noqa: F401 - a fixture
