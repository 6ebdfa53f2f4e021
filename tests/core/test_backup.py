"""Backup and restore (core/backup.py, `manage.py backup` and `restore`): a small portal with
documents goes into one archive, the database and the media folder are wiped, and the restore
brings back every row and every document, checked by SHA-256."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from candidacy import services
from candidacy.models import Evidence, OfficeRecord
from core.backup import row_counts, stored_names
from demo.testing import complete_record

PDF = b"%PDF-1.4\n% a decree\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture
def media(settings, tmp_path):
    """A real, empty media folder on disk for the test (the test settings keep files in memory)."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


@pytest.fixture
def portal(world, media):
    """A small portal: the world's programmes, cities and people, an office record with its
    decree, two more documents, a group with permissions and an admin log entry (rows that
    point to content types and permissions, which `migrate` re-creates with other ids)."""
    office = world.stage(world.city_a, "office")
    complete_record(office, by=world.office_a)
    services.evidence_add(
        progress=office,
        by=world.office_a,
        upload=SimpleUploadedFile("photo.png", PNG, content_type="image/png"),
        description="The office's first meeting",
    )
    services.evidence_add(
        progress=world.stage(world.city_b, "office"),
        by=world.office_b,
        upload=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
    )
    group = Group.objects.create(name="Archivists")
    group.permissions.set(Permission.objects.filter(codename__startswith="view_")[:3])
    world.office_a.user_permissions.add(Permission.objects.get(codename="view_evidence"))
    LogEntry.objects.create(
        user=world.coordinator_a,
        content_type=ContentType.objects.get_for_model(Evidence),
        object_id="1",
        object_repr="decree",
        action_flag=ADDITION,
    )
    return world


def media_hashes(root) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def wipe(root):
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


@pytest.mark.django_db(transaction=True)
def test_a_wiped_portal_comes_back_whole(portal, media, tmp_path):
    counts, files = row_counts(), media_hashes(media)
    decree = OfficeRecord.objects.get().decree
    decree_name, decree_bytes = decree.file.name, decree.file.read()
    assert len(files) == 3 and sum(counts.values()) > 50
    archive = tmp_path / "backups" / "cfc.tar.gz"

    call_command("backup", output=str(archive), verbosity=0)

    wipe(media)
    assert media_hashes(media) == {} and not OfficeRecord.objects.exists()

    call_command("restore", str(archive), verbosity=0)

    assert row_counts() == counts
    assert media_hashes(media) == files
    record = OfficeRecord.objects.select_related("decree").get()
    assert record.decree.file.name == decree_name
    assert record.decree.file.read() == decree_bytes
    assert Group.objects.get(name="Archivists").permissions.count() == 3
    assert LogEntry.objects.get().content_type.model_class() is Evidence


@pytest.mark.django_db(transaction=True)
def test_the_archive_holds_the_data_the_documents_and_a_manifest(portal, media, tmp_path):
    archive = tmp_path / "cfc.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)

    with tarfile.open(archive) as opened:
        names = set(opened.getnames())
        manifest = json.load(opened.extractfile("manifest.json"))
    assert {"manifest.json", "data.json"} <= names
    assert manifest["tables"] == row_counts()
    assert manifest["tables"]["candidacy_evidence"] == 3
    files = {entry["name"]: entry for entry in manifest["files"]}
    assert {f"media/{name}" for name in files} == names - {"manifest.json", "data.json"}
    assert {name: entry["sha256"] for name, entry in files.items()} == media_hashes(media)
    assert manifest["missing_files"] == []
    assert not list(tmp_path.glob("*.partial"))
    assert archive.stat().st_mode & 0o777 == 0o600  # password hashes: its owner's only


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(portal, media, tmp_path):
    archive = tmp_path / "cfc.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    counts = row_counts()

    with pytest.raises(CommandError, match="database is not empty"):
        call_command("restore", str(archive), verbosity=0)

    assert row_counts() == counts  # nothing written, nothing deleted
    assert stored_names(default_storage) == []


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_media_folder_that_is_not_empty(portal, media, tmp_path):
    archive = tmp_path / "cfc.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    wipe(media)
    (media / "stray.txt").write_text("left behind")

    with pytest.raises(CommandError, match="media folder is not empty"):
        call_command("restore", str(archive), verbosity=0)

    assert not Evidence.objects.exists()
    assert media_hashes(media).keys() == {"stray.txt"}


@pytest.mark.django_db(transaction=True)
def test_force_replaces_what_is_there(portal, media, tmp_path):
    counts, files = row_counts(), media_hashes(media)
    archive = tmp_path / "cfc.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    Group.objects.create(name="Added after the backup")
    (media / "stray.txt").write_text("left behind")

    call_command("restore", str(archive), force=True, verbosity=0)

    assert row_counts() == counts
    assert media_hashes(media) == files


@pytest.mark.django_db(transaction=True)
def test_a_tampered_document_fails_the_check_loudly(portal, media, tmp_path):
    archive = tmp_path / "cfc.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.endswith(".png"):
                content = content[:-1] + b"!"
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    wipe(media)

    with pytest.raises(CommandError, match=r"photo.*differs from the backup"):
        call_command("restore", str(tampered), verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_broken_archive_writes_nothing(portal, media, tmp_path):
    archive = tmp_path / "cfc.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    broken = tmp_path / "broken.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(broken, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "data.json":
                content = content[: len(content) // 2]  # cut off mid-row
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    wipe(media)

    with pytest.raises(Exception):  # noqa: B017 - the deserialiser's own error
        call_command("restore", str(broken), verbosity=0)

    assert sum(row_counts().values()) == 0
    assert media_hashes(media) == {}


def test_restore_says_when_there_is_no_archive(tmp_path):
    with pytest.raises(CommandError, match="No archive"):
        call_command("restore", str(tmp_path / "none.tar.gz"))
