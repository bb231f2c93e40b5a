/* The profile edit page (templates/profiles/edit.html). Without this file every control is a
   plain form control and the page works as it is; here:
   - the avatar and badge choices move into dialogs ("Choose an avatar", "Edit your badges"):
     "Update" keeps the choice, closing (×, Escape) puts the previous one back;
   - the mini bio shows a live "N/500" counter;
   - "Add language" adds a formset row in place (the formset's empty_form);
   - the affiliation and territory list boxes become chips with a search box and "Insert item";
   - "Delete profile" asks in a dialog, which posts the same form as /profile/delete.
   Translated strings come from data- attributes of the template. */
(function () {
  "use strict";
  if (!document.querySelector(".profile-form")) return;
  var hasDialog = !!window.HTMLDialogElement;

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
  function announce(region, text) {
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  /* --- Avatar and badges: a choice in a dialog ------------------------------------------- */
  var choiceTemplate = document.getElementById("choice-dialog-template");

  function setupChoice(choice, number) {
    var options = choice.querySelector(".choice__options");
    var summary = choice.querySelector(".choice__summary");
    var current = choice.querySelector(".choice__current");
    var opener = choice.querySelector(".choice__open");
    var inputs = options.querySelectorAll("input");
    if (!inputs.length) return;

    var dialog = choiceTemplate.content.firstElementChild.cloneNode(true);
    var title = dialog.querySelector(".profile-dialog__title");
    title.id = "choice-dialog-title-" + number;
    title.textContent = choice.getAttribute("data-choice-title");
    dialog.setAttribute("aria-labelledby", title.id);
    dialog.querySelector(".profile-dialog__body").appendChild(options);
    // The dialog stays inside the form, so its inputs are still posted with it.
    choice.insertBefore(dialog, summary.nextSibling);
    summary.hidden = false;

    var saved = null;  // the checked states when the dialog opened; null once "Update" is pressed

    function states() {
      return Array.prototype.map.call(inputs, function (input) { return input.checked; });
    }

    function render() {
      current.textContent = "";
      var shown = 0;
      Array.prototype.forEach.call(inputs, function (input) {
        if (!input.checked || !input.value) return;
        var label = input.closest("label");
        var item = element("span", "choice__item");
        var image = label.querySelector("img");
        if (image) item.appendChild(image.cloneNode(false)).removeAttribute("loading");
        var name = label.querySelector(".badge-option__name");
        if (name) item.appendChild(element("span", "choice__name", name.textContent));
        current.appendChild(item);
        shown += 1;
      });
      if (!shown) current.appendChild(element("span", "choice__empty", choice.getAttribute("data-choice-empty")));
    }

    opener.addEventListener("click", function () {
      saved = states();
      dialog.showModal();
      var checked = options.querySelector("input:checked") || inputs[0];
      checked.focus();
    });
    dialog.querySelector(".choice-dialog__update").addEventListener("click", function () {
      saved = null;
      dialog.close();
    });
    dialog.querySelector(".profile-dialog__close").addEventListener("click", function () {
      dialog.close();
    });
    // Escape closes the dialog too (its "cancel"), which ends here like the × does.
    dialog.addEventListener("close", function () {
      if (saved) {
        saved.forEach(function (checked, index) { inputs[index].checked = checked; });
        saved = null;
      }
      render();
      opener.focus();
    });
    render();
  }

  if (hasDialog && choiceTemplate) {
    Array.prototype.forEach.call(document.querySelectorAll(".choice"), setupChoice);
  }

  /* --- Mini bio counter -------------------------------------------------------------------- */
  var counter = document.querySelector(".bio-counter");
  var bio = counter && document.getElementById(counter.id.replace(/_counter$/, ""));
  if (bio) {
    var updateCounter = function () {
      counter.textContent = fill(counter.getAttribute("data-template"), { "__COUNT__": bio.value.length });
    };
    bio.addEventListener("input", updateCounter);
    updateCounter();
    counter.hidden = false;
  }

  /* --- Add language ---------------------------------------------------------------------- */
  var rowTemplate = document.getElementById("language-row-template");
  var addLanguage = document.querySelector(".language-rows__add");
  var rows = document.querySelector(".language-rows");
  var total = document.querySelector('input[name$="-TOTAL_FORMS"]');
  var maximum = document.querySelector('input[name$="-MAX_NUM_FORMS"]');
  if (rowTemplate && addLanguage && rows && total) {
    var roomLeft = function () {
      return !maximum || parseInt(total.value, 10) < parseInt(maximum.value, 10);
    };
    addLanguage.hidden = !roomLeft();
    addLanguage.addEventListener("click", function () {
      if (!roomLeft()) return;
      var number = total.value;
      var row = rowTemplate.content.firstElementChild.cloneNode(true);
      [row].concat(Array.prototype.slice.call(row.querySelectorAll("*"))).forEach(function (node) {
        ["id", "name", "for", "aria-describedby"].forEach(function (attribute) {
          var value = node.getAttribute(attribute);
          if (value && value.indexOf("__prefix__") >= 0) {
            node.setAttribute(attribute, value.split("__prefix__").join(number));
          }
        });
      });
      rows.appendChild(row);
      total.value = parseInt(number, 10) + 1;
      addLanguage.hidden = !roomLeft();
      row.querySelector('input[list]').focus();
    });
  }

  /* --- Affiliation and territory: chips, a search box and "Insert item" --------------------- */
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
    select.parentNode.insertBefore(chosen, select);
    select.parentNode.insertBefore(none, select);
    select.parentNode.insertBefore(search, select);
    select.parentNode.insertBefore(status, select);
    if (select.hasAttribute("aria-invalid")) input.setAttribute("aria-invalid", "true");
    var described = select.getAttribute("aria-describedby");
    if (described) input.setAttribute("aria-describedby", described);

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
          announce(status, fill(text("no-match"), { "__TEXT__": input.value.trim() }));
        }
        return;
      }
      option.selected = true;
      input.value = "";
      render();
      announce(status, fill(text("added"), { "__NAME__": option.textContent.trim() }));
      input.focus();
    }

    insert.addEventListener("click", function () { add(false); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {  // insert, rather than submit the whole form
        event.preventDefault();
        add(false);
      }
    });
    // A suggestion picked from the list goes in at once; typing waits for "Insert item".
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
      announce(status, fill(text("removed"), { "__NAME__": option.textContent.trim() }));
    });
    render();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-multi-select]"), setupMultiSelect);

  /* --- Delete profile: confirm in a dialog ------------------------------------------------- */
  var deleteLink = document.querySelector("[data-dialog]");
  var deleteDialog = deleteLink && document.getElementById(deleteLink.getAttribute("data-dialog"));
  if (hasDialog && deleteDialog) {
    deleteLink.setAttribute("aria-haspopup", "dialog");
    deleteLink.addEventListener("click", function (event) {
      event.preventDefault();
      deleteDialog.showModal();
      deleteDialog.querySelector(".profile-dialog__cancel").focus();
    });
    deleteDialog.querySelector(".profile-dialog__cancel").addEventListener("click", function () {
      deleteDialog.close();
    });
    deleteDialog.addEventListener("close", function () { deleteLink.focus(); });
  }
})();
