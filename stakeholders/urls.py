"""The stakeholders' pages. Every one of them is part of the city's dossier: each finds its city
through `candidacy.lookups.visible_dossier_city` (`permissions.can_read_dossier`), and each is
wrapped here in `declare_first`, as the stage pages are: an evaluator who has not declared
whether they have a conflict of interest with the city is sent to the declaration, a recused
one gets 403."""

from django.urls import path as _path

from candidacy.lookups import declare_first

from .views import common, councils, memoranda, participation

app_name = "stakeholders"

_CITY = "cities/<slug:city>/stakeholders/"
_COUNCIL = f"{_CITY}councils/<int:pk>/"
_MEMBER = f"{_COUNCIL}members/<int:member>/"
_SESSION = f"{_COUNCIL}sessions/<int:session>/"
_PROPOSAL = f"{_COUNCIL}proposals/<int:proposal>/"
_MEMORANDUM = f"{_CITY}memoranda/<int:pk>/"
_COMMITMENT = f"{_MEMORANDUM}commitments/<int:commitment>/"


def path(route, view, *, name):
    """`django.urls.path` for a page of the city's dossier (see above)."""
    return _path(route, declare_first(view), name=name)


urlpatterns = [
    path(_CITY, councils.city_stakeholders, name="city"),
    path(f"{_CITY}history/", common.history, name="history"),
    # councils and their members
    path(f"{_CITY}councils/add/", councils.council_add, name="council-add"),
    path(_COUNCIL, councils.council_detail, name="council"),
    path(f"{_COUNCIL}edit/", councils.council_edit, name="council-edit"),
    path(f"{_COUNCIL}comments/add/", councils.council_comment, name="council-comment"),
    path(f"{_COUNCIL}members/add/", councils.member_add, name="member-add"),
    path(f"{_MEMBER}edit/", councils.member_edit, name="member-edit"),
    path(f"{_MEMBER}replace/", councils.member_replace, name="member-replace"),
    path(f"{_MEMBER}remove/", councils.member_remove, name="member-remove"),
    # organisations
    path(f"{_CITY}organisations/add/", councils.organisation_add, name="organisation-add"),
    path(
        f"{_CITY}organisations/<int:pk>/edit/",
        councils.organisation_edit,
        name="organisation-edit",
    ),
    # children's participation
    path(f"{_COUNCIL}participation/", participation.participation, name="participation"),
    path(f"{_COUNCIL}participation/make-up/", participation.makeup_edit, name="makeup"),
    path(f"{_COUNCIL}sessions/add/", participation.session_add, name="session-add"),
    path(f"{_SESSION}edit/", participation.session_edit, name="session-edit"),
    path(f"{_SESSION}minutes/", participation.session_minutes, name="session-minutes"),
    path(f"{_COUNCIL}proposals/add/", participation.proposal_add, name="proposal-add"),
    path(_PROPOSAL, participation.proposal_detail, name="proposal"),
    path(f"{_PROPOSAL}edit/", participation.proposal_edit, name="proposal-edit"),
    path(f"{_PROPOSAL}answer/", participation.proposal_answer, name="proposal-answer"),
    path(f"{_PROPOSAL}comments/add/", participation.proposal_comment, name="proposal-comment"),
    path(
        "cities/<slug:city>/you-said-we-did/", participation.you_said_we_did, name="you-said-we-did"
    ),
    # memoranda and commitments
    path(f"{_CITY}memoranda/", memoranda.memoranda, name="memoranda"),
    path(f"{_CITY}memoranda/add/", memoranda.memorandum_add, name="memorandum-add"),
    path(_MEMORANDUM, memoranda.memorandum_detail, name="memorandum"),
    path(f"{_MEMORANDUM}edit/", memoranda.memorandum_edit, name="memorandum-edit"),
    path(f"{_MEMORANDUM}document/", memoranda.memorandum_document, name="memorandum-document"),
    path(f"{_MEMORANDUM}comments/add/", memoranda.memorandum_comment, name="memorandum-comment"),
    path(f"{_MEMORANDUM}commitments/add/", memoranda.commitment_add, name="commitment-add"),
    path(f"{_COMMITMENT}edit/", memoranda.commitment_edit, name="commitment-edit"),
    path(f"{_COMMITMENT}status/", memoranda.commitment_status, name="commitment-status"),
    path(f"{_COMMITMENT}evidence/", memoranda.commitment_evidence, name="commitment-evidence"),
]
