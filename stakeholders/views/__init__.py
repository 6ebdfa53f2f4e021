"""Pages for a city's stakeholders, one module per concern: `councils` (councils, members and
organisations), `participation` (children's councils and "You said, we did"), `memoranda`
(memoranda and commitments), and `common` (what they share: scoped lookups, URLs, breadcrumbs,
comment threads, the history page).

Thin: they find the object in the user's scope (404 outside it), check the predicate (403 for a
reader who may not write), call a selector or a service, and render or redirect."""
