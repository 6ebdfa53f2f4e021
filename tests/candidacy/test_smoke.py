import pytest

from candidacy import services
from candidacy.models import StageState


@pytest.mark.django_db
def test_first_stage_opens_and_can_be_submitted(world):
    stage = world.stage(world.city_a, "office")
    assert stage.state == StageState.OPEN
    services.stage_save_draft(progress=stage, by=world.office_a, narrative="Office formed")
    services.stage_submit(progress=stage, by=world.office_a)
    services.stage_approve(progress=world.stage(world.city_a, "office"), by=world.coordinator_a)
    assert world.stage(world.city_a, "joint").state == StageState.OPEN
