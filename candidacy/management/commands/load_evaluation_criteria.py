from django.core.management.base import BaseCommand, CommandError

from candidacy.records.evaluations.criteria import criteria_seed
from cities.models import Programme


class Command(BaseCommand):
    help = (
        "Give every programme (or the ones named) UNICEF's global minimum evaluation criteria "
        "and its country's own; existing criteria are left as an administrator edited them."
    )

    def add_arguments(self, parser):
        parser.add_argument("programmes", nargs="*", metavar="KEY", help="programme keys")

    def handle(self, *args, **options):
        programmes = Programme.objects.order_by("key")
        if options["programmes"]:
            programmes = programmes.filter(key__in=options["programmes"])
            unknown = set(options["programmes"]) - {p.key for p in programmes}
            if unknown:
                raise CommandError(f"No such programme: {', '.join(sorted(unknown))}")
        for programme in programmes:
            created = criteria_seed(programme)
            total = programme.evaluation_criteria.count()
            self.stdout.write(f"{programme.key}: {total} criteria ({created} new)")
