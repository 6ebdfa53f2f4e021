"""Helpers that move a city of the `world` fixture through its pipeline with the real services,
as the people of each role would, and take a snapshot of the workflow tables to prove that a
refused request changed nothing."""

from __future__ import annotations

from candidacy import services
from candidacy.models import (
    Candidacy,
    Evidence,
    Preparer,
    SignOff,
    StageProgress,
    StageState,
    Transition,
)
from cities.roles import Role
from demo.testing import complete_record

#: A small but real PDF document (header, one empty page object, trailer).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)

NARRATIVE = "The municipality formed its CFC office under the national directive."
RETURN_COMMENT = "Attach the decree that established the office."


def office_of(world, city):
    return {
        world.city_a.pk: world.office_a,
        world.city_a2.pk: world.office_a2,
        world.city_b.pk: world.office_b,
    }[city.pk]


def coordinator_of(world, city):
    return world.coordinator_a if city.programme_id == world.programme_a.pk else world.coordinator_b


def evaluator_of(world, city):
    return world.evaluator_a if city.programme_id == world.programme_a.pk else world.evaluator_b


def preparer(world, progress: StageProgress):
    city = progress.candidacy.city
    return {
        Preparer.CITY: office_of,
        Preparer.COORDINATOR: coordinator_of,
        Preparer.EVALUATOR: evaluator_of,
    }[progress.definition.prepared_by](world, city)


def signatories(world, progress: StageProgress) -> list:
    city = progress.candidacy.city
    users = []
    if Role.COORDINATOR in progress.definition.signatory_roles:
        users.append(coordinator_of(world, city))
    if Role.EVALUATOR in progress.definition.signatory_roles:
        users.append(evaluator_of(world, city))
    return users


def reload(world, progress: StageProgress) -> StageProgress:
    return world.stage(progress.candidacy.city, progress.definition.key)


def submit(world, progress: StageProgress, narrative: str = NARRATIVE) -> StageProgress:
    by = preparer(world, progress)
    services.stage_save_draft(progress=progress, by=by, narrative=narrative)
    complete_record(progress, by=by)
    services.stage_submit(progress=progress, by=by)
    return reload(world, progress)


def approve(world, progress: StageProgress) -> StageProgress:
    """Submit the stage if it is not yet submitted, then have every signatory approve it."""
    if progress.state != StageState.SUBMITTED:
        progress = submit(world, progress)
    for user in signatories(world, progress):
        services.stage_approve(progress=reload(world, progress), by=user)
    return reload(world, progress)


def give_back(world, progress: StageProgress, comment: str = RETURN_COMMENT) -> StageProgress:
    if progress.state != StageState.SUBMITTED:
        progress = submit(world, progress)
    services.stage_return(progress=progress, by=signatories(world, progress)[0], comment=comment)
    return reload(world, progress)


def bring(world, city, key: str, state: str) -> StageProgress:
    """Approve every stage before `key`, then bring `key` to `state` (open, submitted, returned
    or approved). An approved ongoing review reopens at once for its next round."""
    candidacy = Candidacy.objects.get(city=city)
    stages = list(candidacy.stages.select_related("definition").order_by("definition__position"))
    for stage in stages:
        if stage.definition.key == key:
            break
        stage = world.stage(city, stage.definition.key)
        if stage.state != StageState.APPROVED:
            approve(world, stage)
    progress = world.stage(city, key)
    if state == StageState.SUBMITTED:
        return submit(world, progress)
    if state == StageState.RETURNED:
        return give_back(world, progress)
    if state == StageState.APPROVED:
        return approve(world, progress)
    assert progress.state == state, (progress.state, state)
    return progress


def snapshot() -> dict:
    """Everything a workflow request could change, to compare before and after."""
    return {
        "stages": sorted(
            StageProgress.objects.values_list("pk", "state", "round", "narrative", "submitted_at")
        ),
        "transitions": Transition.objects.count(),
        "signoffs": sorted(SignOff.objects.values_list("pk", "progress_id", "role")),
        "evidence": sorted(Evidence.objects.values_list("pk", "progress_id")),
        "candidacies": sorted(
            Candidacy.objects.values_list(
                "pk", "candidate_since", "recognised_until", "withdrawn_on"
            )
        ),
    }
