// A "Print" button (data-print) opens the browser's print dialog; a file, not onclick=, so CSP allows it.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
