/* Interview Playbook: the Record controls of the local preview. `mkdocs serve` (with live reload,
   on a loopback address) sends this script, the page's token and the facts below with each page;
   a built site has none of them (builder/write_api.py).

   Each control posts to the write API the very command its page prints beside it
   (`data-pb-record`, made with the printed line by logic/commands.py) or the prep sheet's panel
   fields, with the version of the contact's file the page was built from (`data-pb-base`). The
   server records it through the command line's write-back; live reload then shows the change.
   The result (file written, diff) is kept in sessionStorage across that reload and shown again;
   an error shows the command line's FILE:LINE:COLUMN line, and nothing was written. */
(function () {
  "use strict";

  var factsNode = document.getElementById("playbook-record");
  var tokenNode = document.querySelector('meta[name="playbook-token"]');
  if (!factsNode || !tokenNode) return;
  var facts = JSON.parse(factsNode.textContent);
  var token = tokenNode.getAttribute("content");
  var KEPT = "playbook-record:" + location.pathname;
  var WITH_NOTE = ["thank-you", "follow-up"]; // thank-you, follow-up and keep-in-touch actions

  // The words this script shows: English, or the site's language when the facts carry them
  // (pages/script_words.py, RECORD_WORDS; a test holds the two tables equal). %(name)s in a
  // message is filled in from `values`. The menus show their values' labels, and send the values.
  var ENGLISH = {
    done: "Done",
    doneWithNote: "Done, with a note",
    save: "Save",
    saveNote: "Save the note: %(about)s",
    note: "Note",
    about: "%(button)s: %(about)s",
    logKind: "Log %(kind)s",
    setStatus: "Set %(status)s",
    set: "Set",
    setStatusOf: "Set the status of %(name)s",
    status: "Status",
    statusOf: " of %(name)s",
    notRecorded: "Not recorded; the file is as it was.",
    recorded: "Recorded. ",
    alreadyRecorded: "Already recorded. ",
    changeTo: "The change to %(file)s",
    answered: "the preview answered %(status)s",
    noAnswer: "the preview did not answer: is mkdocs serve still running?",
    record: "Record",
    logTitle: "Log what happened",
    log: "Log",
    kind: "Kind",
    date: "Date",
    scheduleTitle: "Book or move the conversation",
    book: "Book",
    when: "When (%(timezone)s)",
    minutes: "Minutes",
    medium: "Medium",
    asBooked: "as booked",
    where: "Where",
    statusTitle: "Set the status",
    setStatusButton: "Set status",
    learnedTitle: "Add what you learned",
    add: "Add",
    what: "What",
    role: "Role (its id)",
    notesTitle: "Your notes, into the log",
    saveAsNote: "Save as a note",
    notes: "Notes",
  };
  var WORDS = facts.words || {};
  var LABELS = WORDS.labels || {};

  function say(key, values) {
    return (WORDS[key] || ENGLISH[key]).replace(/%\((\w+)\)s/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }

  function labelOf(menu, value) {
    return (LABELS[menu] || {})[value] || value;
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function button(text, label) {
    var attributes = { type: "button", class: "md-button pb-button pb-record-button", text: text };
    if (label) attributes["aria-label"] = label;
    return element("button", attributes);
  }

  function send(command, fields, base) {
    var body = Object.assign({}, fields);
    delete body.command;
    if (base) body.base = base;
    return fetch(facts.api + command, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Playbook-Token": token },
      body: JSON.stringify(body),
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (answer) { return answer; }, function () {
        return { ok: false, error: say("answered", { status: response.status }) };
      });
    }, function () {
      return { ok: false, error: say("noAnswer") };
    });
  }

  // --- results ---------------------------------------------------------------------------

  function pageRegion() {
    var existing = document.getElementById("pb-record-result");
    if (existing) return existing;
    var region = element("div", {
      id: "pb-record-result", class: "pb-record-result", role: "status", tabindex: "-1",
    });
    var article = document.querySelector("article.md-content__inner") || document.body;
    var title = article.querySelector("h1");
    if (title) title.after(region); else article.prepend(region);
    return region;
  }

  function show(region, answer) {
    region.textContent = "";
    region.classList.toggle("pb-record-error", !answer.ok);
    if (!answer.ok) {
      region.appendChild(element("p", { text: say("notRecorded") }));
      region.appendChild(element("pre", {}, [element("code", { text: answer.error })]));
      return;
    }
    region.appendChild(element("p", {}, [
      element("strong", { text: say(answer.written ? "recorded" : "alreadyRecorded") }),
      document.createTextNode((answer.said || []).join("; ")),
    ]));
    if (answer.diff) {
      region.appendChild(element("details", { class: "pb-record-diff" }, [
        element("summary", { text: say("changeTo", { file: answer.file }) }),
        element("pre", {}, [element("code", { text: answer.diff })]),
      ]));
    }
  }

  function record(command, fields, base, region, controls, where) {
    controls.forEach(function (control) { control.disabled = true; });
    region.setAttribute("aria-busy", "true");
    return send(command, fields, base).then(function (answer) {
      region.removeAttribute("aria-busy");
      controls.forEach(function (control) { control.disabled = false; });
      show(region, answer);
      // Live reload brings the rebuilt page: it shows this result again, where it was asked.
      if (answer.ok && answer.written) {
        try { sessionStorage.setItem(KEPT, JSON.stringify({ where: where, answer: answer })); }
        catch (error) { /* private browsing: the reload just shows the change */ }
      }
      return answer;
    });
  }

  // --- a printed command's buttons (dashboard, Today, the board) ---------------------------

  function commandButtons(node) {
    var request = JSON.parse(node.getAttribute("data-pb-record"));
    var base = node.getAttribute("data-pb-base");
    var about = node.getAttribute("data-pb-about");
    var onBoard = node.closest(".pb-board-card");
    var text = !onBoard ? say("done")
      : request.command === "log" ? say("logKind", { kind: labelOf("kinds", request.kind) })
      : say("setStatus", { status: labelOf("statuses", request.status) });
    var box = element("span", { class: "pb-record-buttons" });
    var done = button(text, say("about", { button: text, about: about }));
    box.appendChild(done);
    var controls = [done];
    var noteForm = null;
    if (!onBoard && request.command === "log" && WITH_NOTE.indexOf(request.kind) >= 0) {
      var withNote = button(say("doneWithNote"),
        say("about", { button: say("doneWithNote"), about: about }));
      var id = "pb-note-" + request.id + "-" + request.kind;
      withNote.setAttribute("aria-expanded", "false");
      withNote.setAttribute("aria-controls", id);
      var input = element("input", { type: "text", id: id + "-text", autocomplete: "off" });
      var save = button(say("save"), say("saveNote", { about: about }));
      noteForm = element("span", { class: "pb-record-note", id: id, hidden: "" }, [
        element("label", { for: id + "-text", text: say("note") }), input, save,
      ]);
      withNote.addEventListener("click", function () {
        var open = noteForm.hidden;
        noteForm.hidden = !open;
        withNote.setAttribute("aria-expanded", String(open));
        if (open) input.focus();
      });
      var saveNote = function () {
        var fields = Object.assign({}, request, { note: input.value });
        record("log", fields, base, pageRegion(), controls, "page");
      };
      save.addEventListener("click", saveNote);
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); saveNote(); }
      });
      box.appendChild(withNote);
      controls.push(withNote, save, input);
    }
    done.addEventListener("click", function () {
      record(request.command, request, base, pageRegion(), controls, "page");
    });
    if (node.tagName === "CODE") node.after(box); else node.appendChild(box);
    if (noteForm) box.after(noteForm);
  }

  // --- the board's status menu -------------------------------------------------------------

  function statusMenu(card) {
    var id = "pb-status-" + card.getAttribute("data-pb-contact");
    var name = card.getAttribute("data-pb-name");
    var select = element("select", { id: id });
    facts.statuses.forEach(function (status) {
      var option = element("option", { value: status, text: labelOf("statuses", status) });
      if (status === card.getAttribute("data-pb-status")) option.selected = true;
      select.appendChild(option);
    });
    var set = button(say("set"), say("setStatusOf", { name: name }));
    set.addEventListener("click", function () {
      record("status", { id: card.getAttribute("data-pb-contact"), status: select.value },
        card.getAttribute("data-pb-base"), pageRegion(), [select, set], "page");
    });
    card.appendChild(element("p", { class: "pb-record-status" }, [
      element("label", { for: id }, [
        document.createTextNode(say("status")),
        element("span", { class: "pb-record-hidden", text: say("statusOf", { name: name }) }),
      ]),
      select, set,
    ]));
  }

  // --- the prep sheet's Record panel ------------------------------------------------------

  function field(form, name, label, control) {
    control.id = "pb-record-" + form + "-" + name;
    control.name = name;
    return element("p", { class: "pb-record-field" }, [
      element("label", { for: control.id, text: label }), control,
    ]);
  }

  function menu(choices, selected, blank) {
    var select = element("select");
    if (blank) select.appendChild(element("option", { value: "", text: blank }));
    facts[choices].forEach(function (value) {
      var option = element("option", { value: value, text: labelOf(choices, value) });
      if (value === selected) option.selected = true;
      select.appendChild(option);
    });
    return select;
  }

  function input(type, attributes) {
    return element("input", Object.assign({ type: type, autocomplete: "off" }, attributes || {}));
  }

  function panel(box) {
    var id = box.getAttribute("data-pb-contact");
    var base = box.getAttribute("data-pb-base");
    var region = element("div", {
      id: "pb-record-panel-result", class: "pb-record-result", role: "status", tabindex: "-1",
    });
    var forms = [
      ["log", say("logTitle"), say("log"), [
        ["kind", say("kind"), menu("kinds", "note")],
        ["date", say("date"), input("date", { value: facts.today, required: "" })],
        ["note", say("note"), input("text")],
      ]],
      ["schedule", say("scheduleTitle"), say("book"), [
        ["when", say("when", { timezone: facts.timezone }),
          input("datetime-local", { required: "" })],
        ["minutes", say("minutes"), input("number", { min: "1", max: "600" })],
        ["medium", say("medium"), menu("media", "", say("asBooked"))],
        ["where", say("where"), input("text")],
      ]],
      ["status", say("statusTitle"), say("setStatusButton"), [
        ["status", say("status"), menu("statuses", box.getAttribute("data-pb-status"))],
      ]],
      ["learned", say("learnedTitle"), say("add"), [
        ["kind", say("kind"), menu("findings", "skill")],
        ["text", say("what"), input("text", { required: "" })],
        ["note", say("note"), input("text")],
        ["role", say("role"), input("text")],
      ]],
      ["notes", say("notesTitle"), say("saveAsNote"), [
        ["note", say("notes"), element("textarea", { rows: "4", required: "" })],
      ]],
    ];
    var section = element("section", {
      class: "pb-record", "aria-labelledby": "pb-record-title",
    }, [element("h2", { id: "pb-record-title", text: say("record") }), region]);
    forms.forEach(function (spec) {
      var name = spec[0];
      var form = element("form", { class: "pb-record-form", novalidate: "" });
      var set = element("fieldset", {}, [element("legend", { text: spec[1] })]);
      spec[3].forEach(function (item) { set.appendChild(field(name, item[0], item[1], item[2])); });
      var submit = element("button", {
        type: "submit", class: "md-button pb-button pb-record-button", text: spec[2],
      });
      set.appendChild(element("p", {}, [submit]));
      form.appendChild(set);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var fields = { id: id };
        Array.prototype.forEach.call(form.elements, function (control) {
          if (!control.name || control.value === "") return;
          fields[control.name] = control.name === "minutes" ? Number(control.value) : control.value;
        });
        var command = name === "notes" ? "log" : name;
        if (name === "notes") fields.kind = "note";
        var controls = Array.prototype.slice.call(form.elements);
        record(command, fields, base, region, controls, "panel");
      });
      section.appendChild(form);
    });
    box.appendChild(section);
    box.hidden = false;
  }

  function start() {
    document.querySelectorAll("[data-pb-record]").forEach(commandButtons);
    document.querySelectorAll(".pb-board-card[data-pb-contact]").forEach(statusMenu);
    document.querySelectorAll(".pb-record-panel[data-pb-contact]").forEach(panel);
    var kept = null;
    try {
      kept = JSON.parse(sessionStorage.getItem(KEPT) || "null");
      sessionStorage.removeItem(KEPT);
    } catch (error) { kept = null; }
    if (kept) {
      var region = (kept.where === "panel" && document.getElementById("pb-record-panel-result"))
        || pageRegion();
      show(region, kept.answer);
      region.focus();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
