"""A city's complete record as a ZIP file: for those who may see the city, everything of the
city and nothing of another."""

import io
import json
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidacy import services
from candidacy.models import StageState
from tests.candidacy.workflow import PDF_BYTES


def _download(client, user, slug="city-a"):
    client.force_login(user)
    return client.get(reverse("city-record", args=[slug]))


def _archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_record_holds_the_citys_stages_history_evidence_and_recognitions(client, world):
    world.stages.bring("badge", StageState.APPROVED)
    world.stages.bring("office", StageState.APPROVED, city=world.city_b)
    services.evidence_add(
        progress=world.stages.stage("review"),
        by=world.office_a,
        upload=SimpleUploadedFile("decree.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    response = _download(client, world.office_a)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="record-city-a.zip"')
    archive = _archive(response)
    record = json.loads(archive.read("record.json"))
    assert record["city"]["fields"]["slug"] == "city-a"
    stages = record["candidacy.stageprogress"]
    assert len(stages) == 5
    candidacy_pk = world.city_a.candidacy.pk
    assert {row["fields"]["candidacy"] for row in stages} == {candidacy_pk}
    assert len(record["candidacy.recognition"]) == 1
    assert len(record["candidacy.transition"]) > 4
    evidence = record["candidacy.evidence"]
    assert "decree.pdf" in [e["fields"]["original_name"] for e in evidence]
    stored = [n for n in archive.namelist() if n.startswith("evidence/")]
    assert len(stored) == len(evidence)
    [ours] = [n for n in stored if n.startswith("evidence/review/")]
    assert ours.endswith("-decree.pdf") and archive.read(ours) == PDF_BYTES
    # nothing of another city
    text = archive.read("record.json").decode()
    assert "city-b" not in text and "City B" not in text
    other_stages = {p.pk for p in world.city_b.candidacy.stages.all()}
    assert not other_stages & {row["pk"] for row in stages}
    assert "candidacy.stagecomment" not in record


def test_who_may_download(client, world):
    assert _download(client, world.coordinator_a).status_code == 200
    assert _download(client, world.evaluator_a).status_code == 200
    assert _download(client, world.office_b).status_code == 404
    assert _download(client, world.coordinator_b).status_code == 404
    assert _download(client, world.office_a2).status_code == 404
    client.logout()
    anonymous = client.get(reverse("city-record", args=["city-a"]))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert _download(client, world.office_a, slug="no-such-city").status_code == 404
