"""Notifications: the in-app inbox, e-mail at once or in a daily digest as each user prefers,
and the daily reminders. It listens to `candidacy.events.stage_changed`, sent once a state
change has committed, and takes its recipients from the same predicates that decide who may act
(`candidacy.permissions`, `stakeholders.permissions`): through `candidacy.selectors.stage_people`
for a stage's change, through `reminders.People` for the reminders."""
