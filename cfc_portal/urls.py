from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from reporting.city_record import city_record_zip
from reporting.library import library, library_entry
from reporting.public_city import public_city, public_city_report, publication_settings
from reporting.views import (
    home,
    my_tasks,
    open_data_cities_csv,
    open_data_cities_json,
    open_data_page,
    open_data_programmes_json,
    programme_charts,
    public_cities,
    public_map,
    public_programme,
    public_programme_map,
    status_csv,
    status_xlsx,
    task_section,
)
from signin.views import SignInView

from .views import healthz

handler500 = "cfc_portal.views.server_error"

urlpatterns = [
    path("", public_cities, name="public-cities"),
    path("public/map.json", public_map, name="public-map"),
    path("public/<slug:programme>/", public_programme, name="public-programme"),
    path("good-practice/", library, name="good-practice"),
    path("good-practice/<int:entry>/", library_entry, name="good-practice-entry"),
    path("public/<slug:programme>/map.json", public_programme_map, name="public-programme-map"),
    path("public/<slug:programme>/<slug:city>/", public_city, name="public-city"),
    path(
        "public/<slug:programme>/<slug:city>/report/",
        public_city_report,
        name="public-city-report",
    ),
    path("cities/<slug:city>/public-page/", publication_settings, name="city-publication"),
    path("cities/<slug:city>/record.zip", city_record_zip, name="city-record"),
    path("programmes/<slug:programme>/status.xlsx", status_xlsx, name="status-xlsx"),
    path("programmes/<slug:programme>/status.csv", status_csv, name="status-csv"),
    path("programmes/<slug:programme>/charts/", programme_charts, name="programme-charts"),
    path("open-data/", open_data_page, name="open-data"),
    path("open-data/cities.csv", open_data_cities_csv, name="open-data-cities-csv"),
    path("open-data/cities.json", open_data_cities_json, name="open-data-cities-json"),
    path("open-data/programmes.json", open_data_programmes_json, name="open-data-programmes-json"),
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
    path("", include("library.urls")),
    path("", include("candidacy.urls")),
]
