"""What each kind of stage records (issue 3): a structured record one-to-one with the stage's
`StageProgress`, plus child rows where the kind keeps a list (data sets, initiatives).

- `models`: the records; `GoalArea`, the five CFCI goal areas, is defined here once.
- `registry`: which record, forms and template each `StageKind` has (`None`: none yet).
- `rules`: what each kind needs before its stage can be submitted; the only place it is said.
- `services`: every write, permission-checked; `selectors.record_context` feeds the stage page.
- `testing.complete_record` and `demo.fill_demo_record` fill a valid record for a stage.

Keep this module free of imports: `candidacy.models` imports `records.models` while it loads.
"""
