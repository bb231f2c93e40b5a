/* A link that opens a dialog of the same page: <a href="/page/behind" data-dialog="id">.
   Without this file (or without <dialog> support) the link goes to its page, which does
   the same thing; here it opens <dialog id="id"> instead. Buttons with data-close-dialog
   inside close it; focus goes back to the link. Used by the profile editor ("Delete
   profile") and the organization editor ("Create a new event"). */
(function () {
  "use strict";
  if (!window.HTMLDialogElement) return;
  document.querySelectorAll("a[data-dialog]").forEach(function (link) {
    var dialog = document.getElementById(link.getAttribute("data-dialog"));
    if (!dialog) return;
    link.setAttribute("aria-haspopup", "dialog");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      dialog.showModal();
    });
    dialog.querySelectorAll("[data-close-dialog]").forEach(function (button) {
      button.addEventListener("click", function () { dialog.close(); });
    });
    dialog.addEventListener("close", function () { link.focus(); });
  });
})();
