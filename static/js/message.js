/* Messages, Write (templates/messaging/write.html). Without this file every step is a plain
   POST of the form and its own page; here:
   - To is checked on Meta-Wiki when it changes (/message/recipient): the contact methods
     follow, with the reason when Email is not offered, and a problem shows next to To;
   - "Send message" shows the confirmation page (templates/messaging/confirm.html) in a
     dialog: Cancel closes it with everything kept, Confirm/Send posts it and the page goes on;
     a form with errors replaces the page's content in place;
   - closing the success dialog takes ?sent= off the address. */
(function () {
  "use strict";

  var element = CapX.element, announce = CapX.announce;

  function setUp() {
    var form = document.querySelector(".message-form");
    if (form) {
      checkRecipientAsTyped(form);
      confirmInDialog(form);
    }
    var sent = document.querySelector("[data-message-sent]");  // made modal by capx.js
    if (sent) {
      sent.addEventListener("close", function () {
        var address = new URL(window.location.href);
        address.searchParams.delete("sent");
        window.history.replaceState(null, "", address.pathname + address.search);
      });
    }
  }

  /* --- To, checked on Meta-Wiki as it changes ------------------------------------------------ */
  function checkRecipientAsTyped(form) {
    var to = form.elements.to, method = form.elements.method;
    var status = form.querySelector("[data-message-status]");
    var note = form.querySelector("[data-message-note]");
    var asked = 0;
    to.addEventListener("change", function () {
      var name = to.value.trim();
      var problem = form.querySelector("[data-message-to-problem]");
      if (problem) problem.remove();
      if (!name) return;
      var ask = ++asked;
      status.textContent = form.getAttribute("data-checking");
      fetch(form.getAttribute("data-recipient-url") + "?to=" + encodeURIComponent(name),
            { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (ask !== asked) return;  // a newer name was typed meanwhile
          status.textContent = "";
          if (answer.error) {
            var list = element("ul", "errorlist");
            list.setAttribute("data-message-to-problem", "");
            list.appendChild(element("li", "", answer.error));
            status.after(list);
            announce(answer.error);
            return;
          }
          if (answer.name && answer.name !== name) to.value = answer.name;
          offer(form, method, answer.methods);
          var reason = note.querySelector("[data-reason]");
          if (reason) reason.remove();
          if (answer.note) {
            reason = element("p", "", answer.note);
            reason.setAttribute("data-reason", "");
            note.prepend(reason);
            announce(answer.note);
          }
        })
        .catch(function () { status.textContent = ""; });  // the server-side check still runs on send
    });
  }

  function offer(form, method, methods) {
    var chosen = method.value;
    method.innerHTML = "";
    methods.forEach(function (choice) {
      var option = element("option", "", choice.label);
      option.value = choice.value;
      option.selected = choice.value === chosen;
      method.appendChild(option);
    });
    form.elements.email_possible.value = methods.some(function (choice) {
      return choice.value === "email";
    }) ? "True" : "False";
  }

  /* --- The confirmation in a dialog ---------------------------------------------------------- */
  function confirmInDialog(form) {
    if (!window.HTMLDialogElement || !window.fetch) return;
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || button.value !== "review") return;
      event.preventDefault();
      var data = new FormData(form);
      data.set("step", "review");
      button.disabled = true;
      fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          button.disabled = false;
          var page = new DOMParser().parseFromString(html, "text/html");
          var confirm = page.getElementById("message-confirm");
          if (confirm) showConfirmation(confirm, button);
          else replaceContent(page);
        })
        .catch(function () { button.disabled = false; form.submit(); });
    });
  }

  function showConfirmation(confirm, opener) {
    var dialog = element("dialog", "profile-dialog message-dialog");
    dialog.setAttribute("aria-labelledby", "confirm-title");
    confirm.classList.remove("panel");
    confirm.classList.add("profile-dialog__body");
    dialog.appendChild(document.importNode(confirm, true));
    document.body.appendChild(dialog);
    dialog.querySelector("[data-close-dialog]").addEventListener("click", function (event) {
      event.preventDefault();
      dialog.close();
    });
    dialog.addEventListener("close", function () { dialog.remove(); opener.focus(); });
    dialog.showModal();
  }

  function replaceContent(page) {
    var main = document.getElementById("content"), fresh = page.getElementById("content");
    if (!main || !fresh) return;
    main.innerHTML = fresh.innerHTML;
    setUp();
    var summary = main.querySelector(".error-summary");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
  }

  setUp();
})();
