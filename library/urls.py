from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("programmes/<slug:programme>/good-practice/", views.curation, name="curation"),
    path(
        "programmes/<slug:programme>/good-practice/initiatives/<int:initiative>/",
        views.curate,
        name="curate",
    ),
]
