from django.core.management.base import BaseCommand

from candidacy.programmes import PROGRAMMES, programme_load


class Command(BaseCommand):
    help = "Create the Iran, Kazakhstan and Lithuania programmes and their stage sequences."

    def handle(self, *args, **options):
        for spec in PROGRAMMES:
            programme = programme_load(spec)
            self.stdout.write(f"{programme.key}: {programme.stage_definitions.count()} stages")
