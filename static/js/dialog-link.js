/* A link or a submit button that opens a dialog of the same page: <a href="/page/behind"
   data-dialog="id">, <button type="submit" name="step" value="ask" data-dialog="id">.
   Without this file (or without <dialog> support) the link goes to its page, or the button
   asks the server, which does the same thing; here it opens <dialog id="id"> instead.
   Buttons with data-close-dialog inside close it (a submit button among them then does not
   submit); focus goes back to the opener. Used by the profile editor ("Delete profile",
   "Let's Connect Integration") and the organization editor ("Create a new event"). */
(function () {
  "use strict";
  if (!window.HTMLDialogElement) return;
  document.querySelectorAll("a[data-dialog], button[data-dialog]").forEach(function (link) {
    var dialog = document.getElementById(link.getAttribute("data-dialog"));
    if (!dialog) return;
    link.setAttribute("aria-haspopup", "dialog");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      dialog.showModal();
    });
    dialog.querySelectorAll("[data-close-dialog]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        dialog.close();
      });
    });
    dialog.addEventListener("close", function () { link.focus(); });
  });
})();
