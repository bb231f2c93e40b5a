/* Small helpers for the page scripts, as window.CapX. base.html loads this file before every
   other script; all of them are deferred, so they run in document order and find it ready. */
(function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Translated strings come from data- attributes with placeholders: fill(text, { "__NAME__": name }).
  function fill(text, values) {
    Object.keys(values).forEach(function (key) { text = text.split(key).join(values[key]); });
    return text;
  }

  // A polite message for screen readers, said again even when it repeats: in `region` (an
  // element with role="status"), else in a visually hidden one of the page's own.
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

  window.CapX = { element: element, fill: fill, announce: announce };

  // A dialog the server sent open (data-modal: a confirmation, a "sent" message) is shown in
  // place without JavaScript; here it becomes modal, so focus stays in it until it closes.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("dialog[open][data-modal]").forEach(function (dialog) {
      if (!dialog.showModal) return;
      dialog.close();
      dialog.showModal();
    });
  });
})();
