from candidacy.management.programmes import ProgrammesCommand
from candidacy.records.evaluations.criteria import criteria_seed


class Command(ProgrammesCommand):
    help = (
        "Give every programme (or the ones named) UNICEF's global minimum evaluation criteria "
        "and its country's own; existing criteria are left as an administrator edited them."
    )
    keys_help = "programme keys"

    def load(self, programme):
        created = criteria_seed(programme)
        total = programme.evaluation_criteria.count()
        return f"{programme.key}: {total} criteria ({created} new)"
