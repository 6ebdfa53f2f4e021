from candidacy.management.programmes import ProgrammesCommand
from candidacy.records.plans.criteria import criteria_load


class Command(ProgrammesCommand):
    help = (
        "Add the self-assessment criteria of the situation analysis to every programme (or to "
        "the programmes named), keeping any criteria an administrator has edited."
    )
    keys_help = "Programme keys."

    def load(self, programme):
        added = criteria_load(programme=programme)
        total = programme.assessment_criteria.count()
        return f"{programme.key}: {added} added, {total} criteria"
