"""What each kind of stage records (issue 3): a structured record one-to-one with the stage's
`StageProgress`, plus child rows where the kind keeps a list (data sets, initiatives).

- the records are models of the app, in `candidacy.models.records` (with `GoalArea`, the five
  CFCI goal areas), `.atlas`, `.evaluations` and `.plans`.
- `registry`: which record, forms and template each `StageKind` has (`None`: none yet).
- `rules`: what each kind needs before its stage can be submitted; the only place it is said.
- `services`: every write, permission-checked; `selectors.record_context` feeds the stage page.
- `testing.complete_record` and `demo.fill_demo_record` fill a valid record for a stage.
"""
