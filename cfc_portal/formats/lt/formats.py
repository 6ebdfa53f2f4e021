"""Lithuanian number grouping: Lithuanian writes thousands with a (no-break) space, 1 250 000,
where Django's own lt formats use a point, which a Lithuanian reader takes for a date or an
error. Everything else comes from Django's lt formats (Django falls back to them per name)."""

THOUSAND_SEPARATOR = "\xa0"  # no-break space
