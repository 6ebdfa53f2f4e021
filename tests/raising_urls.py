"""The portal's URLs plus pages that fail on purpose, for the tests of the failure pages."""

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.urls import path

from cfc_portal.urls import handler500
from cfc_portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def broken(request):
    raise RuntimeError("a bug")


def database_gone(request):
    raise OperationalError("server closed the connection unexpectedly")


def refused(request):
    raise PermissionDenied("Only the city's CFC office manages its councils and members.")


urlpatterns = [
    path("test/broken/", broken),
    path("test/database-gone/", database_gone),
    path("test/refused/", refused),
    *portal_urlpatterns,
]
