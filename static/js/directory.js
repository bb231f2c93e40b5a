/* The Capacity Directory (/capacity) without page loads. Without this file every arrow and
   information icon is a link (?open=<slug>, ?info=<slug>) and the search is a plain form; here
   they open and close in place, and the search answers as you type. */
(function () {
  "use strict";
  var directory = document.querySelector(".capacity-roots");
  if (!directory) return;

  function setOpen(toggle, open) {
    var target = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!target) return;
    target.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  directory.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-toggle]");
    // A click meant for a new tab or window still follows the link.
    if (!toggle || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var open = toggle.getAttribute("aria-expanded") !== "true";
    var target = document.getElementById(toggle.getAttribute("aria-controls"));
    // Like the guide's cards: opening a root's capacities closes the other roots'.
    if (open && target && target.classList.contains("capacity-children")) {
      var others = directory.querySelectorAll(".capacity-root > .capacity-box [data-toggle^='children-'][aria-expanded='true']");
      for (var i = 0; i < others.length; i++) setOpen(others[i], false);
    }
    setOpen(toggle, open);
  });

  /* Live search: as you type, the server's own results (the fragment a submitted search
     shows, from /capacity/search) replace the results, and the cards narrow to those hits
     with the branches above them opened. One search, so typing and pressing Search agree. */
  var input = document.getElementById("capacity-search");
  var slot = document.querySelector(".search-results-slot");
  if (!input || !slot || !window.fetch) return;
  var items = directory.querySelectorAll("li[id^='cap-']");
  var toggles = directory.querySelectorAll("[data-toggle^='children-']");
  var saved = null;  // which branches were open before the search started
  var timer = null, asked = 0;

  function parentItem(item) {
    return item.parentElement.closest("li[id^='cap-']");
  }

  function showAll() {
    var i;
    for (i = 0; i < items.length; i++) items[i].hidden = false;
    if (saved) for (i = 0; i < toggles.length; i++) setOpen(toggles[i], saved[i]);
    saved = null;
  }

  function narrowTo(slugs) {
    var i;
    if (!saved) {
      saved = [];
      for (i = 0; i < toggles.length; i++) saved.push(toggles[i].getAttribute("aria-expanded") === "true");
    }
    var shown = [];
    slugs.forEach(function (slug) {
      for (var item = document.getElementById("cap-" + slug); item && shown.indexOf(item) < 0; item = parentItem(item)) {
        shown.push(item);
      }
    });
    for (i = 0; i < items.length; i++) items[i].hidden = shown.indexOf(items[i]) < 0;
    for (i = 0; i < toggles.length; i++) {  // open exactly the branches that lead to a hit
      var list = document.getElementById(toggles[i].getAttribute("aria-controls"));
      var leads = false;
      for (var j = 0; list && j < list.children.length && !leads; j++) leads = !list.children[j].hidden;
      setOpen(toggles[i], leads);
    }
  }

  function search() {
    var query = input.value.trim();
    var number = ++asked;
    if (!query) {
      slot.textContent = "";
      showAll();
      return;
    }
    fetch(slot.getAttribute("data-search-url") + "?q=" + encodeURIComponent(query), {credentials: "same-origin"})
      .then(function (answer) { return answer.ok ? answer.text() : Promise.reject(answer.status); })
      .then(function (html) {
        if (number !== asked) return;  // an answer to an older query arrived late
        slot.innerHTML = html;
        var hits = slot.querySelectorAll("[data-slug]");
        narrowTo(Array.prototype.map.call(hits, function (hit) { return hit.getAttribute("data-slug"); }));
      })
      .catch(function () { /* the Search button still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
})();
