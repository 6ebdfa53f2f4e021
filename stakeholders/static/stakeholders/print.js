// Buttons marked data-print open the browser's print dialogue (no inline script: the CSP forbids it).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
