from django.urls import path

from . import views

app_name = "stakeholders"

urlpatterns = [
    path("cities/<slug:city>/stakeholders/", views.city_stakeholders, name="city"),
]
