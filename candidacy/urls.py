from django.urls import include, path

from . import framework_views, round_views, views

app_name = "candidacy"

urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("programmes/<slug:programme>/", views.programme_overview, name="overview"),
    path(
        "programmes/<slug:programme>/frameworks/<slug:kind>/",
        framework_views.framework_versions,
        name="framework-versions",
    ),
    path(
        "programmes/<slug:programme>/frameworks/<slug:kind>/compare/",
        framework_views.framework_compare,
        name="framework-compare",
    ),
    path("cities/<slug:city>/", views.city_detail, name="city"),
    path("cities/<slug:city>/dossier.pdf", views.city_dossier, name="city-dossier"),
    path("cities/<slug:city>/conflict/", views.conflict_declare, name="conflict"),
    path("cities/<slug:city>/districts/<int:number>/", views.district_detail, name="district"),
    path("cities/<slug:city>/withdraw/", views.candidacy_withdraw, name="candidacy-withdraw"),
    path("cities/<slug:city>/stages/<slug:stage>/", views.stage_detail, name="stage"),
    path("cities/<slug:city>/stages/<slug:stage>/save/", views.stage_save, name="stage-save"),
    path("cities/<slug:city>/stages/<slug:stage>/decide/", views.stage_decide, name="stage-decide"),
    path("cities/<slug:city>/stages/<slug:stage>/reopen/", views.stage_reopen, name="stage-reopen"),
    path("cities/<slug:city>/stages/<slug:stage>/recall/", views.stage_recall, name="stage-recall"),
    path(
        "cities/<slug:city>/stages/<slug:stage>/comments/",
        views.stage_comment,
        name="stage-comment",
    ),
    path(
        "cities/<slug:city>/stages/<slug:stage>/evidence/",
        views.evidence_upload,
        name="evidence-upload",
    ),
    path(
        "cities/<slug:city>/stages/<slug:stage>/evidence/<int:pk>/",
        views.evidence_download,
        name="evidence-download",
    ),
    path(
        "cities/<slug:city>/stages/<slug:stage>/evidence/<int:pk>/delete/",
        views.evidence_delete,
        name="evidence-delete",
    ),
    path("cities/<slug:city>/stages/<slug:stage>/record/", include("candidacy.records.urls")),
]

urlpatterns += [
    path("programmes/<slug:programme>/rounds/", round_views.round_list, name="rounds"),
    path("programmes/<slug:programme>/rounds/<int:pk>/", round_views.round_report, name="round"),
    path(
        "programmes/<slug:programme>/rounds/<int:pk>/edit/",
        round_views.round_edit,
        name="round-edit",
    ),
]
