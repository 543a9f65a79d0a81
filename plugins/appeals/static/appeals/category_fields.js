// Choosing a category asks the server for that category's questions; without JavaScript the button does it.
document.querySelectorAll("form.appeals-form").forEach(function (form) {
  var select = form.querySelector("select[name=category]");
  var button = form.querySelector("button[name=show_fields]");
  if (!select || !button) return;
  button.hidden = true;
  select.addEventListener("change", function () { form.requestSubmit(button); });
});
