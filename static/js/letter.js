// The letter's blanks are filled from fields on this page. Nothing here is sent anywhere.
(function () {
  "use strict";
  var fields = document.getElementById("letter-fields");
  if (!fields) { return; }
  fields.hidden = false;
  fields.querySelectorAll("[data-fill-source]").forEach(function (input) {
    var name = input.getAttribute("data-fill-source");
    input.addEventListener("input", function () {
      document.querySelectorAll('.letter [data-fill="' + name + '"]').forEach(function (span) {
        span.textContent = input.value.trim();  // text only, never markup
      });
    });
  });
})();
