from django.core.management.base import BaseCommand

from notifications.reminders import reminders_due
from notifications.services import messages_deliver


class Command(BaseCommand):
    help = (
        "Remind people of overdue stages, commitments due or overdue and recognitions ending "
        "in 90 and 30 days. Run daily; a reminder is never sent twice."
    )

    def handle(self, *args, **options):
        created = messages_deliver(reminders_due())
        self.stdout.write(f"{len(created)} reminder(s) delivered.")
