"""What the commands that load data into programmes share: the programmes named by key on the
command line (all of them when none is named), each loaded in turn."""

from django.core.management.base import BaseCommand, CommandError

from cities.models import Programme


class ProgrammesCommand(BaseCommand):
    """`manage.py <command> [KEY ...]`: `load(programme)` for every programme, or for the ones
    named, writing the line it returns; an unknown key is refused before anything is loaded."""

    keys_help = "programme keys (default: all)"
    #: The refusal of unknown keys; `{keys}` lists them.
    unknown_message = "No such programme: {keys}"

    def add_arguments(self, parser):
        parser.add_argument("programmes", nargs="*", metavar="KEY", help=self.keys_help)

    def handle(self, *args, programmes, **options):
        queryset = Programme.objects.order_by("key")
        if programmes:
            queryset = queryset.filter(key__in=programmes)
            unknown = set(programmes) - set(queryset.values_list("key", flat=True))
            if unknown:
                raise CommandError(self.unknown_message.format(keys=", ".join(sorted(unknown))))
        for programme in queryset:
            self.stdout.write(self.load(programme))

    def load(self, programme: Programme) -> str:
        """Load into one programme; the line that says what it did."""
        raise NotImplementedError
