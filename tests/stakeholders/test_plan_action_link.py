"""A children's proposal names the action of the city's operational plans that carries it out
(`ChildrenProposal.plan_action`, a string reference to the candidacy app's `PlanAction`): only
the city's own actions are offered and accepted, and the proposal page and "You said, we did"
show it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidacy.models import (
    GoalArea,
    OperationalPlan,
    PlanAction,
    StrategicGoal,
    StrategicPlan,
)
from stakeholders import services
from stakeholders.forms import ProposalAnswerForm
from stakeholders.models import ChildrenProposal, StakeholderChange

pytestmark = pytest.mark.django_db


def plan_action(city, title, *, year=2023) -> PlanAction:
    """An action of the city's operational plan for `year` (the plan hangs on the city's first
    stage: the link only follows action → plan → stage → candidacy → city)."""
    progress = city.candidacy.stages.order_by("definition__position").first()
    plan = StrategicPlan.objects.create(
        progress=progress, start_year=2022, end_year=2026, vision="Every child safe and heard."
    )
    goal = StrategicGoal.objects.create(plan=plan, title="Play close to home")
    operational = OperationalPlan.objects.create(plan=plan, year=year)
    return PlanAction.objects.create(
        operational_plan=operational,
        title=title,
        goal=goal,
        goal_area=GoalArea.FAMILY_PLAY_LEISURE,
        responsible_organisation="Green Space Organization",
        starts_on=datetime.date(year, 3, 21),
        ends_on=datetime.date(year, 12, 20),
        budget=Decimal("1000"),
        currency="IRR",
        children_participation="The children's council chose the equipment.",
        indicator="Shaded playgrounds",
        target="10",
    )


@pytest.fixture
def actions(world):
    own = plan_action(world.city_a, "Shade sails in ten playgrounds")
    foreign = plan_action(world.city_b, "Skate park on the riverbank")
    return own, foreign


def _answer_url(proposal):
    council = proposal.council
    return reverse(
        "stakeholders:proposal-answer",
        kwargs={"city": council.city.slug, "pk": council.pk, "proposal": proposal.pk},
    )


def _answer(**changes):
    data = {
        "status": "implemented",
        "answer": "Shade sails were put up in ten playgrounds.",
        "answered_on": "2024-09-01",
        "responsible_organisation": "",
        "plan_action": "",
    }
    return {**data, **changes}


def test_the_answer_form_offers_only_the_citys_plan_actions(
    client, world, participation_a, actions
):
    own, _foreign = actions
    form = ProposalAnswerForm(instance=participation_a.proposal)
    assert list(form.fields["plan_action"].queryset) == [own]
    client.force_login(world.office_a)
    page = client.get(_answer_url(participation_a.proposal)).text
    assert "Shade sails in ten playgrounds (2023)" in page
    assert "Skate park on the riverbank" not in page


def test_another_citys_plan_action_is_refused(client, world, participation_a, actions):
    """A tampered POST naming another city's plan action: refused on its field with what was
    typed kept, and nothing saved (no change to the proposal, no history row)."""
    _own, foreign = actions
    proposal = participation_a.proposal
    client.force_login(world.office_a)
    history = StakeholderChange.objects.count()
    response = client.post(_answer_url(proposal), _answer(plan_action=foreign.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["plan_action"] == [
        "Choose an action of this city's own plans."
    ]
    assert "Shade sails were put up in ten playgrounds." in response.text
    proposal.refresh_from_db()
    assert (proposal.status, proposal.answer, proposal.plan_action) == ("received", "", None)
    assert StakeholderChange.objects.count() == history


def test_the_service_refuses_another_citys_plan_action(world, participation_a, actions):
    _own, foreign = actions
    with pytest.raises(ValidationError) as error:
        services.proposal_answer(
            proposal=participation_a.proposal,
            by=world.office_a,
            status="accepted",
            answer="Planned.",
            plan_action=foreign,
        )
    assert "plan_action" in error.value.error_dict
    assert ChildrenProposal.objects.get(pk=participation_a.proposal.pk).plan_action is None


def test_the_linked_action_shows_on_the_proposal_and_you_said_we_did(
    client, world, participation_a, actions
):
    own, _foreign = actions
    proposal = participation_a.proposal
    client.force_login(world.office_a)
    response = client.post(_answer_url(proposal), _answer(plan_action=own.pk))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.plan_action == own
    shown = "Carried out by the plan action: Shade sails in ten playgrounds (2023)"
    council = proposal.council
    page = client.get(
        reverse(
            "stakeholders:proposal",
            kwargs={"city": "city-a", "pk": council.pk, "proposal": proposal.pk},
        )
    ).text
    assert shown in page
    for user in (world.office_a, world.coordinator_a, world.evaluator_a):
        client.force_login(user)
        page = client.get(reverse("stakeholders:you-said-we-did", args=["city-a"])).text
        assert shown in page


def test_removing_the_action_keeps_the_proposal(world, participation_a, actions):
    own, _foreign = actions
    proposal = services.proposal_answer(
        proposal=participation_a.proposal,
        by=world.office_a,
        status="accepted",
        answer="Planned for next year.",
        plan_action=own,
    )
    own.delete()
    proposal.refresh_from_db()
    assert proposal.plan_action is None
