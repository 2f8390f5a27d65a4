/// report.html's style sheet and its one small script, inlined in the page: the file
/// opens anywhere with no network. The page reads fully without the script, which only
/// adds sorting, the filter boxes, and opens collapsed tables before printing.
enum HTMLStyle {
    static let css = """
        :root { --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --line: #d0d7de;
          --added: #1a7f37; --removed: #cf222e; --accent: #0969da; --warn: #9a6700; --banner: #fff8c5; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --line: #30363d;
            --added: #3fb950; --removed: #f85149; --accent: #4493f8; --warn: #d29922; --banner: #3b2e00; }
        }
        html { background: var(--bg); color: var(--fg); }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
          max-width: 1100px; padding: 1rem 1.5rem 3rem; }
        h1 { font-size: 1.6rem; margin: .5rem 0 0; }
        h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
        h3 { font-size: 1rem; }
        .generated, figcaption, caption, .numbers summary { color: var(--muted); font-size: .9rem; }
        .banner { background: var(--banner); border: 2px solid var(--warn); font-weight: 600; padding: .5rem .8rem; }
        .lead { font-size: 1.1rem; }
        .warn .mark { color: var(--warn); }
        ol.actions li, ul.attention li { margin: .2rem 0; }
        .scroll { overflow-x: auto; }
        table.data { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
        table.data caption { text-align: left; padding: .2rem 0; }
        table.data th, table.data td { border-bottom: 1px solid var(--line); padding: .25rem .6rem; text-align: left;
          vertical-align: top; }
        table.data thead th { background: var(--panel); position: sticky; top: 0; }
        table.data tbody th { font-weight: normal; }
        table.data tr.total th, table.data tr.total td { font-weight: 700; border-top: 2px solid var(--fg); }
        table.data tr.note th, table.data tr.note td { color: var(--muted); }
        table.data th[aria-sort] { cursor: pointer; }
        details.long > summary, details.numbers > summary { cursor: pointer; margin: .4rem 0; }
        .filter input { font: inherit; padding: .1rem .3rem; }
        .chart { margin: 1rem 0; break-inside: avoid; }
        figure { margin: 0; }
        figure svg { max-width: 100%; height: auto; display: block; }
        .small-multiples { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
        .small-multiples .chart { margin: .3rem 0; }
        svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
        svg text.muted { fill: var(--muted); }
        svg rect.added { fill: var(--added); }
        svg rect.removed { fill: var(--removed); }
        svg rect.bar { fill: var(--accent); }
        svg line.axis { stroke: var(--line); stroke-width: 1; }
        svg line.average { stroke: var(--fg); stroke-width: 1.5; stroke-dasharray: 5 4; }
        svg polyline.line { fill: none; stroke: var(--accent); stroke-width: 2; }
        svg polyline.spark { fill: none; stroke: var(--accent); stroke-width: 1.5; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          .filter, details.numbers { display: none; }
          thead { display: table-header-group; }
          tr, .chart, li { break-inside: avoid; }
          h2 { break-after: avoid; }
          table.data thead th { position: static; }
        }
        """

    static let script = """
        (function () {
          "use strict";
          function key(cell) {
            var text = cell.textContent.trim();
            var number = text.replace(/[,\\s+▲]/g, "").replace(/^[−▼]/, "-");
            return /^-?\\d+(\\.\\d+)?%?$/.test(number) ? parseFloat(number) : text.toLowerCase();
          }
          document.querySelectorAll("table.data").forEach(function (table) {
            var body = table.tBodies[0];
            if (!body || body.rows.length < 2) { return; }
            Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
              th.setAttribute("aria-sort", "none");
              th.addEventListener("click", function () {
                var ascending = th.getAttribute("aria-sort") !== "ascending";
                Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
                  other.setAttribute("aria-sort", "none");
                });
                th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = key(a.cells[column]), y = key(b.cells[column]);
                  var order = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
                  return ascending ? order : -order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
          });
          document.querySelectorAll("input[data-filter]").forEach(function (input) {
            var table = document.getElementById(input.getAttribute("data-filter"));
            input.addEventListener("input", function () {
              var needle = input.value.trim().toLowerCase();
              Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
                row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) < 0;
              });
            });
          });
          window.addEventListener("beforeprint", function () {
            document.querySelectorAll("details.long").forEach(function (details) { details.open = true; });
          });
        })();
        """
}
