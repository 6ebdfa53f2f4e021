"""The shared web layer: what every app's pages need and no app owns.

- `lookups`: find a city in the user's scope (404 outside it);
- `errors`: turn a service's `ValidationError` into a message or into errors beside a form's
  fields;
- `pages.form_page`: the one form page (GET shows it; POST validates, calls the service, and
  either redirects or shows the form again with what was typed and the errors, status 400);
- `downloads.stored_file_response`: a stored document as an attachment, after the caller's
  permission check.

It sits just above `cities`: it imports nothing of `candidacy`, `stakeholders` or anything
above them, so that both domain apps can use it without reaching each other through it.
"""
