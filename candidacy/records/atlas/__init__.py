"""The children's atlas (issue 3): the programme's indicator definitions, indicator values per
district of the city (entered in a grid or imported from CSV) and the districts' boundaries
(GeoJSON per city), shown as a table and a map.

- models (in `candidacy.models.atlas`): `IndicatorDefinition` (data per programme),
  `IndicatorValue`, `DistrictBoundaries`.
- `indicators`: the seed sets of the three programmes (`indicators_seed`).
- `csv_import` and `geojson`: the checks of an uploaded CSV file and of a boundaries file.
- `services`: every write; `candidacy.records.kinds.childrens_atlas`: the stage's kind, with
  what it needs before submission.
"""
