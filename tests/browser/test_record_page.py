"""Recording from the page (issue 23), in Chromium on a real `mkdocs serve`: a Done button, the
board's buttons and the prep sheet's Record panel write the user's file through the command
line's write-back, live reload shows the change, an error shows the FILE:LINE:COLUMN line; the
controls pass axe and work from the keyboard; a page on another local port writes nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from benchmarks.serve import mkdocs_serve

from helpers.browser import DESKTOP, PHONE, artifact, serve
from helpers.project import ROOT, make_project, set_theme_language, snapshot

AXE = Axe()
COMMENT = "# Met at the alumni breakfast; prefers email\n"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A served copy of the example; Mark Cho's file has a comment of the user's."""
    project = make_project(tmp_path, copy_data=True)
    mark = project / "data" / "contacts" / "mark-cho.yml"
    lines = mark.read_text(encoding="utf-8").splitlines(keepends=True)
    mark.write_text("".join([*lines[:2], COMMENT, *lines[2:]]), encoding="utf-8")
    with mkdocs_serve(project) as (base, _log):
        yield base, project


@pytest.fixture
def german_preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A served copy of the example whose site is German (theme.language: de)."""
    project = make_project(tmp_path, copy_data=True)
    set_theme_language(project, "de")
    with mkdocs_serve(project) as (base, _log):
        yield base, project


def contact_file(project: Path, contact_id: str) -> Path:
    return project / "data" / "contacts" / f"{contact_id}.yml"


def wait_for_text(path: Path, text: str, page) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        if text in path.read_text(encoding="utf-8"):
            return
        page.wait_for_timeout(100)
    pytest.fail(f"{path.name} never said {text!r}:\n{path.read_text(encoding='utf-8')}")


def test_done_on_an_overdue_dashboard_action_records_it_and_the_page_drops_it(
    browser, preview: tuple[str, Path]
) -> None:
    base, project = preview
    mark = contact_file(project, "mark-cho")
    before = mark.read_text(encoding="utf-8")
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base)
    action = page.locator("#today-mark-cho-keep-in-touch")
    assert "overdue" in action.locator(".pb-action-line").inner_text()
    done = action.get_by_role("button", name="Done: Keep in touch, Mark Cho", exact=True)
    done.focus()  # from the keyboard
    page.keyboard.press("Enter")
    wait_for_text(mark, "kind: follow-up}", page)
    after = mark.read_text(encoding="utf-8")
    # The very line `playbook log mark-cho follow-up` writes, the user's comment intact.
    assert COMMENT in after and "status: following-up" in after
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["status: following-up", "  - {date: 2026-11-25, kind: follow-up}"]
    # Live reload brings the rebuilt dashboard: the action is gone, the result is shown.
    page.wait_for_function("() => !document.getElementById('today-mark-cho-keep-in-touch')")
    result = page.locator("#pb-record-result")
    result.wait_for()
    assert "Recorded" in result.inner_text() and "data/contacts/mark-cho.yml" in result.inner_text()
    assert page.evaluate("document.activeElement.id") == "pb-record-result"
    page.close()


def test_done_with_a_note_and_the_board_record_what_their_commands_say(
    browser, preview: tuple[str, Path]
) -> None:
    base, project = preview
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base + "today/")
    page.get_by_role("button", name="Done, with a note: Keep in touch, Mark Cho").click()
    page.get_by_label("Note", exact=True).first.fill("Sent him the campaign results")
    page.get_by_role("button", name="Save the note: Keep in touch, Mark Cho").click()
    wait_for_text(
        contact_file(project, "mark-cho"),
        "kind: follow-up, note: Sent him the campaign results}",
        page,
    )
    page.goto(base + "pipeline/")
    card = page.locator(".pb-board-card", has_text="Tom Becker")
    assert "playbook log tom-becker outreach" in card.inner_text()
    card.get_by_role("button", name="Log outreach: Next move, Tom Becker").click()
    wait_for_text(contact_file(project, "tom-becker"), "status: contacted", page)
    page.wait_for_function("() => document.getElementById('pb-record-result')")
    card = page.locator(".pb-board-card", has_text="Ben Okafor")
    card.get_by_label("Status of Ben Okafor", exact=True).select_option("closed")
    card.get_by_role("button", name="Set the status of Ben Okafor").click()
    wait_for_text(contact_file(project, "ben-okafor"), "status: closed", page)
    page.close()


def test_the_record_panel_writes_and_shows_the_line_a_refusal_names(
    browser, preview: tuple[str, Path]
) -> None:
    base, project = preview
    dana = contact_file(project, "dana-ruiz")
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base + "contacts/dana-ruiz/")
    panel = page.locator("section.pb-record")
    panel.get_by_role("heading", name="Record").wait_for()  # record.js adds it after load
    # A role nobody has: the command line's FILE:LINE:COLUMN line, the file untouched.
    before = dana.read_bytes()
    form = panel.locator("form", has_text="Add what you learned")
    form.get_by_label("Kind").select_option("skill")
    form.get_by_label("What").fill("Brand strategy")
    form.get_by_label("Role (its id)").fill("brand-marketting")
    form.get_by_role("button", name="Add").click()
    result = page.locator("#pb-record-panel-result")
    page.wait_for_function(
        "() => document.getElementById('pb-record-panel-result')?.innerText.includes('Not')"
    )
    assert re.search(
        r"data/contacts/dana-ruiz\.yml:\d+:\d+: learned\[0\]\.role", result.inner_text()
    )
    assert dana.read_bytes() == before
    # Fixed: written, and after live reload the result and its folded diff are shown again.
    form.get_by_label("Role (its id)").fill("brand-marketing")
    form.get_by_role("button", name="Add").click()
    wait_for_text(dana, "  - skill: Brand strategy\n    role: brand-marketing\n", page)
    page.wait_for_function(
        "() => document.querySelector('.pb-findings')?.innerText.includes('Brand strategy')"
    )
    result = page.locator("#pb-record-panel-result")
    assert "Recorded" in result.inner_text()
    assert (
        result.locator("details summary").inner_text()
        == "The change to data/contacts/dana-ruiz.yml"
    )
    # The Notes box, saved as a note log entry.
    notes = page.locator("section.pb-record form", has_text="Save as a note")
    notes.get_by_label("Notes").fill("Ask about the Northwind rebrand budget")
    notes.get_by_role("button", name="Save as a note").click()
    wait_for_text(dana, "kind: note, note: Ask about the Northwind rebrand budget}", page)
    page.wait_for_function(
        "() => document.querySelector('article')?.innerText.includes('Northwind rebrand budget')"
    )
    # The picture in the README: the panel with its last result and diff open.
    page.locator("#pb-record-panel-result details").evaluate("d => { d.open = true; }")
    page.evaluate("window.scrollTo(0, 0)")  # the fixed header stays at the top, out of the way
    box = page.locator("section.pb-record").bounding_box()
    assert box is not None
    page.screenshot(path=artifact("record-panel.png"), full_page=True, clip=box)
    page.close()


def test_book_and_log_from_the_panel(browser, preview: tuple[str, Path]) -> None:
    base, project = preview
    priya = contact_file(project, "priya-shah")
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base + "contacts/priya-shah/")
    form = page.locator("section.pb-record form", has_text="Book or move")
    assert "America/Chicago" in form.inner_text()
    form.get_by_label(re.compile("^When")).fill("2026-12-07T11:00")
    form.get_by_label("Minutes").fill("25")
    form.get_by_label("Medium").select_option("phone")
    form.get_by_label("Where").fill("She calls me")
    form.get_by_role("button", name="Book").click()
    wait_for_text(priya, "when: 2026-12-07T11:00:00-06:00", page)
    assert "medium: phone" in priya.read_text(encoding="utf-8")
    page.wait_for_function("() => document.querySelector('.pb-fact-when')")
    form = page.locator("section.pb-record form", has_text="Log what happened")
    assert form.get_by_label("Date").input_value() == "2026-11-25"
    form.get_by_label("Kind").select_option("reply")
    form.get_by_label("Date").fill("2026-11-24")
    form.get_by_role("button", name="Log").click()
    wait_for_text(priya, "{date: 2026-11-24, kind: reply}", page)
    page.close()


def test_the_controls_speak_the_sites_language(browser, german_preview: tuple[str, Path]) -> None:
    base, project = german_preview
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base)
    action = page.locator("#today-mark-cho-keep-in-touch")
    done = action.get_by_role("button", name="Erledigt: In Kontakt bleiben, Mark Cho", exact=True)
    assert done.inner_text() == "Erledigt"
    done.click()
    wait_for_text(contact_file(project, "mark-cho"), "kind: follow-up}", page)
    result = page.locator("#pb-record-result")
    page.wait_for_function(
        "() => (document.getElementById('pb-record-result') || {}).innerText?.includes('Ein')"
    )
    assert result.inner_text().startswith("Eingetragen.")
    page.goto(base + "pipeline/")
    card = page.locator(".pb-board-card", has_text="Tom Becker")
    # The controls come with record.js, after the page has loaded: wait for them (visible).
    card.get_by_role(
        "button", name="Kontaktaufnahme eintragen: Nächster Schritt, Tom Becker", exact=True
    ).wait_for()
    card = page.locator(".pb-board-card", has_text="Ben Okafor")
    menu = card.get_by_label("Status von Ben Okafor", exact=True)
    menu.wait_for()
    assert "abgeschlossen" in menu.inner_text() and "closed" not in menu.inner_text()
    page.goto(base + "contacts/dana-ruiz/")
    panel = page.locator("section.pb-record")
    panel.get_by_role("heading", name="Eintragen").wait_for()
    shown = panel.inner_text()
    assert "Gespräch vereinbaren oder verschieben" in shown and "Wann (America/" in shown
    english = ("Record", "Log", "Kind", "Date", "Book", "When", "Where", "Add", "What", "Notes")
    left = [word for word in english if re.search(rf"\b{word}\b", shown)]
    assert not left, f"English left in the German Record panel: {left}"
    page.close()


@pytest.mark.parametrize(
    ("scheme", "viewport"),
    [("light", DESKTOP), ("dark", DESKTOP), ("light", PHONE), ("dark", PHONE)],
    ids=["light-desktop", "dark-desktop", "light-phone", "dark-phone"],
)
def test_the_controls_pass_axe(
    browser, tmp_path_factory: pytest.TempPathFactory, scheme: str, viewport: dict[str, int]
) -> None:
    project = make_project(tmp_path_factory.mktemp("axe"), copy_data=True)
    found = []
    with mkdocs_serve(project) as (base, _log):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        page = context.new_page()
        for uri in ("", "today/", "pipeline/", "contacts/dana-ruiz/"):
            page.goto(base + uri)
            page.locator(".pb-record-button").first.wait_for()
            # Every part shown: folded messages, the note boxes, a result with its diff.
            page.evaluate(
                """() => {
                document.querySelectorAll('details').forEach(d => { d.open = true; });
                document.querySelectorAll('.pb-record-note').forEach(n => { n.hidden = false; });
            }"""
            )
            if uri.startswith("contacts/"):
                page.locator("section.pb-record form", has_text="Set the status").get_by_role(
                    "button"
                ).click()
                page.locator("#pb-record-panel-result").get_by_text("Already recorded").wait_for()
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            for violation in AXE.run(page).response["violations"]:
                nodes = [(n["target"], n["failureSummary"]) for n in violation["nodes"]]
                found.append((uri, violation["id"], nodes[:3]))
        context.close()
    assert found == [], json.dumps(found, indent=2)


EVIL = """<!doctype html><title>Another site</title><script>
window.tries = (async function (api, page) {
  const body = JSON.stringify({id: "tom-becker", kind: "note", note: "from another site"});
  const said = [];
  async function attempt(name, run) {
    try { const r = await run(); said.push(name + ": " + r.type + " " + r.status); }
    catch (error) { said.push(name + ": blocked"); }
  }
  await attempt("read the token", () => fetch(page));
  await attempt("json with a token", () => fetch(api, {method: "POST", body,
    headers: {"Content-Type": "application/json", "X-Playbook-Token": "guessed"}}));
  await attempt("plain text", () => fetch(api, {method: "POST", mode: "no-cors", body,
    headers: {"Content-Type": "text/plain"}}));
  const form = document.createElement("form");
  form.method = "POST"; form.action = api; form.enctype = "text/plain"; form.target = "sink";
  const input = document.createElement("input");
  input.name = '{"id": "tom-becker", "kind": "note", "x": "'; input.value = '"}';
  form.appendChild(input);
  const sink = document.createElement("iframe"); sink.name = "sink";
  document.body.append(sink, form);
  form.submit();
  await new Promise(resolve => sink.addEventListener("load", resolve));
  return said;
})(API, PAGE);
</script>"""


def test_a_page_on_another_local_port_writes_nothing(browser, tmp_path: Path) -> None:
    project = make_project(tmp_path, copy_data=True)
    evil = tmp_path / "evil"
    evil.mkdir()
    before = snapshot(project / "data")
    with mkdocs_serve(project) as (base, log), serve(evil) as other:
        api = base + "_playbook/api/log"
        (evil / "index.html").write_text(
            EVIL.replace("API", json.dumps(api), 1).replace("PAGE", json.dumps(base), 1),
            encoding="utf-8",
        )
        assert other.split(":")[2] != base.split(":")[2]  # 127.0.0.1, another port
        page = browser.new_page()
        page.goto(other)
        said = page.evaluate("window.tries")
        page.close()
        served = log.read_text(encoding="utf-8")
    assert said[:2] == ["read the token: blocked", "json with a token: blocked"], said
    assert snapshot(project / "data") == before
    # What reached the preview was refused: the foreign origin, and never a write.
    assert '"POST /_playbook/api/log HTTP/1.1" code 403' in served
    assert " code 200" not in "".join(line for line in served.splitlines() if "POST" in line)


def test_the_readme_shows_the_record_panel() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert '<img src="readme/record-panel.png"' in readme
    assert (ROOT / "readme" / "record-panel.png").stat().st_size < 300_000
    for needle in ("X-Playbook-Token", "/_playbook/api/", "409", "64 KiB", "playbook-token"):
        assert needle in readme, needle
