"""The evaluations' template tags; they live with the evaluations in
`candidacy.records.evaluations.templatetags`."""

from candidacy.records.evaluations.templatetags import register  # noqa: F401
