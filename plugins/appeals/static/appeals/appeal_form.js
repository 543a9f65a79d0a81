// The appeal form works without this script (its buttons ask the server); with it, the category list follows the
// chosen kind at once, and choosing a category asks the server for that category's questions.
document.querySelectorAll("form.appeals-form").forEach(function (form) {
  var select = form.querySelector("select[name=category]");
  if (!select) return;
  // .button sets display, which would beat the hidden attribute; the hidden buttons still submit for the script.
  form.querySelectorAll("button[name=show_fields]").forEach(function (button) { button.hidden = true; button.style.display = "none"; });
  var categories = JSON.parse(select.dataset.categories || "[]");
  var placeholder = select.options.length && select.options[0].value === "" ? select.options[0].text : "";

  function filter() {
    var checked = form.querySelector("input[name=kind]:checked");
    var kind = checked ? checked.value : "";
    var current = select.value;
    select.replaceChildren(new Option(placeholder, ""));
    categories.forEach(function (category) {
      if (kind && category.kinds.indexOf(kind) < 0) return;
      select.add(new Option(category.label, category.id, false, String(category.id) === current));
    });
  }

  form.querySelectorAll("input[name=kind]").forEach(function (radio) { radio.addEventListener("change", filter); });
  var questions = form.querySelector("button[name=show_fields][value='1']");
  select.addEventListener("change", function () { if (questions) form.requestSubmit(questions); });
});
