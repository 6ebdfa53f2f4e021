"""The portal's URLs with a public page per city (`public-city`), as issue 12 will add it: the
map's links switch to it by themselves (`reporting.selectors.public_city_urls`)."""

from django.http import HttpResponse
from django.urls import path

from cfc_portal.urls import urlpatterns as portal

urlpatterns = [
    path(
        "public/<slug:programme>/<slug:city>/",
        lambda request, programme, city: HttpResponse(city),
        name="public-city",
    ),
    *portal,
]
