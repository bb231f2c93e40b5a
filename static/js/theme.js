/* Theme switch without a page reload. Without JavaScript the same form posts to /theme and
   the page comes back with the new data-theme; here we switch at once and post in the
   background. Choosing the theme the system already uses stores "auto", so the page keeps
   following the system setting. */
(function () {
  "use strict";
  var root = document.documentElement;
  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function effective(theme) {
    if (theme === "auto") return systemDark && systemDark.matches ? "dark" : "light";
    return theme;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("theme-form") || !window.fetch) return;
    var button = event.submitter;
    if (!button || !button.value) return;
    event.preventDefault();

    var wanted = button.value;
    var stored = wanted === effective("auto") ? "auto" : wanted;
    root.setAttribute("data-theme", stored);
    var scheme = document.querySelector('meta[name="color-scheme"]');
    if (scheme) scheme.setAttribute("content", stored === "auto" ? "light dark" : stored);

    // The pressed button is now hidden: keep keyboard focus on the one that replaced it.
    var other = form.querySelector('button[name="theme"]:not([value="' + wanted + '"])');
    if (other) other.focus();

    var data = new FormData(form);
    data.set("theme", stored);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).catch(function () { /* the theme still applies to this page */ });
  });
})();
