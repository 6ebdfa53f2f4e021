from django.urls import path

from . import views

app_name = "signin"

urlpatterns = [
    path("two-factor/", views.two_factor, name="two-factor"),
]
