"""Notifications: the workflow e-mail today; reminders, digests and preferences will join it
(the coordinator's desk issue). It listens to `candidacy.events.stage_changed`, sent once a
state change has committed, and takes its recipients from the same predicates that decide who
may act (`candidacy.permissions`), through `candidacy.selectors.stage_people`."""
