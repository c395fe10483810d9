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

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    // The message check's errors arrive out of band, beside its result: the summary takes
    // focus. Otherwise the verdict does, so a phone scrolls to it and a screen reader reads it.
    if (target && target.id === "scam-result") {
      var summary = document.querySelector("#scam-errors .error-summary");
      var verdict = document.getElementById("scam-verdict");
      if (summary) {
        summary.focus();
      } else if (verdict) {
        verdict.focus({ preventScroll: true });
        verdict.scrollIntoView({ block: "start" });
      }
    }
    if (target && target.id === "question" || (event.detail.elt && event.detail.elt.id === "question")) {
      var step = document.getElementById("question");
      if (step) { focusStep(step); }
    }
  });
})();

// "Copy the text": the Clipboard API where the browser allows it; otherwise the text is selected,
// so the person can copy it with the phone's own menu. Without JavaScript the text stays selectable.
(function () {
  "use strict";
  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var target = document.querySelector(button.getAttribute("data-copy"));
      var status = document.querySelector("[data-copy-status]");
      if (!target) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = target.innerText.trim();
        function done(message) { if (status) { status.textContent = message; } }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(
            function () { done(button.getAttribute("data-copied") || ""); },
            function () { selectText(target); done(button.getAttribute("data-select") || ""); }
          );
        } else {
          selectText(target);
          done(button.getAttribute("data-select") || "");
        }
      });
    });
  });
})();
