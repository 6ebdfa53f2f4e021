"""The atlas's pages, included by `candidacy.records.urls` (namespace `candidacy`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.atlas, name="atlas"),
    path("grid/", views.atlas_grid, name="atlas-grid"),
    path("import/", views.atlas_import, name="atlas-import"),
    path("template.csv", views.atlas_template, name="atlas-template"),
    path("boundaries/", views.atlas_boundaries, name="atlas-boundaries"),
]
