"""One way a page's body is made, for the pages in the navigation and all the others alike: a
template that fails names the page it failed on, in one format, and the build stops cleanly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.project import make_project, mkdocs_build

BROKEN = "<h1>Broken</h1>\n<p>{{ nothing.here }}</p>\n"


@pytest.mark.parametrize(
    ("template", "page"),
    [
        ("dashboard.html.j2", "index.md"),  # in the navigation: MkDocs builds it
        ("roles.html.j2", "roles/index.md"),
        ("contact.html.j2", "contacts/"),  # out of it: the plugin renders it
        ("today.html.j2", "today.md"),
    ],
)
def test_a_failing_page_template_names_its_page(tmp_path: Path, template: str, page: str) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / template).write_text(BROKEN, encoding="utf-8")
    project = make_project(tmp_path, plugin_options={"templates_dir": str(overrides)})
    built = mkdocs_build(project, check=False)
    assert built.returncode != 0
    assert "Traceback" not in built.output
    [line] = [line for line in built.output.splitlines() if "a page template failed" in line]
    # `ERROR - PAGE: a page template failed: why`, PAGE the source path under docs_dir.
    said = re.fullmatch(r"ERROR\s+-\s+(\S+\.md): a page template failed: (.*)", line)
    assert said is not None, line
    assert said.group(1).startswith(page) and said.group(2) == "'nothing' is undefined"
