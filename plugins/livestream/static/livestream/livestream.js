// The live page: plays HLS, counts down, and polls the feed for new updates.
(function () {
  "use strict";
  // hls.js is big (624 KB): fetch it only for an HLS source in a browser without native HLS (most desktop
  // browsers; Safari and recent Chromium play .m3u8 themselves). Audio, embeds and plain files never need it.
  var hlsScript = null;
  function withHls(src, callback) {
    if (!hlsScript) {
      hlsScript = document.createElement("script");
      hlsScript.src = src;
      document.head.appendChild(hlsScript);
    }
    if (window.Hls) { callback(window.Hls); return; }
    hlsScript.addEventListener("load", function () { callback(window.Hls); });
  }
  document.querySelectorAll("video[data-hls]").forEach(function (video) {
    var url = video.getAttribute("data-hls");
    if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = url;
    } else if (window.MediaSource) {
      withHls(video.getAttribute("data-hls-script"), function (Hls) {
        if (!Hls.isSupported()) { return; }
        var hls = new Hls();
        hls.loadSource(url);
        hls.attachMedia(video);
      });
    }
  });

  var countdown = document.querySelector("[data-opens]");
  if (countdown) {
    var opens = Date.parse(countdown.getAttribute("data-opens"));
    setInterval(function () { if (Date.now() >= opens) { window.location.reload(); } }, 15000);
  }

  var article = document.querySelector("article.broadcast[data-feed]");
  if (!article || article.getAttribute("data-state") !== "live") { return; }
  var list = article.querySelector("[data-role=updates]");
  var questions = article.querySelector("[data-role=questions]");
  var label = article.querySelector("[data-role=state-label]");
  var seconds = Math.max(2, parseInt(article.getAttribute("data-poll"), 10) || 5);

  function lastId() {
    var items = list.querySelectorAll("li[data-id]");
    return items.length ? items[items.length - 1].getAttribute("data-id") : 0;
  }

  // Only textContent and attribute setters: text from the server is never parsed as HTML.
  function addUpdate(update) {
    if (list.querySelector('li[data-id="' + update.id + '"]')) { return; }
    var item = document.createElement("li");
    item.setAttribute("data-id", update.id);
    item.className = "is-new";
    var time = document.createElement("time");
    time.textContent = update.time;
    item.appendChild(time);
    if (update.corrects) {
      var corrected = list.querySelector('li[data-id="' + update.corrects + '"]');
      if (corrected) { corrected.classList.add("is-corrected"); }
      var label = document.createElement("strong");
      label.className = "broadcast__correction";
      label.textContent = " " + (list.getAttribute("data-correction-label") || "") + "：";
      item.appendChild(label);
    }
    var body = document.createElement("span");
    body.className = "broadcast__update-body";
    body.textContent = " " + update.body;
    item.appendChild(body);
    if (update.photo) {
      var img = document.createElement("img");
      img.className = "broadcast__update-photo";
      img.src = update.photo;
      img.alt = "";
      item.appendChild(img);
    }
    list.appendChild(item);
    var empty = article.querySelector("[data-role=no-updates]");
    if (empty) { empty.remove(); }
  }

  function showQuestions(items) {
    items.forEach(function (q) {
      var item = questions.querySelector('li[data-id="' + q.id + '"]');
      if (!item) {
        item = document.createElement("li");
        item.setAttribute("data-id", q.id);
        var p = document.createElement("p");
        p.className = "broadcast__q";
        var who = document.createElement("strong");
        who.textContent = q.name || questions.getAttribute("data-anonymous") || "";
        p.appendChild(who);
        p.appendChild(document.createTextNode("：" + q.body));
        item.appendChild(p);
        questions.appendChild(item);
      }
      if (q.answer && !item.querySelector(".broadcast__a")) {
        var answer = document.createElement("p");
        answer.className = "broadcast__a";
        answer.textContent = (questions.getAttribute("data-answer-label") || "") + "：" + q.answer;
        item.appendChild(answer);
      }
    });
  }

  function poll() {
    fetch(article.getAttribute("data-feed") + "?after=" + lastId(), { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        data.updates.forEach(addUpdate);
        showQuestions(data.questions);
        if (label) { label.textContent = data.state_label; }
        if (data.state !== "live") { window.location.reload(); return; }
        setTimeout(poll, seconds * 1000);
      })
      .catch(function () { setTimeout(poll, seconds * 2000); });
  }
  setTimeout(poll, seconds * 1000);
})();
