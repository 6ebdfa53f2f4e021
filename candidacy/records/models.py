"""The old address of the records' date validators, which the existing migrations import.

TODO(issue "A house with a room for everything coming"): delete once the migrations are
regenerated; the validators live in `candidacy.models.records`.
"""

from candidacy.models.records import not_in_future, year_not_in_future

__all__ = ["not_in_future", "year_not_in_future"]
