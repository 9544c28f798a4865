/* Live preview of opening hours in the offer form (the form works without it). */
(function () {
  "use strict";
  var previewUrl = document.currentScript.src.replace(/static\/hours\.js.*$/, "hours-preview");
  document.querySelectorAll(".hours-preview").forEach(function (box) {
    var input = document.getElementById(box.dataset.for);
    if (!input) return;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch(previewUrl + "?expr=" + encodeURIComponent(input.value), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            box.textContent = "";
            if (!data.ok) { var p = document.createElement("p"); p.className = "field-error"; p.textContent = data.error; box.appendChild(p); return; }
            var table = document.createElement("table");
            data.week.forEach(function (row) {
              var tr = document.createElement("tr");
              var th = document.createElement("th"); th.scope = "row"; th.textContent = row.day;
              var td = document.createElement("td"); td.textContent = row.hours.length ? row.hours.join(", ") : "–";
              tr.appendChild(th); tr.appendChild(td); table.appendChild(tr);
            });
            box.appendChild(table);
          });
      }, 300);
    });
  });
})();
