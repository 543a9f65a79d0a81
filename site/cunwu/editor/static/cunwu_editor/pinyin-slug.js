// The page address (slug) from the title in pinyin: 秋收专题 → qiushou-zhuanti, asked of the server (pypinyin).
// Wagtail's own title → slug sync would write the Chinese characters (percent-encoded in the address); its
// events reach the slug field first here (capture on the document), so Wagtail never fills it.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.url;
  if (!url) return;
  var match = window.location.pathname.match(/\/pages\/add\/[^/]+\/[^/]+\/(\d+)\//);
  var editing = window.location.pathname.match(/\/pages\/(\d+)\/edit\//);
  var where = match ? "parent=" + match[1] : editing ? "page=" + editing[1] : null;
  if (!where) return;
  var auto = null; // the last address this script wrote: while the slug still equals it, it follows the title
  var pending = 0;

  function isSlug(target) {
    return target && target.tagName === "INPUT" && target.name === "slug" && target.form && target.form.matches("[data-edit-form]");
  }

  function fill(slug, text) {
    var ticket = ++pending;
    fetch(url + "?" + where + "&title=" + encodeURIComponent(text), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || ticket !== pending) return;
        slug.value = data.slug;
        auto = data.slug;
        slug.dispatchEvent(new Event("change", { bubbles: true }));
      })
      .catch(function () {});
  }

  document.addEventListener("w-sync:check", function (event) {
    if (!isSlug(event.target)) return;
    event.stopImmediatePropagation();
    // A slug the editor typed (or an existing page's) is theirs: stop following the title.
    if (event.target.value && event.target.value !== auto) event.preventDefault();
  }, true);

  document.addEventListener("w-sync:apply", function (event) {
    if (!isSlug(event.target)) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    var title = (event.detail && event.detail.value) || "";
    if (title.trim()) fill(event.target, title);
  }, true);

  // Chinese typed into the address itself becomes pinyin too.
  document.addEventListener("change", function (event) {
    if (isSlug(event.target) && /[^\x00-\x7f]/.test(event.target.value)) fill(event.target, event.target.value);
  }, true);
})();
