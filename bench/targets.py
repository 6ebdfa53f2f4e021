"""The figures to reach on the 10x world (issue 10), besides each page's ratio to the floor
(which `pages` gives with the page). No Django here: the driver reads them before setting up."""

MAX_HTML_BYTES = 300 * 1024  # any page's HTML
MAX_WORKER_RSS_MB = 250  # a worker's RSS after the run
MIN_CSV_VALUES_PER_SECOND = 20_000  # the atlas CSV import through its service, on PostgreSQL
OVERVIEW_OVER_ADMIN_CANDIDACIES = 5  # the overview's ratio at least 5x the admin candidacy list's
