from django.urls import path

from . import views

app_name = "stakeholders"

_CITY = "cities/<slug:city>/stakeholders/"

urlpatterns = [
    path(_CITY, views.city_stakeholders, name="city"),
    path(f"{_CITY}councils/add/", views.council_add, name="council-add"),
    path(f"{_CITY}councils/<int:pk>/", views.council_detail, name="council"),
    path(f"{_CITY}councils/<int:pk>/edit/", views.council_edit, name="council-edit"),
    path(f"{_CITY}councils/<int:pk>/members/add/", views.member_add, name="member-add"),
    path(
        f"{_CITY}councils/<int:pk>/members/<int:member>/edit/",
        views.member_edit,
        name="member-edit",
    ),
    path(
        f"{_CITY}councils/<int:pk>/members/<int:member>/remove/",
        views.member_remove,
        name="member-remove",
    ),
    path(f"{_CITY}organisations/add/", views.organisation_add, name="organisation-add"),
    path(
        f"{_CITY}organisations/<int:pk>/edit/",
        views.organisation_edit,
        name="organisation-edit",
    ),
]
