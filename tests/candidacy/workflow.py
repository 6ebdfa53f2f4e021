"""Moving a city's stages through its pipeline with the real services, as the people of each
role would (`StageWorld`, which the `world` fixture and the record worlds build on), and a
snapshot of the workflow tables to prove that a refused request changed nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django.urls import reverse

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
from demo.testing import complete_record

#: A small but real PDF document (header, one empty page object, trailer).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)

NARRATIVE = "The municipality formed its CFC office under the national directive."
RETURN_COMMENT = "Attach the decree that established the office."


@dataclass
class StageWorld:
    """Two programmes on the same stages, as `make_two_programmes` makes them, and moving a
    stage of theirs along through the workflow services as the person of each role would."""

    programme: object
    far_programme: object
    city: object
    other_city: object  # same programme
    far_city: object  # another programme
    office: object
    other_office: object
    far_office: object
    coordinator: object
    evaluator: object
    far_coordinator: object
    far_evaluator: object
    keys: list  # the programme's stage keys in order; the first is the default `key`

    # Whether `submit` first gives the stage a complete demo record.
    fills_records: ClassVar[bool] = True

    def stage(self, key=None, city=None) -> StageProgress:
        return StageProgress.objects.select_related(
            "definition", "candidacy__city__programme__country"
        ).get(candidacy__city=city or self.city, definition__key=key or self.keys[0])

    def _staff(self, progress) -> tuple:
        """The coordinator and the evaluator of the stage's programme."""
        if progress.candidacy.city.programme_id == self.far_programme.pk:
            return self.far_coordinator, self.far_evaluator
        return self.coordinator, self.evaluator

    def preparer(self, progress):
        """The stage's preparer: the office of its city, or its programme's coordinator or
        evaluator."""
        offices = {
            self.city.pk: self.office,
            self.other_city.pk: self.other_office,
            self.far_city.pk: self.far_office,
        }
        coordinator, evaluator = self._staff(progress)
        return {
            Preparer.CITY: lambda: offices[progress.candidacy.city_id],
            Preparer.COORDINATOR: lambda: coordinator,
            Preparer.EVALUATOR: lambda: evaluator,
        }[progress.definition.prepared_by]()

    def signatories(self, progress) -> list:
        definition = progress.definition
        coordinator, evaluator = self._staff(progress)
        return [
            user
            for user, signs in (
                (coordinator, definition.signed_by_coordinator),
                (evaluator, definition.signed_by_evaluator),
            )
            if signs
        ]

    def submit(self, key=None, *, city=None, fill=None, narrative=NARRATIVE) -> StageProgress:
        """Save a draft (with a complete demo record, unless the world or `fill` says not)
        and submit it as the preparer."""
        progress = self.stage(key, city)
        by = self.preparer(progress)
        services.stage_save_draft(progress=progress, by=by, narrative=narrative)
        if self.fills_records if fill is None else fill:
            complete_record(progress, by=by)
        services.stage_submit(progress=progress, by=by)
        return self.stage(key, city)

    def approve(self, key=None, *, city=None) -> StageProgress:
        """Submit the stage unless it is, then approve it as each of its signatories."""
        progress = self.stage(key, city)
        if progress.state != StageState.SUBMITTED:
            progress = self.submit(key, city=city)
        for user in self.signatories(progress):
            services.stage_approve(progress=self.stage(key, city), by=user)
        return self.stage(key, city)

    def give_back(self, key=None, *, city=None, comment=RETURN_COMMENT) -> StageProgress:
        """Submit the stage unless it is, then return it as its first signatory."""
        progress = self.stage(key, city)
        if progress.state != StageState.SUBMITTED:
            progress = self.submit(key, city=city)
        services.stage_return(progress=progress, by=self.signatories(progress)[0], comment=comment)
        return self.stage(key, city)

    def open(self, key, *, city=None) -> StageProgress:
        """Approve every stage before `key` (with demo records); `key` is then open."""
        return self.bring(key, StageState.OPEN, city=city)

    def bring(self, key, state, *, city=None) -> StageProgress:
        """Approve every stage before `key`, then bring `key` to `state` (open, submitted,
        returned or approved). An approved ongoing review reopens at once for its next round."""
        for earlier in self.keys[: self.keys.index(key)]:
            if self.stage(earlier, city).state != StageState.APPROVED:
                self.approve(earlier, city=city)
        move = {
            StageState.SUBMITTED: self.submit,
            StageState.RETURNED: self.give_back,
            StageState.APPROVED: self.approve,
        }.get(state)
        if move:
            return move(key, city=city)
        progress = self.stage(key, city)
        assert progress.state == state, (progress.state, state)
        return progress

    def url(self, name, key=None, *args, city=None):
        return reverse(
            f"candidacy:{name}", args=[(city or self.city).slug, key or self.keys[0], *args]
        )


# The `world` fixture's helpers: its `stages` moves a stage as above.


def preparer(world, progress: StageProgress):
    return world.stages.preparer(progress)


def signatories(world, progress: StageProgress) -> list:
    return world.stages.signatories(progress)


def reload(world, progress: StageProgress) -> StageProgress:
    return world.stage(progress.candidacy.city, progress.definition.key)


def submit(world, progress: StageProgress, narrative: str = NARRATIVE) -> StageProgress:
    world.stages.submit(progress.definition.key, city=progress.candidacy.city, narrative=narrative)
    return reload(world, progress)


def approve(world, progress: StageProgress) -> StageProgress:
    """Submit the stage if it is not yet submitted, then have every signatory approve it."""
    world.stages.approve(progress.definition.key, city=progress.candidacy.city)
    return reload(world, progress)


def give_back(world, progress: StageProgress, comment: str = RETURN_COMMENT) -> StageProgress:
    world.stages.give_back(progress.definition.key, city=progress.candidacy.city, comment=comment)
    return reload(world, progress)


def bring(world, city, key: str, state: str) -> StageProgress:
    """Approve every stage before `key`, then bring `key` to `state` (see `StageWorld.bring`)."""
    world.stages.bring(key, state, city=city)
    return world.stage(city, key)


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
