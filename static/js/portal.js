/* Loaded by base.html on every page (no inline script: the CSP allows scripts from 'self' only).
 * After a refused submit the page comes back with an error summary (includes/form_errors.html,
 * marked data-error-summary): move the focus there, so that a keyboard or screen-reader user
 * starts from what went wrong, and each error's link leads to its field. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
})();
