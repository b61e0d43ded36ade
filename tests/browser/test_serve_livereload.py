"""`make serve`'s promise: editing a contact file changes its prep sheet in the open browser."""

from __future__ import annotations

from pathlib import Path

from benchmarks.serve import mkdocs_serve

from helpers.project import make_project


def test_editing_a_contact_reloads_its_open_prep_sheet(tmp_path: Path, browser) -> None:
    project = make_project(tmp_path, copy_data=True)
    contact = project / "data" / "contacts" / "dana-ruiz.yml"
    with mkdocs_serve(project) as (base, _log):
        page = browser.new_page()
        page.goto(base + "contacts/dana-ruiz/")
        assert "Marketing Director" in page.locator("article").inner_text()
        text = contact.read_text(encoding="utf-8")
        contact.write_text(
            text.replace("title: Marketing Director", "title: Chief Brand Officer"),
            encoding="utf-8",
        )
        # No navigation from the test: the live-reload script must refresh the page by itself.
        page.wait_for_function(
            "() => document.querySelector('article')?.innerText.includes('Chief Brand Officer')",
            timeout=60_000,
        )
        page.close()
