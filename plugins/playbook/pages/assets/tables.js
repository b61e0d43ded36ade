/* Interview Playbook: tables that work from the keyboard, with nothing loaded from elsewhere.

   Filtering: a table inside `.pb-filterable` gets a text box and a status menu above it. A row
   stays when every word typed is found in the columns named by `data-pb-columns` (name,
   company, status) and its status column matches the menu. The address carries both
   (`?q=northwind&status=scheduled`), so a filtered table can be linked to and reloaded. Each
   row's text is read once; typing then only toggles `hidden`, which keeps 5,000 rows quick.

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
        var name = say("scrolls", { name: headingBefore(wrapper) || say("table") });
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

  // The scripts' words: English, or the page's language when it carries them (the pb-words
  // element, pages/script_words.py). %(name)s in a message is filled in from `values`.
  var ENGLISH = {
    filterTable: "Filter the table",
    filter: "Filter",
    placeholder: "Name, company or status",
    status: "Status",
    allStatuses: "All statuses",
    table: "Table",
    scrolls: "%(name)s: table, scrolls sideways",
    people: { one: "%(num)s person", other: "%(num)s people" },
    peopleOf: { one: "%(shown)s of %(num)s person", other: "%(shown)s of %(num)s people" },
  };
  var WORDS = ENGLISH;
  var LANGUAGE = "en";

  function readWords() {
    var translated = document.getElementById("pb-words");
    WORDS = translated ? JSON.parse(translated.textContent) : ENGLISH;
    LANGUAGE = translated ? document.documentElement.lang || "en" : "en";
  }

  function fill(message, values) {
    return message.replace(/%\((\w+)\)s/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  }

  function say(key, values) {
    return fill(WORDS[key] || ENGLISH[key], values || {});
  }

  function count_of(key, n, values) {
    var forms = WORDS[key] || ENGLISH[key];
    var category = new Intl.PluralRules(LANGUAGE).select(n);
    values.num = n;
    return fill(forms[category] || forms.other, values);
  }

  // A row's status as the data writes it (`?status=scheduled`): its words in English; in another
  // language, the status at its place in the pipeline (data-sort, and the list in pb-words).
  function statusOf(cell) {
    var marked = cell.querySelector("[data-sort]");
    if (WORDS.statuses && marked) return WORDS.statuses[Number(marked.getAttribute("data-sort"))];
    return cell.textContent.trim();
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function makeFilterable(box) {
    var table = box.querySelector("table");
    if (!table || !table.tBodies.length || box.hasAttribute("data-pb-filter-ready")) return;
    box.setAttribute("data-pb-filter-ready", "");
    var columns = (box.getAttribute("data-pb-columns") || "0").split(" ").map(Number);
    var statusColumn = Number(box.getAttribute("data-pb-status-column"));
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      return {
        row: row,
        text: fold(columns.map(function (i) { return row.cells[i].textContent; }).join(" ")),
        status: statusOf(row.cells[statusColumn]),
        label: row.cells[statusColumn].textContent.trim(),
      };
    });
    var statuses = [];
    var labels = {};
    rows.forEach(function (item) {
      if (statuses.indexOf(item.status) < 0) statuses.push(item.status);
      labels[item.status] = item.label;
    });
    var order = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      var marked = row.cells[statusColumn].querySelector("[data-sort]");
      return marked ? Number(marked.getAttribute("data-sort")) : 0;
    });
    statuses.sort(function (a, b) {
      var ia = rows.findIndex(function (r) { return r.status === a; });
      var ib = rows.findIndex(function (r) { return r.status === b; });
      return order[ia] - order[ib];
    });

    var form = document.createElement("form");
    form.className = "pb-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", say("filterTable"));
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var words = document.createElement("input");
    words.type = "search";
    words.id = "pb-filter-words";
    words.autocomplete = "off";
    words.placeholder = say("placeholder");
    var wordsLabel = document.createElement("label");
    wordsLabel.htmlFor = words.id;
    wordsLabel.textContent = say("filter");
    var status = document.createElement("select");
    status.id = "pb-filter-status";
    var statusLabel = document.createElement("label");
    statusLabel.htmlFor = status.id;
    statusLabel.textContent = say("status");
    [["", say("allStatuses")]].concat(statuses.map(function (s) { return [s, labels[s]]; }))
      .forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        status.appendChild(option);
      });
    var count = document.createElement("p");
    count.className = "pb-meta pb-filter-count";
    count.setAttribute("aria-live", "polite");
    [wordsLabel, words, statusLabel, status, count].forEach(function (el) {
      form.appendChild(el);
    });
    box.parentNode.insertBefore(form, box);

    var params = new URLSearchParams(window.location.search);
    words.value = params.get("q") || "";
    status.value = statuses.indexOf(params.get("status")) >= 0 ? params.get("status") : "";

    function apply() {
      var terms = fold(words.value).split(/\s+/).filter(Boolean);
      var wanted = status.value;
      var shown = 0;
      rows.forEach(function (item) {
        var keep = (!wanted || item.status === wanted) && terms.every(function (term) {
          return item.text.indexOf(term) >= 0;
        });
        if (item.row.hidden === keep) item.row.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = shown === rows.length
        ? count_of("people", rows.length, {})
        : count_of("peopleOf", rows.length, { shown: shown });
      var query = new URLSearchParams(window.location.search);
      if (words.value) query.set("q", words.value); else query.delete("q");
      if (wanted) query.set("status", wanted); else query.delete("status");
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      reachScrollingTables();
    }

    var timer = null;
    words.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(apply, 80);
    });
    status.addEventListener("change", apply);
    apply();
  }

  function setUp() {
    readWords();
    document.querySelectorAll(".pb-sortable table").forEach(makeSortable);
    document.querySelectorAll(".pb-filterable").forEach(makeFilterable);
    reachScrollingTables();
  }

  window.addEventListener("resize", reachScrollingTables);

  // Material's document$ emits on every page load, including instant navigation when enabled.
  if (window.document$) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
