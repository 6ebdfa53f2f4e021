from django.core.management.base import BaseCommand, CommandError

from candidacy.records.plans.criteria import criteria_load
from cities.models import Programme


class Command(BaseCommand):
    help = (
        "Add the self-assessment criteria of the situation analysis to every programme (or to "
        "the programmes named), keeping any criteria an administrator has edited."
    )

    def add_arguments(self, parser):
        parser.add_argument("programmes", nargs="*", metavar="KEY", help="Programme keys.")

    def handle(self, *args, programmes, **options):
        queryset = Programme.objects.order_by("key")
        if programmes:
            queryset = queryset.filter(key__in=programmes)
            unknown = set(programmes) - set(queryset.values_list("key", flat=True))
            if unknown:
                raise CommandError(f"No such programme: {', '.join(sorted(unknown))}")
        for programme in queryset:
            added = criteria_load(programme=programme)
            total = programme.assessment_criteria.count()
            self.stdout.write(f"{programme.key}: {added} added, {total} criteria")
