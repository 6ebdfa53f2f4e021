"""The record pages, included by `candidacy.urls` under a stage's address (namespace
`candidacy`)."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.record_edit, name="record-edit"),
    path("rows/add/", views.row_add, name="record-row-add"),
    path("rows/<int:pk>/", views.row_edit, name="record-row-edit"),
    path("rows/<int:pk>/delete/", views.row_delete, name="record-row-delete"),
    path("atlas/", include("candidacy.records.atlas.urls")),
    path("", include("candidacy.records.evaluations.urls")),
    path("", include("candidacy.records.plans.urls")),
]
