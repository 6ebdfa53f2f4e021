"""The office formation stage: the CFC office's record and the decree establishing it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from candidacy.models import OfficeRecord, StageKind, StageProgress
from candidacy.records.forms import OfficeRecordForm
from candidacy.records.registry import RecordKind

from .common import single_record_context


def office_formation(progress: StageProgress) -> list[str]:
    record = OfficeRecord.objects.filter(progress=progress).first()
    problems = []
    if record is None:
        problems.append(
            _(
                "Fill in the office's record: its name, parent department, date established, "
                "decree number, head and staff."
            )
        )
    if record is None or record.decree_id is None:
        problems.append(_("Upload the decree establishing the office before submitting."))
    return problems


KIND = RecordKind(
    stage_kinds=(StageKind.OFFICE_FORMATION,),
    template="candidacy/records/office_formation.html",
    rule=office_formation,
    context=single_record_context(OfficeRecord),
    model=OfficeRecord,
    form=OfficeRecordForm,
)
