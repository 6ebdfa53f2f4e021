from django.urls import path

from . import views

urlpatterns = [
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/password_change/", views.password_change, name="password_change"),
    path(
        "accounts/password_change/done/",
        views.password_change_done,
        name="password_change_done",
    ),
    path("accounts/password_reset/", views.password_reset, name="password_reset"),
    path("accounts/password_reset/done/", views.password_reset_done, name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("programmes/<slug:programme>/people/", views.people, name="people"),
    path("programmes/<slug:programme>/people/invite/", views.person_invite, name="people-invite"),
    path(
        "programmes/<slug:programme>/people/assignments/<int:pk>/",
        views.assignment_change,
        name="people-assignment",
    ),
    path(
        "programmes/<slug:programme>/people/assignments/<int:pk>/end/",
        views.assignment_end,
        name="people-assignment-end",
    ),
    path(
        "programmes/<slug:programme>/people/users/<int:pk>/deactivate/",
        views.user_deactivate,
        name="people-deactivate",
    ),
]
