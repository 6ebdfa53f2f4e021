"""Reporting and public pages: the top layer, the only one that reads both the pipeline
(`candidacy`) and the stakeholders. The public list of cities lives here; exports, dashboards,
charts and the public city pages will join it. Nothing below imports it."""
