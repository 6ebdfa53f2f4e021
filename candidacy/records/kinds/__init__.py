"""One module per kind of stage record. Each declares, in one `RecordKind` named `KIND`
(`candidacy.records.registry`), the stage kinds it serves, its model (or row model), form, read
template, completeness rule, the data the stage page shows of it, and its own pages' URLs.

Adding a record kind means adding its module here (and to `KINDS`) with its migration.
`candidacy.apps.CandidacyConfig.ready` hands `KINDS` to the registry, which everything else
asks; the registry itself imports no kind, so that the kinds' pages may call the services,
which ask the registry.
"""

from . import (
    cfc_database,
    childrens_atlas,
    evaluation,
    grants,
    letters,
    network_membership,
    office_formation,
    ongoing_review,
    plans,
    situation_analysis,
    stocktake,
)

#: Every record kind, in the order of a typical programme.
KINDS = (
    office_formation.KIND,
    cfc_database.KIND,
    stocktake.KIND,
    letters.KIND,
    grants.KIND,
    network_membership.KIND,
    childrens_atlas.KIND,
    situation_analysis.KIND,
    plans.KIND,
    evaluation.KIND,
    ongoing_review.KIND,
)
