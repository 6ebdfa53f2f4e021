"""`manage.py load_indicators [PROGRAMME_KEY ...]`: give programmes the atlas's seed set of
indicators (`candidacy.records.atlas.indicators`); definitions already there are kept."""

from candidacy.management.programmes import ProgrammesCommand
from candidacy.records.atlas.indicators import indicators_seed


class Command(ProgrammesCommand):
    help = "Seed the children's atlas indicators of every programme (or of those named)."
    unknown_message = "No programme with the key(s): {keys}"

    def load(self, programme):
        added = indicators_seed(programme=programme)
        total = programme.indicators.count()
        return f"{programme.key}: {added} indicators added, {total} in all."
