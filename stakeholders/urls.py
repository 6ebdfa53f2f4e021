from django.urls import path

from . import views

app_name = "stakeholders"

_CITY = "cities/<slug:city>/stakeholders/"
_COUNCIL = f"{_CITY}councils/<int:pk>/"
_MEMBER = f"{_COUNCIL}members/<int:member>/"
_SESSION = f"{_COUNCIL}sessions/<int:session>/"
_PROPOSAL = f"{_COUNCIL}proposals/<int:proposal>/"
_MEMORANDUM = f"{_CITY}memoranda/<int:pk>/"
_COMMITMENT = f"{_MEMORANDUM}commitments/<int:commitment>/"

urlpatterns = [
    path(_CITY, views.city_stakeholders, name="city"),
    path(f"{_CITY}history/", views.history, name="history"),
    # councils and their members
    path(f"{_CITY}councils/add/", views.council_add, name="council-add"),
    path(_COUNCIL, views.council_detail, name="council"),
    path(f"{_COUNCIL}edit/", views.council_edit, name="council-edit"),
    path(f"{_COUNCIL}comments/add/", views.council_comment, name="council-comment"),
    path(f"{_COUNCIL}members/add/", views.member_add, name="member-add"),
    path(f"{_MEMBER}edit/", views.member_edit, name="member-edit"),
    path(f"{_MEMBER}replace/", views.member_replace, name="member-replace"),
    path(f"{_MEMBER}remove/", views.member_remove, name="member-remove"),
    # organisations
    path(f"{_CITY}organisations/add/", views.organisation_add, name="organisation-add"),
    path(
        f"{_CITY}organisations/<int:pk>/edit/",
        views.organisation_edit,
        name="organisation-edit",
    ),
    # children's participation
    path(f"{_COUNCIL}participation/", views.participation, name="participation"),
    path(f"{_COUNCIL}participation/make-up/", views.makeup_edit, name="makeup"),
    path(f"{_COUNCIL}sessions/add/", views.session_add, name="session-add"),
    path(f"{_SESSION}edit/", views.session_edit, name="session-edit"),
    path(f"{_SESSION}minutes/", views.session_minutes, name="session-minutes"),
    path(f"{_COUNCIL}proposals/add/", views.proposal_add, name="proposal-add"),
    path(_PROPOSAL, views.proposal_detail, name="proposal"),
    path(f"{_PROPOSAL}edit/", views.proposal_edit, name="proposal-edit"),
    path(f"{_PROPOSAL}answer/", views.proposal_answer, name="proposal-answer"),
    path(f"{_PROPOSAL}comments/add/", views.proposal_comment, name="proposal-comment"),
    path("cities/<slug:city>/you-said-we-did/", views.you_said_we_did, name="you-said-we-did"),
    # memoranda and commitments
    path(f"{_CITY}memoranda/", views.memoranda, name="memoranda"),
    path(f"{_CITY}memoranda/add/", views.memorandum_add, name="memorandum-add"),
    path(_MEMORANDUM, views.memorandum_detail, name="memorandum"),
    path(f"{_MEMORANDUM}edit/", views.memorandum_edit, name="memorandum-edit"),
    path(f"{_MEMORANDUM}document/", views.memorandum_document, name="memorandum-document"),
    path(f"{_MEMORANDUM}comments/add/", views.memorandum_comment, name="memorandum-comment"),
    path(f"{_MEMORANDUM}commitments/add/", views.commitment_add, name="commitment-add"),
    path(f"{_COMMITMENT}edit/", views.commitment_edit, name="commitment-edit"),
    path(f"{_COMMITMENT}status/", views.commitment_status, name="commitment-status"),
    path(f"{_COMMITMENT}evidence/", views.commitment_evidence, name="commitment-evidence"),
]
