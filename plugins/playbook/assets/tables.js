/* Interview Playbook: tables that work from the keyboard, with nothing loaded from elsewhere.

   Sorting: every table inside `.pb-sortable` gets a button in each column header. A cell sorts by its
   `[data-sort]` value (the contacts table gives statuses their pipeline position), else by a
   `<time datetime>` inside it, else by its text; empty cells go last either way. The sorted
   column's header carries aria-sort, so screen readers announce the order. */
(function () {
  "use strict";

  function sortKey(cell) {
    var marked = cell.querySelector("[data-sort]");
    if (marked) {
      var value = marked.getAttribute("data-sort");
      return value === "" || isNaN(value) ? value || null : Number(value);
    }
    var time = cell.querySelector("time[datetime]");
    if (time) return Date.parse(time.getAttribute("datetime"));
    var text = cell.textContent.trim();
    return text === "" ? null : text;
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" });
  }

  function sortBy(table, column, direction) {
    var body = table.tBodies[0];
    var sign = direction === "ascending" ? 1 : -1;
    var rows = Array.prototype.map.call(body.rows, function (row, index) {
      return { row: row, key: sortKey(row.cells[column]), index: index };
    });
    rows.sort(function (x, y) {
      if (x.key === null || y.key === null) {
        return (x.key === null) - (y.key === null) || x.index - y.index;
      }
      return sign * compare(x.key, y.key) || x.index - y.index;
    });
    rows.forEach(function (item) {
      body.appendChild(item.row);
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      if (index === column) header.setAttribute("aria-sort", direction);
      else header.removeAttribute("aria-sort");
    });
  }

  function makeSortable(table) {
    if (!table.tHead || !table.tBodies.length || table.hasAttribute("data-pb-sortable")) return;
    table.setAttribute("data-pb-sortable", "");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pb-sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") === "ascending";
        sortBy(table, column, ascending ? "descending" : "ascending");
      });
    });
  }

  // The words of the heading a table sits under ("Upcoming conversations"), or "".
  function headingBefore(element) {
    var headings = document.querySelectorAll("article :is(h1, h2, h3, h4, h5, h6)");
    var found = "";
    headings.forEach(function (heading) {
      if (heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) {
        var copy = heading.cloneNode(true);
        copy.querySelectorAll(".headerlink").forEach(function (link) {
          link.remove();
        });
        found = copy.textContent.trim();
      }
    });
    return found;
  }

  // Scrolling: a table wider than the screen scrolls inside Material's wrapper. Without a link
  // in it, a keyboard could not reach it to scroll (WCAG 2.1.1), so an overflowing wrapper
  // becomes a focusable region, named after its heading: two regions named alike could not
  // be told apart from a screen reader's list of landmarks.
  function reachScrollingTables() {
    var names = {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
      if (wrapper.scrollWidth > wrapper.clientWidth) {
        var name = (headingBefore(wrapper) || "Table") + ": table, scrolls sideways";
        names[name] = (names[name] || 0) + 1;
        if (names[name] > 1) name += " (" + names[name] + ")";
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", name);
      } else {
        ["tabindex", "role", "aria-label"].forEach(function (name) {
          wrapper.removeAttribute(name);
        });
      }
    });
  }

  function setUp() {
    document.querySelectorAll(".pb-sortable table").forEach(makeSortable);
    reachScrollingTables();
  }

  window.addEventListener("resize", reachScrollingTables);

  // Material's document$ emits on every page load, including instant navigation when enabled.
  if (window.document$) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
