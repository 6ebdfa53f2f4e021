from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_read


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into an empty, migrated database and an empty "
        "media folder, then check both against the archive's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive written by `backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete every row of the database and every file of the media folder first.",
        )

    def handle(self, *args, archive, force=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No archive at {path}.")
        try:
            manifest = restore_read(path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored and checked: {sum(manifest.tables.values())} rows in "
            f"{len(manifest.tables)} tables, {len(manifest.files)} documents."
        )
