/* The capacity picker (templates/capacities/_picker.html). Without this file, "Add capacities"
   submits the form to the picker page /capacity/picker/<field> and each × reloads the page
   without that capacity. Here both happen in place: a <dialog> walks the directory level by
   level (a click on a box selects it, the arrow goes one level down, the link icon opens the
   Explore feed filtered by it, "Root capacities" goes back to the top), and confirming rewrites
   the hidden inputs of the host form. Cancel, × and Escape keep the previous selection.
   A button with data-opens-picker="<field>" elsewhere in the form (the search bar of Explore)
   opens the same dialog, and its confirmation submits the form at once. */
(function () {
  "use strict";

  // A name or description shown in English on a page in another language says so, and sits
  // in its own direction, so an Arabic page puts its punctuation at the right end.
  function marked(node, lang) {
    node.dir = "auto";
    if (lang) node.lang = lang;
    return node;
  }
  var source = document.getElementById("capacity-picker-data");
  var template = document.getElementById("capacity-picker-dialog");
  // Without <dialog> (very old browsers) the buttons to the picker page keep working.
  if (!source || !template || !window.HTMLDialogElement) return;

  var data = JSON.parse(source.textContent);
  var bySlug = {};
  var kids = { "": [] };  // parent slug ("" for the roots) → children, in directory order
  data.capacities.forEach(function (node) {
    bySlug[node.slug] = node;
    kids[node.slug] = [];
  });
  data.capacities.forEach(function (node) { kids[node.parent || ""].push(node); });

  // One dialog for the whole page, whichever picker opened it.
  var dialog = template.content.firstElementChild.cloneNode(true);
  document.body.appendChild(dialog);
  var boxes = dialog.querySelector(".capacity-dialog__boxes");
  var trail = dialog.querySelector(".capacity-dialog__path ol");
  var confirmButton = dialog.querySelector(".capacity-dialog__confirm");

  var picker = null;  // the .capacity-picker being edited
  var opener = null;  // where the focus goes back to
  var submitOnConfirm = false;  // opened from outside the picker: confirming submits the form
  var chosen = [];    // slugs: the selection in the dialog, applied only on confirm

  var element = CapX.element;
  // Translated strings come from the template with a __NAME__ placeholder.
  function withName(text, name) { return CapX.fill(text, { "__NAME__": name }); }

  function button(className, hiddenLabel) {
    var node = element("button", className);
    node.type = "button";
    if (hiddenLabel) node.appendChild(element("span", "visually-hidden", hiddenLabel));
    return node;
  }

  function updateCount() {
    var labels = data.confirmLabels;
    confirmButton.textContent = labels[Math.min(chosen.length, labels.length - 1)];
  }

  function box(node) {
    var item = element("li", "capacity-dialog__box theme-" + node.theme);
    var select = button("capacity-dialog__select");
    select.setAttribute("data-slug", node.slug);
    select.setAttribute("aria-pressed", chosen.indexOf(node.slug) >= 0 ? "true" : "false");
    select.appendChild(element("span", "capacity-box__icon")).setAttribute("aria-hidden", "true");
    select.appendChild(element("span", "capacity-dialog__check")).setAttribute("aria-hidden", "true");
    select.appendChild(marked(element("span", "capacity-dialog__name", node.name), node.nameLang));
    item.appendChild(select);
    // The icons stay together: when the name needs the whole line, they go under it.
    var tools = item.appendChild(element("span", "capacity-dialog__tools"));
    tools.appendChild(exploreLink(node));

    var about = element("p", "capacity-dialog__description",
                        node.description || dialog.getAttribute("data-no-description"));
    about.dir = "auto";
    if (node.description) marked(about, node.descriptionLang);
    about.id = "capacity-dialog-about-" + node.slug;
    about.hidden = true;
    var info = button("capacity-dialog__info", withName(dialog.getAttribute("data-about"), node.name));
    info.setAttribute("aria-controls", about.id);
    info.setAttribute("aria-expanded", "false");
    tools.appendChild(info);

    if (kids[node.slug].length) {
      var arrow = button("capacity-dialog__arrow", withName(dialog.getAttribute("data-inside"), node.name));
      arrow.setAttribute("data-level", node.slug);
      tools.appendChild(arrow);
    }
    item.appendChild(about);
    return item;
  }

  /* The link icon: the Explore feed filtered by this capacity. From an editor (a POST form)
     it opens a new tab, so the profile being filled in is not lost. */
  function exploreLink(node) {
    var link = element("a", "capacity-dialog__explore");
    link.href = dialog.getAttribute("data-explore-url").replace("__SLUG__", encodeURIComponent(node.slug));
    link.appendChild(element("span", "capacity-icon capacity-icon--link")).setAttribute("aria-hidden", "true");
    var label = withName(dialog.getAttribute("data-explore"), node.name);
    var form = picker.closest("form");
    if (form && form.method === "post") {
      link.target = "_blank";
      label += " " + dialog.getAttribute("data-new-tab");
    }
    link.appendChild(element("span", "visually-hidden", label));
    return link;
  }

  /* Shows the children of `slug` ("" for the roots) and moves the focus into the list:
     to `focusSlug` when going back up (where the user came from), else to the first box. */
  function show(slug, focusSlug) {
    while (trail.children.length > 1) trail.removeChild(trail.lastChild);
    var ancestors = [];
    for (var node = bySlug[slug]; node; node = bySlug[node.parent]) ancestors.unshift(node);
    ancestors.forEach(function (ancestor) {
      var step = button("capacity-dialog__level");
      step.textContent = ancestor.name;
      step.setAttribute("data-level", ancestor.slug);
      trail.appendChild(element("li")).appendChild(step);
    });
    var steps = trail.querySelectorAll(".capacity-dialog__level");
    for (var i = 0; i < steps.length; i++) {
      if (i === steps.length - 1) steps[i].setAttribute("aria-current", "location");
      else steps[i].removeAttribute("aria-current");
    }

    boxes.textContent = "";
    kids[slug].forEach(function (child) { boxes.appendChild(box(child)); });
    var target = focusSlug && boxes.querySelector('[data-slug="' + focusSlug + '"]');
    (target || boxes.querySelector(".capacity-dialog__select")).focus();
  }

  function open(newPicker, newOpener, submit) {
    picker = newPicker;
    opener = newOpener;
    submitOnConfirm = submit;
    chosen = Array.prototype.map.call(picker.querySelectorAll(".capacity-chip input"),
                                      function (input) { return input.value; });
    updateCount();
    dialog.showModal();
    show("");
  }

  function chip(node, field) {
    var item = element("li", "capacity-chip theme-" + node.theme);
    item.setAttribute("data-slug", node.slug);
    item.appendChild(element("span", "capacity-chip__icon")).setAttribute("aria-hidden", "true");
    item.appendChild(marked(element("span", "capacity-chip__name", node.name), node.nameLang));
    var input = element("input");
    input.type = "hidden";
    input.name = field;
    input.value = node.slug;
    item.appendChild(input);
    item.appendChild(button("capacity-chip__remove",
                            withName(picker.getAttribute("data-remove"), node.name)));
    return item;
  }

  // Shows the list or "No capacities selected yet", and submits a filter form at once.
  function changed(target, submit) {
    var list = target.querySelector(".capacity-picker__chosen");
    var empty = !list.children.length;
    list.hidden = empty;
    target.querySelector(".capacity-picker__empty").hidden = !empty;
    var form = target.closest("form");
    if (form && (submit || target.hasAttribute("data-autosubmit"))) {
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }
  }

  function apply() {
    var list = picker.querySelector(".capacity-picker__chosen");
    var field = picker.getAttribute("data-field");
    list.textContent = "";
    chosen.forEach(function (slug) { list.appendChild(chip(bySlug[slug], field)); });
    changed(picker, submitOnConfirm);
  }

  function remove(removeButton) {
    var item = removeButton.closest(".capacity-chip");
    var owner = item.closest(".capacity-picker");
    // Keep the keyboard focus nearby: the next ×, else the previous one, else "Add capacities".
    var neighbour = item.nextElementSibling || item.previousElementSibling;
    item.parentNode.removeChild(item);
    (neighbour ? neighbour.querySelector(".capacity-chip__remove")
               : owner.querySelector(".capacity-picker__add")).focus();
    changed(owner);
  }

  dialog.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.classList.contains("capacity-dialog__select")) {
      var slug = target.getAttribute("data-slug");
      var at = chosen.indexOf(slug);
      if (at >= 0) chosen.splice(at, 1); else chosen.push(slug);
      target.setAttribute("aria-pressed", at >= 0 ? "false" : "true");
      updateCount();
    } else if (target.classList.contains("capacity-dialog__info")) {
      var about = document.getElementById(target.getAttribute("aria-controls"));
      about.hidden = !about.hidden;
      target.setAttribute("aria-expanded", about.hidden ? "false" : "true");
    } else if (target.hasAttribute("data-level")) {
      // Going up, the focus goes to the box the user went down through.
      var current = trail.querySelector('[aria-current="location"]');
      var from = current ? current.getAttribute("data-level") : "";
      var to = target.getAttribute("data-level");
      var through = null;
      for (var node = bySlug[from]; node; node = bySlug[node.parent]) {
        if ((node.parent || "") === to) through = node.slug;
      }
      show(to, through);
    } else if (target.classList.contains("capacity-dialog__confirm")) {
      apply();
      dialog.close();
    } else if (target.classList.contains("capacity-dialog__cancel") ||
               target.classList.contains("capacity-dialog__close")) {
      dialog.close();  // Escape closes it too (the browser's "cancel")
    }
  });

  dialog.addEventListener("close", function () {
    if (opener && document.contains(opener)) opener.focus();
  });

  // The no-JS links and submit buttons now act in place instead of loading a page.
  function toButton(link) {
    var replacement = button(link.className);
    while (link.firstChild) replacement.appendChild(link.firstChild);
    link.parentNode.replaceChild(replacement, link);
    return replacement;
  }
  function opensDialog(submitButton) {
    submitButton.type = "button";
    submitButton.setAttribute("aria-haspopup", "dialog");
  }
  var pickers = document.querySelectorAll(".capacity-picker");
  for (var i = 0; i < pickers.length; i++) {
    opensDialog(pickers[i].querySelector(".capacity-picker__add"));
    Array.prototype.forEach.call(pickers[i].querySelectorAll("a.capacity-chip__remove"), toButton);
    Array.prototype.forEach.call(pickers[i].querySelectorAll("button.capacity-chip__remove"), function (remover) {
      remover.type = "button";  // an editor's ×: removes in place instead of submitting
      remover.removeAttribute("name");
    });
  }
  // Other openers: only those whose form holds the picker they name.
  function pickerOf(otherOpener) {
    var form = otherOpener.closest("form");
    var field = otherOpener.getAttribute("data-opens-picker");
    return form && form.querySelector('.capacity-picker[data-field="' + field + '"]');
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-opens-picker]"), function (other) {
    if (pickerOf(other)) opensDialog(other);
  });

  document.addEventListener("click", function (event) {
    var other = event.target.closest("[data-opens-picker]");
    if (other && pickerOf(other)) {
      open(pickerOf(other), other, true);
      return;
    }
    var target = event.target.closest(".capacity-picker button");
    if (!target) return;
    if (target.classList.contains("capacity-picker__add")) {
      open(target.closest(".capacity-picker"), target, false);
    } else if (target.classList.contains("capacity-chip__remove")) {
      remove(target);
    }
  });
})();
