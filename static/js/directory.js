/* The Capacity Directory (/capacity) without page loads. Without this file every arrow and
   information icon is a link (?open=<slug>, ?info=<slug>) and the search is a plain form; here
   they open and close in place, and the cards filter by name as you type. */
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

  /* Live filter: the cards whose name contains every word typed (ignoring case and accents)
     stay, with the branches above them opened. Pressing Search still asks the server, which
     also looks in the descriptions and lists the results with their paths. */
  var input = document.getElementById("capacity-search");
  var results = document.querySelector(".search-results");
  var nothing = document.querySelector(".search-live-empty");
  if (!input || !("normalize" in String.prototype)) return;
  var items = directory.querySelectorAll("li[id^='cap-']");
  var toggles = directory.querySelectorAll("[data-toggle^='children-']");
  var saved = null;  // which branches were open before the filter started

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function parentItem(item) {
    return item.parentElement.closest("li[id^='cap-']");
  }

  input.addEventListener("input", function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    if (results) results.hidden = input.value.trim() !== input.defaultValue.trim();
    var i;
    if (!words.length) {  // back to the page as it was
      for (i = 0; i < items.length; i++) items[i].hidden = false;
      if (saved) for (i = 0; i < toggles.length; i++) setOpen(toggles[i], saved[i]);
      saved = null;
      if (nothing) nothing.hidden = true;
      return;
    }
    if (!saved) {
      saved = [];
      for (i = 0; i < toggles.length; i++) saved.push(toggles[i].getAttribute("aria-expanded") === "true");
    }
    var shown = [];
    for (i = 0; i < items.length; i++) {
      var name = fold(items[i].querySelector(".capacity-box__name").textContent);
      var match = words.every(function (word) { return name.indexOf(word) >= 0; });
      for (var item = match ? items[i] : null; item && shown.indexOf(item) < 0; item = parentItem(item)) {
        shown.push(item);
      }
    }
    for (i = 0; i < items.length; i++) items[i].hidden = shown.indexOf(items[i]) < 0;
    // Open exactly the branches that lead to a match.
    for (i = 0; i < toggles.length; i++) {
      var list = document.getElementById(toggles[i].getAttribute("aria-controls"));
      var leads = false;
      for (var j = 0; list && j < list.children.length && !leads; j++) leads = !list.children[j].hidden;
      setOpen(toggles[i], leads);
    }
    if (nothing) nothing.hidden = shown.length > 0;
  });
})();
