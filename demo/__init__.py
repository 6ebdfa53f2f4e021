"""Demo data: the three national programmes' demo cities, their logins and records.

Installed only by the local and test settings (`cfc_portal.settings.local`, `.test`);
production installs no demo code and offers no `load_demo` command. Nothing but those settings
and the tests imports this package.

- `data`: the data set (cities, people, councils, memoranda), as plain data;
- `management/commands/load_demo.py`: `manage.py load_demo` turns it into rows through the
  services;
- `records`: a filler per kind of stage record, so that a stage can be submitted;
- `testing.complete_record`: the same fillers, for tests that move a stage along.
"""
