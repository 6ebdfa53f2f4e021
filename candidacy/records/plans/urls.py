"""The pages of the situation analysis, the plans and the review rounds, included by
`candidacy.records.urls` under a stage's record address (namespace `candidacy`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("gaps/add/", views.gap_add, name="record-gap-add"),
    path("gaps/<int:pk>/", views.gap_edit, name="record-gap-edit"),
    path("gaps/<int:pk>/delete/", views.gap_delete, name="record-gap-delete"),
    path("self-assessment/", views.self_assessment_edit, name="record-self-assessment"),
    path("strategic-plan/", views.strategic_plan_edit, name="record-strategic-plan"),
    path("plan-goals/add/", views.goal_add, name="record-goal-add"),
    path("plan-goals/<int:pk>/", views.goal_edit, name="record-goal-edit"),
    path("plan-goals/<int:pk>/delete/", views.goal_delete, name="record-goal-delete"),
    path("operational-plans/add/", views.operational_plan_add, name="record-operational-plan-add"),
    path(
        "operational-plans/<int:pk>/",
        views.operational_plan_edit,
        name="record-operational-plan-edit",
    ),
    path(
        "operational-plans/<int:pk>/delete/",
        views.operational_plan_delete,
        name="record-operational-plan-delete",
    ),
    path("plan-actions/add/", views.action_add, name="record-action-add"),
    path("plan-actions/<int:pk>/", views.action_edit, name="record-action-edit"),
    path("plan-actions/<int:pk>/delete/", views.action_delete, name="record-action-delete"),
    path("review-round/", views.review_round_edit, name="record-review-round"),
]
