"""The record pages, included by `candidacy.urls` under a stage's address (namespace
`candidacy`): the pages every kind with a record or rows shares, then each kind's own."""

from django.urls import path

from . import kinds, views

urlpatterns = [
    path("", views.record_edit, name="record-edit"),
    path("rows/add/", views.row_add, name="record-row-add"),
    path("rows/<int:pk>/", views.row_edit, name="record-row-edit"),
    path("rows/<int:pk>/delete/", views.row_delete, name="record-row-delete"),
    *(pattern for kind in kinds.KINDS for pattern in kind.urlpatterns),
]
