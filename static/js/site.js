// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Print buttons are hidden without JavaScript; the browser's own print menu always works.
  function enablePrint(root) {
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // GOV.UK pattern: after a failed submit, focus moves to the error summary, which is announced.
  // After an htmx step change without errors, focus moves to the new question's heading.
  function focusStep(root) {
    var summary = root.querySelector(".error-summary");
    if (summary) { summary.focus(); return; }
    var title = root.querySelector(".question-title");
    if (title) {
      title.setAttribute("tabindex", "-1");
      title.focus();
    }
  }

  // Quick exit (GOV.UK "Exit this page"): leave for a neutral site without a back-button trail.
  // Pressing Shift three times does the same.
  function quickExit(href) { window.location.replace(href); }
  var shifts = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { return; }
    var now = Date.now();
    shifts = shifts.filter(function (t) { return now - t < 2000; });
    shifts.push(now);
    var link = document.querySelector("[data-quick-exit]");
    if (shifts.length >= 3 && link) { quickExit(link.href); }
  });

  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    var exit = document.querySelector("[data-quick-exit]");
    if (exit) {
      exit.addEventListener("click", function (event) {
        event.preventDefault();
        quickExit(exit.href);
      });
    }
    enablePrint(document);
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });

  // Budget page: copy a letter or a script as plain text. Without this, the text is there to select.
  function enableCopy(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.innerText.trim()).then(function () {
          var status = root.querySelector("[data-copied]");
          if (status) { status.textContent = status.getAttribute("data-copied"); }
        });
      });
    });
  }

  // Budget page, after an htmx swap: focus goes where the server says (the error summary, the
  // result's heading, a new debt's first field, or the debts heading after a removal).
  function focusBudget(app) {
    enablePrint(app);
    enableCopy(app);
    var element = document.getElementById(app.getAttribute("data-focus") || "");
    if (!element) { return; }
    if (!element.matches("input, select, button, a[href]")) { element.setAttribute("tabindex", "-1"); }
    element.focus();
  }

  document.addEventListener("DOMContentLoaded", function () { enableCopy(document); });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var app = document.getElementById("budget-app");
    if (app && target && (target.id === "budget-app" || !target.isConnected)) { focusBudget(app); }
    // The scam check's errors arrive out of band, beside its result: the summary takes focus.
    if (target && target.id === "scam-result") {
      var summary = document.querySelector("#scam-errors .error-summary");
      if (summary) { summary.focus(); }
    }
    if (target && target.id === "question" || (event.detail.elt && event.detail.elt.id === "question")) {
      var step = document.getElementById("question");
      if (step) { focusStep(step); }
    }
  });
})();
