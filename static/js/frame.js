/* Small comforts for the site menu; everything works without this file:
   "My profiles" (and the phone menu) close with Escape, and "My profiles" with a click
   elsewhere, like any dropdown. */
(function () {
  "use strict";
  var menu = document.querySelector(".site-menu");
  if (!menu) return;

  function closeSubmenus(except) {
    var open = document.querySelectorAll(".submenu[open]");
    for (var i = 0; i < open.length; i++) {
      if (open[i] !== except) open[i].open = false;
    }
  }
  document.addEventListener("click", function (event) {
    closeSubmenus(event.target.closest ? event.target.closest(".submenu") : null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var submenu = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".submenu[open]") : null;
    if (submenu) {
      submenu.open = false;
      submenu.querySelector("summary").focus();
    } else if (menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();
