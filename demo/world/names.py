"""Real-looking names for the world-scale data set, made from syllables per language family, so
that lists sort and wrap like real ones. Every person named is an invented adult; nothing here
names a child."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """The sounds of one family of names: syllables for places and people, a few endings."""

    key: str
    onsets: tuple[str, ...]
    middles: tuple[str, ...]
    place_endings: tuple[str, ...]
    given: tuple[str, ...]
    family_endings: tuple[str, ...]


PERSIAN = Language(
    "persian",
    ("Ab", "Bah", "Dar", "Far", "Gol", "Kar", "Mah", "Nar", "Sar", "Shah", "Tar", "Zar", "Ja"),
    ("a", "ab", "an", "ar", "e", "esh", "i", "o", "ud", "ur"),
    ("abad", "shahr", "gan", "dasht", "kan", "rud", "van", "sar"),
    ("Maryam", "Kourosh", "Nasim", "Ramin", "Shirin", "Babak", "Azadeh", "Omid", "Roya", "Hadi"),
    ("i", "ani", "zadeh", "pour", "nejad", "far"),
)
TURKIC = Language(
    "turkic",
    ("Ak", "Ala", "Bal", "Kar", "Kyz", "Sar", "Tal", "Ust", "Zhan", "Ter", "Em", "Shy"),
    ("a", "an", "as", "ay", "ek", "ir", "ol", "u", "yk", "yr"),
    ("tau", "kol", "su", "bulak", "tobe", "aryk", "kent", "sai"),
    ("Dana", "Aliya", "Yerbol", "Asel", "Nurlan", "Gulnara", "Timur", "Madina", "Serik", "Aigerim"),
    ("ov", "ova", "bayev", "bayeva", "uly", "kyzy"),
)
BALTIC = Language(
    "baltic",
    ("Al", "Bir", "Dar", "Gel", "Jur", "Kai", "Lin", "Mar", "Pa", "Ras", "Su", "Vil", "Ža"),
    ("a", "ak", "en", "ia", "iu", "o", "ul", "un", "ys", "ė"),
    ("iai", "ai", "ėnai", "ava", "upis", "kiai", "ionys"),
    ("Rasa", "Tomas", "Ieva", "Mantas", "Laura", "Darius", "Eglė", "Jonas", "Aistė", "Paulius"),
    ("aitis", "ienė", "auskas", "avičius", "ytė", "elis"),
)
LANGUAGES = {language.key: language for language in (PERSIAN, TURKIC, BALTIC)}


def place_name(rng: random.Random, language: Language) -> str:
    """A town's name: an onset, one or two middles and an ending (`Darabshahr`)."""
    middles = "".join(rng.choice(language.middles) for _ in range(rng.randint(0, 2)))
    return rng.choice(language.onsets) + middles + rng.choice(language.place_endings)


def person_name(rng: random.Random, language: Language) -> tuple[str, str]:
    """An adult's first and last name (`Ramin Golani`)."""
    family = rng.choice(language.onsets) + rng.choice(language.middles)
    return rng.choice(language.given), family + rng.choice(language.family_endings)


class UniqueNames:
    """Hands out names never given before by this instance (a numeral is added on a clash)."""

    def __init__(self):
        self.seen: set[str] = set()

    def take(self, name: str) -> str:
        candidate, number = name, 1
        while candidate.casefold() in self.seen:
            number += 1
            candidate = f"{name} {number}"
        self.seen.add(candidate.casefold())
        return candidate
