"""What the pipeline tells the layers above it. A service that changes a stage's state calls
`stage_event(...)`; once the transaction commits, `stage_changed` is sent, and the
`notifications` app (which `candidacy` never imports) e-mails the people concerned. A rolled
back change sends nothing."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

#: Sent after commit with `progress` (the stage, as the service left it), `action` (a
#: `Transition.Action`), `by` (the user who acted) and `comment`.
stage_changed = Signal()


def stage_event(*, progress, action: str, by, comment: str = "") -> None:
    """Queue `stage_changed` for when the current transaction commits."""
    transaction.on_commit(
        lambda: stage_changed.send(
            sender=type(progress), progress=progress, action=action, by=by, comment=comment
        )
    )


#: Sent after commit with `comment` (a new `StageComment`): `notifications` e-mails those who
#: may read it.
stage_commented = Signal()


def comment_event(*, comment) -> None:
    """Queue `stage_commented` for when the current transaction commits."""
    transaction.on_commit(lambda: stage_commented.send(sender=type(comment), comment=comment))
