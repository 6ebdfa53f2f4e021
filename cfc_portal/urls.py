from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from reporting.views import (
    home,
    my_tasks,
    programme_charts,
    public_cities,
    public_programme,
    status_csv,
    status_xlsx,
    task_section,
)
from signin.views import SignInView

from .views import healthz

handler500 = "cfc_portal.views.server_error"

urlpatterns = [
    path("", public_cities, name="public-cities"),
    path("public/<slug:programme>/", public_programme, name="public-programme"),
    path("programmes/<slug:programme>/status.xlsx", status_xlsx, name="status-xlsx"),
    path("programmes/<slug:programme>/status.csv", status_csv, name="status-csv"),
    path("programmes/<slug:programme>/charts/", programme_charts, name="programme-charts"),
    path("home/", home, name="home"),
    path("tasks/", my_tasks, name="tasks"),
    path("tasks/<slug:section>/", task_section, name="task-section"),
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("core.accounts.urls")),
    path("", include("notifications.urls")),
    path("accounts/", include("signin.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("stakeholders.urls")),
    path("", include("candidacy.urls")),
]
