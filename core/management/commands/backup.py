from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write the database and every stored document into one .tar.gz archive, with a manifest "
        "(row counts per table, documents with size and SHA-256). Reads only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="The archive to write (default: cfc-backup-<UTC time>.tar.gz here).",
        )

    def handle(self, *args, output=None, **options):
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        path = Path(output or f"cfc-backup-{stamp}.tar.gz")
        try:
            manifest = backup_write(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for name in manifest.missing_files:
            self.stderr.write(f"Missing from the media folder, not in the backup: {name}")
        self.stdout.write(
            f"{path}: {sum(manifest.tables.values())} rows in {len(manifest.tables)} tables, "
            f"{len(manifest.files)} documents."
        )
        if manifest.missing_files:
            raise CommandError(
                f"{len(manifest.missing_files)} documents the database names are missing; "
                "the archive was written without them."
            )
