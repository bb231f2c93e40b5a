/* A profile page (templates/profiles/show.html): "Copy link" puts the profile's address on the
   clipboard and says so politely. Without this file the address is shown in a read-only field
   to select and copy by hand; it comes back when the browser refuses to copy. */
(function () {
  "use strict";
  var box = document.querySelector(".profile-share__link");
  if (!box) return;
  var field = box.querySelector(".profile-share__field");
  var input = box.querySelector("input");
  var button = box.querySelector(".profile-share__copy");
  var status = box.querySelector(".profile-share__status");

  function say(text) { CapX.announce(text, status); }  // said again even when it repeats

  function copied() {
    field.hidden = true;
    say(box.getAttribute("data-copied"));
  }

  function byHand() {
    field.hidden = false;
    input.focus();
    input.select();
    try {
      if (document.execCommand && document.execCommand("copy")) {
        copied();
        button.focus();
        return;
      }
    } catch (error) { /* the user copies by hand */ }
    say(box.getAttribute("data-failed"));
  }

  button.hidden = false;
  field.hidden = true;
  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(copied, byHand);
    } else {
      byHand();
    }
  });
})();
