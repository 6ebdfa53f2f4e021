"""`manage.py load_indicators [PROGRAMME_KEY ...]`: give programmes the atlas's seed set of
indicators (`candidacy.records.atlas.indicators`); definitions already there are kept."""

from django.core.management.base import BaseCommand, CommandError

from candidacy.records.atlas.indicators import indicators_seed
from cities.models import Programme


class Command(BaseCommand):
    help = "Seed the children's atlas indicators of every programme (or of those named)."

    def add_arguments(self, parser):
        parser.add_argument("programmes", nargs="*", help="programme keys (default: all)")

    def handle(self, *args, programmes, **options):
        queryset = Programme.objects.order_by("key")
        if programmes:
            queryset = queryset.filter(key__in=programmes)
            unknown = set(programmes) - set(queryset.values_list("key", flat=True))
            if unknown:
                raise CommandError(f"No programme with the key(s): {', '.join(sorted(unknown))}")
        for programme in queryset:
            added = indicators_seed(programme=programme)
            total = programme.indicators.count()
            self.stdout.write(f"{programme.key}: {added} indicators added, {total} in all.")
