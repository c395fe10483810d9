// Contact log: entries live only in this browser (localStorage), never on our server.
(function () {
  "use strict";
  var KEY = "overdue-help-contact-log";
  var app = document.getElementById("log-app");
  var form = document.getElementById("log-form");
  var rows = document.getElementById("log-rows");
  var table = document.getElementById("log-table");
  if (!app || !form || !rows) { return; }

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(entries) { localStorage.setItem(KEY, JSON.stringify(entries)); }

  // Each cell carries its column's name, so a phone can show an entry as a stacked card.
  var labels = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
    return th.textContent.trim();
  });
  function cell(text, column) {
    var td = document.createElement("td");
    td.textContent = text;  // never innerHTML: what people type is shown as text
    td.setAttribute("data-label", labels[column] || "");
    return td;
  }

  function render() {
    var entries = load();
    rows.textContent = "";
    entries.forEach(function (entry) {
      var tr = document.createElement("tr");
      [entry.when.replace("T", " "), entry.number, entry.who, entry.what, entry.tags.join("; ")]
        .forEach(function (text, column) { tr.appendChild(cell(text, column)); });
      rows.appendChild(tr);
    });
    // A few blank rows stay for notes by hand on the printout.
    for (var i = 0; i < (entries.length ? 3 : 8); i++) {
      var blank = document.createElement("tr");
      blank.className = "blank-row";
      for (var j = 0; j < 5; j++) { blank.appendChild(cell("", j)); }
      rows.appendChild(blank);
    }
  }

  function csvField(text) { return '"' + String(text).replace(/"/g, '""') + '"'; }

  function exportCsv() {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    var lines = [heads.map(csvField).join(",")];
    load().forEach(function (e) {
      lines.push([e.when.replace("T", " "), e.number, e.who, e.what, e.tags.join("; ")].map(csvField).join(","));
    });
    // The byte-order mark makes spreadsheet programs read the Chinese text as UTF-8.
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "contact-log.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var when = document.getElementById("log-when");
    var error = document.getElementById("log-error");
    if (!when.value) {
      error.hidden = false;
      when.setAttribute("aria-invalid", "true");
      when.focus();
      return;
    }
    error.hidden = true;
    when.removeAttribute("aria-invalid");
    var tags = Array.prototype.filter.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
      return box.checked;
    }).map(function (box) { return box.getAttribute("data-label"); });
    var entries = load();
    entries.push({
      when: when.value,
      number: document.getElementById("log-number").value.trim(),
      who: document.getElementById("log-who").value.trim(),
      what: document.getElementById("log-what").value.trim(),
      tags: tags
    });
    save(entries);
    form.reset();
    render();
  });

  document.getElementById("log-export").addEventListener("click", exportCsv);
  document.getElementById("log-clear").addEventListener("click", function () {
    if (window.confirm(table.getAttribute("data-confirm"))) {
      localStorage.removeItem(KEY);
      render();
    }
  });

  app.hidden = false;
  render();
})();
