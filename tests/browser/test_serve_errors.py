"""A broken edit during `mkdocs serve`: the server stays up, the terminal and the open page name
the file and line, and fixing the file brings the site back. A real server on 127.0.0.1."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from benchmarks.serve import fetch, mkdocs_serve

from helpers.project import CONTENT, make_project, snapshot

MESSAGE = (
    "data/contacts/dana-ruiz.yml:14:9: interview.when: "
    '"next tuesday" is not a date-time; write it like 2026-12-02T15:30:00-06:00'
)


def visible(url: str) -> str:
    try:
        return unescape(re.sub(r"<[^>]+>", "", fetch(url)[1]))
    except OSError:
        return ""


def test_a_broken_edit_shows_the_error_and_a_fix_brings_the_site_back(
    tmp_path: Path, browser
) -> None:
    project = make_project(tmp_path, copy_data=True)
    contact = project / "data" / "contacts" / "dana-ruiz.yml"
    good = contact.read_text(encoding="utf-8")
    with mkdocs_serve(project) as (base, log):
        tab = browser.new_page()
        tab.goto(base + "contacts/dana-ruiz/")
        assert "Marketing Director" in tab.locator("article").inner_text()
        before = snapshot(project / "data"), snapshot(CONTENT)

        contact.write_text(
            good.replace("when: 2026-12-02T15:30:00-06:00", "when: next tuesday"),
            encoding="utf-8",
        )
        # No navigation from the test: live reload replaces the stale prep sheet by the problems.
        tab.wait_for_function(
            "m => document.querySelector('article')?.innerText.includes(m)",
            arg=MESSAGE,
            timeout=60_000,
        )
        text = tab.locator("article").inner_text()
        assert "Problems in the playbook data" in text
        assert "Marketing Director" not in text
        assert MESSAGE in visible(base)  # the dashboard too
        assert MESSAGE in log.read_text()  # and the terminal

        contact.write_text(good, encoding="utf-8")
        tab.wait_for_function(
            "() => document.querySelector('article')?.innerText.includes('Marketing Director')",
            timeout=60_000,
        )
        assert "Problems in the playbook data" not in tab.locator("article").inner_text()
        tab.close()
        assert "Traceback" not in log.read_text()
        # Nothing but our own edit (now undone byte for byte) touched data/ or content/.
        assert (snapshot(project / "data"), snapshot(CONTENT)) == before
