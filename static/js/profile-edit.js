/* The profile edit page (templates/profiles/edit.html). Without this file every control is a
   plain form control and the page works as it is; here:
   - the avatar and badge choices move into dialogs ("Choose an avatar", "Edit your badges"):
     "Update" keeps the choice, closing (×, Escape) puts the previous one back;
   - the mini bio shows a live "N/500" counter;
   - "Add language" adds a formset row in place (the formset's empty_form);
   ("Delete profile" asks in a dialog through dialog-link.js, posting the same form as
   /profile/delete.)
   The affiliation and territory list boxes become chips with a search box in multi-select.js.
   Translated strings come from data- attributes of the template. */
(function () {
  "use strict";
  if (!document.querySelector(".profile-form")) return;
  var hasDialog = !!window.HTMLDialogElement;

  var element = CapX.element, fill = CapX.fill;

  /* --- Avatar and badges: a choice in a dialog ------------------------------------------- */
  var choiceTemplate = document.getElementById("choice-dialog-template");

  function setupChoice(choice, number) {
    var options = choice.querySelector(".choice__options");
    var summary = choice.querySelector(".choice__summary");
    var current = choice.querySelector(".choice__current");
    var opener = choice.querySelector(".choice__open");
    var inputs = options.querySelectorAll("input");  // none yet for badges: the dialog shows what is to earn

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
      // No badge earned yet: the dialog still shows them all, with nothing to tick.
      var first = options.querySelector("input:checked") || inputs[0] ||
        dialog.querySelector(".choice-dialog__update");
      first.focus();
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
})();
