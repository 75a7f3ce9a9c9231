// Atrium reception console: the pairing countdown, live updates of Today and print buttons.
"use strict";

function getJSON(url) {
  return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) {
      if (r.status === 401) { window.location.reload(); throw new Error("signed out"); }
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
}

function startPairing(box) {
  var url = box.getAttribute("data-pairing-url");
  var countdown = box.querySelector(".countdown");
  var stateLine = box.querySelector(".pair-state");
  var remaining = parseInt(countdown.getAttribute("data-remaining"), 10) || 0;
  var template = countdown.getAttribute("data-template");
  var done = box.getAttribute("data-state") !== "waiting";
  function show() {
    var m = Math.floor(remaining / 60), s = remaining % 60;
    countdown.textContent = template.replace("{time}", m + ":" + (s < 10 ? "0" : "") + s);
  }
  var tick = window.setInterval(function () {
    if (done) { window.clearInterval(tick); return; }
    remaining = Math.max(0, remaining - 1);
    show();
  }, 1000);
  function poll() {
    if (done) { return; }
    getJSON(url).then(function (data) {
      remaining = data.remaining_s;
      stateLine.textContent = data.message;
      stateLine.className = "pair-state " + data.state;
      box.setAttribute("data-state", data.state);
      if (data.state !== "waiting") { done = true; countdown.hidden = true; }
      else { show(); }
    }).catch(function () { /* keep the last state; try again */ })
      .then(function () { if (!done) { window.setTimeout(poll, 2000); } });
  }
  if (!done) { window.setTimeout(poll, 2000); }
}

function cell(text, href, label) {
  var td = document.createElement("td");
  if (label) { td.setAttribute("data-label", label); }
  if (href) {
    var a = document.createElement("a");
    a.href = href; a.textContent = text; td.appendChild(a);
  } else { td.textContent = text; }
  return td;
}

function startToday(root) {
  var url = root.getAttribute("data-live-url");
  var prefix = url.substring(0, url.indexOf("/today.json"));
  var known = {};
  root.querySelectorAll("tbody[data-group] a").forEach(function (a) { known[a.getAttribute("href")] = true; });
  function render(data) {
    Object.keys(data.counts).forEach(function (g) {
      root.querySelectorAll('[data-count="' + g + '"]').forEach(function (el) { el.textContent = data.counts[g]; });
    });
    Object.keys(data.groups).forEach(function (g) {
      var body = root.querySelector('tbody[data-group="' + g + '"]');
      if (!body) { return; }
      var rows = document.createDocumentFragment();
      var labels = (body.getAttribute("data-labels") || "").split("|");
      data.groups[g].forEach(function (v) {
        var href = prefix + "/visits/" + encodeURIComponent(v.visit_id);
        var tr = document.createElement("tr");
        var who = cell(v.visitor, href, labels[0]);
        if (v.walk_in) {
          var badge = document.createElement("span");
          badge.className = "badge"; badge.textContent = body.getAttribute("data-walk-in");
          who.appendChild(document.createTextNode(" ")); who.appendChild(badge);
        }
        tr.appendChild(who);
        tr.appendChild(cell(v.host, null, labels[1]));
        tr.appendChild(cell(v.window, null, labels[2]));
        tr.appendChild(cell(v.arrived, null, labels[3]));
        tr.appendChild(cell(v.kiosk, null, labels[4]));
        if (labels.length > 5) { tr.appendChild(cell(v.left, null, labels[5])); }
        if (g === "on_site" && !known[href + "#on_site"]) { tr.className = "fresh"; }
        known[href + "#" + g] = true;
        rows.appendChild(tr);
      });
      if (!data.groups[g].length) {
        var tr = document.createElement("tr"); tr.className = "empty";
        var td = cell(body.getAttribute("data-empty")); td.colSpan = labels.length; tr.appendChild(td);
        rows.appendChild(tr);
      }
      body.replaceChildren(rows);
      var more = root.querySelector('[data-more="' + g + '"]');
      if (more) {
        var shown = data.groups[g].length, total = data.matched[g];
        more.hidden = total <= shown;
        more.textContent = more.getAttribute("data-template")
          .replace("{shown}", shown).replace("{total}", total);
      }
    });
    var updated = root.querySelector("[data-updated]");
    if (updated) { updated.textContent = data.updated; }
  }
  root.querySelectorAll('tbody[data-group="on_site"] a').forEach(function (a) { known[a.getAttribute("href") + "#on_site"] = true; });
  function poll() {
    getJSON(url).then(render).catch(function () { /* offline for a moment */ })
      .then(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 3000);
}

document.addEventListener("DOMContentLoaded", function () {
  var pairing = document.querySelector("[data-pairing-url]");
  if (pairing) { startPairing(pairing); }
  var today = document.querySelector("[data-live-url]");
  if (today) { startToday(today); }
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
});
