"""What each kind of stage records (issue 3): a structured record one-to-one with the stage's
`StageProgress`, plus child rows where the kind keeps a list (data sets, initiatives).

- the records are models of the app, in `candidacy.models.records` (with `GoalArea`, the five
  CFCI goal areas), `.atlas`, `.evaluations` and `.plans`.
- `kinds`: one module per kind of record, declaring its `RecordKind` (model, forms, template,
  completeness rule, stage-page context, URLs); `registry` lists them and answers per stage.
- `services`: every write, permission-checked; `registry.record_context` feeds the stage page.
- `testing.complete_record` and `demo.fill_demo_record` fill a valid record for a stage.
"""
