// The admin in Persian: Django's actions.js rewrites the selection counter ("2 of 35 selected")
// in Latin digits whenever a row is ticked; write them in Persian digits, as the page's other
// counts are (templates/admin/actions.html). Loaded only when the page's language is Persian.
(function () {
  "use strict";
  var persian = "۰۱۲۳۴۵۶۷۸۹";
  function convert(element) {
    var text = element.textContent;
    var shown = text.replace(/[0-9]/g, function (digit) { return persian[+digit]; });
    if (shown !== text) { element.textContent = shown; }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var counters = document.querySelectorAll(".actions .action-counter, .actions .all");
    counters.forEach(function (element) {
      convert(element);
      new MutationObserver(function () { convert(element); }).observe(element, {
        childList: true, characterData: true, subtree: true,
      });
    });
  });
})();
