"""The evaluation's pages, included by `candidacy.records.urls` under a stage's record
(namespace `candidacy`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("evaluation/", views.evaluation_edit, name="evaluation-edit"),
    path("conditions/<int:pk>/", views.condition_detail, name="evaluation-condition"),
]
