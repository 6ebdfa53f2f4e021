"""The submission and memorandum stages: a letter (or the signed memorandum) with its
reference, date and addressee (or parties)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from candidacy.models import LetterRecord, StageKind, StageProgress
from candidacy.records.forms import LetterRecordForm
from candidacy.records.registry import RecordKind

from .common import single_record_context


def letter(progress: StageProgress) -> list[str]:
    record = LetterRecord.objects.filter(progress=progress).first()
    memorandum = progress.definition.kind == StageKind.MEMORANDUM
    problems = []
    if record is None:
        problems.append(
            _("Fill in the memorandum's reference, date and parties.")
            if memorandum
            else _("Fill in the letter's reference, date and addressee.")
        )
    if record is None or record.letter_id is None:
        problems.append(
            _("Attach the signed memorandum before submitting.")
            if memorandum
            else _("Attach the letter before submitting.")
        )
    return problems


KIND = RecordKind(
    stage_kinds=(StageKind.SUBMISSION, StageKind.MEMORANDUM),
    template="candidacy/records/letter.html",
    rule=letter,
    context=single_record_context(LetterRecord),
    model=LetterRecord,
    form=LetterRecordForm,
)
