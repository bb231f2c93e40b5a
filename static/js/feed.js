/* The Explore feed (templates/explore/feed.html) and the profile cards wherever they appear
   (templates/explore/_card.html: the feed, the matches on /home and on your profile). Without
   this file everything works as plain links and forms; here:
   - the filter panel becomes a dialog, opened by the filter button next to the search bar and
     closed by the arrow at its top or by "Show results" (which submits the form);
   - the territory, language and affiliation list boxes become chips with a search box;
   - a profile image that cannot load shows the placeholder;
   - the save flag of a card is sent in place (fetch, JSON) instead of reloading the page, and
     every card of the same profile on the page follows.
   Translated strings come from data- attributes of the templates. */
(function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function fill(text, values) {
    Object.keys(values).forEach(function (key) { text = text.split(key).join(values[key]); });
    return text;
  }

  // A polite message for screen readers, said again even when it repeats.
  var liveRegion = null;
  function announce(text, region) {
    if (!region) {
      if (!liveRegion) {
        liveRegion = element("p", "visually-hidden");
        liveRegion.setAttribute("role", "status");
        document.body.appendChild(liveRegion);
      }
      region = liveRegion;
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

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

  /* --- Territories, languages, affiliations: chips, a search box and "Add …" ---------------- */
  function setupMultiSelect(wrapper) {
    var select = wrapper.querySelector("select[multiple]");
    var label = wrapper.querySelector("label");
    if (!select || !label) return;
    var text = function (name) { return wrapper.getAttribute("data-" + name); };

    var chosen = element("ul", "multi-select__chosen");
    var none = element("p", "multi-select__none", text("none"));
    var search = element("div", "multi-select__search");
    var input = element("input");
    input.type = "text";
    input.id = select.id + "-search";
    input.autocomplete = "off";
    input.setAttribute("list", select.id + "-suggestions");
    var described = select.getAttribute("aria-describedby");
    if (described) input.setAttribute("aria-describedby", described);
    var suggestions = element("datalist");
    suggestions.id = select.id + "-suggestions";
    var insert = element("button", "button", text("insert"));
    insert.type = "button";
    var status = element("p", "multi-select__status");
    status.setAttribute("role", "status");
    search.appendChild(input);
    search.appendChild(insert);
    search.appendChild(suggestions);

    label.htmlFor = input.id;
    select.hidden = true;
    var hint = wrapper.querySelector(".multi-select__hint");
    if (hint) hint.hidden = true;
    [chosen, none, search, status].forEach(function (node) {
      select.parentNode.insertBefore(node, select);
    });

    function render() {
      chosen.textContent = "";
      suggestions.textContent = "";
      Array.prototype.forEach.call(select.options, function (option, index) {
        var name = option.textContent.trim();
        if (!option.selected) {
          var suggestion = element("option");
          suggestion.value = name;
          suggestions.appendChild(suggestion);
          return;
        }
        var chip = element("li", "multi-chip");
        chip.appendChild(element("span", "multi-chip__name", name));
        var remove = element("button", "multi-chip__remove");
        remove.type = "button";
        remove.setAttribute("data-index", index);
        remove.appendChild(element("span", "visually-hidden", fill(text("remove"), { "__NAME__": name })));
        chip.appendChild(remove);
        chosen.appendChild(chip);
      });
      chosen.hidden = !chosen.children.length;
      none.hidden = !chosen.hidden;
    }

    // The option the typed text names: the same name, else the only one containing the text.
    function find(typed, exactOnly) {
      var wanted = typed.trim().toLowerCase();
      if (!wanted) return null;
      var partial = [];
      for (var i = 0; i < select.options.length; i++) {
        var name = select.options[i].textContent.trim().toLowerCase();
        if (name === wanted) return select.options[i];
        if (name.indexOf(wanted) >= 0) partial.push(select.options[i]);
      }
      return !exactOnly && partial.length === 1 ? partial[0] : null;
    }

    function add(exactOnly) {
      var option = find(input.value, exactOnly);
      if (!option) {
        if (!exactOnly && input.value.trim()) {
          announce(fill(text("no-match"), { "__TEXT__": input.value.trim() }), status);
        }
        return;
      }
      option.selected = true;
      input.value = "";
      render();
      announce(fill(text("added"), { "__NAME__": option.textContent.trim() }), status);
      input.focus();
    }

    insert.addEventListener("click", function () { add(false); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {  // add, rather than submit the whole form
        event.preventDefault();
        add(false);
      }
    });
    // A suggestion picked from the list goes in at once; typing waits for "Add …".
    input.addEventListener("input", function (event) {
      if (!event.inputType || event.inputType === "insertReplacementText") add(true);
    });
    chosen.addEventListener("click", function (event) {
      var remove = event.target.closest(".multi-chip__remove");
      if (!remove) return;
      var option = select.options[parseInt(remove.getAttribute("data-index"), 10)];
      option.selected = false;
      var chip = remove.closest(".multi-chip");
      var next = chip.nextElementSibling || chip.previousElementSibling;
      var nextIndex = next && next.querySelector(".multi-chip__remove").getAttribute("data-index");
      render();
      var focus = nextIndex && chosen.querySelector('[data-index="' + nextIndex + '"]');
      (focus || input).focus();
      announce(fill(text("removed"), { "__NAME__": option.textContent.trim() }), status);
    });
    render();
  }

  Array.prototype.forEach.call(document.querySelectorAll(".feed-filters [data-multi-select]"),
                               setupMultiSelect);

  /* --- Profile images that cannot load (Commons out of reach) show the placeholder ---------- */
  function fallBack(image) {
    var fallback = image.getAttribute("data-fallback");
    if (fallback && image.getAttribute("src") !== fallback) image.src = fallback;
  }
  document.addEventListener("error", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-fallback")) fallBack(event.target);
  }, true);
  Array.prototype.forEach.call(document.querySelectorAll("img[data-fallback]"), function (image) {
    if (image.complete && !image.naturalWidth) fallBack(image);  // failed before this script ran
  });

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
