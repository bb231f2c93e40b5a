/* The Explore feed (templates/explore/feed.html) and the profile cards wherever they appear
   (explore/card_html.py, {% feed_card %}: the feed, the matches on /home and on your profile). Without
   this file everything works as plain links and forms; here:
   - the filter panel becomes a dialog, opened by the filter button next to the search bar and
     closed by the arrow at its top or by "Show results" (which submits the form);
   - the save flag of a card is sent in place (fetch, JSON) instead of reloading the page, and
     every card of the same profile on the page follows.
   On the feed, the territory, language and affiliation list boxes become chips with a search
   box in multi-select.js. Translated strings come from data- attributes of the templates. */
(function () {
  "use strict";

  var element = CapX.element, announce = CapX.announce;

  /* --- The filter panel in a dialog ---------------------------------------------------------- */
  var panel = document.getElementById("feed-filters");
  var opener = document.querySelector("[data-open-filters]");
  if (panel && opener && window.HTMLDialogElement) {
    var dialog = element("dialog", "feed-dialog");
    dialog.setAttribute("aria-labelledby", "feed-filters-title");
    panel.parentNode.insertBefore(dialog, panel);  // still inside the form: its fields submit
    dialog.appendChild(panel);

    var close = element("button", "button button--quiet feed-filters__close");
    close.type = "button";
    close.innerHTML = '<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" ' +
      'focusable="false"><path d="M19 12H5m6-6-6 6 6 6" fill="none" stroke="currentColor" ' +
      'stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>';
    close.appendChild(element("span", "visually-hidden", panel.getAttribute("data-close")));
    var head = panel.querySelector(".feed-filters__head");
    head.insertBefore(close, head.firstChild);

    // The link to the panel becomes the button that opens the dialog.
    var openButton = element("button", opener.className);
    openButton.type = "button";
    openButton.setAttribute("aria-haspopup", "dialog");
    while (opener.firstChild) openButton.appendChild(opener.firstChild);
    opener.parentNode.replaceChild(openButton, opener);

    openButton.addEventListener("click", function () {
      dialog.showModal();
      close.focus();
    });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { openButton.focus(); });
  }

  /* --- The save flag ------------------------------------------------------------------------ */
  function showSaved(profileId, saved) {
    var forms = document.querySelectorAll('form[data-save-profile="' + profileId + '"]');
    Array.prototype.forEach.call(forms, function (form) {
      form.elements.saved.value = saved ? "0" : "1";
      var flag = form.querySelector(".feed-card__flag");
      flag.setAttribute("aria-pressed", saved ? "true" : "false");
      flag.title = flag.getAttribute(saved ? "data-title-remove" : "data-title-save");
    });
  }

  if (window.fetch && window.FormData) {
    document.addEventListener("submit", function (event) {
      var form = event.target.closest("form[data-save-profile]");
      if (!form) return;
      event.preventDefault();
      var flag = form.querySelector(".feed-card__flag");
      if (flag.getAttribute("aria-busy") === "true") return;  // one request at a time
      flag.setAttribute("aria-busy", "true");
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (data) {
        flag.removeAttribute("aria-busy");
        showSaved(form.getAttribute("data-save-profile"), data.saved);
        announce(flag.getAttribute(data.saved ? "data-saved" : "data-removed"));
      }).catch(function () {
        form.submit();  // the page way: the server answers with a message and comes back
      });
    });
  }
})();
