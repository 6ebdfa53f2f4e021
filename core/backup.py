"""Backing up the portal and restoring it: the database and the stored documents together, in one
archive, with a manifest that the restore checks itself against.

The archive (`.tar.gz`) holds

- `manifest.json`: when and from which schema (the applied migrations) it was made, the row count
  of every table, and every stored document with its size and SHA-256;
- `data.json`: every row of every app (Django's serialiser, as `dumpdata` writes it, with natural
  keys for content types, which `migrate` re-creates with other ids);
- `media/<name>`: every document a row points to (every `FileField`), read through the storage.

Django's serialiser rather than `pg_dump` so that one format serves PostgreSQL in production and
SQLite in development and the tests, and the same restore path is tested on both. Everything is
read in one transaction (REPEATABLE READ on PostgreSQL; SQLite's read transaction is a snapshot
too), so the rows, their counts and the list of documents describe the same moment.

Documents no row points to (left by an upload whose transaction failed) are not backed up.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import posixpath
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media/"
#: Re-created by `migrate` itself (with other ids): never dumped, never counted, never flushed
#: by the emptiness check. Rows that point to them are written with natural keys.
RECREATED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class Manifest:
    created_at: str = ""
    engine: str = ""
    migrations: list[list[str]] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)  # {"name", "size", "sha256"}
    missing_files: list[str] = field(default_factory=list)

    def as_json(self) -> bytes:
        return json.dumps({"format": FORMAT, **self.__dict__}, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        data = json.loads(raw)
        if data.pop("format", None) != FORMAT:
            raise BackupError(f"Not a portal backup of format {FORMAT}.")
        return cls(**data)


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete table the backup holds, many-to-many tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in RECREATED_BY_MIGRATE
    ]


def row_counts() -> dict[str, int]:
    return {
        model._meta.db_table: model._base_manager.count()
        for model in sorted(backed_up_models(), key=lambda m: m._meta.db_table)
    }


def stored_file_names() -> list[str]:
    """The name of every stored document a row points to."""
    names: set[str] = set()
    for model in backed_up_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                values = model._base_manager.exclude(**{model_field.attname: ""})
                names.update(values.values_list(model_field.attname, flat=True))
    return sorted(name for name in names if name)


def applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _sha256(stream) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def backup_write(output: Path, *, storage=None) -> Manifest:
    """Write the whole portal (rows and documents) into one archive at `output`. Reads only.
    Returns the manifest; documents a row names but the storage lacks are listed in
    `missing_files` (the archive is written all the same: better a backup without them than
    none)."""
    storage = storage or default_storage
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    manifest = Manifest(engine=connection.vendor)
    nested = connection.in_atomic_block
    with tempfile.TemporaryDirectory() as work:
        data_path = Path(work) / DATA
        with transaction.atomic():
            if connection.vendor == "postgresql" and not nested:
                with connection.cursor() as cursor:  # must be the transaction's first statement
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            manifest.created_at = timezone.now().isoformat()
            call_command(
                "dumpdata",
                *[f"--exclude={label}" for label in sorted(RECREATED_BY_MIGRATE)],
                all=True,  # every row, whatever a model's default manager hides
                natural_foreign=True,
                output=str(data_path),
                verbosity=0,
            )
            manifest.migrations = applied_migrations()
            manifest.tables = row_counts()
            names = stored_file_names()
            # Readable by its owner only: it holds password hashes and personal data.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with (
                os.fdopen(descriptor, "wb") as raw,
                tarfile.open(fileobj=raw, mode="w:gz") as archive,
            ):
                archive.add(data_path, arcname=DATA)
                for name in names:
                    if not storage.exists(name):
                        manifest.missing_files.append(name)
                        continue
                    with storage.open(name, "rb") as stream:
                        size, sha256 = _sha256(stream)
                        stream.seek(0)
                        member = tarfile.TarInfo(MEDIA + name)
                        member.size = size
                        member.mtime = int(timezone.now().timestamp())
                        archive.addfile(member, stream)
                    manifest.files.append({"name": name, "size": size, "sha256": sha256})
                raw = manifest.as_json()
                member = tarfile.TarInfo(MANIFEST)
                member.size = len(raw)
                member.mtime = int(timezone.now().timestamp())
                archive.addfile(member, io.BytesIO(raw))
    partial.replace(output)  # a half-written archive never carries the final name
    return manifest


# --- restore ------------------------------------------------------------------------------


def database_is_empty() -> bool:
    return all(not model._base_manager.exists() for model in backed_up_models())


def stored_names(storage, directory: str = "") -> list[str]:
    """Every file in the storage (below `directory`)."""
    directories, files = storage.listdir(directory)
    names = [posixpath.join(directory, name) if directory else name for name in files]
    for sub in directories:
        names += stored_names(storage, posixpath.join(directory, sub) if directory else sub)
    return names


def _safe_media_name(member: tarfile.TarInfo) -> str:
    name = member.name[len(MEDIA) :]
    parts = name.split("/")
    if not member.isfile() or name.startswith("/") or ".." in parts or "" in parts:
        raise BackupError(f"The archive holds an unexpected entry: {member.name!r}.")
    return name


def _read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        stream = archive.extractfile(MANIFEST)
    except KeyError:
        raise BackupError("The archive has no manifest: it is not a portal backup.") from None
    return Manifest.from_json(stream.read())


def restore_check(manifest: Manifest, *, storage) -> list[str]:
    """What differs between the database and storage now and the manifest, one line each."""
    problems = []
    counts = row_counts()
    for table in sorted(set(counts) | set(manifest.tables)):
        expected, found = manifest.tables.get(table), counts.get(table)
        if expected != found:
            problems.append(f"table {table}: {expected} rows in the backup, {found} restored")
    for entry in manifest.files:
        if not storage.exists(entry["name"]):
            problems.append(f"document {entry['name']}: missing after the restore")
            continue
        with storage.open(entry["name"], "rb") as stream:
            size, sha256 = _sha256(stream)
        if (size, sha256) != (entry["size"], entry["sha256"]):
            problems.append(f"document {entry['name']}: its content differs from the backup")
    return problems


def restore_read(archive_path: Path, *, force: bool = False, storage=None) -> Manifest:
    """Restore an archive written by `backup_write` into this database and storage, then check
    them against its manifest. Refuses a database or storage that holds anything unless `force`,
    which empties both first. Refuses an archive of another schema (other migrations). Raises
    `BackupError` with what differs if the check fails."""
    storage = storage or default_storage
    with tarfile.open(archive_path, "r:gz") as archive:
        manifest = _read_manifest(archive)
        if manifest.migrations != applied_migrations():
            ours = {tuple(m) for m in applied_migrations()}
            theirs = {tuple(m) for m in manifest.migrations}
            raise BackupError(
                "The backup was made with another schema. Check out the portal's version it "
                "was made with and migrate to it, restore, then upgrade. Only in the backup: "
                f"{sorted(theirs - ours) or 'none'}; only here: {sorted(ours - theirs) or 'none'}."
            )
        present = stored_names(storage)
        if not force and not database_is_empty():
            raise BackupError(
                "The database is not empty. Restore into an empty, migrated database, or "
                "pass --force to delete everything in it first."
            )
        if not force and present:
            raise BackupError(
                f"The media folder is not empty ({len(present)} files). Restore into an empty "
                "folder, or pass --force to delete its files first."
            )
        if force:
            call_command("flush", interactive=False, verbosity=0)
            for name in present:
                storage.delete(name)

        written: list[str] = []
        try:
            for member in archive.getmembers():
                if not member.name.startswith(MEDIA):
                    continue
                name = _safe_media_name(member)
                saved = storage.save(name, File(archive.extractfile(member), name=name))
                written.append(saved)
                if saved != name:
                    raise BackupError(f"The document {name} could not keep its name.")
            with tempfile.TemporaryDirectory() as work:
                data_path = Path(work) / DATA
                with archive.extractfile(DATA) as source, data_path.open("wb") as target:
                    while chunk := source.read(CHUNK):
                        target.write(chunk)
                with transaction.atomic():
                    call_command("loaddata", str(data_path), verbosity=0)
        except BaseException:
            for name in written:  # nothing half-written: the documents go with the rows
                storage.delete(name)
            raise

    problems = restore_check(manifest, storage=storage)
    if problems:
        raise BackupError(
            "The restored data does not match the backup's manifest:\n" + "\n".join(problems)
        )
    return manifest
