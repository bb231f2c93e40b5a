/* A select multiple as chips with a search box: every [data-multi-select] on the page, i.e. the
   affiliations and territories of the profile edit page (templates/profiles/_multi_select.html)
   and the territory, language and affiliation filters of the Explore feed
   (templates/explore/feed.html). Without this file each is the plain list box; here the list box
   is hidden and shows the chosen items as chips (each with a ×), then a search box with the other
   items as suggestions and a button ("Insert item", "Add territory"…), all changing the same
   <select>, which is what the form posts.
   The wrapper holds the <label>, the <select multiple> and an optional .multi-select__hint (hidden
   here), and the translated strings as data- attributes: data-insert (the button), data-none,
   data-remove, data-added, data-removed (with __NAME__) and data-no-match (with __TEXT__). */
(function () {
  "use strict";
  var element = CapX.element, fill = CapX.fill, announce = CapX.announce;

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
    if (select.hasAttribute("aria-invalid")) input.setAttribute("aria-invalid", "true");
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
          // Other names it is known by ("Wikimedia Brasil"): the browser matches the label too.
          if (option.getAttribute("data-aliases")) suggestion.label = name + " · " + option.getAttribute("data-aliases");
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
        var aliases = (select.options[i].getAttribute("data-aliases") || "").toLowerCase().split("; ");
        if (name === wanted || aliases.indexOf(wanted) >= 0) return select.options[i];
        if (name.indexOf(wanted) >= 0 || aliases.some(function (alias) { return alias && alias.indexOf(wanted) >= 0; })) {
          partial.push(select.options[i]);
        }
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
      if (event.key === "Enter") {  // add the item, rather than submit the whole form
        event.preventDefault();
        add(false);
      }
    });
    // A suggestion picked from the list goes in at once; typing waits for the button.
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

  Array.prototype.forEach.call(document.querySelectorAll("[data-multi-select]"), setupMultiSelect);
})();
