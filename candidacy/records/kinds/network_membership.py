"""The network membership stage: when the city joined the network and its contact there."""

from __future__ import annotations

from django.utils.translation import gettext as _

from candidacy.models import NetworkRecord, StageKind, StageProgress
from candidacy.records.forms import NetworkRecordForm
from candidacy.records.registry import RecordKind

from .common import single_record_context


def network_membership(progress: StageProgress) -> list[str]:
    if NetworkRecord.objects.filter(progress=progress).exists():
        return []
    return [_("Fill in the date the city joined the network and its contact there.")]


KIND = RecordKind(
    stage_kinds=(StageKind.NETWORK_MEMBERSHIP,),
    template="candidacy/records/network_membership.html",
    rule=network_membership,
    context=single_record_context(NetworkRecord),
    model=NetworkRecord,
    form=NetworkRecordForm,
)
