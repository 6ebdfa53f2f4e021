"""`manage.py record_lapses`: record as lapsed every recognition whose end passed without
renewal (`candidacy.services.recognition_lapses_record`). Run daily; running it twice records
nothing more."""

from django.core.management.base import BaseCommand

from candidacy.services import recognition_lapses_record


class Command(BaseCommand):
    help = "Record the recognitions that ended without renewal as lapsed. Run daily."

    def handle(self, *args, **options):
        lapsed = recognition_lapses_record()
        self.stdout.write(f"{lapsed} recognition(s) recorded as lapsed.")
