"""The candidacy and recognition stages: the status granted, with its date and certificate."""

from __future__ import annotations

from django.utils.translation import gettext as _

from candidacy.models import GrantRecord, StageKind, StageProgress
from candidacy.records.forms import GrantRecordForm
from candidacy.records.registry import RecordKind

from .common import single_record_context


def grant(progress: StageProgress) -> list[str]:
    record = GrantRecord.objects.filter(progress=progress).first()
    problems = []
    if record is None:
        problems.append(_("Fill in the date granted and the certificate number."))
    if record is None or record.certificate_id is None:
        problems.append(_("Attach the certificate before submitting."))
    return problems


KIND = RecordKind(
    stage_kinds=(StageKind.CANDIDACY, StageKind.RECOGNITION),
    template="candidacy/records/grant.html",
    rule=grant,
    context=single_record_context(GrantRecord),
    model=GrantRecord,
    form=GrantRecordForm,
)
