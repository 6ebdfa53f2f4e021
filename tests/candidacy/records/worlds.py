"""What the record worlds (records, plans, evaluations) share: the people `make_two_programmes`
makes, and moving a stage of theirs along through the workflow services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django.urls import reverse

from candidacy import services as workflow
from candidacy.models import Preparer, StageProgress, StageState
from demo.testing import complete_record


@dataclass
class StageWorld:
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

    def preparer(self, progress):
        """The stage's preparer: the office of its city, or the programme's coordinator or
        evaluator."""
        offices = {self.city: self.office, self.other_city: self.other_office}
        return {
            Preparer.CITY: offices.get(progress.candidacy.city, self.far_office),
            Preparer.COORDINATOR: self.coordinator,
            Preparer.EVALUATOR: self.evaluator,
        }[progress.definition.prepared_by]

    def signatories(self, progress):
        definition = progress.definition
        return [
            user
            for user, signs in (
                (self.coordinator, definition.signed_by_coordinator),
                (self.evaluator, definition.signed_by_evaluator),
            )
            if signs
        ]

    def submit(self, key=None, *, city=None, fill=None) -> StageProgress:
        """Save a draft (with a complete demo record, unless the world or `fill` says not)
        and submit it as the preparer."""
        progress = self.stage(key, city)
        by = self.preparer(progress)
        workflow.stage_save_draft(progress=progress, by=by, narrative="Done, see the record.")
        if self.fills_records if fill is None else fill:
            complete_record(progress, by=by)
        workflow.stage_submit(progress=progress, by=by)
        return self.stage(key, city)

    def approve(self, key=None, *, city=None) -> StageProgress:
        """Submit the stage unless it is, then approve it as each of its signatories."""
        progress = self.stage(key, city)
        if progress.state != StageState.SUBMITTED:
            progress = self.submit(key, city=city)
        for user in self.signatories(progress):
            workflow.stage_approve(progress=self.stage(key, city), by=user)
        return self.stage(key, city)

    def open(self, key, *, city=None) -> StageProgress:
        """Approve every stage before `key` (with demo records); `key` is then open."""
        for earlier in self.keys[: self.keys.index(key)]:
            if self.stage(earlier, city).state != StageState.APPROVED:
                self.approve(earlier, city=city)
        progress = self.stage(key, city)
        assert progress.state == StageState.OPEN
        return progress

    def url(self, name, key=None, *args, city=None):
        return reverse(
            f"candidacy:{name}", args=[(city or self.city).slug, key or self.keys[0], *args]
        )
