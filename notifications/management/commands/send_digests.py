from django.core.management.base import BaseCommand

from notifications.services import digests_send


class Command(BaseCommand):
    help = "E-mail each user one digest of the notifications waiting for it. Run daily."

    def handle(self, *args, **options):
        self.stdout.write(f"{digests_send()} digest(s) sent.")
