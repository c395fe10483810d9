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
    if (element.select) { element.focus(); element.select(); return; }  // a text box
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
        var text = (target.value !== undefined ? target.value : target.innerText).trim();
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

// "None of these" and the other boxes exclude each other: ticking one clears the other kind.
// Without JavaScript, ticking both gets a message at the field instead (the server checks).
document.addEventListener("change", function (event) {
  "use strict";
  var box = event.target;
  if (!box.matches || !box.matches("[data-exclusive-group]") || !box.checked) { return; }
  var group = box.getAttribute("data-exclusive-group");
  var isNone = box.hasAttribute("data-none-choice");
  document.querySelectorAll('[data-exclusive-group="' + group + '"]').forEach(function (other) {
    if (other !== box && other.hasAttribute("data-none-choice") !== isNone) { other.checked = false; }
  });
});

// Read aloud with the phone's own speech voice (nothing leaves the phone). The button shows only
// when a voice for the page's language exists; it never starts by itself, and a second press stops.
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) { return; }
  var lang = document.documentElement.lang;  // zh-Hans, zh-Hant or en
  var wanted = { "zh-Hans": ["zh-CN", "zh-SG", "zh"], "zh-Hant": ["zh-TW", "zh-HK", "zh"], "en": ["en"] }[lang] || [lang];
  function voiceFor() {
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < wanted.length; i++) {
      for (var j = 0; j < voices.length; j++) {
        if (voices[j].lang.replace("_", "-").indexOf(wanted[i]) === 0) { return voices[j]; }
      }
    }
    return null;
  }
  function setUp() {
    var voice = voiceFor();
    document.querySelectorAll("[data-read-aloud]").forEach(function (box) {
      if (!voice || box.getAttribute("data-ready")) { return; }
      box.setAttribute("data-ready", "1");
      var button = box.querySelector("button");
      var startLabel = button.textContent;
      function stopped() {
        button.textContent = startLabel;
      }
      button.addEventListener("click", function () {
        if (window.speechSynthesis.speaking) { window.speechSynthesis.cancel(); stopped(); return; }
        var text = Array.prototype.map.call(
          document.querySelectorAll(box.getAttribute("data-read-aloud")),
          function (element) { return element.innerText; }
        ).join("\n");
        var utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = voice.lang;  // the browser picks its voice for that language
        utterance.onend = stopped;
        utterance.onerror = stopped;
        window.speechSynthesis.speak(utterance);
        button.textContent = box.getAttribute("data-stop-label");
      });
      box.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", setUp);
  window.speechSynthesis.addEventListener("voiceschanged", setUp);
})();
